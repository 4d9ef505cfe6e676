import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot, signInAs, startServer, type Server } from './support';

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

const NAME = '白玉兰';
const ADDRESS = '朝阳社区 9 栋 301';

/** The phone form, step by step, as a screener fills it in one-handed. */
async function screenOnPhone(page: Page, phone: string): Promise<void> {
  await page.goto(`${server.url}/m/screen`);
  await page.getByTestId('m-head-name').fill(NAME);
  await page.getByTestId('m-phone').fill(phone);
  await page.getByTestId('m-situation').selectOption('flexible_employment');
  await page.getByTestId('m-division').selectOption({ label: '裕民街道' });
  await page.getByTestId('m-address').fill(ADDRESS);
  await page.getByTestId('m-next').click();
  await page.getByTestId('m-size').fill('3'); // members: none listed
  await page.getByTestId('m-next').click();
  await page.getByTestId('m-income').fill('12000');
  await page.getByTestId('m-expense').fill('3000');
  await page.getByTestId('m-cause-serious_illness').click();
  await page.getByTestId('m-next').click(); // needs: none urgent
  await page.getByTestId('m-next').click(); // leads, method and date: defaults
  await page.getByTestId('m-next').click(); // review
  await page.getByTestId('m-submit').click();
  await page.getByTestId('m-result').waitFor();
}

/** The reviewer's queue: archives reported up and waiting for a decision. */
async function showReported(page: Page): Promise<void> {
  await page.getByTestId('archive-filter-state').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已上报' })
    .first()
    .click();
}

