// The one settings mechanism (src/server/core/settings.ts): every declared setting goes through the
// same generic routes with the same guarantees, tested here for each declaration the built app
// holds, so a module that declares a setting gets these tests without writing them. Below them,
// the mechanism's own behaviours on a test-only declaration.
import { Migrator, type Migration } from 'kysely';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSetting, mergeOver, readSetting, settingDefinitions, settingErrors, settingVersions, writeSetting, type SettingDefinition } from '../src/server/core/settings.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrations } from '../src/server/db/migrations/index.js';
import { loadConfig } from '../src/server/config.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { freshDatabaseUrl } from './helpers/db.js';

// The app's module list imports every `<module>.settings.ts`; this one is only for the unit tests.
const UNIT = defineSetting({
  key: 'test.unit',
  module: 'test',
  title: { 'zh-CN': '测试', en: 'Test' },
  schema: Type.Object(
    {
      limit: Type.Integer({ minimum: 1, maximum: 100 }),
      label: Type.String({ maxLength: 20 }),
      range: Type.Object({ low: Type.Integer(), high: Type.Integer() }, { additionalProperties: false }),
      steps: Type.Array(Type.Object({ at: Type.Integer() }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  defaults: { limit: 10, label: 'a', range: { low: 1, high: 5 }, steps: [{ at: 1 }, { at: 2 }] },
  permission: 'settings.manage',
  check: (v) => (v.range.low > v.range.high ? [{ path: '/range/low', message: 'must not exceed high' }] : []),
});

const declared = (): SettingDefinition[] => settingDefinitions().filter((d) => d.module !== 'test');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value of the wrong JSON type for a field whose default is `value`. */
const wrongTypeOf = (value: unknown): unknown => (typeof value === 'string' ? 12345 : 'not-a-value');

/**
 * A valid document that differs from the defaults in one leaf, found by trying small changes
 * (numbers +-1, strings extended, booleans flipped) against the declaration's own validation.
 */
function variantOf(definition: SettingDefinition): unknown {
  const base = definition.defaults;
  const candidates: unknown[] = [];
  const visit = (value: unknown, set: (v: unknown) => unknown) => {
    if (typeof value === 'number') candidates.push(set(value + 1), set(value - 1), set(value / 2));
    else if (typeof value === 'boolean') candidates.push(set(!value));
    else if (typeof value === 'string') candidates.push(set(`${value}x`), set('x'));
    else if (Array.isArray(value) && value.length) visit(value[0], (v) => set([v, ...value.slice(1)]));
    else if (isObject(value)) for (const [k, child] of Object.entries(value)) visit(child, (v) => set({ ...value, [k]: v }));
  };
  visit(structuredClone(base), (v) => v);
  return candidates.find((c) => settingErrors(definition, c).length === 0);
}

const t: TestApp = await createTestApp();
let admin = '';
let dealerUser = '';
const adminName = 'settings.admin';

beforeAll(async () => {
  admin = await t.loginAs('hq_admin', { username: adminName });
  const dealer = await t.dealer();
  dealerUser = await t.loginAs('dealer_admin', { dealerId: dealer.id });
});
afterAll(async () => t?.close());

const call = (method: 'GET' | 'PUT', url: string, cookie: string, body?: unknown) =>
  t.inject({ method, url, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
const url = (key: string) => `/api/v1/settings/${encodeURIComponent(key)}`;

describe('every declared setting, through the generic routes', () => {
  it('declares the settings this release moved onto the mechanism, and lists them all', async () => {
    const keys = declared().map((d) => d.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'orders.trade',
        'receivables.ageing',
        'screening.criteria',
        'service.settings',
        'due-diligence.riskBands',
        'prospects.contract',
        'evaluation.settings',
        'transfers.planning',
        'vmi.proposals',
        'stock-health.parameters',
        'terminations.buyback',
      ]),
    );
    const list = await call('GET', '/api/v1/settings', admin);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json().items as { key: string }[]).map((i) => i.key)).toEqual(expect.arrayContaining(keys));
  });

  describe.each(declared().map((d) => [d.key, d] as const))('%s', (key, definition) => {
    it('answers the defaults at version 0 before anyone saved it', async () => {
      const res = await call('GET', url(key), admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ key, module: definition.module, title: definition.title, value: definition.defaults, defaults: definition.defaults, version: 0, changedBy: null });
    });

    it('round-trips the defaults on PUT and bumps the version', async () => {
      const res = await call('PUT', url(key), admin, { value: definition.defaults, note: 'as shipped' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ value: definition.defaults, version: 1, changedBy: adminName });
      expect((await call('GET', url(key), admin)).json()).toMatchObject({ value: definition.defaults, version: 1 });
    });

    const fields = isObject(definition.defaults) ? Object.keys(definition.defaults) : [];
    it.each(fields)('refuses a wrong-typed %s with a 400 naming /value/<field>, changing nothing', async (field) => {
      const value = { ...(definition.defaults as Record<string, unknown>), [field]: wrongTypeOf((definition.defaults as Record<string, unknown>)[field]) };
      const res = await call('PUT', url(key), admin, { value });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((res.json().errors as { path: string }[]).map((e) => e.path)).toContain(`/value/${field}`);
      expect((await call('GET', url(key), admin)).json()).toMatchObject({ value: definition.defaults, version: 1 });
    });

    it('records a change in the audit chain with before and after, and lists it among the versions', async () => {
      const changed = variantOf(definition);
      expect(changed, 'a valid variant of the defaults').toBeDefined();
      const res = await call('PUT', url(key), admin, { value: changed });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ value: changed, version: 2 });
      const audit = await call('GET', `/api/v1/audit?entityType=setting&entityId=${encodeURIComponent(key)}`, admin);
      const [latest] = audit.json().items as { action: string; actorName: string; change: { version: number; from: unknown; to: unknown } }[];
      expect(latest).toMatchObject({ action: 'settings.update', actorName: adminName, change: { version: 2, from: definition.defaults, to: changed } });
      const versions = (await call('GET', `${url(key)}/versions`, admin)).json().items as { version: number; value: unknown; changedBy: string; note: string | null }[];
      expect(versions.map((v) => v.version)).toEqual([2, 1]);
      expect(versions[0]).toMatchObject({ value: changed, changedBy: adminName });
      expect(versions[1]).toMatchObject({ value: definition.defaults, note: 'as shipped' });
      // back to the defaults, so this file leaves every rule as shipped
      expect((await call('PUT', url(key), admin, { value: definition.defaults })).json().version).toBe(3);
    });

    it('refuses a dealer user, reading and writing', async () => {
      expect((await call('GET', url(key), dealerUser)).statusCode).toBe(403);
      expect((await call('GET', `${url(key)}/versions`, dealerUser)).statusCode).toBe(403);
      expect((await call('PUT', url(key), dealerUser, { value: definition.defaults })).statusCode).toBe(403);
      expect((await call('GET', url(key), admin)).json().version).toBe(3);
    });
  });

  it('answers 404 for a key nobody declared', async () => {
    expect((await call('GET', url('nobody.declared'), admin)).statusCode).toBe(404);
    expect((await call('PUT', url('nobody.declared'), admin, { value: {} })).statusCode).toBe(404);
  });
});

