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

/**
 * Picks an option of an antd Select by its text. The options may depend on data still arriving
 * (a role list filtered by the organisation just chosen): the dropdown is opened again until the
 * option is there, as a person would.
 */
async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first();
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId(testId).click();
    try {
      await option.waitFor({ timeout: 8_000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.keyboard.press('Escape');
    }
  }
  await option.click();
}

describe('platform foundation in Chromium', () => {
  it('signs in to a Chinese shell and switches to English, which sticks', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/admin/orgs`);
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('爱心联盟');
    await signInAs(page, server.url, 'qtx_staff');
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('工作台');
    await expect.poll(() => page.getByTestId('menu-orgs').textContent()).toContain('组织机构');
    await screenshot(page, 'foundation-1-shell-zh');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('menu-orgs').textContent()).toContain('Organisations');
    await page.reload();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Workbench');
    await screenshot(page, 'foundation-2-shell-en');
    await ctx.close();
  });

  it('an admin creates an organisation and a user; that user sees only what the role allows', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInAs(page, server.url, 'qtx_staff');
    await page.getByTestId('menu-orgs').click();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('组织机构');

    // New grassroots union under 青铜峡市总工会.
    const qtxRow = page.locator('[data-testid^="org-node-"]', { hasText: '青铜峡市总工会' }).first();
    const qtxId = (await qtxRow.getAttribute('data-testid'))!.replace('org-node-', '');
    await page.getByTestId(`org-actions-${qtxId}`).click();
    await page.getByTestId('org-create-child').click();
    await pickOption(page, 'org-form-kind', '基层工会');
    await page.getByTestId('org-form-name').fill('青铜峡市铝业公司工会');
    await page.getByTestId('org-form-division').click();
    for (const name of ['宁夏回族自治区', '吴忠市', '青铜峡市']) {
      await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('org-form-submit').click();
    await expect
      .poll(() => page.locator('[data-testid^="org-node-"]', { hasText: '青铜峡市铝业公司工会' }).count())
      .toBe(1);
    await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
    await screenshot(page, 'foundation-3-org-created');

    // A cadre for it.
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form-org').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', {
        hasText: '青铜峡市铝业公司工会',
      })
      .first()
      .click();
    await page.getByTestId('user-form-username').fill('lv_cadre');
    await page.getByTestId('user-form-displayname').fill('铝业工会干部');
    await pickOption(page, 'user-form-roles', '基层工会干部');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form-submit').click();
    const temp = (await page.getByTestId('temp-password').textContent())!.trim();
    expect(temp.length).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'foundation-4-user-created');
    await ctx.close();

    // The new user signs in, must change the temporary password, then sees a cadre's menu.
    const ctx2 = await newContext(browser);
    const p2 = await ctx2.newPage();
    await signInAs(p2, server.url, 'lv_cadre', temp);
    await p2.waitForURL(/\/account\/password/);
    await p2.getByTestId('password-current').fill(temp);
    await p2.getByTestId('password-new').fill('Lvye-Union-2026');
    await p2.getByTestId('password-confirm').fill('Lvye-Union-2026');
    await p2.getByTestId('password-submit').click();
    await p2.waitForURL((u) => !u.pathname.startsWith('/account/password'));
    await expect.poll(() => p2.getByTestId('menu-orgs').count()).toBe(1);
    expect(await p2.getByTestId('menu-audit').count()).toBe(0);
    await screenshot(p2, 'foundation-5-cadre-menu');
    await ctx2.close();
  });

  it('shows 403 for a page the role may not use, on a phone-width screen', async () => {
    const ctx = await newContext(browser, { phone: true });
    const page = await ctx.newPage();
    await signInAs(page, server.url, 'cy_volunteer');
    await page.goto(`${server.url}/admin/users`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('无权访问');
    await screenshot(page, 'foundation-6-forbidden-phone');
    await page.goto(`${server.url}/no/such/page`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('页面不存在');
    await ctx.close();
  });
});
