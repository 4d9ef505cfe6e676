/**
 * Pure rules of referrals: whose consent lets a household's data go to a caring unit, and which
 * state changes a referral may make. No database, no clock: the service feeds them rows.
 */

/** Children under this age consent only through a guardian. */
export const GUARDIAN_AGE = 14;

export interface ConsentFact {
  id: string;
  orgId: string;
  /** null: the consent covers the whole household. */
  memberId: string | null;
  givenBy: string;
  revokedAt: string | null;
  /**
   * Null while a partner's record waits for its signed form or a federation confirmation; such a
   * consent does not yet let a referral go. Absent (older callers): treated as confirmed.
   */
  confirmedAt?: string | null;
}

export interface MemberFact {
  id: string;
  age: number | null;
  relation: string;
}

/** A child under 14: by age, or, with no age recorded, by relation (child or grandchild). */
export function needsGuardian(member: MemberFact | null | undefined): boolean {
  if (!member) return false;
  if (member.age !== null) return member.age < GUARDIAN_AGE;
  return member.relation === 'child' || member.relation === 'grandchild';
}

export type ConsentDecision =
  | { ok: true; consentId: string; override?: undefined }
  | { ok: true; override: true; consentId?: undefined }
  | {
      ok: false;
      code: 'referral.consent_required';
      field: 'overrideReason';
      /**
       * no_consent: nothing to go on; unconfirmed: a matching consent waits for its signed form or
       * a second person; override_not_permitted: a reason was given by a role that may not override.
       */
      why: 'no_consent' | 'unconfirmed' | 'override_not_permitted';
    };

/**
 * May the referral go to the caring unit `orgId`? An active consent naming the unit, for the whole
 * household or for the member who receives the help, lets it go; for a child under 14 only a
 * guardian's consent counts. Without one, a role holding `referral.override` may send it with a
 * reason (audited as an override); anyone else is refused.
 */
export function consentDecision(input: {
  consents: readonly ConsentFact[];
  orgId: string;
  member: MemberFact | null;
  overrideReason?: string | null;
  mayOverride: boolean;
}): ConsentDecision {
  const guardianOnly = needsGuardian(input.member);
  const fitting = input.consents.filter(
    (c) =>
      c.revokedAt === null &&
      c.orgId === input.orgId &&
      (c.memberId === null || (input.member !== null && c.memberId === input.member.id)) &&
      (!guardianOnly || c.givenBy === 'guardian'),
  );
  const found = fitting.find((c) => c.confirmedAt !== null);
  if (found) return { ok: true, consentId: found.id };
  const reason = input.overrideReason?.trim() ?? '';
  if (reason !== '' && input.mayOverride) return { ok: true, override: true };
  return {
    ok: false,
    code: 'referral.consent_required',
    field: 'overrideReason',
    why: reason !== '' ? 'override_not_permitted' : fitting.length > 0 ? 'unconfirmed' : 'no_consent',
  };
}

export type ReferralStep = 'accept' | 'decline' | 'deliver' | 'withdraw';

const STEPS: Record<ReferralStep, { from: readonly string[]; to: string; releases: boolean }> = {
  accept: { from: ['sent'], to: 'accepted', releases: false },
  decline: { from: ['sent'], to: 'declined', releases: true },
  deliver: { from: ['accepted'], to: 'delivered', releases: false },
  withdraw: { from: ['sent', 'accepted'], to: 'withdrawn', releases: true },
};

/** The state a step leads to from `state`, or null when the step is not allowed there. */
export function referralStep(step: ReferralStep, state: string): { to: string; releases: boolean } | null {
  const s = STEPS[step];
  return s.from.includes(state) ? { to: s.to, releases: s.releases } : null;
}
