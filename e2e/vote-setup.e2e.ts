import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../server/platform/personal-data/identity';
import { api, launchBrowser, newContext, screenshot, signInAs, startServer, type Server } from './support';

/**
 * The vote's set-up in the back office (issue 12 items 3–4), in Chromium: 青铜峡市总工会's
 * organiser creates a campaign with its rules, 迎鑫's union cadre nominates with a photo, the
 * organiser passes the nomination and assigns the expert, the expert scores, the organiser draws
 * the shortlist into candidates; once voting opens the rules form is read-only.
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

/** A tiny valid PNG (the server checks the first bytes). */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2a1a80000000049454e44ae426082',
  'hex',
);

/** The text box of a field by its test id (antd puts it on the input or on its wrapper). */
const box = (page: Page, testId: string) =>
  page
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`,
    )
    .first();

interface Nomination {
  id: string;
  state: string;
  version: number;
  nomineeName: string;
  files: unknown[];
}

describe('the vote set-up in the back office', () => {
  it('an organiser creates a campaign, a cadre nominates, the organiser passes, an expert scores, the shortlist becomes candidates', async () => {
    const sCtx = await newContext(browser);
    const staff = await sCtx.newPage();
    await signInAs(staff, server.url, 'qtx_staff');

    // The organiser's list, then the new campaign's form.
    await staff.getByTestId('menu-vote-campaigns').click();
    await staff.getByTestId('campaign-table').waitFor();
    await staff.getByTestId('campaign-new').click();
    await staff.getByTestId('campaign-form').waitFor();
    await box(staff, 'campaign-title').fill('青铜峡市“最美劳动者”评选');
    await box(staff, 'campaign-summary').fill('寻找身边的最美劳动者：单位推荐、专家评审、网络投票。');
    await box(staff, 'campaign-co').fill('中共青铜峡市委宣传部');
    await box(staff, 'campaign-co').press('Enter');
    await box(staff, 'rules-likes').fill('5');
    await box(staff, 'rules-final-count').fill('1');
    // Weights that do not add up to 100 are refused on the field.
    await box(staff, 'rules-expert-weight').fill('60');
    await staff.getByTestId('campaign-submit').click();
    await staff.getByText('两项之和须为 100').first().waitFor();
    await box(staff, 'rules-expert-weight').fill('70');
    await screenshot(staff, 'vote-setup-1-campaign-form');
    await staff.getByTestId('campaign-submit').click();
    await staff.waitForURL(/\/vote\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = staff.url().split('/').at(-1)!;
    const created = await api<{ rules: { likesPerDay: number; finalCount: number }; coOrganisers: string[] }>(
      staff,
      'GET',
      `/api/vote/campaigns/${campaignId}`,
    );
    expect(created.rules).toMatchObject({ likesPerDay: 5, finalCount: 1 });
    expect(created.coOrganisers).toEqual(['中共青铜峡市委宣传部']);
    await staff.getByTestId('campaign-steps').waitFor();

    // Open the nominations through the state action.
    await staff.getByTestId('campaign-advance-nominating').click();
    await staff.getByTestId('advance-ok').click();
    await expect(
      staff.getByTestId('campaign-state').filter({ hasText: '推荐中' }).waitFor(),
    ).resolves.toBeUndefined();
    await screenshot(staff, 'vote-setup-2-campaign-timeline');

    // Assign the expert.
    await staff.getByTestId('campaign-tab-experts').click();
    await staff.getByTestId('expert-pick').click();
    await staff.locator('.ant-select-item-option', { hasText: '赵振华' }).click();
    await staff.getByTestId('expert-assign').click();
    await staff.getByTestId('expert-table').getByText('赵振华').waitFor();

    // The cadre nominates with the form and adds a photo.
    const cCtx = await newContext(browser);
    const cadre = await cCtx.newPage();
    await signInAs(cadre, server.url, 'yx_cadre');
    await cadre.goto(`${server.url}/vote/campaigns/${campaignId}?tab=nominations`);
    await cadre.getByTestId('nominate-button').click();
    await cadre.getByTestId('nominate-form').waitFor();
    await box(cadre, 'nominate-name').fill('马建军');
    await cadre.getByTestId('nominate-gender').getByText('男').click();
    await box(cadre, 'nominate-id').fill(makeIdNumber('640381', '19750301', '101'));
    await box(cadre, 'nominate-unit').fill('宁夏塞上迎鑫农牧有限公司');
    await box(cadre, 'nominate-job').fill('养殖班组长');
    await box(cadre, 'nominate-story').fill(
      '扎根养殖一线二十年，带领班组把奶牛单产提高三成，培养技术骨干四十多人。',
    );
    await box(cadre, 'nominate-achievements').fill('全国五一劳动奖章');
    await cadre.getByTestId('nominate-submit').click();
    await cadre.getByTestId('nomination-files').waitFor();
    await cadre
      .getByTestId('nomination-files')
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '马建军.png', mimeType: 'image/png', buffer: PNG });
    await cadre.getByTestId('nomination-files').getByText('马建军.png').waitFor();
    await screenshot(cadre, 'vote-setup-3-cadre-nomination-materials');
    await cadre.keyboard.press('Escape');
    const mine = await api<{ items: Nomination[] }>(
      cadre,
      'GET',
      `/api/vote/campaigns/${campaignId}/nominations`,
    );
    expect(mine.items).toHaveLength(1);
    const nominationId = mine.items[0]!.id;
    expect(mine.items[0]!.files).toHaveLength(1);
    await cadre.getByTestId(`nomination-state-${nominationId}`).filter({ hasText: '待审查' }).waitFor();

    // Two more nominees through the API, passed the same way.
    const orgs = await api<{ items: { id: string; name: string }[] }>(staff, 'GET', '/api/orgs');
    const yingxin = orgs.items.find((o) => o.name === '宁夏塞上迎鑫农牧有限公司工会')!;
    const others: string[] = [];
    for (const [i, name] of ['李秀兰', '王志刚'].entries()) {
      const n = await api<Nomination>(staff, 'POST', `/api/vote/campaigns/${campaignId}/nominations`, {
        orgId: yingxin.id,
        nomineeName: name,
        gender: i === 0 ? 'female' : 'male',
        idNumber: makeIdNumber('640381', `1976040${i + 1}`, `20${i}`),
        unitName: '宁夏塞上迎鑫农牧有限公司',
        story: '一线岗位上的技术能手。',
      });
      await api(staff, 'POST', `/api/vote/nominations/${n.id}/eligibility`, {
        version: n.version,
        eligible: true,
      });
      others.push(n.id);
    }

    // The organiser passes the cadre's nomination on the page.
    await staff.goto(`${server.url}/vote/campaigns/${campaignId}?tab=nominations`);
    await staff.getByTestId(`nomination-pass-${nominationId}`).click();
    await staff.getByTestId('confirm-ok').click();
    await staff.getByTestId(`nomination-state-${nominationId}`).filter({ hasText: '审查通过' }).waitFor();
    await screenshot(staff, 'vote-setup-4-eligibility');
    await cadre.reload();
    await cadre.getByTestId(`nomination-state-${nominationId}`).filter({ hasText: '审查通过' }).waitFor();
    await cCtx.close();

    // On to the review: the expert scores the cadre's nominee on the page, the others by API.
    await staff.getByTestId('campaign-tab-overview').click();
    await staff.getByTestId('campaign-advance-reviewing').click();
    await staff.getByTestId('advance-ok').click();
    await staff.getByTestId('campaign-state').filter({ hasText: '资格审查' }).waitFor();

    const eCtx = await newContext(browser);
    const expert = await eCtx.newPage();
    await signInAs(expert, server.url, 'qtx_expert');
    await expert.goto(`${server.url}/vote/campaigns/${campaignId}?tab=scoring`);
    await expert.getByTestId(`nominee-score-${nominationId}`).click();
    await box(expert, 'score-deeds').fill('95');
    await box(expert, 'score-innovation').fill('88');
    await box(expert, 'score-influence').fill('92');
    await box(expert, 'score-comment').fill('事迹突出，示范带动作用明显。');
    await expert.getByTestId('score-submit').click();
    await expert.getByTestId(`nominee-total-${nominationId}`).filter({ hasText: '92' }).waitFor();
    await screenshot(expert, 'vote-setup-5-expert-scoring');
    for (const [i, id] of others.entries()) {
      const v = 80 - i * 5;
      await api(expert, 'PUT', `/api/vote/nominations/${id}/score`, {
        stage: 'preliminary',
        criteria: { deeds: v, innovation: v, influence: v },
      });
    }
    await eCtx.close();

    // The rule: ⌈1.2 × 1⌉ = 2 by the preliminary mean; drawn into numbered candidates.
    await staff.goto(`${server.url}/vote/campaigns/${campaignId}?tab=shortlist`);
    await staff.getByTestId('shortlist-working').waitFor();
    await expect(staff.getByTestId('shortlist-working').textContent()).resolves.toContain('= 2');
    await staff.getByTestId('shortlist-draw').click();
    await staff.getByTestId('shortlist-confirm').click();
    try {
      await staff.getByTestId('candidate-row-2').waitFor();
    } catch (err) {
      // What the page and the server say, for the failure's report.
      await screenshot(staff, 'vote-setup-failed-shortlist');
      const toasts = await staff.locator('.ant-message-notice').allTextContents();
      const listed = await api<unknown>(staff, 'GET', `/api/vote/campaigns/${campaignId}/candidates`);
      throw new Error(
        `no candidate rows: toasts ${JSON.stringify(toasts)}, server ${JSON.stringify(listed)}`,
        {
          cause: err,
        },
      );
    }
    await expect(staff.getByTestId('candidate-row-1').textContent()).resolves.toContain('马建军');
    await expect(staff.getByTestId('candidate-row-2').textContent()).resolves.toContain('李秀兰');
    await expect(staff.getByTestId('candidate-row-3').count()).resolves.toBe(0);
    await screenshot(staff, 'vote-setup-6-shortlist-candidates');
    const third = await api<Nomination>(staff, 'GET', `/api/vote/nominations/${others[1]}`);
    expect(third.state).toBe('not_selected');

    // Once voting opens the rules are frozen: the form says so and is read-only.
    for (const to of ['displaying', 'voting']) {
      const c = await api<{ version: number }>(staff, 'GET', `/api/vote/campaigns/${campaignId}`);
      await api(staff, 'POST', `/api/vote/campaigns/${campaignId}/advance`, { version: c.version, to });
    }
    await staff.goto(`${server.url}/vote/campaigns/${campaignId}/edit`);
    await staff.getByTestId('campaign-frozen').waitFor();
    await expect(box(staff, 'rules-likes').isDisabled()).resolves.toBe(true);
    await expect(box(staff, 'campaign-title').isDisabled()).resolves.toBe(false);
    await screenshot(staff, 'vote-setup-7-rules-frozen');
    await sCtx.close();
  });
});