describe('the mechanism itself (src/server/core/settings.ts)', () => {
  const store = (value: unknown) =>
    t.system.db
      .insertInto('settings')
      .values({ key: UNIT.key, value: typeof value === 'string' ? value : JSON.stringify(value), updated_at: t.clock.now().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: typeof value === 'string' ? value : JSON.stringify(value) }))
      .execute();

  it('merges a stored document over the defaults: objects key by key, arrays replace', async () => {
    expect(mergeOver({ a: 1, o: { x: 1, y: 2 }, l: [1, 2] }, { o: { y: 3 }, l: [9] })).toEqual({ a: 1, o: { x: 1, y: 3 }, l: [9] });
    await store({ limit: 20, range: { high: 9 }, steps: [{ at: 7 }] });
    expect(await readSetting(t.system.db, UNIT)).toEqual({ limit: 20, label: 'a', range: { low: 1, high: 9 }, steps: [{ at: 7 }] });
  });

  it('falls back field by field: a hand-edited invalid field takes its default, the others keep their stored values', async () => {
    await store({ limit: 'lots', label: 'kept', range: { low: 2, high: 3 }, unknown: true });
    expect(await readSetting(t.system.db, UNIT)).toEqual({ limit: 10, label: 'kept', range: { low: 2, high: 3 }, steps: [{ at: 1 }, { at: 2 }] });
    await store({ limit: 1000, steps: [{ at: 'x' }], label: 'kept' });
    expect(await readSetting(t.system.db, UNIT)).toEqual({ limit: 10, label: 'kept', range: { low: 1, high: 5 }, steps: [{ at: 1 }, { at: 2 }] });
  });

  it('applies the cross-field check on reading too, and reads unparseable text as the defaults', async () => {
    await store({ limit: 30, range: { low: 9, high: 2 } });
    expect(await readSetting(t.system.db, UNIT)).toEqual({ ...UNIT.defaults, limit: 30 });
    await store('{not json');
    expect(await readSetting(t.system.db, UNIT)).toEqual(UNIT.defaults);
  });

  it('names each error under the path prefix, the cross-field check included', () => {
    expect(settingErrors(UNIT, { ...UNIT.defaults, limit: 0 }, '/value').map((e) => e.path)).toEqual(['/value/limit']);
    expect(settingErrors(UNIT, { ...UNIT.defaults, range: { low: 6, high: 5 } }, '/value')).toEqual([{ path: '/value/range/low', message: 'must not exceed high' }]);
    expect(settingErrors(UNIT, { ...UNIT.defaults, extra: 1 }, '/value').map((e) => e.path)).toEqual(['/value/extra']);
  });

  it('gives concurrent writers of one key distinct, consecutive versions, each document kept', async () => {
    await t.system.db.deleteFrom('settings').where('key', '=', UNIT.key).execute();
    const limits = [11, 12, 13, 14, 15, 16];
    await Promise.all(limits.map((limit) => writeSetting(t.system, UNIT, { ...UNIT.defaults, limit })));
    const versions = await settingVersions(t.system.db, UNIT.key);
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(versions.map((v) => (v.value as { limit: number }).limit).sort()).toEqual(limits);
    // the row holds the document of the last version written
    expect((await readSetting(t.system.db, UNIT)).limit).toBe((versions[0].value as { limit: number }).limit);
  });

  it('refuses to save an invalid document, writing no version', async () => {
    const before = (await settingVersions(t.system.db, UNIT.key)).length;
    await expect(writeSetting(t.system, UNIT, { ...UNIT.defaults, range: { low: 9, high: 1 } }, { pathPrefix: '/value' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await settingVersions(t.system.db, UNIT.key)).length).toBe(before);
  });
});

