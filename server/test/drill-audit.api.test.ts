import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRowsAfter,
  compareRows,
  maxSeq,
  scenarioAgents,
  scenarioRound,
  scenarioSetup,
  tamper,
  updateRefused,
  type ScenarioResult,
} from '../../drills/lib/audit-scenario';
import { createTestApp, signIn, type TestApp } from './test-app';
import { testEngine } from './test-database';

/**
 * The quick profile of the F-8 drill (drills/f8.ts) in the suite: one scripted round leaves
 * exactly its audit rows; an attacker's one-byte change past the trigger is caught by the verify
 * route. The standalone drill adds `npm run audit:verify` in a child process and the demo seed.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('F-8 drill (quick)', () => {
  let seqs: number[] = [];

  it('N scripted reveals, exports and changes leave exactly N audit rows, each right', async () => {
    const u = await scenarioAgents(t);
    const { resourceId } = await scenarioSetup(u);
    const before = await maxSeq(t.platform.db);
    const out: ScenarioResult = { expected: [], refused: 0, revealed: [] };
    await scenarioRound(u, 1, resourceId, out);
    const rows = await auditRowsAfter(t.platform.db, before);
    expect(out.expected.length).toBe(14);
    expect(compareRows(rows, out.expected, out.revealed)).toEqual([]);
    seqs = rows.map((r) => Number(r.seq));
  });

  it('a one-byte change past the trigger is named by GET /api/audit/verify', async () => {
    const auditor = await signIn(t, 'auditor');
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
    const victim = seqs[Math.floor(seqs.length / 2)];
    expect(await updateRefused(t.platform.db, victim)).toBe(true);
    if (testEngine() === 'sqlite') await tamper({ engine: 'sqlite', db: t.platform.db }, victim);
    else
      await tamper(
        { engine: 'postgres', url: process.env.TEST_DATABASE_URL!, schema: t.platform.database.schema! },
        victim,
      );
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({
      ok: false,
      brokenAt: victim,
      reason: 'row altered',
    });
  });
});
