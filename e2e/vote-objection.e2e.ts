import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, launchBrowser, newContext, screenshot, signInAs, startServer, type Server } from './support';

/**
 * 公示期异议 in Chromium (issue 12): the demo's 2023 山西 campaign is in its result notice. A worker
 * on the roll (王建明, 13903510001) at phone width opens the published result, signs in with a
 * code, is told which field is wrong when the text is empty or too long, lodges an objection
 * about a candidate and sees it waiting; the organiser (sx_staff) sees it on the result page,
 * answers it, and the worker reads the answer on the phone. The organiser's tallies name each
 * region rather than its code.
 */
let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const TITLE = '2023年山西“新时代最美劳动者”推选活动';

describe('objections to the published result: a worker on the phone, the organiser answers', () => {
  let campaignId = '';
  let objectionId = '';
  let candidateName = '';
  const text = '据我了解，该候选人事迹材料中“带徒四十余人”与实际不符，车间实际带徒不到二十人，请核实。';

  it('at phone width a signed-in worker objects about a listed candidate during the notice', async () => {
    const sCtx = await newContext(browser);
    const staff = await sCtx.newPage();
    await signInAs(staff, server.url, 'sx_staff');
    const list = await api<{ items: { id: string; title: string; state: string }[] }>(
      staff,
      'GET',
      '/api/vote/campaigns?pageSize=50',
    );
    const campaign = list.items.find((c) => c.title === TITLE)!;
    expect(campaign.state).toBe('result_notice');
    campaignId = campaign.id;
    await sCtx.close();

    const ctx = await newContext(browser, { phone: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/v/${campaignId}/result`);
    await page.getByTestId('result-lines').locator('li').first().waitFor();
    await page.getByTestId('result-notice-open').waitFor();
    await screenshot(page, 'vote-objection-1-result-notice-open');

    // From the third candidate's line: the objection page, signed out, asks for a sign-in.
    const third = page.getByTestId('result-object-3');
    candidateName = ((await third.textContent()) ?? '').replace(/^对 | 提出异议$/g, '');
    await third.click();
    await page.getByTestId('objection-sign-in').waitFor();
    await page.getByTestId('objection-sign-in').click();
    await page.getByTestId('worker-phone').fill('13903510001');
    await page.getByTestId('worker-send-code').click();
    await page.getByTestId('worker-code').waitFor();
    let code: string | undefined;
    for (let i = 0; i < 40 && !code; i++) {
      code = server.lastSmsCode();
      if (!code) await page.waitForTimeout(250);
    }
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('worker-code').fill(code!);
    await page.getByTestId('worker-sign-in').click();
    // Back on the objection page, the candidate chosen from the line.
    await page.waitForURL((u) => u.pathname.startsWith(`/v/${campaignId}/objections/`));
    await page.getByTestId('objection-form').waitFor();
    const chosen = await page
      .getByTestId('objection-candidate')
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    expect(chosen).toContain(candidateName);
    await page.getByText('您还没有提出过异议。').waitFor();

    // An empty text: refused on the phone, the field named.
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-text-error').filter({ hasText: '异议内容：请填写。' }).waitFor();
    await expect(page.getByTestId('objection-text').getAttribute('aria-invalid')).resolves.toBe('true');
    // A text over the contract's bound: refused by the server, the field named in plain words.
    await page.getByTestId('objection-text').fill('很'.repeat(2001));
    await page.getByTestId('objection-submit').click();
    await page
      .getByTestId('objection-text-error')
      .filter({ hasText: '异议内容：写得太长了，请删短一些再提交。' })
      .waitFor();
    await screenshot(page, 'vote-objection-2-field-refused');

    await page.getByTestId('objection-text').fill(text);
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-sent').filter({ hasText: '您的异议已提交' }).waitFor();
    await expect(page.getByTestId('objection-text-error').count()).resolves.toBe(0);
    const mine = page.getByTestId('my-objections').locator('li');
    await mine.first().waitFor();
    await expect(mine.count()).resolves.toBe(1);
    await expect(mine.first().getByTestId('objection-state').textContent()).resolves.toBe('等待答复');
    await expect(mine.first().textContent()).resolves.toContain(candidateName);
    objectionId = ((await mine.first().getAttribute('data-testid')) ?? '').replace('my-objection-', '');
    expect(objectionId).not.toBe('');
    await screenshot(page, 'vote-objection-3-sent-waiting');

    // In 大字 the page still reads, nothing hidden sideways.
    await page.getByTestId('v-large-text').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'vote-objection-4-large-text');
    await ctx.close();
  });

  it('at desktop width the organiser sees the objection (the author masked) and answers it; the worker reads the answer', async () => {
    const ctx = await newContext(browser);
    const staff = await ctx.newPage();
    await signInAs(staff, server.url, 'sx_staff');
    await staff.goto(`${server.url}/vote/campaigns/${campaignId}/result`);
    const objections = staff.getByTestId('objections');
    await objections.getByText(text).waitFor();
    // The worker is shown as a tier, never by name or number.
    await expect(objections.textContent()).resolves.toContain('会员职工');
    await expect(objections.textContent()).resolves.not.toContain('王建明');
    await expect(objections.textContent()).resolves.not.toContain('13903510001');
    await screenshot(staff, 'vote-objection-5-organiser-sees');
    await staff.getByTestId(`objection-answer-${objectionId}`).click();
    await staff.getByTestId('objection-upheld').getByText('不成立').click();
    await staff
      .getByTestId('reason-input')
      .fill('经向所在单位核实，带徒人数有花名册为证，共四十二人，材料属实，异议不成立。');
    await staff.getByTestId('reason-submit').click();
    await staff.getByTestId('reason-input').waitFor({ state: 'detached' });
    await staff.getByTestId(`objection-answer-${objectionId}`).waitFor({ state: 'detached' });
    await screenshot(staff, 'vote-objection-6-organiser-answered');

    // The tallies name their regions (山西's cities), not the codes.
    await staff.goto(`${server.url}/vote/campaigns/${campaignId}/tallies`);
    const regions = staff.getByTestId('tally-regions');
    await regions.getByText('太原市', { exact: false }).first().waitFor();
    await expect(regions.textContent()).resolves.not.toMatch(/\b14\d{4,7}\b/);
    await screenshot(staff, 'vote-objection-7-tallies-region-names');
    await ctx.close();

    // The worker, on the phone again (the session kept): the answer under my objections.
    const phone = await newContext(browser, { phone: true });
    const page = await phone.newPage();
    await page.goto(`${server.url}/v/${campaignId}/objections`);
    await page.getByTestId('objection-sign-in').waitFor();
    await page.getByTestId('objection-sign-in').click();
    await page.getByTestId('worker-phone').fill('13903510001');
    const before = server.lastSmsCode();
    await page.getByTestId('worker-send-code').click();
    await page.getByTestId('worker-code').waitFor();
    let code = server.lastSmsCode();
    for (let i = 0; i < 40 && (!code || code === before); i++) {
      await page.waitForTimeout(250);
      code = server.lastSmsCode();
    }
    await page.getByTestId('worker-code').fill(code!);
    await page.getByTestId('worker-sign-in').click();
    const item = page.getByTestId(`my-objection-${objectionId}`);
    await item.waitFor();
    await expect(item.getByTestId('objection-state').textContent()).resolves.toBe('已答复：异议不成立');
    await expect(item.getByTestId('objection-answer').textContent()).resolves.toContain('材料属实');
    await screenshot(page, 'vote-objection-8-worker-reads-answer');

    // A candidate's own page leads to the objection about that candidate too.
    await page.goto(`${server.url}/v/${campaignId}`);
    await page.getByTestId('candidate-3').locator('a').first().click();
    await page.getByTestId('candidate-object').click();
    await page.waitForURL((u) => /\/objections\/[\w-]+$/.test(u.pathname));
    await page.getByTestId('objection-form').waitFor();
    await expect(
      page
        .getByTestId('objection-candidate')
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).resolves.toContain(candidateName);
    await phone.close();
  });
});