describe('Love Alliance in Chromium: from screening to an approved archive', () => {
  it('a volunteer and a social worker screen the same family; staff merge, verify, archive; the reviewer returns, then approves', async () => {
    // 1. A volunteer on a phone.
    const vCtx = await newContext(browser, { phone: true });
    const v = await vCtx.newPage();
    await signInAs(v, server.url, 'cy_volunteer');
    await screenOnPhone(v, '13700000001');
    expect(await v.getByTestId('m-result').textContent()).toContain('新建');
    await screenshot(v, 'alliance-1-volunteer-phone-result');
    await vCtx.close();

    // 2. A social worker screens the same family (another phone, no ID number): a near match.
    const sCtx = await newContext(browser, { phone: true });
    const s = await sCtx.newPage();
    await signInAs(s, server.url, 'gx_social');
    await screenOnPhone(s, '13700000002');
    expect(await s.getByTestId('m-result').textContent()).toContain('疑似重复');
    await sCtx.close();

    // 3. Federation staff merge the pair.
    const fCtx = await newContext(browser);
    const f = await fCtx.newPage();
    await signInAs(f, server.url, 'qtx_staff');
    await f.goto(`${server.url}/alliance/merges`);
    const pair = f.locator('[data-testid^="merge-pair-"]', { hasText: NAME }).first();
    await pair.waitFor();
    await screenshot(f, 'alliance-2-merge-queue');
    await pair.getByTestId('merge-keep-a').click();
    await f.getByTestId('confirm-ok').click();
    await expect.poll(() => f.locator('[data-testid^="merge-pair-"]', { hasText: NAME }).count()).toBe(0);

    // 4. Staff find the household, verify it and archive it with the calculator's working on screen.
    await f.goto(`${server.url}/alliance/households`);
    await f.getByTestId('hh-search').fill(NAME);
    await f.getByTestId('hh-search').press('Enter');
    await f.locator('[data-testid^="hh-row-"]', { hasText: NAME }).first().locator('a').first().click();
    await f.getByTestId('hh-title').waitFor();
    expect(await f.locator('[data-testid^="timeline"]').first().textContent()).toBeTruthy();
    await f.getByTestId('hh-action-verify').click();
    // The dialog is still animating in when it first appears: tick until the box is checked.
    const consent = f.getByTestId('verify-consent');
    await expect
      .poll(async () => {
        if (!(await consent.isChecked())) await consent.click().catch(() => undefined);
        return consent.isChecked();
      })
      .toBe(true);
    await f.getByTestId('verify-submit').click();
    await expect.poll(() => f.getByTestId('hh-state').textContent()).toContain('核实');
    await expect.poll(() => f.getByTestId('calc-verdict').getAttribute('data-category')).toBe('deep');
    // (12000 − 3000) ÷ 12 ÷ 3 = 250.00 per person per month
    expect(await f.getByTestId('calc-panel').textContent()).toContain('250.00');
    await screenshot(f, 'alliance-3-calculator');
    await f.getByTestId('hh-action-archive').click();
    await f.getByTestId('archive-submit').click();
    await expect.poll(() => f.getByTestId('hh-archive-no').textContent()).toMatch(/640381-\d{4}-\d{5}/);
    await f.getByTestId('hh-action-report').click();
    await f.getByTestId('confirm-ok').click();
    await expect.poll(() => f.getByTestId('archive-state').textContent()).toContain('已上报');
    const householdUrl = f.url();

    // 5. The upper-federation reviewer returns it with a reason.
    const rCtx = await newContext(browser);
    const r = await rCtx.newPage();
    await signInAs(r, server.url, 'nx_reviewer');
    await r.goto(`${server.url}/alliance/archives`);
    await showReported(r);
    await r.locator('tr', { hasText: NAME }).first().locator('[data-testid^="archive-open-"]').click();
    await r.getByTestId('archive-drawer').waitFor();
    await r.getByTestId('archive-return-reason').fill('请补充医疗费用票据');
    await screenshot(r, 'alliance-4-reviewer-returning');
    await r.getByTestId('archive-return').click();
    await r.locator('.ant-message-notice').first().waitFor();
    await expect.poll(() => r.locator('tr', { hasText: NAME }).count()).toBe(0);

    // 6. Staff see the reason, fix the archive and report it again.
    await f.goto(householdUrl);
    await expect.poll(() => f.getByTestId('archive-card').textContent()).toContain('请补充医疗费用票据');
    await f.getByTestId('hh-action-fix').click();
    await f.getByTestId('fix-submit').click();
    await f.getByTestId('hh-action-report').click();
    await f.getByTestId('confirm-ok').click();
    await expect.poll(() => f.getByTestId('archive-state').textContent()).toContain('已上报');

    // 7. The reviewer approves.
    await r.goto(`${server.url}/alliance/archives`);
    await showReported(r);
    await r.locator('tr', { hasText: NAME }).first().locator('[data-testid^="archive-open-"]').click();
    await r.getByTestId('archive-approve').click();
    await r.locator('.ant-message-notice').first().waitFor();
    await expect.poll(() => r.locator('tr', { hasText: NAME }).count()).toBe(0);
    await rCtx.close();

    await f.goto(householdUrl);
    await expect.poll(() => f.getByTestId('archive-state').textContent()).toContain('已审核');
    const timeline = (await f.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain('合并');
    await screenshot(f, 'alliance-5-approved-timeline');
    await fCtx.close();
  });
});

describe("a worker's own request in Chromium", () => {
  it('a worker with no account asks for help from the phone page, then follows it', async () => {
    const ctx = await newContext(browser, { phone: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/m/help`);
    await page.getByTestId('help-request').click();
    await page.getByTestId('help-phone').fill('13912340000');
    await page.getByTestId('help-send-code').click();
    await expect.poll(() => server.lastSmsCode()).toMatch(/^\d{6}$/);
    const code = server.lastSmsCode()!;
    await page.getByTestId('help-next').click();
    await page.getByTestId('help-name').fill('韩晓梅');
    await page.getByTestId('help-situation').selectOption('unemployed');
    await page.getByTestId('help-division-province').selectOption('64');
    await page.getByTestId('help-division-city').selectOption('6403');
    await page.getByTestId('help-division').selectOption('640381');
    await page.getByTestId('help-division-2').selectOption('640381001');
    await page.getByTestId('help-address').fill('朝阳社区 2 栋 101');
    await page.getByTestId('help-size').fill('2');
    await page.getByTestId('help-income').fill('9000');
    await page.getByTestId('help-expense').fill('1000');
    await page.getByTestId('help-story').fill('工厂停工半年，孩子上学要交费');
    await page.getByTestId('help-next').click();
    await page.getByTestId('help-code').fill(code);
    await page.getByTestId('help-submit').click();
    await page.getByTestId('help-result').waitFor();
    const reference = await page.getByTestId('help-result').getAttribute('data-reference');
    expect(reference).toMatch(/^[0-9A-F]{8}$/);
    await screenshot(page, 'alliance-6-worker-self-report');

    // Federation staff see it as a self-report screening, routed by the responsibility table.
    const staffCtx = await newContext(browser);
    const staff = await staffCtx.newPage();
    await signInAs(staff, server.url, 'qtx_staff');
    await staff.goto(`${server.url}/alliance/households`);
    await staff.getByTestId('hh-search').fill('韩晓梅');
    await staff.getByTestId('hh-search').press('Enter');
    await expect.poll(() => staff.locator('[data-testid^="hh-row-"]', { hasText: '韩晓梅' }).count()).toBe(1);
    await staffCtx.close();

    // The worker follows it with a fresh code.
    await page.goto(`${server.url}/m/help/status`);
    await page.getByTestId('status-phone').fill('13912340000');
    const before = server.lastSmsCode();
    await page.getByTestId('status-send-code').click();
    await expect.poll(() => server.lastSmsCode() !== before || undefined).toBe(true);
    await page.getByTestId('status-code').fill(server.lastSmsCode()!);
    await page.getByTestId('status-submit').click();
    await page.getByTestId(`status-item-${reference}`).waitFor();
    await screenshot(page, 'alliance-7-worker-status');
    await ctx.close();
  });
});
