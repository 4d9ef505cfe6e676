import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  api,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  type Server,
} from './support';

// Issue 11: a screener at phone width works with no network, closes and reopens the page, comes
// back online; one screening syncs, the other (a return visit) conflicts with a change the
// federation made meanwhile and is resolved field by field; no duplicate household afterwards.
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

const NEW_NAME = '石春燕';
const REVISIT_NAME = '兰秀英';

async function phoneSignIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/m/`);
  await page.getByTestId('m-sign-in').waitFor();
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('[data-testid="m-sign-in"] button[type="submit"]').click();
  await page.getByTestId('m-new').waitFor();
}

/** The steps after the head of the household: the figures as given, no needs, then submit. */
async function finishScreening(
  page: Page,
  figures: { size?: string; income?: string; expense?: string; cause?: string } = {},
): Promise<void> {
  await page.getByTestId('m-next').click();
  if (figures.size) await page.getByTestId('m-size').fill(figures.size);
  await page.getByTestId('m-next').click();
  if (figures.income) await page.getByTestId('m-income').fill(figures.income);
  if (figures.expense) await page.getByTestId('m-expense').fill(figures.expense);
  if (figures.cause) await page.getByTestId(`m-cause-${figures.cause}`).click();
  await page.getByTestId('m-next').click();
  await page.getByTestId('m-next').click();
  await page.getByTestId('m-next').click();
  await page.getByTestId('m-submit').click();
}

interface HouseholdHit {
  id: string;
  headName: string;
  householdSize: number;
  screenings: number;
}

describe('field work offline (issue 11)', () => {
  let phone: BrowserContext;
  let staff: Page;
  let revisitId = '';

  it('takes a household along and installs the phone pages while online', async () => {
    phone = await newContext(browser, { phone: true });
    const page = await phone.newPage();
    await phoneSignIn(page, 'cy_volunteer');
    // A household the volunteer's association screened earlier, to revisit in the field.
    const made = await api<{ householdId: string }>(page, 'POST', '/api/screenings', {
      form: {
        method: 'home_visit',
        screenedOn: '2026-11-20',
        headName: REVISIT_NAME,
        situation: 'flexible_employment',
        divisionCode: '640381001',
        addressDetail: '朝阳社区 12 栋 402',
        householdSize: 3,
        annualIncomeFen: 1_500_000,
        rigidExpenseFen: 400_000,
        causes: ['serious_illness'],
      },
    });
    revisitId = made.householdId;
    await page.reload();
    await page.getByTestId('m-revisit-q').fill(REVISIT_NAME);
    await page.getByTestId('m-revisit-search').click();
    await page.getByTestId(`m-revisit-take-${revisitId}`).click();
    await page.getByTestId(`m-revisit-start-${revisitId}`).waitFor();
    // The installed app: a valid manifest, and a service worker controlling /m/.
    const manifest = await api<{
      name: string;
      start_url: string;
      scope: string;
      display: string;
      icons: Array<{ sizes: string; purpose?: string }>;
    }>(page, 'GET', '/m/manifest.webmanifest');
    expect(manifest).toMatchObject({ start_url: '/m/', scope: '/m/', display: 'standalone' });
    expect(manifest.name).toContain('爱心联盟');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/m/');
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // The form once online, under the worker: the street lists and the organisation tree are
    // kept for offline use.
    await page.goto(`${server.url}/m/screen`);
    await page
      .getByTestId('m-division')
      .locator('option', { hasText: '裕民街道' })
      .waitFor({ state: 'attached' });
    await page.goto(`${server.url}/m/`);
    await page.getByTestId('m-new').waitFor();
    await page.close();
  });

  it('records two screenings with the network cut, and keeps them across a closed page', async () => {
    await phone.setOffline(true);
    const page = await phone.newPage();
    await page.goto(`${server.url}/m/`);
    await page.getByTestId('m-offline').waitFor();

    // 1. A household met for the first time.
    await page.getByTestId('m-new').click();
    await page.getByTestId('m-head-name').fill(NEW_NAME);
    await page.getByTestId('m-situation').selectOption('migrant_worker');
    await page.getByTestId('m-division').selectOption({ label: '裕民街道' });
    await page.getByTestId('m-address').fill('朝阳社区 3 栋 101');
    await finishScreening(page, { size: '2', income: '9000', expense: '2000', cause: 'serious_illness' });
    await page.locator('[data-testid="m-queued"][data-state="waiting"]').waitFor();
    await screenshot(page, 'offline-1-queued');

    // 2. The return visit to the household taken along: the income has changed since.
    await page.getByTestId('m-home').click();
    await page.getByTestId(`m-revisit-start-${revisitId}`).click();
    await page.getByTestId('m-revisit-banner').waitFor();
    await expect(page.getByTestId('m-head-name').inputValue()).resolves.toBe(REVISIT_NAME);
    await finishScreening(page, { income: '8000' });
    await page.locator('[data-testid="m-queued"][data-state="waiting"]').waitFor();

    // A third form, begun and not finished: kept on the phone as it is typed.
    await page.getByTestId('m-again').click();
    await page.getByTestId('m-head-name').fill('未填完户');
    await page.locator('[data-testid="m-save-status"].ms-save-phone').waitFor();

    // Closed and opened again, still offline: both wait on the phone, with their time, and the
    // unfinished form is there to go on with.
    await page.close();
    const again = await phone.newPage();
    await again.goto(`${server.url}/m/`);
    await again.getByTestId('mo-queue').waitFor();
    await again.waitForFunction(() => document.querySelectorAll('[data-testid^="mo-item-"]').length === 2);
    await again.getByTestId('m-phone-forms').getByText('未填完户').waitFor();
    await screenshot(again, 'offline-2-waiting-after-reopen');
    expect(await again.locator('.mo-item-conflict, .mo-item-invalid').count()).toBe(0);
    await again.close();
  });

  it('syncs one when the network returns; the other conflicts with the federation’s change', async () => {
    // Meanwhile the federation verifies the household and corrects its size.
    const desk = await newContext(browser);
    staff = await desk.newPage();
    await staff.goto(`${server.url}/login`);
    await staff.getByTestId('login-username').fill('qtx_staff');
    await staff.getByTestId('login-password').fill(DEMO_PASSWORD);
    await staff.getByTestId('login-submit').click();
    await staff.waitForURL((u) => !u.pathname.startsWith('/login'));
    const h = await api<{ version: number }>(staff, 'GET', `/api/households/${revisitId}`);
    await api(staff, 'POST', `/api/households/${revisitId}/verify`, {
      version: h.version,
      verifiedOn: '2026-12-01',
      homeVisit: true,
      documents: ['id_card'],
      incomeConsent: true,
      result: 'confirmed',
      householdSize: 4,
    });

    const page = await phone.newPage();
    await page.goto(`${server.url}/m/`);
    await page.getByTestId('mo-queue').waitFor();
    await phone.setOffline(false);
    await page.getByTestId('mo-sync-now').click();
    await page.locator('.mo-item-conflict').waitFor();
    expect(await page.locator('[data-testid^="mo-item-"]').count()).toBe(1);
    await screenshot(page, 'offline-3-conflict-in-queue');

    // Field by field: the screener keeps the income they saw and takes the federation's size.
    await page.locator('[data-testid^="mo-open-"]').click();
    await page.getByTestId('mo-conflict').waitFor();
    await page.getByTestId('mo-conflict-householdSize').waitFor();
    await page.getByTestId('mo-conflict-annualIncome').waitFor();
    await screenshot(page, 'offline-4-compare');
    await page.getByTestId('mo-conflict-householdSize').locator('input[type="radio"]').nth(1).check();
    await page.getByTestId('mo-conflict-annualIncome').locator('input[type="radio"]').nth(0).check();
    await page.getByTestId('mo-conflict-done').click();
    await page.getByTestId('m-new').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="mo-item-"]').length === 0);

    // One household each, the revisited one with both screenings and the chosen figures.
    const found = async (name: string) =>
      (
        await api<{ items: HouseholdHit[] }>(staff, 'POST', '/api/households/query', { q: name })
      ).items.filter((x) => x.headName === name);
    expect(await found(NEW_NAME)).toHaveLength(1);
    const revisited = await found(REVISIT_NAME);
    expect(revisited).toHaveLength(1);
    expect(revisited[0].screenings).toBe(2);
    const detail = await api<{ householdSize: number; annualIncomeFen: number }>(
      staff,
      'GET',
      `/api/households/${revisitId}`,
    );
    // Verified households keep the federation's figures; the visit's own record keeps the screener's.
    expect(detail.householdSize).toBe(4);
    await page.close();
  });

  it('reads well in large-text mode at 200% zoom (axe: no serious or critical findings)', async () => {
    const page = await phone.newPage();
    await page.setViewportSize({ width: 188, height: 370 });
    await page.goto(`${server.url}/m/`);
    await page.getByTestId('m-new').waitFor();
    await page.getByTestId('m-large-text').click();
    for (const path of ['/m/', '/m/screen', '/m/help']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        bad.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
      ).toEqual([]);
    }
    await screenshot(page, 'offline-5-large-text-200');
    await page.close();
  });
});
