// The membership roll's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case).

/** 会员: one person on a unit union's roll. Identifiers encrypted, found by their blind index. */
export interface MemberTable {
  id: string;
  /** The unit union (grassroots organisation) the member belongs to. */
  orgId: string;
  name: string;
  idNumberEnc: string;
  idNumberBidx: string;
  /** Last 4 characters of the ID number, for the masked list (never the whole number). */
  idNumberTail: string;
  phoneEnc: string;
  phoneBidx: string;
  phoneTail: string;
  cardNumber: string | null;
  gender: 'male' | 'female' | null;
  joinedOn: string;
  state: 'active' | 'left';
  leftOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** A move of a member from one unit union to another. */
export interface MemberTransferTable {
  id: string;
  memberId: string;
  fromOrgId: string;
  toOrgId: string;
  at: string;
  by: string;
  reason: string;
}

export interface RollTables {
  member: MemberTable;
  memberTransfer: MemberTransferTable;
}
