import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../server/platform/personal-data/identity';
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

const NAME = '马晓燕';
const ID_NUMBER = makeIdNumber('640381', '19900415', '628');
const PHONE = '13909517788';
const SCHOOL = '青铜峡市第一中学工会';
const YINGXIN = '宁夏塞上迎鑫农牧有限公司工会';

/** Picks a unit in an org tree select (the dropdown animates in: tick until the node shows). */
async function pickUnit(page: Page, testId: string, name: string): Promise<void> {
  const select = page.getByTestId(testId);
  const node = page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: name })
    .first();
  // The tree loads and re-renders while it opens: pick until the select shows the unit.
  for (let attempt = 1; ; attempt++) {
    try {
      await select.click();
      await node.waitFor({ timeout: 8_000 });
      await node.click();
      await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(name);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** A roll workbook with the template's header row and these member rows. */
async function rollWorkbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员名册');
  ws.addRow(['姓名', '身份证号', '手机号', '所属工会', '会员卡号', '性别', '入会日期']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('mr-import-file').locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.getByTestId('mr-import-start').click();
}

const modalClosed = (page: Page) => page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });

describe('会员名册 in Chromium: federation staff keep the roll', () => {
  it('adds a member, finds them by ID number, reveals, meets a stale edit, transfers, imports, sees the numbers per unit', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInAs(page, server.url, 'qtx_staff');

    // The menu entry, from me.actions (member.read).
    await page.getByTestId('menu-member-roll').click();
    await page.getByTestId('mr-table').waitFor();

    // 1. Add a member to the school's union.
    await page.getByTestId('mr-add').click();
    await pickUnit(page, 'mr-form-org', SCHOOL);
    await page.getByTestId('mr-form-name').fill(NAME);
    await page.getByTestId('mr-form-id').fill(ID_NUMBER);
    await page.getByTestId('mr-form-phone').fill(PHONE);
    await page.getByTestId('mr-form-card').fill('QTX-0001');
    await screenshot(page, 'membership-1-add');
    await page.getByTestId('mr-form-submit').click();
    await modalClosed(page);

    // 2. Find them by ID number: the search is a POST body, never the URL; the list shows it masked.
    await page.getByTestId('mr-search-id').fill(ID_NUMBER);
    await page.getByTestId('mr-search-id').press('Enter');
    const row = page.locator('[data-testid^="mr-row-"]', { hasText: NAME });
    await expect.poll(() => page.locator('[data-testid^="mr-row-"]').count()).toBe(1);
    await row.waitFor();
    expect(page.url()).not.toContain(ID_NUMBER);
    expect(page.url()).not.toContain(encodeURIComponent(NAME));
    const id = (await row.getAttribute('data-testid'))!.replace('mr-row-', '');
    const idCell = page.getByTestId(`mr-id-${id}`);
    const masked = (await idCell.textContent())!;
    expect(masked).toContain('*');
    expect(masked).not.toBe(ID_NUMBER);
    expect(await row.textContent()).toContain(SCHOOL);

    // 3. Reveal (audited on the server): the full ID number and phone in that row.
    await page.getByTestId(`mr-reveal-${id}`).click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => idCell.textContent()).toBe(ID_NUMBER);
    expect(await page.getByTestId(`mr-phone-${id}`).textContent()).toBe(PHONE);
    await screenshot(page, 'membership-2-found-revealed');
    const audit = await api<{ items: { action: string }[] }>(
      page,
      'GET',
      `/api/audit?subjectType=member&subjectId=${id}`,
    );
    expect(audit.items.map((a) => a.action)).toContain('member.reveal');

    // 4. A stale edit: someone else changes the member while the dialog is open.
    await page.getByTestId(`mr-edit-${id}`).click();
    await page.getByTestId('mr-form-name').fill('马晓艳');
    await api(page, 'PATCH', `/api/members/${id}`, { version: 1, cardNumber: 'QTX-0002' });
    await page.getByTestId('mr-form-submit').click();
    await page.getByTestId('mr-stale').waitFor();
    await screenshot(page, 'membership-3-stale-edit');
    await page
      .locator('.ant-modal-wrap:visible')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await modalClosed(page);
    // The list shows the member as changed meanwhile (its version is what the transfer sends).
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('QTX-0002');

    // 5. Transfer to another unit through the org tree.
    await page.getByTestId(`mr-transfer-${id}`).click();
    await pickUnit(page, 'mr-transfer-org', YINGXIN);
    await page.getByTestId('mr-transfer-reason').fill('工作调动');
    await page.getByTestId('mr-transfer-submit').click();
    await modalClosed(page);
    await expect.poll(() => row.textContent()).toContain(YINGXIN);
    const member = await api<{ orgName: string; version: number; transfers: { toOrgName: string }[] }>(
      page,
      'GET',
      `/api/members/${id}`,
    );
    expect(member.orgName).toBe(YINGXIN);
    expect(member.transfers.map((t) => t.toOrgName)).toEqual([YINGXIN]);
    await screenshot(page, 'membership-4-transferred');

    // 6. An Excel import: a bad row and nothing is written, the problem listed by row; then a good file.
    await page.getByTestId('mr-import').click();
    const bad = await rollWorkbook([
      ['刘志强', '640381199001011234', '13909510001', SCHOOL, '', '男', '2019-03-01'],
    ]);
    await upload(page, 'bad.xlsx', bad);
    await page.locator('[data-testid="mr-import-result"][data-state="failed"]').waitFor();
    expect(await page.getByTestId('mr-import-errors').textContent()).toContain('身份证号');
    await screenshot(page, 'membership-5-import-errors');
    await page.getByTestId('mr-import-again').click();
    const good = await rollWorkbook([
      ['刘志强', makeIdNumber('640381', '19900101', '123'), '13909510001', SCHOOL, '', '男', '2019-03-01'],
    ]);
    await upload(page, 'good.xlsx', good);
    await page.locator('[data-testid="mr-import-result"][data-state="done"]').waitFor();
    expect(await page.getByTestId('mr-import-result').textContent()).toContain('导入 1 名会员');
    // The footer's 关闭 (the corner's × is named 关闭 too).
    await page
      .locator('.ant-modal-wrap:visible .ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await modalClosed(page);

    // 7. The numbers per unit: the member counts under the new unit.
    await page.getByTestId('mr-open-counts').click();
    await page.getByTestId('mc-table').waitFor();
    const yingxinRow = page.locator('[data-testid^="mc-row-"]', { hasText: YINGXIN });
    await yingxinRow.waitFor();
    const cells = await yingxinRow.locator('td').allTextContents();
    expect(Number(cells[1])).toBeGreaterThanOrEqual(1);
    await page.getByTestId('mc-totals').waitFor();
    await page.getByTestId('mc-chart-units').waitFor();
    const schoolRow = page.locator('[data-testid^="mc-row-"]', { hasText: SCHOOL });
    expect(Number((await schoolRow.locator('td').allTextContents())[1])).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'membership-6-counts');
    await ctx.close();
  });
});
