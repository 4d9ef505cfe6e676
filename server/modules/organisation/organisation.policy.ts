import { FEDERATION_KINDS, type OrgKind } from '../../../contracts/organisation';

/**
 * The shape of the union tree: national → province → city → county → grassroots, with partner
 * associations and caring units attached to a city or county federation (a community may sit
 * under its street office).
 */
const ALLOWED_PARENTS: Record<OrgKind, readonly OrgKind[]> = {
  national: [],
  province: ['national'],
  city: ['province'],
  county: ['city', 'province'],
  grassroots: ['city', 'county', 'grassroots'],
  social_work: ['city', 'county'],
  volunteer: ['city', 'county'],
  association: ['city', 'county'],
  caring_unit: ['city', 'county', 'caring_unit'],
};

export function isFederation(kind: string): boolean {
  return (FEDERATION_KINDS as readonly string[]).includes(kind);
}

export function canHaveParent(kind: OrgKind, parentKind: OrgKind): boolean {
  return ALLOWED_PARENTS[kind].includes(parentKind);
}

export function allowedParentKinds(kind: OrgKind): readonly OrgKind[] {
  return ALLOWED_PARENTS[kind];
}
