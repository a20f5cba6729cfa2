import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('catalog', () => {
  let t: TestApp;
  let admin: string;
  let analyst: string;

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = admin) => t.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    analyst = await t.loginAs('hq_analyst');
  });
  afterAll(async () => t?.close());

  describe('products', () => {
    const tea = { sku: 'TEA-LJ-250', name: '西湖龙井 250g', category: 'tea', unit: '盒', listPriceFen: 12_800, minRetailPriceFen: 15_800 };
    let id: string;

    it('should create a product that is active by default and read it back', async () => {
      const res = await api('POST', '/products', tea);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ ...tea, active: true });
      id = res.json().id;
      const got = await api('GET', `/products/${id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ id, ...tea, active: true });
    });

    it('should update only the fields sent', async () => {
      t.clock.advance(60_000);
      const res = await api('PATCH', `/products/${id}`, { listPriceFen: 13_800, active: false });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ...tea, listPriceFen: 13_800, active: false, updatedAt: t.clock.now().toISOString() });
      expect(res.json().createdAt).not.toBe(res.json().updatedAt);
      expect((await api('GET', `/products/${id}`)).json()).toMatchObject({ listPriceFen: 13_800, active: false, name: tea.name });
    });

    it('should refuse a duplicate SKU with 409 CONFLICT and keep one product', async () => {
      const res = await api('POST', '/products', { ...tea, name: 'copy' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CONFLICT');
      const list = await api('GET', `/products?q=${tea.sku}`);
      expect(list.json().items).toHaveLength(1);
    });

    it('should let exactly one of three concurrent creates of one SKU win, the others getting 409 (never 500)', async () => {
      for (let round = 1; round <= 3; round++) {
        const payload = { sku: `RACE-SKU-${round}`, name: '并发', category: 'tea', unit: '盒', listPriceFen: 100, minRetailPriceFen: 100 };
        const results = await Promise.all([1, 2, 3].map(() => api('POST', '/products', payload)));
        expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
        for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('CONFLICT');
      }
    });

    it('should answer 404 for an unknown product', async () => {
      const res = await api('GET', '/products/prd_missing');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    });

    it('should let an analyst read products but not write them', async () => {
      expect((await api('GET', `/products/${id}`, undefined, analyst)).statusCode).toBe(200);
      expect((await api('PATCH', `/products/${id}`, { name: 'x' }, analyst)).statusCode).toBe(403);
      expect((await api('POST', '/products', { ...tea, sku: 'NOPE-1' }, analyst)).statusCode).toBe(403);
    });

    it('should list the distinct categories, each once', async () => {
      for (const [sku, category] of [
        ['SN-1', 'snack'],
        ['BV-1', 'beverage'],
        ['BV-2', 'beverage'],
        ['SN-2', 'snack'],
      ]) {
        expect((await api('POST', '/products', { sku, name: sku, category, unit: '件', listPriceFen: 100, minRetailPriceFen: 120 })).statusCode).toBe(201);
      }
      const res = await api('GET', '/products/categories');
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual(['beverage', 'snack', 'tea']);
    });

    it('should filter products by category, activity and search text', async () => {
      const skus = async (query: string) =>
        (await api('GET', `/products?${query}`))
          .json()
          .items.map((p: { sku: string }) => p.sku)
          .sort();
      expect(await skus('category=beverage')).toEqual(['BV-1', 'BV-2']);
      expect(await skus('active=false')).toEqual(['TEA-LJ-250']);
      expect(await skus('q=sn-')).toEqual(['SN-1', 'SN-2']);
      expect(await skus(`q=${encodeURIComponent('龙井')}`)).toEqual(['TEA-LJ-250']);
    });
  });

  describe('price lists', () => {
    // Two products; gold has two overlapping lists, silver one closed list, bronze none.
    const A = { sku: 'PL-A', listPriceFen: 10_000 };
    const B = { sku: 'PL-B', listPriceFen: 20_000 };
    let goldEarly: string;
    let goldLate: string;
    let silver: string;

    const resolve = async (tier: string, sku: string, on?: string) => {
      const res = await api('GET', `/price-lists/resolve?tier=${tier}&sku=${sku}${on ? `&on=${on}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { priceFen: number; listPriceFen: number; priceListId: string | null; source: string; on: string };
    };

    beforeAll(async () => {
      for (const p of [A, B]) {
        const res = await api('POST', '/products', { ...p, name: p.sku, category: 'pricing', unit: '件', minRetailPriceFen: p.listPriceFen });
        expect(res.statusCode).toBe(201);
      }
      const create = async (payload: object) => {
        const res = await api('POST', '/price-lists', payload);
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      goldEarly = await create({ name: '金牌 H1', tier: 'gold', effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', items: [{ sku: 'PL-A', priceFen: 9_000 }] });
      goldLate = await create({
        name: '金牌 新价',
        tier: 'gold',
        effectiveFrom: '2026-04-01',
        effectiveTo: null,
        items: [
          { sku: 'PL-A', priceFen: 8_500 },
          { sku: 'PL-B', priceFen: 18_000 },
        ],
      });
      silver = await create({ name: '银牌 Q1', tier: 'silver', effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31', items: [{ sku: 'PL-A', priceFen: 9_500 }] });
    });

    it('should refuse a price list starting or ending on a date that does not exist', async () => {
      for (const [field, dates] of [
        ['effectiveFrom', { effectiveFrom: '2026-02-29' }],
        ['effectiveTo', { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-31' }],
      ] as const) {
        const res = await api('POST', '/price-lists', { name: '日期检查', tier: 'gold', ...dates, items: [{ sku: 'PL-A', priceFen: 9_000 }] });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(`/${field}`);
      }
    });

    it("should resolve to the tier's override in force on the date", async () => {
      expect(await resolve('gold', 'PL-A', '2026-02-15')).toMatchObject({ priceFen: 9_000, listPriceFen: 10_000, priceListId: goldEarly, source: 'price_list' });
      expect(await resolve('silver', 'PL-A', '2026-02-15')).toMatchObject({ priceFen: 9_500, priceListId: silver, source: 'price_list' });
    });

    it('should resolve to the list price when the list in force has no override for the SKU', async () => {
      expect(await resolve('gold', 'PL-B', '2026-02-15')).toMatchObject({ priceFen: 20_000, listPriceFen: 20_000, priceListId: null, source: 'list_price' });
    });

    it('should resolve to the list price for a tier without lists and before any list starts', async () => {
      expect(await resolve('bronze', 'PL-A', '2026-02-15')).toMatchObject({ priceFen: 10_000, source: 'list_price', priceListId: null });
      expect(await resolve('gold', 'PL-A', '2025-12-31')).toMatchObject({ priceFen: 10_000, source: 'list_price' });
    });

    it('should prefer the later-starting list when two lists of a tier overlap', async () => {
      // 2026-05-01 lies in both gold lists.
      expect(await resolve('gold', 'PL-A', '2026-05-01')).toMatchObject({ priceFen: 8_500, priceListId: goldLate });
      expect(await resolve('gold', 'PL-B', '2026-05-01')).toMatchObject({ priceFen: 18_000, priceListId: goldLate });
      // The day before the later list starts, the earlier one still rules.
      expect(await resolve('gold', 'PL-A', '2026-03-31')).toMatchObject({ priceFen: 9_000, priceListId: goldEarly });
    });

    it('should apply a list through its effectiveTo day and not after it', async () => {
      expect(await resolve('silver', 'PL-A', '2026-03-31')).toMatchObject({ priceFen: 9_500, source: 'price_list' });
      expect(await resolve('silver', 'PL-A', '2026-04-01')).toMatchObject({ priceFen: 10_000, source: 'list_price', priceListId: null });
    });

    it("should resolve on the clock's date when no date is given", async () => {
      const today = t.clock.now().toISOString().slice(0, 10);
      const res = await resolve('gold', 'PL-A');
      expect(res.on).toBe(today);
      // Today (late 2026) only the open-ended gold list is in force.
      expect(res).toMatchObject({ priceFen: 8_500, priceListId: goldLate });
    });

    it('should answer 404 when resolving an unknown SKU', async () => {
      const res = await api('GET', '/price-lists/resolve?tier=gold&sku=NOPE');
      expect(res.statusCode).toBe(404);
    });

    it('should refuse an unknown SKU in the items, naming /items/N/sku, and create nothing', async () => {
      const before = (await api('GET', '/price-lists?limit=500')).json().items.length;
      const res = await api('POST', '/price-lists', {
        name: '坏清单',
        tier: 'gold',
        effectiveFrom: '2027-01-01',
        items: [
          { sku: 'PL-A', priceFen: 1 },
          { sku: 'PL-B', priceFen: 2 },
          { sku: 'GHOST-SKU', priceFen: 3 },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/items/2/sku');
      expect((await api('GET', '/price-lists?limit=500')).json().items.length).toBe(before);
    });

    it('should refuse effectiveTo before effectiveFrom with 400', async () => {
      const res = await api('POST', '/price-lists', { name: '倒序', tier: 'gold', effectiveFrom: '2026-06-01', effectiveTo: '2026-05-31' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/effectiveTo');
    });

    it('should refuse a PATCH that would end a list before it starts', async () => {
      const res = await api('PATCH', `/price-lists/${silver}`, { effectiveTo: '2025-12-31' });
      expect(res.statusCode).toBe(400);
      expect((await api('GET', `/price-lists/${silver}`)).json().effectiveTo).toBe('2026-03-31');
    });

    it('should show the overrides of a list with product names and list prices', async () => {
      const res = await api('GET', `/price-lists/${goldLate}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        { sku: 'PL-A', productName: 'PL-A', listPriceFen: 10_000, priceFen: 8_500 },
        { sku: 'PL-B', productName: 'PL-B', listPriceFen: 20_000, priceFen: 18_000 },
      ]);
    });
  });
});
