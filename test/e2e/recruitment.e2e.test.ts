// Browser test of recruitment (issue 3): one prospect from the public application form to an
// active dealer through the UI, then every recruitment page looked at in Chinese and English.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Dealer, Prospect, ScreeningCriteria } from '../../src/shared/schemas/index.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { seedRecruitment } from '../../src/server/seed/recruitment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { CHROMIUM, ensureWebBuilt } from '../helpers/web.js';

const SHOTS = process.env.QD_SHOTS_DIR ?? '/tmp/qd-shots/recruitment';
const ADMIN = 'e2e.recruiter';
// A county of Turpan no demo dealer holds (web.e2e relies on the same fact).
const FREE_COUNTY = '650402';
// A published, valid 统一社会信用代码, and the same code with its check character changed.
const CREDIT_CODE = '91350100M000100Y43';
const BAD_CREDIT_CODE = '91350100M000100Y44';

/** The machine running the suite may be busy: give the screen time to catch up with the API. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 250 });

describe('recruitment in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let adminCookie: string;
  const applicant = `吐鲁番丝路商贸有限公司${Date.now().toString().slice(-5)}`;

  const api = async <T>(url: string): Promise<T> => {
    const res = await t.inject({ method: 'GET', url, headers: { cookie: adminCookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const prospectNamed = async (name: string) => (await api<{ items: Prospect[] }>(`/api/v1/prospects?q=${encodeURIComponent(name)}`)).items;

  async function newPage(language: 'zh-CN' | 'en' = 'zh-CN', viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: language, acceptDownloads: true });
    await context.addInitScript((lng) => localStorage.setItem('qudao.language', lng), language);
    const page = await context.newPage();
    page.setDefaultTimeout(40_000);
    return { context, page };
  }
  async function login(page: Page): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(ADMIN);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
  }
  const headerStage = (page: Page) => page.getByTestId('page-title').getByTestId('stage-tag').getAttribute('data-stage');
  const errors = (page: Page) => page.locator('.ant-form-item-explain-error').allTextContents();
  async function pickOption(page: Page, select: string, option: string | RegExp) {
    await page.getByTestId(select).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  }
  async function move(page: Page, to: string) {
    await page.getByTestId(`move-${to}`).click();
    await page.getByTestId('move-reason').fill(`浏览器测试：进入${to}`);
    await page.getByTestId('move-confirm').click();
    await poll(() => headerStage(page)).toBe(to);
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}`);
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp({ serveWeb: true });
    await seedDemo(t.deps.db, t.clock);
    await seedRecruitment(t.deps.db, t.clock);
    adminCookie = await t.loginAs('hq_admin', { username: ADMIN });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('takes one prospect from the public form to an active dealer', { timeout: 420_000 }, async () => {
    // ---- the public application, without a session ------------------------------------------
    const { context: visitor, page: form } = await newPage();
    await form.goto(`${base}/apply`);
    await form.getByTestId('apply-page').waitFor();
    expect(form.url()).toBe(`${base}/apply`); // not sent to the login page
    // The honeypot is in the form but nobody sees it.
    expect(await form.getByTestId('field-website').count()).toBe(1);
    const trap = await form.getByTestId('field-website').boundingBox();
    expect(trap!.x + trap!.width, 'the honeypot sits off-screen').toBeLessThan(0);
    expect(await form.getByTestId('field-website').getAttribute('tabindex')).toBe('-1');

    await form.getByTestId('field-creditCode').fill(BAD_CREDIT_CODE);
    await form.getByTestId('apply-submit').click();
    await poll(() => errors(form)).toEqual(expect.arrayContaining(['必填', '请至少选择一个意向区域', '校验位不正确，请核对']));

    await form.getByTestId('field-name').fill(applicant);
    await form.getByTestId('field-creditCode').fill(CREDIT_CODE);
    await form.getByTestId('field-contactName').fill('买买提');
    await form.getByTestId('field-phone').fill('13899012345');
    await form.getByTestId('field-regions').click();
    await form.keyboard.type('高昌');
    await form.locator('.ant-select-item-option', { hasText: '新疆维吾尔自治区 / 吐鲁番市 / 高昌区' }).click();
    await form.getByTestId('field-outletCount').fill('120');
    await form.getByTestId('apply-submit').click();
    await form.getByTestId('apply-success').waitFor();
    await form.screenshot({ path: `${SHOTS}/apply-success-zh-CN.png` });
    await visitor.close();

    const [received] = await prospectNamed(applicant);
    expect(received).toMatchObject({ name: applicant, source: 'public_form', stage: 'new', regionCodes: [FREE_COUNTY], unifiedSocialCreditCode: CREDIT_CODE, outletCount: 120, contactName: '买买提' });

    // ---- HQ finds it on the board ---------------------------------------------------------
    const { context, page } = await newPage();
    await login(page);
    await page.goto(`${base}/recruitment/board`);
    const card = page.getByTestId('board-column-new').locator(`[data-number="${received.number}"]`);
    await card.click();
    await page.waitForURL(new RegExp(`/recruitment/prospects/${received.id}`));
    await poll(() => page.getByTestId('prospect-title').textContent()).toBe(applicant);

    // ---- screening: market 90, finance 80, team 70, strategy 60 -----------------------------
    // With the default weights (market 30, finance 30, team 25, strategy 15) the total is
    // 27 + 24 + 17.5 + 9 = 77.5, above the pass mark of 70.
    const criteria = await api<ScreeningCriteria>('/api/v1/screening-criteria');
    const byGroup = { market: 90, finance: 80, team: 70, strategy: 60 } as const;
    await page.getByTestId('tab-screening').click();
    for (const c of criteria.criteria) await page.getByTestId(`score-${c.key}`).fill(String(byGroup[c.group]));
    await page.getByTestId('screening-submit').click();
    await poll(() => page.getByTestId('screening-total').textContent()).toBe('77.50');
    expect(await page.getByTestId('screening-passed').getAttribute('data-passed')).toBe('true');
    await poll(() => headerStage(page)).toBe('screening');

    // ---- due diligence: every item of A, B and C closed, evidence on the first --------------
    await move(page, 'due_diligence');
    await page.getByTestId('tab-dd').click();
    const rows = page.getByTestId('dd-item');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(15);
    await rows
      .first()
      .locator('input[type=file]')
      .setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%e2e\n') });
    await poll(() => rows.first().getByTestId('evidence-file').textContent()).toContain('营业执照.pdf');
    for (let i = 0; i < count; i++) {
      await rows.nth(i).getByTestId('item-edit').click();
      await page.getByTestId('item-owner').fill('法务部 李娜');
      await page.getByTestId('item-status-verified').click();
      await page.getByTestId('item-save').click();
      await poll(() => rows.nth(i).getByTestId('item-status-tag').getAttribute('data-status')).toBe('verified');
    }
    await poll(() => page.getByTestId('dd-open').textContent()).toContain('全部核查项已完成');

    // ---- a finding on the 5x5 grid: likelihood 2 x impact 3 = 6, a medium risk -------------
    await page.getByTestId('tab-risk').click();
    await page.getByTestId('finding-item').locator('input').fill('A5');
    await page.getByTestId('likelihood-2').click();
    await page.getByTestId('impact-3').click();
    await page.getByTestId('finding-note').fill('曾有一起已结案的合同纠纷');
    await page.getByTestId('finding-submit').click();
    await poll(() => page.locator('[data-testid=heat-cell][data-l="2"][data-i="3"]').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('risk-rating').getAttribute('data-band')).toBe('medium');

    // ---- three years of statements: ROE 2025 = 800,000 / 2,500,000 = 32.00% -----------------
    await page.getByTestId('tab-financials').click();
    await page.getByTestId('edit-statements').click();
    const years = [
      { year: 2023, revenue: '8000000', profit: '400000', assets: '5000000', equity: '2000000' },
      { year: 2024, revenue: '9000000', profit: '630000', assets: '5600000', equity: '2250000' },
      { year: 2025, revenue: '10000000', profit: '800000', assets: '6000000', equity: '2500000' },
    ];
    for (const [i, y] of years.entries()) {
      await page.getByTestId(`stmt-${i}-year`).fill(String(y.year));
      await page.getByTestId(`stmt-${i}-revenueFen`).fill(y.revenue);
      await page.getByTestId(`stmt-${i}-netProfitFen`).fill(y.profit);
      await page.getByTestId(`stmt-${i}-totalAssetsFen`).fill(y.assets);
      await page.getByTestId(`stmt-${i}-equityFen`).fill(y.equity);
    }
    await page.getByTestId('statements-save').click();
    // 2023: 400/2000 = 20.00%; 2024: 630/2250 = 28.00%; 2025: 32.00%. Net margin 2025: 8.00%.
    await poll(() => page.getByTestId('ratio-roe').textContent()).toMatch(/20\.00%.*28\.00%.*32\.00%/);
    expect(await page.getByTestId('ratio-netMargin').textContent()).toMatch(/5\.00%.*7\.00%.*8\.00%/);
    await page.getByTestId('dupont-chart').locator('canvas').waitFor();

    // ---- HQ approves ----------------------------------------------------------------------
    await page.getByTestId('tab-decision').click();
    await page.getByTestId('decision-approve').click();
    await page.getByTestId('decision-reasons').fill('终端网点覆盖吐鲁番全市\n财务稳健，ROE 连续提升');
    await page.getByTestId('decision-submit').click();
    await poll(() => headerStage(page)).toBe('decision');
    await poll(() => page.getByTestId('decision-view').textContent()).toContain('财务稳健，ROE 连续提升');

    // ---- the contract: the prospect becomes an active dealer -------------------------------
    await page.getByTestId('convert-form').waitFor();
    expect(await page.getByTestId('convert-territory-row').count()).toBe(1); // the wanted county, prefilled
    await page.getByTestId('convert-exclusive').check();
    await pickOption(page, 'convert-tier', '银牌');
    await page.getByTestId('convert-credit').fill('500000');
    await page.getByTestId('convert-terms').fill('45');
    await page.getByTestId('convert-vmi').click();
    await page.getByTestId('convert-submit').click();
    await page.getByTestId('dealer-detail-page').waitFor();
    await poll(() => page.getByTestId('dealer-title').textContent()).toBe(applicant);
    await poll(() => page.getByTestId('page-title').getByTestId('status-tag').getAttribute('data-status')).toBe('active');

    const after = await api<Prospect>(`/api/v1/prospects/${received.id}`);
    expect(after.stage).toBe('converted');
    expect(page.url()).toBe(`${base}/dealers/${after.dealerId}`);
    const dealer = await api<Dealer>(`/api/v1/dealers/${after.dealerId}`);
    expect(dealer).toMatchObject({
      name: applicant,
      status: 'active',
      level: 1,
      tier: 'silver',
      creditLimitFen: 50_000_000,
      paymentTermDays: 45,
      vmi: true,
      unifiedSocialCreditCode: CREDIT_CODE,
      territory: [{ regionCode: FREE_COUNTY, exclusive: true }],
    });

    // The pipeline history names every move; the contract downloads as DOCX.
    await page.goto(`${base}/recruitment/prospects/${received.id}?tab=history`);
    await poll(() => page.getByTestId('history-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-to')))).toEqual(['converted', 'decision', 'due_diligence', 'screening', 'new']);
    await page.getByTestId('tab-decision').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contract-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.goto(`${base}/recruitment/board`);
    await page.getByTestId('board-column-converted').locator(`[data-number="${received.number}"]`).waitFor();
    await poll(() => page.getByTestId('move-row').first().textContent()).toContain(applicant);
    await context.close();
  });

  it('shows the weight total live on the scorecard admin page and refuses to save it off 100', async () => {
    const { context, page } = await newPage();
    await login(page);
    await page.goto(`${base}/recruitment/criteria`);
    await poll(() => page.getByTestId('weight-sum').textContent()).toContain('100.00');
    const first = page.getByTestId('criterion-weight').first();
    const original = await first.inputValue();
    await first.fill(String(Number(original) + 5));
    await poll(() => page.getByTestId('weight-sum').textContent()).toContain('105.00');
    expect(await page.getByTestId('weight-sum-error').textContent()).toContain('105');
    expect(await page.getByTestId('criteria-save').isDisabled()).toBe(true);
    await first.fill(original);
    await poll(() => page.getByTestId('criteria-save').isDisabled()).toBe(false);
    await context.close();
  });

  for (const language of ['zh-CN', 'en'] as const)
    it(`renders every recruitment page in ${language} without untranslated keys`, { timeout: 420_000 }, async () => {
      const sample =
        (await api<{ items: Prospect[] }>('/api/v1/prospects?stage=decision&limit=5')).items[0] ?? (await api<{ items: Prospect[] }>('/api/v1/prospects?stage=due_diligence&limit=5')).items[0];
      expect(sample, 'the demo season has a prospect past due diligence').toBeTruthy();
      const pages: [string, string, string][] = [
        ['board', '/recruitment/board', 'pipeline-board-page'],
        ['list', '/recruitment/prospects', 'prospect-list-page'],
        ['ranking', '/recruitment/ranking', 'ranking-page'],
        ['criteria', '/recruitment/criteria', 'criteria-page'],
        ['new', '/recruitment/prospects/new', 'prospect-create-page'],
        ...['profile', 'screening', 'dd', 'risk', 'financials', 'decision', 'history'].map((tab): [string, string, string] => [
          `detail-${tab}`,
          `/recruitment/prospects/${sample.id}?tab=${tab}`,
          'prospect-detail-page',
        ]),
      ];
      {
        const { context, page } = await newPage(language);
        await login(page);
        for (const [name, url, testId] of pages) {
          await page.goto(`${base}${url}`);
          // One reload when a busy machine (or a web rebuild by another process) loses the page's chunk.
          await page
            .getByTestId(testId)
            .waitFor({ timeout: 30_000 })
            .catch(async () => {
              await page.reload();
              await page.getByTestId(testId).waitFor();
            });
          await page.waitForLoadState('networkidle');
          const text = await page.locator('main, body').first().innerText();
          expect(text, `${name} (${language}) shows an i18n key`).not.toMatch(/recruitment\.[a-z]/);
          await page.screenshot({ path: `${SHOTS}/${name}-${language}.png`, fullPage: true });
        }
        await context.close();
        for (const viewport of [
          { width: 1440, height: 900 },
          { width: 390, height: 844 },
        ]) {
          const { context: c, page: p } = await newPage(language, viewport);
          await p.goto(`${base}/apply`);
          await p.getByTestId('apply-page').waitFor();
          await p.waitForLoadState('networkidle');
          expect(await p.locator('body').innerText()).not.toMatch(/recruitment\.[a-z]/);
          const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, 'the application form fits a phone').toBeLessThanOrEqual(0);
          await p.screenshot({ path: `${SHOTS}/apply-${language}-${viewport.width}.png`, fullPage: true });
          await c.close();
        }
      }
    });
});
