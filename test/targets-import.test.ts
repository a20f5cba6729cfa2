// Target import reads yuan with the one exact parser (src/shared/money.ts): 0.29 is 29 fen, three
// decimals or a negative target reject the row, and a dry run saves nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';

const t = await createTestApp();
afterAll(async () => t.close());

function csvUpload(content: string) {
  const boundary = '----qudao-targets';
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="targets.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`, 'utf8');
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('target import', () => {
  it('converts yuan to fen exactly and rejects amounts that are not money', async () => {
    const admin = await t.loginAs('hq_admin');
    const dealer = await t.dealer();
    const upload = (content: string, dryRun: boolean) =>
      t.inject({ method: 'POST', url: `/api/v1/targets/import?dryRun=${dryRun}`, ...csvUpload(content), headers: { ...csvUpload(content).headers, cookie: admin } });

    const bad = await upload(`经销商编码,期间,目标(元)\n${dealer.code},2027-01,12.345\n${dealer.code},2027-02,-5\n`, false);
    expect(bad.statusCode).toBe(200);
    expect(bad.json().saved).toBe(0);
    expect(bad.json().rejected.map((r: { row: number }) => r.row)).toEqual([2, 3]);

    const good = await upload(`经销商编码,期间,目标(元)\n${dealer.code},2027-01,"1,234.29"\n${dealer.code},2027-02,0.29\n`, false);
    expect(good.json()).toMatchObject({ saved: 2, rejected: [] });
    const list = await t.inject({ method: 'GET', url: `/api/v1/targets?dealerId=${dealer.id}`, headers: { cookie: admin } });
    const byPeriod = Object.fromEntries(list.json().items.map((i: { period: string; targetFen: number }) => [i.period, i.targetFen]));
    expect(byPeriod).toMatchObject({ '2027-01': 123_429, '2027-02': 29 });
  });
});
