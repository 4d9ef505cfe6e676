import { FEDERATION_KINDS, ORG_PARENT_KINDS, type OrgKind } from '../../../contracts/organisation';

export function isFederation(kind: string): boolean {
  return (FEDERATION_KINDS as readonly string[]).includes(kind);
}

export function canHaveParent(kind: OrgKind, parentKind: OrgKind): boolean {
  return ORG_PARENT_KINDS[kind].includes(parentKind);
}

/** Where a federation sits and which area (GB/T 2260 division) it serves. */
export interface FederationArea {
  id: string;
  path: string;
  divisionCode: string;
}

/** GB/T 2260 codes nest by prefix: two areas overlap when one code is the other or contains it. */
export function areasOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * Two active federations may not claim overlapping areas, except that a federation above another
 * in the tree may serve a strictly broader area that contains the lower one's (a city around its
 * county). Equal codes always clash. So a division is served by at most one federation at each
 * depth of nesting, and the most specific one is unique.
 */
export function areasClash(a: FederationArea, b: FederationArea): boolean {
  if (a.id === b.id || !areasOverlap(a.divisionCode, b.divisionCode)) return false;
  const above = (up: FederationArea, down: FederationArea) =>
    down.path.startsWith(up.path) && down.divisionCode.length > up.divisionCode.length;
  return !above(a, b) && !above(b, a);
}

/** Every code a division lies in, itself included: '640381100' → 64, 6403, 640381, 640381100. */
export function divisionAncestry(code: string): string[] {
  return [2, 4, 6, 9].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}
