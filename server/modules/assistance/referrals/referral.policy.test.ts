import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentDecision, referralStep, type ConsentFact, type MemberFact } from './referral.policy';

const UNIT = 'org-hospital';
const OTHER_UNIT = 'org-restaurant';

/**
 * The oracle, written from the rule's wording rather than from the code: a consent "counts" when
 * it is not revoked, names the caring unit, and covers the household as a whole or the member
 * who receives the help; a child (under 14 by age, or with no age a child or grandchild) is
 * covered only by a guardian's consent.
 */
function oracle(
  consents: ConsentFact[],
  member: MemberFact | null,
  reason: string | undefined,
  mayOverride: boolean,
): 'consent' | 'override' | 'refused' {
  let child = false;
  if (member) {
    if (typeof member.age === 'number') child = member.age <= 13;
    else child = ['child', 'grandchild'].indexOf(member.relation) >= 0;
  }
  let counts = 0;
  for (const c of consents) {
    const live = !c.revokedAt;
    const unit = c.orgId === UNIT;
    const covers = c.memberId == null ? true : member != null && member.id === c.memberId;
    const byWhom = child ? c.givenBy === 'guardian' : true;
    if (live && unit && covers && byWhom) counts++;
  }
  if (counts > 0) return 'consent';
  const hasReason = reason !== undefined && reason.replace(/\s+/g, '').length > 0;
  return hasReason && mayOverride ? 'override' : 'refused';
}

const memberIds = ['m-1', 'm-2'];
const arbConsent: fc.Arbitrary<ConsentFact> = fc.record({
  id: fc.uuid(),
  orgId: fc.constantFrom(UNIT, OTHER_UNIT),
  memberId: fc.constantFrom<string | null>(null, ...memberIds),
  givenBy: fc.constantFrom('self', 'guardian'),
  revokedAt: fc.constantFrom<string | null>(null, '2026-05-30T00:00:00.000Z'),
});
const arbMember: fc.Arbitrary<MemberFact | null> = fc.option(
  fc.record({
    id: fc.constantFrom(...memberIds),
    age: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
    relation: fc.constantFrom('spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'),
  }),
  { nil: null },
);
const arbReason = fc.option(fc.constantFrom('', '   ', '家长外出务工，孩子急需复查', 'x'), {
  nil: undefined,
});

describe('consentDecision', () => {
  it('agrees with the oracle over consent states, members, permission and reasons', () => {
    fc.assert(
      fc.property(
        fc.array(arbConsent, { maxLength: 5 }),
        arbMember,
        arbReason,
        fc.boolean(),
        (consents, member, reason, mayOverride) => {
          const d = consentDecision({ consents, orgId: UNIT, member, overrideReason: reason, mayOverride });
          const expected = oracle(consents, member, reason, mayOverride);
          if (expected === 'consent') {
            expect(d.ok && d.consentId).toBeTruthy();
            // The consent it names is one that really counts.
            const used = consents.find((c) => d.ok && c.id === d.consentId)!;
            expect(oracle([used], member, undefined, false)).toBe('consent');
          } else if (expected === 'override') {
            expect(d).toEqual({ ok: true, override: true });
          } else {
            expect(d).toMatchObject({
              ok: false,
              code: 'referral.consent_required',
              field: 'overrideReason',
            });
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a revoked consent or one for another unit never counts', () => {
    const child: MemberFact = { id: 'm-1', age: 9, relation: 'child' };
    expect(
      consentDecision({
        consents: [
          { id: 'a', orgId: UNIT, memberId: null, givenBy: 'guardian', revokedAt: '2026-05-01T00:00:00Z' },
          { id: 'b', orgId: OTHER_UNIT, memberId: 'm-1', givenBy: 'guardian', revokedAt: null },
        ],
        orgId: UNIT,
        member: child,
        mayOverride: false,
      }),
    ).toMatchObject({ ok: false, why: 'no_consent' });
  });

  it('a child under 14 needs a guardian; at 14 their own consent counts; no age falls back to relation', () => {
    const self: ConsentFact = { id: 's', orgId: UNIT, memberId: 'm-1', givenBy: 'self', revokedAt: null };
    const at = (age: number | null, relation = 'child') =>
      consentDecision({
        consents: [self],
        orgId: UNIT,
        member: { id: 'm-1', age, relation },
        mayOverride: false,
      }).ok;
    expect(at(13)).toBe(false);
    expect(at(14)).toBe(true);
    expect(at(null)).toBe(false);
    expect(at(null, 'grandchild')).toBe(false);
    expect(at(null, 'spouse')).toBe(true);
  });

  it('an override needs the permission and a reason; a reason without permission says so', () => {
    const base = { consents: [], orgId: UNIT, member: null };
    expect(consentDecision({ ...base, overrideReason: '急诊', mayOverride: true })).toEqual({
      ok: true,
      override: true,
    });
    expect(consentDecision({ ...base, overrideReason: '  ', mayOverride: true })).toMatchObject({
      ok: false,
      why: 'no_consent',
    });
    expect(consentDecision({ ...base, overrideReason: '急诊', mayOverride: false })).toMatchObject({
      ok: false,
      why: 'override_not_permitted',
    });
  });
});

describe('referralStep', () => {
  it('allows only the documented transitions; decline and withdraw give the places back', () => {
    expect(referralStep('accept', 'sent')).toEqual({ to: 'accepted', releases: false });
    expect(referralStep('decline', 'sent')).toEqual({ to: 'declined', releases: true });
    expect(referralStep('deliver', 'accepted')).toEqual({ to: 'delivered', releases: false });
    expect(referralStep('withdraw', 'sent')).toEqual({ to: 'withdrawn', releases: true });
    expect(referralStep('withdraw', 'accepted')).toEqual({ to: 'withdrawn', releases: true });
    for (const s of ['declined', 'withdrawn', 'delivered']) {
      for (const step of ['accept', 'decline', 'deliver', 'withdraw'] as const) {
        expect(referralStep(step, s)).toBeNull();
      }
    }
    expect(referralStep('deliver', 'sent')).toBeNull();
    expect(referralStep('decline', 'accepted')).toBeNull();
  });
});
