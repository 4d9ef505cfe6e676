import { FEDERATION_KINDS, ORG_PARENT_KINDS, type OrgKind } from '../../../contracts/organisation';

export function isFederation(kind: string): boolean {
  return (FEDERATION_KINDS as readonly string[]).includes(kind);
}

export function canHaveParent(kind: OrgKind, parentKind: OrgKind): boolean {
  return ORG_PARENT_KINDS[kind].includes(parentKind);
}
