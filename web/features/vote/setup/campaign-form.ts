import dayjs, { type Dayjs } from 'dayjs';
import {
  CampaignBody,
  CampaignUpdateBody,
  TIMELINE_STEPS,
  type CampaignState,
  type CampaignTimeline,
} from '../../../../contracts/vote';
import { shanghaiWallClockToIso, TIME_ZONE } from '../../../components/format';
import type { Campaign } from './api';

/**
 * The campaign form's model: the values antd holds (dates as Beijing wall-clock Dayjs, the
 * shortlist factor as 1.2 rather than 12 tenths), the request body they make, the campaign they
 * come from, and where a server's (or the contract's) field error goes on the form.
 */

type Step = (typeof TIMELINE_STEPS)[number];
export type TimelineValues = Record<Step, Dayjs | null | undefined>;

export interface RulesValues {
  candidatesPerDay: number | null;
  likesPerDay: number | null;
  tiersCounted: ('member' | 'public')[];
  showTotals: 'live' | 'hidden';
  formula: { publicWeight: number | null; expertWeight: number | null; normalisation: 'max' | 'share' };
  /** The shortlist factor as shown (1.2); the body carries tenths (12). */
  shortlistFactor: number | null;
  finalCount: number | null;
  nominatedCount: number | null;
  allowOnlineRecommendation: boolean;
  allowSelfNomination: boolean;
  zeroOnConfirmedFraud: boolean;
}

export interface CampaignValues {
  orgId?: string;
  kind: 'model_worker' | 'craftsman' | 'other';
  title: string;
  year: number | null;
  summary?: string;
  coOrganisers: string[];
  timeline: TimelineValues;
  rules: RulesValues;
}

/** A form field's path (antd NamePath). */
export type FieldPath = (string | number)[];

const DAY_MS = 86_400_000;

/** A step of the timeline as the picker shows it: the instant in Beijing wall-clock time. */
export const toPicker = (iso: string): Dayjs => dayjs(iso).tz(TIME_ZONE);

/** A fresh campaign: nominations from this hour (open at once) for a week, then each step in turn. */
export function defaultValues(orgId: string | undefined, now: Date): CampaignValues {
  const start = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const offsets: Record<Step, number> = {
    nominationOpens: 0,
    nominationCloses: 7,
    reviewCloses: 10,
    votingOpens: 14,
    votingCloses: 21,
    expertReviewCloses: 24,
    noticeOpens: 25,
    noticeCloses: 32,
  };
  const timeline = Object.fromEntries(
    TIMELINE_STEPS.map((k) => [k, toPicker(new Date(start + offsets[k] * DAY_MS).toISOString())]),
  ) as TimelineValues;
  return {
    orgId,
    kind: 'model_worker',
    title: '',
    year: Number(toPicker(now.toISOString()).format('YYYY')),
    summary: '',
    coOrganisers: [],
    timeline,
    rules: {
      candidatesPerDay: 10,
      likesPerDay: 20,
      tiersCounted: ['member', 'public'],
      showTotals: 'hidden',
      formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
      shortlistFactor: 1.2,
      finalCount: 10,
      nominatedCount: 0,
      allowOnlineRecommendation: false,
      allowSelfNomination: false,
      zeroOnConfirmedFraud: true,
    },
  };
}

/** The form's values of an existing campaign. */
export function valuesOf(c: Campaign): CampaignValues {
  const r = c.rules;
  return {
    orgId: c.orgId,
    kind: c.kind,
    title: c.title,
    year: c.year,
    summary: c.summary,
    coOrganisers: [...c.coOrganisers],
    timeline: Object.fromEntries(TIMELINE_STEPS.map((k) => [k, toPicker(c.timeline[k])])) as TimelineValues,
    rules: {
      candidatesPerDay: r.candidatesPerDay,
      likesPerDay: r.likesPerDay,
      tiersCounted: [...r.tiersCounted],
      showTotals: r.showTotals,
      formula: { ...r.formula },
      shortlistFactor: r.shortlistFactorTenths / 10,
      finalCount: r.finalCount,
      nominatedCount: r.nominatedCount,
      allowOnlineRecommendation: r.allowOnlineRecommendation,
      allowSelfNomination: r.allowSelfNomination,
      zeroOnConfirmedFraud: r.zeroOnConfirmedFraud,
    },
  };
}

/** Not a number: left as NaN so the contract refuses it and names the field. */
const num = (v: number | null | undefined): number => (typeof v === 'number' ? v : Number.NaN);

function timelineOf(t: TimelineValues): Record<Step, string> {
  return Object.fromEntries(
    TIMELINE_STEPS.map((k) => {
      const v = t[k];
      return [k, v ? shanghaiWallClockToIso(v) : ''];
    }),
  ) as Record<Step, string>;
}

function rulesOf(r: RulesValues) {
  return {
    votesPerCandidatePerDay: 1,
    candidatesPerDay: num(r.candidatesPerDay),
    likesPerDay: num(r.likesPerDay),
    tiersCounted: r.tiersCounted,
    showTotals: r.showTotals,
    formula: {
      publicWeight: num(r.formula.publicWeight),
      expertWeight: num(r.formula.expertWeight),
      normalisation: r.formula.normalisation,
    },
    shortlistFactorTenths:
      typeof r.shortlistFactor === 'number' ? Math.round(r.shortlistFactor * 10) : Number.NaN,
    finalCount: num(r.finalCount),
    nominatedCount: num(r.nominatedCount),
    allowOnlineRecommendation: r.allowOnlineRecommendation,
    allowSelfNomination: r.allowSelfNomination,
    zeroOnConfirmedFraud: r.zeroOnConfirmedFraud,
  };
}

