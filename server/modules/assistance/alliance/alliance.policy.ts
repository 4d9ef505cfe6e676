import type { PartnerKind, Situation } from '../../../../contracts/assistance';

/**
 * Who screens whom (分工), as pure rules: the seed's responsibility table, which organisations
 * may have alliance members, and how a household is routed to a responsible organisation.
 */

/** The seed's defaults (assistance.md, "Who screens whom"); a jurisdiction's own rows override them. */
export const DEFAULT_RESPONSIBILITY: Readonly<Record<Situation, PartnerKind>> = {
  union_unit_employee: 'union',
  social_org_employee: 'social_work',
  migrant_worker: 'social_work',
  flexible_employment: 'volunteer',
  special_group: 'volunteer',
  unemployed: 'volunteer',
  other: 'union',
};

/**
 * Alliance members belong to the union side (federations and grassroots unions) or to a partner
 * association. Caring units publish resources and answer referrals; they are not alliance members
 * and never screen, so they are neither member organisations nor campaign targets.
 */
export const ALLIANCE_ORG_KINDS: readonly string[] = [
  'grassroots',
  'social_work',
  'volunteer',
  'association',
  'city',
  'county',
];

export function isAllianceOrgKind(kind: string): boolean {
  return ALLIANCE_ORG_KINDS.includes(kind);
}

/** The partner kind for a situation: the jurisdiction's row if it has one, else the default. */
export function partnerKindFor(rules: ReadonlyMap<string, string>, situation: Situation): PartnerKind {
  const own = rules.get(situation);
  return own ? (own as PartnerKind) : DEFAULT_RESPONSIBILITY[situation];
}

/** The whole table in the contract's situation order, defaults filled in. */
export function responsibilityTable(
  rules: ReadonlyMap<string, string>,
): { situation: Situation; partnerKind: PartnerKind }[] {
  return (Object.keys(DEFAULT_RESPONSIBILITY) as Situation[]).map((situation) => ({
    situation,
    partnerKind: partnerKindFor(rules, situation),
  }));
}

/** The organisation kind that does a partner kind's work: the union side is the grassroots union. */
export function orgKindOf(partner: PartnerKind): string {
  return partner === 'union' ? 'grassroots' : partner;
}

export interface RoutingOrg {
  id: string;
  name: string;
  kind: string;
  status: string;
  jurisdictionId: string;
}

/**
 * The responsible organisation for a household: the screening organisation when it is of the
 * responsible kind (it already knows the household), else — for partner kinds — the first active
 * organisation of that kind in the jurisdiction, else the federation itself. The union side never
 * hands a household to some other grassroots union: a worker is only that union's member.
 */
export function chooseResponsible(
  partner: PartnerKind,
  jurisdictionId: string,
  candidates: {
    screeningOrg: RoutingOrg | undefined;
    firstOfKind: RoutingOrg | undefined;
    federation: RoutingOrg | undefined;
  },
): RoutingOrg | undefined {
  const kind = orgKindOf(partner);
  const fits = (o: RoutingOrg | undefined): o is RoutingOrg =>
    !!o && o.kind === kind && o.status === 'active' && o.jurisdictionId === jurisdictionId;
  if (fits(candidates.screeningOrg)) return candidates.screeningOrg;
  if (partner !== 'union' && fits(candidates.firstOfKind)) return candidates.firstOfKind;
  const fed = candidates.federation;
  return fed && fed.id === jurisdictionId ? fed : undefined;
}

/** ISO-8601 week of a `YYYY-MM-DD` date, e.g. `2023-W23`; computed here so both engines agree. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  // The ISO week belongs to the year of its Thursday.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The campaign area a screening's division falls in: the longest campaign area that contains it
 * (a street inside a listed county counts for that county), else its own code.
 */
export function areaOf(divisionCode: string, areas: readonly string[]): string {
  let best: string | undefined;
  for (const a of areas) {
    if (divisionCode.startsWith(a) && (!best || a.length > best.length)) best = a;
  }
  return best ?? divisionCode;
}
