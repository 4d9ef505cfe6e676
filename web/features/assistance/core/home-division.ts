import { useMemo } from 'react';
import type { Organisation } from '../../../../contracts/organisation';
import { useMe } from '../../../components/session/hooks';
import { useOrgs } from '../../../components/orgs';

/**
 * Where the user works: the county of their organisation (a street-level union gives its
 * county and its own street). Screenings, campaign areas and area filters offer its streets.
 */
export function useHomeDivision(): {
  base: string | undefined;
  street: string | undefined;
  baseName: string;
} {
  const me = useMe().data;
  const orgs = useOrgs();
  return useMemo(() => {
    const mine = orgs.data?.find((org) => org.id === me?.orgId);
    if (!mine) return { base: undefined, street: undefined, baseName: '' };
    const code = mine.divisionCode;
    const base = code.length > 6 ? code.slice(0, 6) : code;
    const names = mine.divisionName.split(/\s+/).filter(Boolean);
    const baseName = code.length > 6 ? (names[names.length - 2] ?? '') : (names[names.length - 1] ?? '');
    return { base, street: code.length > 6 ? code : undefined, baseName };
  }, [orgs.data, me?.orgId]);
}

/** Organisations that take part in the alliance: the union side and the partner associations. */
const ALLIANCE_KINDS: readonly Organisation['kind'][] = [
  'city',
  'county',
  'grassroots',
  'social_work',
  'volunteer',
  'association',
];

export function useAllianceOrgs(): { orgs: Organisation[]; loading: boolean } {
  const orgs = useOrgs();
  const me = useMe().data;
  return useMemo(() => {
    const mine = orgs.data?.find((org) => org.id === me?.orgId);
    const list = (orgs.data ?? []).filter(
      (org) =>
        ALLIANCE_KINDS.includes(org.kind) &&
        org.status === 'active' &&
        (!mine || org.jurisdictionId === mine.jurisdictionId),
    );
    return { orgs: list, loading: orgs.isPending };
  }, [orgs.data, orgs.isPending, me?.orgId]);
}
