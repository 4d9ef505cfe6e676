import { describe, expect, it } from 'vitest';
import { FlagCriteria } from '../../../../contracts/vote-ballots';
import {
  burstCriteria,
  burstRatio,
  clusterCriteria,
  decisionsFor,
  formatCount,
  formatShareX10000,
  formatX100,
  mayAppeal,
  regionName,
  resultSteps,
} from './review-model';

const A = '01900000-0000-7000-8000-000000000001';
const B = '01900000-0000-7000-8000-000000000002';

describe('the review pages’ figures', () => {
  it('reads scores × 100 and shares × 10,000 as decimals, hidden ones as a dash', () => {
    expect(formatX100(8765)).toBe('87.65');
    expect(formatX100(10000)).toBe('100.00');
    expect(formatX100(5)).toBe('0.05');
    expect(formatX100(0)).toBe('0.00');
    expect(formatX100(null)).toBe('—');
    expect(formatShareX10000(2500)).toBe('25.00%');
    expect(formatShareX10000(10000)).toBe('100.00%');
    expect(formatCount(null)).toBe('—');
    expect(formatCount(undefined)).toBe('—');
    expect(formatCount(0)).toBe('0');
  });

  it('says how many times its mean minute a burst is', () => {
    expect(burstRatio(12, 500)).toBe('×2.4');
    expect(burstRatio(40, 400)).toBe('×10.0');
    expect(burstRatio(3, 0)).toBe('—');
  });
});

describe('flag criteria from the analytics', () => {
  it('takes a burst’s minute as [start, next minute) in the stored form, and the server’s schema accepts it', () => {
    const c = burstCriteria({ candidateId: A, minute: '2026-12-10T02:05:00Z' });
    expect(c).toEqual({
      candidateId: A,
      from: '2026-12-10T02:05:00.000Z',
      to: '2026-12-10T02:06:00.000Z',
    });
    // A vote at the minute's first millisecond is inside (text comparison, as the server does).
    expect('2026-12-10T02:05:00.000Z' >= c.from!).toBe(true);
    expect('2026-12-10T02:05:59.999Z' < c.to!).toBe(true);
    expect('2026-12-10T02:06:00.000Z' < c.to!).toBe(false);
    expect(FlagCriteria.safeParse(c).success).toBe(true);
  });

  it('names the candidate of a cluster only when all its votes went to one', () => {
    expect(clusterCriteria({ by: 'device', hash: 'd1', candidates: [{ candidateId: A }] })).toEqual({
      candidateId: A,
      deviceHashes: ['d1'],
    });
    const spread = clusterCriteria({
      by: 'ip',
      hash: 'i1',
      candidates: [{ candidateId: A }, { candidateId: B }],
    });
    expect(spread).toEqual({ ipHashes: ['i1'] });
    expect(FlagCriteria.safeParse(spread).success).toBe(true);
  });
});

describe('the steps a flag and the result allow', () => {
  it('offers zeroing only by the published rule and on a flag naming a candidate', () => {
    expect(decisionsFor({ state: 'open', candidateId: A }, true)).toEqual(['discount', 'zero', 'dismiss']);
    expect(decisionsFor({ state: 'open', candidateId: A }, false)).toEqual(['discount', 'dismiss']);
    expect(decisionsFor({ state: 'open', candidateId: null }, true)).toEqual(['discount', 'dismiss']);
    expect(decisionsFor({ state: 'decided', candidateId: A }, true)).toEqual([]);
  });

  it('lets the unit appeal a decision against its candidate once', () => {
    expect(mayAppeal({ state: 'decided', decision: 'zero', appeal: null })).toBe(true);
    expect(mayAppeal({ state: 'decided', decision: 'discount', appeal: null })).toBe(true);
    expect(mayAppeal({ state: 'decided', decision: 'dismiss', appeal: null })).toBe(false);
    expect(mayAppeal({ state: 'open', decision: null, appeal: null })).toBe(false);
    expect(mayAppeal({ state: 'decided', decision: 'zero', appeal: { state: 'submitted' } })).toBe(false);
  });

  it('computes and publishes in expert review, makes final in the notice', () => {
    expect(resultSteps('voting', null)).toEqual([]);
    expect(resultSteps('expert_review', null)).toEqual(['compute']);
    expect(resultSteps('expert_review', { publishedAt: null })).toEqual(['compute', 'publish']);
    expect(resultSteps('result_notice', { publishedAt: '2026-12-20T00:00:00Z' })).toEqual(['final']);
    expect(resultSteps('final', { publishedAt: '2026-12-20T00:00:00Z' })).toEqual([]);
  });
});

describe('server field errors in the reason dialog', async () => {
  const { ApiError } = await import('../../../api/client');
  const { asReasonErrors } = await import('./reason-errors');
  it('moves the body’s named field onto the dialog’s reason or choice, keeping the others', () => {
    const err = new ApiError(400, 'validation', 'Invalid', {
      type: 'about:blank',
      title: 'Invalid',
      status: 400,
      code: 'validation',
      errors: [
        { field: 'body.evidence', message: 'too long' },
        { field: 'body.decision', message: 'not allowed' },
        { field: 'body.criteria.candidateId', message: 'unknown' },
      ],
    });
    const moved = asReasonErrors(err, { evidence: 'reason', decision: 'kind' }) as InstanceType<
      typeof ApiError
    >;
    expect(moved.fieldErrors.map((e) => e.field)).toEqual(['reason', 'kind', 'body.criteria.candidateId']);
    expect(moved.code).toBe('validation');
    const plain = new Error('x');
    expect(asReasonErrors(plain, { evidence: 'reason' })).toBe(plain);
  });
});

describe('the tallies’ regions', () => {
  it('reads a region by its division path, province first; unknown until the path is answered', () => {
    expect(regionName([{ name: '山西省' }, { name: '太原市' }])).toBe('山西省太原市');
    expect(regionName([{ name: '山西省' }])).toBe('山西省');
    const street = [
      { name: '宁夏回族自治区' },
      { name: '吴忠市' },
      { name: '青铜峡市' },
      { name: '裕民街道' },
    ];
    expect(regionName(street)).toBe('吴忠市青铜峡市裕民街道');
    expect(regionName(street, true)).toBe('宁夏回族自治区吴忠市青铜峡市裕民街道');
    expect(regionName([])).toBeNull();
    expect(regionName(undefined)).toBeNull();
  });
});
