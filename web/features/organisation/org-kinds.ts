import { CaringKind, ORG_PARENT_KINDS, OrgKind } from '../../../contracts/organisation';

export const ORG_KINDS = OrgKind.options;
export const CARING_KINDS = CaringKind.options;

export const childKindsOf = (parent: OrgKind): OrgKind[] =>
  ORG_KINDS.filter((kind) => ORG_PARENT_KINDS[kind].includes(parent));

export const canSitUnder = (kind: OrgKind, parent: OrgKind): boolean =>
  ORG_PARENT_KINDS[kind].includes(parent);

/** Tag colours: federations in union red, grassroots in orange, partners in calmer tones. */
export const KIND_COLOR: Record<OrgKind, string> = {
  national: 'red',
  province: 'red',
  city: 'volcano',
  county: 'volcano',
  grassroots: 'orange',
  social_work: 'blue',
  volunteer: 'green',
  association: 'geekblue',
  caring_unit: 'magenta',
};
