// Service in a browser: a dealer files a request, the regional manager of its territory answers
// it, the dealer sees the answer. With SHOTS=1 it also saves screenshots of the service pages
// (zh-CN and en, desktop and phone) into /tmp/qd-shots/service/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemo } from '../../src/server/seed/demo.js';
import { seedService } from '../../src/server/modules/tickets/service.seed.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { CHROMIUM, ensureWebBuilt } from '../helpers/web.js';

const SHOTS = process.env.SHOTS ? '/tmp/qd-shots/service' : null;

describe('service in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let dealer: { id: string };

  async function signedIn(username: string, options: { language?: 'zh-CN' | 'en'; phone?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: options.phone ? { width: 390, height: 844 } : { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    if (options.language === 'en') await context.addInitScript(() => localStorage.setItem('qudao.language', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}`);
    ensureWebBuilt();
    t = await createTestApp({ serveWeb: true });
    await seedDemo(t.deps.db, t.clock);
    await seedService(t.deps.db, t.clock);
    // a demo dealer in Guangzhou
    dealer = await t.deps.db
      .selectFrom('dealers as d')
      .innerJoin('dealer_territories as r', 'r.dealer_id', 'd.id')
      .select('d.id')
      .where('r.region_code', 'like', '4401%')
      .where('d.level', '=', 1)
      .orderBy('d.code')
      .executeTakeFirstOrThrow();
    await t.loginAs('dealer_admin', { dealerId: dealer.id, username: 'e2e.dealer' });
    // a city manager: more specific than the province's demo manager, so the request is routed here
    await t.loginAs('regional_manager', { regionCodes: ['440100'], username: 'e2e.manager' });
    await t.loginAs('hq_admin', { username: 'e2e.admin' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a dealer files a request, the regional manager answers it, the dealer sees the answer', async () => {
    const dealerPage = await signedIn('e2e.dealer');
    await dealerPage.goto(`${base}/service/tickets/new`);
    await dealerPage.getByTestId('ticket-subject-input').fill('旺季备货：追加200台空调');
    await dealerPage.getByTestId('ticket-description').fill('国庆后门店销量上升，申请追加200台1.5匹空调，请确认到货时间。');
    await dealerPage.getByTestId('ticket-submit').click();
    await dealerPage.getByTestId('ticket-subject').filter({ hasText: '旺季备货' }).waitFor();
    const ticketUrl = dealerPage.url();
    expect(ticketUrl).toMatch(/\/service\/tickets\/tkt_/);
    await expect.poll(() => dealerPage.getByTestId('timeline').innerText()).toContain('已受理');
    // the dealer may not handle its own request: no next-step button but "confirm" later
    expect(await dealerPage.getByTestId('next-step').count()).toBe(0);

    const managerPage = await signedIn('e2e.manager');
    await managerPage.goto(`${base}/service/board`);
    await managerPage.getByTestId('column-received').getByText('旺季备货：追加200台空调').click();
    await managerPage.getByTestId('ticket-subject').filter({ hasText: '旺季备货' }).waitFor();
    expect(managerPage.url()).toBe(ticketUrl);
    await managerPage.getByTestId('next-step').click(); // classify
    await managerPage
      .getByRole('dialog')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await expect.poll(() => managerPage.getByTestId('next-step').innerText()).toContain('答复');
    await managerPage.getByTestId('next-step').click(); // answer (first response)
    await managerPage.getByTestId('step-note').fill('已与工厂确认，下周三发货，预计周五到店。');
    await managerPage
      .getByRole('dialog')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await expect.poll(() => managerPage.getByTestId('timeline').innerText()).toContain('下周三发货');

    await dealerPage.reload();
    await expect.poll(() => dealerPage.getByTestId('timeline').innerText()).toContain('已与工厂确认，下周三发货，预计周五到店。');
    expect(await dealerPage.getByTestId('timeline').innerText()).toContain('已响应');
    // and the dealer's board shows only its own tickets
    await dealerPage.goto(`${base}/service/board`);
    await dealerPage.getByTestId('ticket-board').waitFor();
    const mine = await t.deps.db.selectFrom('tickets').select('number').where('dealer_id', '=', dealer.id).execute();
    const shown = await dealerPage.locator('[data-testid^="ticket-card-"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.replace('ticket-card-', '')));
    expect(shown.sort()).toEqual(mine.map((m) => m.number).sort());
  }, 240_000);

  // A screenshot tool rather than a test: registered only when SHOTS=1 is asked for.
  if (SHOTS)
    it('saves screenshots of the service pages', async () => {
      for (const language of ['zh-CN', 'en'] as const) {
        const page = await signedIn('e2e.admin', { language });
        for (const [name, url, ready] of [
          ['board', '/service/board', 'ticket-board'],
          ['reports-monthly', '/service/reports', 'chart-by-type'],
          ['knowledge', '/service/knowledge?', 'kb-results'],
          ['mediation', '/service/mediation', 'page-title'],
          ['surveys', '/service/surveys', 'page-title'],
          ['announcements', '/service/announcements', 'page-title'],
        ] as const) {
          await page.goto(`${base}${url}`);
          await page.getByTestId(ready).first().waitFor();
          await page.waitForTimeout(800);
          await page.screenshot({ path: `${SHOTS}/${name}.${language}.png`, fullPage: name !== 'board' });
        }
        await page.goto(`${base}/service/reports`);
        await page.getByTestId('chart-by-type').waitFor();
        await page.getByRole('tab').nth(1).click();
        await page.getByTestId('chart-stages').waitFor();
        await page.waitForTimeout(800);
        await page.screenshot({ path: `${SHOTS}/reports-quarterly.${language}.png`, fullPage: true });
        await page.goto(`${base}/service/board`);
        await page.locator('[data-testid^="ticket-card-"]').first().click();
        await page.getByTestId('timeline').waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${SHOTS}/detail.${language}.png`, fullPage: true });
        const phone = await signedIn('e2e.dealer', { language, phone: true });
        for (const [name, url] of [
          ['phone-board', '/service/board'],
          ['phone-new', '/service/tickets/new'],
        ] as const) {
          await phone.goto(`${base}${url}`);
          await phone.getByTestId('page-title').waitFor();
          await phone.waitForTimeout(600);
          await phone.screenshot({ path: `${SHOTS}/${name}.${language}.png`, fullPage: true });
        }
      }
    }, 600_000);
});