const clean = (xs: string[]) => xs.map((x) => x.trim()).filter((x) => x !== '');

/** A field error on the form: its path and the text (the contract's English, or a code's words). */
export interface FormFieldError {
  path: FieldPath;
  message: string;
}

export type Checked<T> = { ok: true; body: T } | { ok: false; errors: FormFieldError[] };

/** The contract's issues as form fields (`rules.shortlistFactorTenths` is the form's shortlistFactor). */
function issuesToFields(issues: { path: PropertyKey[]; message: string }[]): FormFieldError[] {
  const out: FormFieldError[] = [];
  for (const issue of issues) {
    const path = fieldPathFor(issue.path.map(String).join('.'));
    if (path) out.push({ path, message: issue.message });
  }
  return out;
}

/** A new campaign's body, checked against the contract before it leaves. */
export function createBody(v: CampaignValues): Checked<CampaignBody> {
  const parsed = CampaignBody.safeParse({
    orgId: v.orgId ?? '',
    coOrganisers: clean(v.coOrganisers),
    kind: v.kind,
    title: v.title ?? '',
    year: num(v.year),
    summary: v.summary ?? '',
    timeline: timelineOf(v.timeline),
    rules: rulesOf(v.rules),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: issuesToFields(parsed.error.issues) };
}

/**
 * A change's body: the words always; the rules and timeline only while they are not frozen (the
 * server refuses them after, and the form shows them read-only).
 */
export function updateBody(v: CampaignValues, version: number, frozen: boolean): Checked<CampaignUpdateBody> {
  const parsed = CampaignUpdateBody.safeParse({
    version,
    coOrganisers: clean(v.coOrganisers),
    title: v.title ?? '',
    summary: v.summary ?? '',
    ...(frozen ? {} : { timeline: timelineOf(v.timeline), rules: rulesOf(v.rules) }),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: issuesToFields(parsed.error.issues) };
}

/** The form's fields (the paths useCampaignErrors may mark). */
export const CAMPAIGN_FIELDS: FieldPath[] = [
  ['orgId'],
  ['kind'],
  ['title'],
  ['year'],
  ['summary'],
  ['coOrganisers'],
  ...TIMELINE_STEPS.map((k) => ['timeline', k]),
  ['rules', 'candidatesPerDay'],
  ['rules', 'likesPerDay'],
  ['rules', 'tiersCounted'],
  ['rules', 'showTotals'],
  ['rules', 'formula', 'publicWeight'],
  ['rules', 'formula', 'expertWeight'],
  ['rules', 'formula', 'normalisation'],
  ['rules', 'shortlistFactor'],
  ['rules', 'finalCount'],
  ['rules', 'nominatedCount'],
  ['rules', 'allowOnlineRecommendation'],
  ['rules', 'allowSelfNomination'],
  ['rules', 'zeroOnConfirmedFraud'],
];

const ALIASES: Record<string, string> = {
  'rules.shortlistFactorTenths': 'rules.shortlistFactor',
  'rules.formula': 'rules.formula.expertWeight',
};

/**
 * The form field a server field (`body.rules.formula.expertWeight`) or a contract path
 * (`coOrganisers.2`) belongs to, or null for one the form does not show (then only the toast
 * and the page's alert say it: `body.rules` when the rules are frozen).
 */
export function fieldPathFor(serverField: string): FieldPath | null {
  const bare = serverField.replace(/^body\./, '');
  const known = new Set(CAMPAIGN_FIELDS.map((p) => p.join('.')));
  const parts = bare.split('.');
  // The longest known prefix: coOrganisers.2 → coOrganisers; rules.tiersCounted.0 → rules.tiersCounted.
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    const name = ALIASES[prefix] ?? prefix;
    if (known.has(name)) return name.split('.');
  }
  return null;
}

/** The seven stages of the timeline, as the campaign page's Steps shows them. */
export const TIMELINE_STAGES = [
  'nomination',
  'review',
  'display',
  'voting',
  'expertReview',
  'notice',
  'objections',
] as const;
export type TimelineStage = (typeof TIMELINE_STAGES)[number];

/** Each stage's window on the timeline (from, to). */
export function stageWindow(t: CampaignTimeline, stage: TimelineStage): [string, string] {
  switch (stage) {
    case 'nomination':
      return [t.nominationOpens, t.nominationCloses];
    case 'review':
      return [t.nominationCloses, t.reviewCloses];
    case 'display':
      return [t.reviewCloses, t.votingOpens];
    case 'voting':
      return [t.votingOpens, t.votingCloses];
    case 'expertReview':
      return [t.votingCloses, t.expertReviewCloses];
    case 'notice':
      return [t.noticeOpens, t.noticeCloses];
    case 'objections':
      return [t.noticeOpens, t.noticeCloses];
  }
}

/**
 * The stage a campaign is in (the Steps' current index): draft before the first, final after the
 * last (every stage done); objections are taken during the result notice. Cancelled: null.
 */
export function currentStage(state: CampaignState): number | null {
  switch (state) {
    case 'draft':
      return -1;
    case 'nominating':
      return 0;
    case 'reviewing':
      return 1;
    case 'displaying':
      return 2;
    case 'voting':
      return 3;
    case 'expert_review':
      return 4;
    case 'result_notice':
      return 5;
    case 'final':
      return TIMELINE_STAGES.length;
    case 'cancelled':
      return null;
  }
}
