// The one HQ settings page in a browser: an HQ admin finds a setting by module, sees the server
// refuse a value on its field, saves a valid one and finds the new version in the list, the
// editor and the history. With QUDAO_SHOTS=<dir> it also saves screenshots in both languages.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { CHROMIUM, ensureWebBuilt } from '../helpers/web.js';

const SHOTS = process.env.QUDAO_SHOTS;
const ADMIN = 'e2e.settings.admin';

describe('the HQ settings page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  async function open(language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: language });
    await context.addInitScript((lng) => localStorage.setItem('qudao.language', lng), language);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(ADMIN);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
    return page;
  }
  const inputOf = async (l: Locator) => ((await l.evaluate((e) => e.tagName)) === 'INPUT' ? l : l.locator('input'));
  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}`);
    ensureWebBuilt();
    t = await createTestApp({ serveWeb: true });
    await t.loginAs('hq_admin', { username: ADMIN });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('changes the receivables ageing edges: a server refusal on the field, then a new version', async () => {
    const page = await open('zh-CN');
    await page.getByTestId('menu-group-system').click();
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-page').waitFor();
    const row = page.getByTestId('setting-row-receivables.ageing');
    await expect.poll(() => row.textContent()).toContain('应收账龄分段');
    expect(await row.getByTestId('setting-version').textContent()).toBe('默认值');
    await shot(page, 'zh-CN-1-list');

    await row.click();
    const editor = page.getByTestId('setting-editor');
    await editor.waitFor();
    await shot(page, 'zh-CN-2-ageing');

    // 20 is a valid number but not above the first edge (30): only the server's check knows.
    const second = await inputOf(page.getByTestId('field-secondBucketMaxDays'));
    await second.fill('20');
    await page.getByTestId('settings-save').click();
    const fieldError = page
      .locator('.ant-form-item')
      .filter({ has: page.getByTestId('field-secondBucketMaxDays') })
      .locator('.ant-form-item-explain-error');
    await expect.poll(() => fieldError.textContent()).toContain('第一段截止逾期天数');
    expect((await t.inject({ method: 'GET', url: '/api/v1/settings/receivables.ageing', headers: { cookie: await t.loginAs('hq_admin') } })).json().version).toBe(0);
    await shot(page, 'zh-CN-3-error');

    await second.fill('45');
    await page.getByTestId('settings-note').fill('按新的回款政策调整');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => editor.getByTestId('setting-version').textContent()).toBe('第 1 版');
    expect(await page.getByTestId('settings-diff-table').textContent()).toContain('45');

    await page.getByTestId('settings-history').click();
    const versions = page.getByTestId('settings-versions');
    await expect.poll(() => versions.getByTestId('version-number').allTextContents()).toEqual(['第 1 版']);
    expect(await versions.textContent()).toContain('按新的回款政策调整');
    await shot(page, 'zh-CN-4-history');
    await page.keyboard.press('Escape');

    const saved = await t.inject({ method: 'GET', url: '/api/v1/settings/receivables.ageing', headers: { cookie: await t.loginAs('hq_admin') } });
    expect(saved.json()).toMatchObject({ version: 1, value: { firstBucketMaxDays: 30, secondBucketMaxDays: 45, thirdBucketMaxDays: 90 }, changedBy: ADMIN });

    await page.getByTestId('settings-back').click();
    await expect.poll(() => page.getByTestId('setting-row-receivables.ageing').getByTestId('setting-version').textContent()).toBe('第 1 版');

    if (SHOTS) {
      for (const key of ['service.settings', 'screening.criteria', 'evaluation.settings']) {
        await page.goto(`${base}/settings?key=${key}`);
        await page.getByTestId('setting-editor').waitFor();
        await shot(page, `zh-CN-5-${key}`);
      }
      const en = await open('en');
      await en.goto(`${base}/settings`);
      await en.getByTestId('settings-page').waitFor();
      await shot(en, 'en-1-list');
      for (const key of ['receivables.ageing', 'service.settings', 'screening.criteria', 'evaluation.settings']) {
        await en.goto(`${base}/settings?key=${key}`);
        await en.getByTestId('setting-editor').waitFor();
        await shot(en, `en-2-${key}`);
      }
    }
  });
});