describe('cross-field checks of the declared settings', () => {
  const byKey = (key: string) => declared().find((d) => d.key === key)!;
  it.each([
    ['receivables.ageing', { firstBucketMaxDays: 30, secondBucketMaxDays: 30, thirdBucketMaxDays: 90 }, '/value/secondBucketMaxDays'],
    ['receivables.ageing', { firstBucketMaxDays: 30, secondBucketMaxDays: 60, thirdBucketMaxDays: 45 }, '/value/thirdBucketMaxDays'],
    ['due-diligence.riskBands', { lowMax: 9, mediumMax: 9, highMax: 14 }, '/value/mediumMax'],
    ['due-diligence.riskBands', { lowMax: 4, mediumMax: 12, highMax: 10 }, '/value/highMax'],
    ['service.settings', { ...(byKey('service.settings').defaults as object), workStartMinute: 1080, workEndMinute: 540 }, '/value/workEndMinute'],
    ['evaluation.settings', { ...(byKey('evaluation.settings').defaults as object), weights: { sales: 0.6, satisfaction: 0.3, inventory: 0.2 } }, '/value/weights'],
    ['evaluation.settings', { ...(byKey('evaluation.settings').defaults as object), turnoverBenchmarkDays: { default: 60, byCategory: { ' ': 30 } } }, '/value/turnoverBenchmarkDays/byCategory'],
  ])('%s refuses %j at %s over the generic route', async (key, value, path) => {
    const res = await call('PUT', url(key), admin, { value });
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json().errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  // The transfer, VMI and stock-health settings have no cross-field rule; their ranges are refused on the field.
  it.each([
    ['transfers.planning', { ...(byKey('transfers.planning').defaults as object), maxDistanceKm: 0 }, '/value/maxDistanceKm'],
    ['transfers.planning', { ...(byKey('transfers.planning').defaults as object), exclusiveBoundLevel: 'street' }, '/value/exclusiveBoundLevel'],
    ['stock-health.parameters', { ...(byKey('stock-health.parameters').defaults as object), windowDays: 3 }, '/value/windowDays'],
    ['stock-health.parameters', { ...(byKey('stock-health.parameters').defaults as object), defaultServiceLevel: 1 }, '/value/defaultServiceLevel'],
  ])('%s refuses %j at %s over the generic route', async (key, value, path) => {
    const res = await call('PUT', url(key), admin, { value });
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json().errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it('reads the transfer, VMI and stock-health settings through their own routes from the documents on the settings page', async () => {
    const transfers = byKey('transfers.planning').defaults as Record<string, unknown>;
    const stock = byKey('stock-health.parameters').defaults as Record<string, unknown>;
    try {
      expect((await call('PUT', url('transfers.planning'), admin, { value: { ...transfers, costBaseFen: 450 } })).statusCode).toBe(200);
      expect((await call('PUT', url('vmi.proposals'), admin, { value: { autoConfirm: true } })).statusCode).toBe(200);
      expect((await call('PUT', url('stock-health.parameters'), admin, { value: { ...stock, orderCycleDays: 21 } })).statusCode).toBe(200);
      expect((await call('GET', '/api/v1/transfers/settings', admin)).json()).toEqual({ ...transfers, costBaseFen: 450 });
      expect((await call('GET', '/api/v1/vmi/settings', admin)).json()).toEqual({ autoConfirm: true });
      expect((await call('GET', '/api/v1/inventory/settings/stock-health', admin)).json()).toMatchObject({ ...stock, orderCycleDays: 21 });
      // the transfers PATCH merges what it is sent over the document in force, as a new version
      const patched = await t.inject({
        method: 'PATCH',
        url: '/api/v1/transfers/settings',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: JSON.stringify({ maxDistanceKm: 800 }),
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toEqual({ ...transfers, costBaseFen: 450, maxDistanceKm: 800 });
      expect((await call('GET', url('transfers.planning'), admin)).json()).toMatchObject({ value: { costBaseFen: 450, maxDistanceKm: 800 }, changedBy: adminName });
    } finally {
      await call('PUT', url('transfers.planning'), admin, { value: transfers });
      await call('PUT', url('vmi.proposals'), admin, { value: { autoConfirm: false } });
      await call('PUT', url('stock-health.parameters'), admin, { value: stock });
    }
  });

  it('puts the warning thresholds and grade steps on the settings page, and evaluation reads what HQ saved there', async () => {
    const defaults = byKey('evaluation.settings').defaults as { warning: Record<string, number>; consequences: { rebateStepBp: Record<string, number> } };
    const value = { ...defaults, warning: { ...defaults.warning, redAfterMonths: 4 }, consequences: { ...defaults.consequences, rebateStepBp: { A: 80, B: 10, C: 0, D: -60 } } };
    expect((await call('PUT', url('evaluation.settings'), admin, { value })).statusCode).toBe(200);
    try {
      const read = await call('GET', '/api/v1/evaluations/settings', admin);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({ warning: { redAfterMonths: 4 }, consequences: { rebateStepBp: { A: 80, D: -60 } } });
      // the evaluation's own PUT merges what it is sent over the document in force, and refuses bad weights on their field
      const bad = await call('PUT', '/api/v1/evaluations/settings', admin, { weights: { sales: 0.9, satisfaction: 0.3, inventory: 0.2 } });
      expect(bad.statusCode, bad.body).toBe(400);
      expect((bad.json().errors as { path: string }[]).map((e) => e.path)).toContain('/body/weights');
      expect((await call('PUT', '/api/v1/evaluations/settings', admin, { fulfilmentDays: 5 })).json()).toMatchObject({ fulfilmentDays: 5, warning: { redAfterMonths: 4 } });
    } finally {
      await call('PUT', url('evaluation.settings'), admin, { value: defaults });
    }
  });

  it('bands receivables ageing and due-diligence risk with the edges in force', async () => {
    const dealer = await t.dealer();
    expect((await call('PUT', url('receivables.ageing'), admin, { value: { firstBucketMaxDays: 15, secondBucketMaxDays: 45, thirdBucketMaxDays: 120 } })).statusCode).toBe(200);
    try {
      const r = await call('GET', `/api/v1/dealers/${dealer.id}/receivables`, admin);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().ageingEdges).toEqual([15, 45, 120]);
    } finally {
      await call('PUT', url('receivables.ageing'), admin, { value: byKey('receivables.ageing').defaults });
    }
  });
});

describe('upgrading: migration 0019 folds the transfer, VMI and stock-health rows into the documents', () => {
  it('carries what HQ set over, dropping values the old readers ignored, and deletes the old rows', async () => {
    const names = Object.keys(migrations);
    const before = names[names.indexOf('0019_settings_documents_stock') - 1];
    const fresh = await freshDatabaseUrl();
    const database = openDatabase(loadConfig({ QUDAO_LOG_LEVEL: 'silent', DATABASE_URL: fresh.url }).databaseUrl, { poolSize: 2 });
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations } });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const at = '2026-01-02T03:04:05.000Z';
      await database.db
        .insertInto('settings')
        .values([
          { key: 'transfers.exclusiveBoundLevel', value: '"county"', updated_at: at },
          { key: 'transfers.costBaseFen', value: '450', updated_at: at },
          { key: 'transfers.costPerKmFen', value: '2.5', updated_at: at },
          { key: 'transfers.maxDistanceKm', value: '0', updated_at: at }, // out of range: the default stays
          { key: 'vmi.autoConfirm', value: 'true', updated_at: at },
          { key: 'vmi.coverDays', value: '30', updated_at: at }, // read by nobody since stock health took over
          { key: 'vmi.serviceLevel', value: '0.99', updated_at: at },
          { key: 'stockHealth.windowDays', value: '60', updated_at: at },
          { key: 'stockHealth.orderCycleDays', value: '"7"', updated_at: at }, // Number('"7"') is NaN: ignored before, the default stays
          { key: 'stockHealth.defaultLeadTimeDays', value: '3.5', updated_at: at },
          { key: 'stockHealth.defaultLeadTimeSdDays', value: '1', updated_at: at },
          { key: 'stockHealth.defaultServiceLevel', value: '1.5', updated_at: at }, // out of range: the default stays
          { key: 'receivables.ageing', value: JSON.stringify({ firstBucketMaxDays: 20, secondBucketMaxDays: 40, thirdBucketMaxDays: 80 }), updated_at: at },
        ])
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await database.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
      expect(rows.map((r) => r.key)).toEqual(['receivables.ageing', 'stock-health.parameters', 'transfers.planning', 'vmi.proposals']);
      const byKey = (key: string) => declared().find((d) => d.key === key)!;
      expect(await readSetting(database.db, byKey('transfers.planning'))).toEqual({ exclusiveBoundLevel: 'county', costBaseFen: 450, costPerKmFen: 2.5, maxDistanceKm: 1000 });
      expect(await readSetting(database.db, byKey('vmi.proposals'))).toEqual({ autoConfirm: true });
      expect(await readSetting(database.db, byKey('stock-health.parameters'))).toEqual({
        windowDays: 60,
        orderCycleDays: 14,
        defaultLeadTimeDays: 3.5,
        defaultLeadTimeSdDays: 1,
        defaultServiceLevel: 0.95,
        slowDays: 90, // declared after 0019: a document written before it reads the default
      });
      expect(await readSetting(database.db, byKey('receivables.ageing'))).toEqual({ firstBucketMaxDays: 20, secondBucketMaxDays: 40, thirdBucketMaxDays: 80 });
    } finally {
      await database.db.destroy();
      await fresh.drop();
    }
  });
});

describe('upgrading: migration 0018 folds the rows older releases wrote into the documents', () => {
  it('carries the trade scalars and the company name over, dropping values the old readers ignored', async () => {
    const names = Object.keys(migrations);
    const before = names[names.indexOf('0018_settings_documents') - 1];
    const fresh = await freshDatabaseUrl();
    const database = openDatabase(loadConfig({ QUDAO_LOG_LEVEL: 'silent', DATABASE_URL: fresh.url }).databaseUrl, { poolSize: 2 });
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations } });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const at = '2026-01-02T03:04:05.000Z';
      await database.db
        .insertInto('settings')
        .values([
          { key: 'credit.holdOverdueDays', value: '45', updated_at: at },
          { key: 'receivables.reminderOverdueDays', value: '"7"', updated_at: at },
          { key: 'idempotency.retentionDays', value: '0', updated_at: at }, // out of range: the default stays
          { key: 'company.name', value: '"某某品牌有限公司"', updated_at: at },
          { key: 'screening.criteria', value: JSON.stringify({ passMark: 80 }), updated_at: at },
        ])
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await database.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
      expect(rows.map((r) => r.key)).toEqual(['orders.trade', 'prospects.contract', 'screening.criteria']);
      const trade = declared().find((d) => d.key === 'orders.trade')!;
      const contract = declared().find((d) => d.key === 'prospects.contract')!;
      const screening = declared().find((d) => d.key === 'screening.criteria')!;
      expect(await readSetting(database.db, trade)).toEqual({ creditHoldOverdueDays: 45, overdueReminderDays: 7, idempotencyRetentionDays: 30 });
      expect(await readSetting(database.db, contract)).toEqual({ companyName: '某某品牌有限公司' });
      expect(((await readSetting(database.db, screening)) as { passMark: number }).passMark).toBe(80);
    } finally {
      await database.db.destroy();
      await fresh.drop();
    }
  });
});
