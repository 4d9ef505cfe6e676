import type { z } from 'zod';
import type { AllianceMember, Campaign } from '../../../../contracts/assistance';

/** An alliance member with the organisation it belongs to (the scope columns come from there). */
export interface MemberRecord {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  orgJurisdictionId: string;
  name: string;
  title: string | null;
  phoneEnc: string | null;
  username: string | null;
  status: string;
  joinedOn: string;
  version: number;
}

export interface CampaignRecord {
  id: string;
  jurisdictionId: string;
  /** The owning federation's path, for the record scope. */
  orgPath: string;
  name: string;
  startsOn: string;
  endsOn: string;
  areas: string;
  version: number;
}

export interface TargetRecord {
  campaignId: string;
  orgId: string;
  orgName: string;
  target: number;
}

/** `phoneMasked` is computed by the caller: only the service holds the cipher. */
export function toAllianceMember(
  row: MemberRecord,
  phoneMasked: string | null,
): z.infer<typeof AllianceMember> {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    title: row.title,
    phoneMasked,
    username: row.username,
    status: row.status as 'active' | 'left',
    joinedOn: row.joinedOn,
    version: row.version,
  };
}

export function toCampaign(row: CampaignRecord, targets: TargetRecord[]): z.infer<typeof Campaign> {
  return {
    id: row.id,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    areas: JSON.parse(row.areas) as string[],
    targets: targets.map((t) => ({ orgId: t.orgId, orgName: t.orgName, target: Number(t.target) })),
    version: row.version,
  };
}
