import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, newContext, screenshot, signInAs, startServer, type Server } from './support';

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

const NAME = '沈秋菊';
/** Today in China, where the unions work (UTC+8). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Picks an option of an antd Select by its visible text. */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

describe('Love Alliance in Chromium: help while screening, caring units and follow-up', () => {
  it('urgent help for a new household, a category template, the hospital serves a referral, a return visit, and the dashboard drills down to it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInAs(page, server.url, 'qtx_staff');

    // A new household, screened today with an urgent medical need (the screening forms have
    // their own journey; here it goes in through the same API the forms use).
    const screened = await api<{ householdId: string }>(page, 'POST', '/api/screenings', {
      clientRef: `e2e-help-${Date.now()}`,
      form: {
        method: 'home_visit',
        screenedOn: today(),
        headName: NAME,
        phone: '13995120777',
        situation: 'flexible_employment',
        divisionCode: '640381',
        addressDetail: '裕民街道朝阳社区 12 栋 502',
        householdSize: 3,
        annualIncomeFen: 1_500_000,
        rigidExpenseFen: 600_000,
        causes: ['serious_illness'],
        needs: [{ kind: 'medical', urgency: 'urgent', description: '丈夫突发脑梗住院，急需医药费' }],
      },
    });
    const householdId = screened.householdId;
    const resources = await api<{ items: { id: string; kind: string; delivered: number }[] }>(
      page,
      'GET',
      '/api/resources?kind=green_channel',
    );
    const channel = resources.items[0];
    const servedBefore = async () =>
      (
        await api<{ resources: { resourceId: string; households: number }[] }>(page, 'GET', '/api/dashboard')
      ).resources.find((r) => r.resourceId === channel.id)!.households;
    const before = await servedBefore();

    // 1. 一边摸排、一边解决: urgent help before any verification.
    await page.goto(`${server.url}/alliance/households/${householdId}`);
    await page.getByTestId('help-urgent-button').click();
    await pick(page, 'help-kind', '医疗救助');
    await page
      .locator('input[data-testid="help-value"], [data-testid="help-value"] input')
      .first()
      .fill('2000');
    await page.getByTestId('help-what').fill('住院押金临时救助');
    await page.getByTestId('help-solves').getByText('急需医药费').click();
    await page.getByTestId('help-submit').click();
    const ledger = page.getByTestId('help-ledger-table');
    await ledger.getByText('住院押金临时救助').waitFor();
    await expect(ledger.getByTestId('ledger-provisional').count()).resolves.toBe(1);
    await expect(page.getByTestId('help-total-urgent').textContent()).resolves.toContain('2,000');
    await screenshot(page, 'help-1-urgent-help');

    // 2. 同类同策: a template for newly screened seriously ill households, previewed and applied.
    const orgs = await api<{ items: { id: string; name: string }[] }>(page, 'GET', '/api/help/orgs');
    const qtx = orgs.items.find((o) => o.name === '青铜峡市总工会')!;
    const template = await api<{ id: string }>(page, 'POST', '/api/plan-templates', {
      name: '新摸排大病户：应急医疗救助',
      criteria: { causes: ['serious_illness'], archiveStates: [] },
      measures: [
        {
          kind: 'medical_aid',
          description: '大病应急医疗救助金',
          responsibleOrgId: qtx.id,
          dueInDays: 15,
          valueFen: 100_000,
        },
      ],
    });
    await page.goto(`${server.url}/alliance/plans`);
    await page.getByTestId('plans-tab-templates').click();
    await page.getByTestId(`template-preview-${template.id}`).click();
    await page.getByTestId('preview-count').waitFor();
    const toTouch = Number((await page.getByTestId('preview-count').textContent())?.match(/\d+/)?.[0]);
    expect(toTouch).toBeGreaterThan(0);
    await screenshot(page, 'help-2-template-preview');
    await page.getByTestId('preview-apply').click();
    const confirm = page.getByTestId('confirm-ok');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await page.getByTestId(`template-applied-${template.id}`).getByText(String(toTouch)).waitFor();
    // Applying again touches nobody.
    const again = await api<{ applied: number }>(
      page,
      'POST',
      `/api/plan-templates/${template.id}/apply`,
      {},
    );
    expect(again.applied).toBe(0);

    // 3. Consent naming the hospital, then a green-channel referral.
    await page.goto(`${server.url}/alliance/households/${householdId}`);
    await page.getByTestId('measure-table').getByText('大病应急医疗救助金').waitFor();
    await page.getByTestId('consent-add-button').click();
    await pick(page, 'consent-org', '青铜峡市人民医院');
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('consent-table').getByText('青铜峡市人民医院').waitFor();
    await page.getByTestId('referral-create-button').click();
    await page.getByTestId('referral-resource').click();
    await page.getByTestId(`referral-resource-option-${channel.id}`).click();
    await page.getByTestId('referral-need').fill('脑梗复查，需绿色通道优先诊治');
    await page.getByTestId('referral-submit').click();
    const referralRow = page.locator('[data-testid^="referral-row-"]').first();
    await referralRow.getByTestId('referral-state').getByText('已转介').waitFor();
    const referralId = (await referralRow.getAttribute('data-testid'))!.replace('referral-row-', '');

    // 4. The hospital accepts it and marks it delivered; it sees the name and a masked phone only.
    const hCtx = await newContext(browser);
    const hospital = await hCtx.newPage();
    await signInAs(hospital, server.url, 'rmyy_staff');
    await hospital.goto(`${server.url}/alliance/referrals`);
    const inbox = hospital.getByTestId(`referral-row-${referralId}`);
    await inbox.waitFor();
    const rowText = (await inbox.textContent()) ?? '';
    expect(rowText).toContain(NAME);
    expect(rowText).not.toContain('13995120777');
    await hospital.getByTestId(`referral-accept-${referralId}`).click();
    await hospital.getByTestId('confirm-ok').click();
    await hospital.getByTestId('referral-tab-accepted').click();
    await hospital.getByTestId(`referral-deliver-${referralId}`).click();
    await hospital.getByTestId('deliver-submit').click();
    await hospital.getByTestId('referral-tab-delivered').click();
    await hospital.getByTestId(`referral-row-${referralId}`).waitFor();
    await screenshot(hospital, 'help-3-hospital-delivered');
    await hCtx.close();

    // 5. The return visit the first help scheduled, recorded in the household's words.
    await page.reload();
    await page.getByTestId('referral-table').getByText('已服务').waitFor();
    const visitRow = page.locator('[data-testid^="visit-row-"]').first();
    await visitRow.getByTestId('visit-record-button').click();
    await page.getByTestId('visit-change-input').getByText('好转').click();
    await page.getByTestId('visit-satisfaction').locator('li').nth(4).click();
    await page.getByTestId('visit-words').fill('医院开了绿色通道，住院费也有了着落，谢谢工会。');
    await page.getByTestId('visit-submit').click();
    await visitRow.getByTestId('visit-state').getByText('已回访').waitFor();
    await screenshot(page, 'help-4-household-help');

    // 6. The dashboard counts the delivery and drills down to this household.
    await page.goto(`${server.url}/alliance/dashboard`);
    const drill = page.getByTestId(`dashboard-drill-resource-${channel.id}`);
    await drill.waitFor();
    await expect(drill.textContent()).resolves.toBe(String(before + 1));
    await screenshot(page, 'help-5-dashboard');
    await drill.click();
    await page.getByTestId('drill-drawer').waitFor();
    await page.getByTestId(`drill-row-${householdId}`).waitFor();
    await page.getByTestId(`drill-link-${householdId}`).click();
    await page.waitForURL((u) => u.pathname === `/alliance/households/${householdId}`);
    await page.getByTestId('help-ledger-table').getByText('绿色通道').first().waitFor();

    // 7. Printed on A4: the household file and the referral slip.
    await page.goto(`${server.url}/print/households/${householdId}`);
    await page.getByTestId('print-sheet').waitFor();
    await expect(page.getByTestId('print-head-name').textContent()).resolves.toContain(NAME);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'help-6-household-file-a4');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/print/referrals/${referralId}`);
    await page.getByTestId('referral-slip').waitFor();
    await screenshot(page, 'help-7-referral-slip');
    await ctx.close();
  });
});
