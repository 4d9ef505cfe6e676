import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTo, campaignWithCandidates, RULES } from '../../../test/factories/vote';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let expert: Agent;
let cadre: Agent;

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  expert = await signIn(t, 'qtx_expert');
  cadre = await signIn(t, 'yx_cadre');
});
afterAll(() => t.close());

describe('the result', () => {
  it('combines cleaned votes and final expert scores by the formula, hidden until published, then final', async () => {
    const { campaignId, nominationIds, candidateIds } = await campaignWithCandidates(t, staff, expert, 3, {
      rules: {
        ...RULES,
        finalCount: 2,
        nominatedCount: 1,
        formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
      },
    });
    const [a, b, c] = candidateIds as [string, string, string];
    t.services.vote.results.useCleanTotals(async () => [
      { candidateId: a, rawVotes: 1000, discountedVotes: 0, cleanVotes: 1000, likes: 5 },
      { candidateId: b, rawVotes: 3000, discountedVotes: 1000, cleanVotes: 2000, likes: 1 },
      { candidateId: c, rawVotes: 500, discountedVotes: 0, cleanVotes: 500, likes: 0 },
    ]);
    await advanceTo(staff, campaignId, 'expert_review');
    const finals = [80, 60, 90];
    for (const [i, nid] of nominationIds.slice(0, 3).entries()) {
      const s = await expert.put(`/api/vote/nominations/${nid}/score`, {
        stage: 'final',
        criteria: { deeds: finals[i], innovation: finals[i], influence: finals[i] },
      });
      expect(s.statusCode, s.body).toBe(200);
    }
    const computed = await staff.post(`/api/vote/campaigns/${campaignId}/result/compute`);
    expect(computed.statusCode, computed.body).toBe(200);
    // showTotals 'hidden': no vote figure, rank or outcome before publication, organisers included.
    const hidden = computed.json();
    expect(hidden.totalsHidden).toBe(true);
    // The formula's working names no figure (the top candidate's clean votes) while hidden.
    expect(hidden.working).toContain('有效票 ÷ 最高有效票 × 100');
    expect(hidden.working).not.toMatch(/（\d+）|\(\d+\)/);
    expect(
      hidden.lines.every(
        (l: { cleanVotes: unknown; rank: unknown }) => l.cleanVotes === null && l.rank === null,
      ),
    ).toBe(true);
    const hiddenXlsx = await staff.get(`/api/vote/campaigns/${campaignId}/result/export`);
    const hwb = new ExcelJS.Workbook();
    await hwb.xlsx.load(hiddenXlsx.rawPayload as unknown as ArrayBuffer);
    expect(hwb.getWorksheet('评选结果')!.getRow(1).values).not.toContain('有效票');

    const published = await staff.post(`/api/vote/campaigns/${campaignId}/result/publish`, {
      version: hidden.version,
    });
    expect(published.statusCode, published.body).toBe(200);
    const r = published.json();
    expect(r.totalsHidden).toBe(false);
    expect(r.working).toContain('有效票 ÷ 最高有效票（2000） × 100');
    // a: 1000/2000×100 = 50 → 50×0.3 + 80×0.7 = 71; b: 100×0.3 + 60×0.7 = 72; c: 25×0.3 + 90×0.7 = 70.5
    expect(r.lines.map((l: { candidateId: string }) => l.candidateId)).toEqual([b, a, c]);
    expect(r.lines.map((l: { combinedX100: number }) => l.combinedX100)).toEqual([7200, 7100, 7050]);
    expect(r.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['named', 'named', 'nominated']);
    expect(r.lines[0].working).toContain('有效票 2000 = 原始 3000 − 核减 1000');
    expect(r.lines[0].working).toContain('综合 = 100.00 × 30% + 60.00 × 70% = 72.00');
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/vote/campaigns/${campaignId}/result` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().lines[0]).toMatchObject({ rawVotes: 3000, cleanVotes: 2000 });

    // The export carries the formulas.
    const xlsx = await staff.get(`/api/vote/campaigns/${campaignId}/result/export`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评选结果')!;
    expect((ws.getCell('G2').value as { formula: string }).formula).toBe('E2-F2');
    expect((ws.getCell('H2').value as { formula: string }).formula).toContain('MAX($G$2:$G$4)');
    expect((ws.getCell('J2').value as { formula: string }).formula).toBe('ROUND(H2*30/100+I2*70/100,2)');
    const exported = await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'vote.result.export')
      .where('subjectId', '=', campaignId)
      .execute();
    expect(exported).toHaveLength(2);

    // Notice: an objection, answered; recomputing is refused once published.
    const again = await staff.post(`/api/vote/campaigns/${campaignId}/result/compute`);
    expect(again.statusCode).toBe(409);
    const obj = await cadre.post(`/api/vote/campaigns/${campaignId}/objections`, {
      candidateId: b,
      text: '该候选人票数存疑',
    });
    expect(obj.statusCode, obj.body).toBe(201);
    expect(obj.json().byLabel).not.toBe('杨建国');
    const early = await staff.post(`/api/vote/campaigns/${campaignId}/result/final`, { version: r.version });
    expect(early.statusCode).toBe(409);
    const answered = await staff.post(`/api/vote/objections/${obj.json().id}/answer`, {
      answer: '经核查，已核减异常票1000票，结果不变。',
      upheld: false,
    });
    expect(answered.json()).toMatchObject({ state: 'answered', upheld: false });

    t.clock.advance(18 * 86_400_000);
    staff = await signIn(t, 'qtx_staff');
    const final = await staff.post(`/api/vote/campaigns/${campaignId}/result/final`, { version: r.version });
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json().finalAt).not.toBeNull();
    const certs = (await staff.get(`/api/vote/campaigns/${campaignId}/certificates`)).json();
    expect(certs.items.map((x: { outcome: string }) => x.outcome)).toEqual(['named', 'named', 'nominated']);
    expect((await staff.get(`/api/vote/campaigns/${campaignId}`)).json().state).toBe('final');
  });
});
