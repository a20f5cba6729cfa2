import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

interface RegionJson {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
  path?: string;
  hasChildren: boolean;
}

describe('regions', () => {
  let t: TestApp;
  let cookie: string;

  const regions = async (query = '') => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/regions${query}`, headers: { cookie } });
    expect(res.statusCode, query).toBe(200);
    return res.json().items as RegionJson[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    // Regions are reference data every role reads; a dealer user is the narrowest reader.
    const dealer = await t.dealer();
    cookie = await t.loginAs('dealer_staff', { dealerId: dealer.id });
  });
  afterAll(async () => t?.close());

  it('should list the 34 provincial-level regions of GB/T 2260 at the top', async () => {
    const provinces = await regions();
    expect(provinces).toHaveLength(34);
    for (const p of provinces) {
      expect(p.level).toBe('province');
      expect(p.parentCode).toBeNull();
      expect(p.code).toMatch(/^\d{2}0000$/);
    }
    const byCode = new Map(provinces.map((p) => [p.code, p.name]));
    expect(byCode.get('110000')).toBe('北京市');
    expect(byCode.get('440000')).toBe('广东省');
    expect(byCode.get('650000')).toBe('新疆维吾尔自治区');
    expect(byCode.get('710000')).toBe('台湾省');
    expect(byCode.get('810000')).toBe('香港特别行政区');
    expect(byCode.get('820000')).toBe('澳门特别行政区');
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
  });

  it("should list 天河区 (440106) among 广州市's (440100) children", async () => {
    const children = await regions('?parentCode=440100');
    const tianhe = children.find((c) => c.code === '440106');
    expect(tianhe).toMatchObject({ code: '440106', name: '天河区', level: 'county', parentCode: '440100' });
    expect(children.map((c) => c.name)).toEqual(expect.arrayContaining(['越秀区', '海珠区', '番禺区']));
    for (const c of children) expect(c.parentCode).toBe('440100');
  });

  it("should find 天河 by name with its full path '广东省 / 广州市 / 天河区'", async () => {
    const hits = await regions(`?q=${encodeURIComponent('天河')}`);
    const tianhe = hits.find((h) => h.code === '440106');
    expect(tianhe).toBeDefined();
    expect(tianhe!.path).toBe('广东省 / 广州市 / 天河区');
    for (const h of hits) expect(h.name).toContain('天河');
  });

  it('should answer one region by code', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/regions/440106', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '440106', name: '天河区', level: 'county', parentCode: '440100', path: '广东省 / 广州市 / 天河区' });
  });

  it('should form a strict province > city > county tree across the whole country', async () => {
    let cities = 0;
    let counties = 0;
    for (const province of await regions()) {
      const provinceCities = province.hasChildren ? await regions(`?parentCode=${province.code}`) : [];
      for (const city of provinceCities) {
        expect(city.level, city.code).toBe('city');
        expect(city.parentCode, city.code).toBe(province.code);
        expect(city.code.slice(0, 2), city.code).toBe(province.code.slice(0, 2));
        expect(city.code, city.code).toMatch(/^\d{4}00$/);
        cities++;
        const cityCounties = city.hasChildren ? await regions(`?parentCode=${city.code}`) : [];
        for (const county of cityCounties) {
          expect(county.level, county.code).toBe('county');
          expect(county.parentCode, county.code).toBe(city.code);
          expect(county.code.slice(0, 4), county.code).toBe(city.code.slice(0, 4));
          expect(county.hasChildren, county.code).toBe(false);
          counties++;
        }
      }
    }
    // Roughly 330+ prefecture-level and 2,800+ county-level divisions: a full data set, not a sample.
    expect(cities).toBeGreaterThan(300);
    expect(counties).toBeGreaterThan(2800);
  });

  it.each([
    ['441900', '东莞市', '440000', '广东省 / 东莞市'],
    ['442000', '中山市', '440000', '广东省 / 中山市'],
    ['460400', '儋州市', '460000', '海南省 / 儋州市'],
  ])('should keep %s %s, a city without districts, a city under its province', async (code, name, province, path) => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/regions/${code}`, headers: { cookie } });
    expect(res.json()).toMatchObject({ code, name, level: 'city', parentCode: province, path });
    const children = await regions(`?parentCode=${code}`);
    expect(children.map((c) => c.code)).not.toContain(code);
  });

  it('should answer 404 for an unknown region code, as a parent or on its own', async () => {
    const one = await t.inject({ method: 'GET', url: '/api/v1/regions/999999', headers: { cookie } });
    expect(one.statusCode).toBe(404);
    expect(one.json().code).toBe('NOT_FOUND');
    const children = await t.inject({ method: 'GET', url: '/api/v1/regions?parentCode=999999', headers: { cookie } });
    expect(children.statusCode).toBe(404);
  });

  it('should refuse a malformed region code with 400', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/regions/44010', headers: { cookie } });
    expect(res.statusCode).toBe(400);
  });

  it('should refuse a dealer with an unknown region code, naming /territory/0/regionCode', async () => {
    const admin = await t.loginAs('hq_admin');
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/dealers',
      headers: { cookie: admin },
      payload: { code: 'RG-BAD-1', name: '未知区域', territory: [{ regionCode: '999999', exclusive: true }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/territory/0/regionCode');
    const created = await t.deps.db.selectFrom('dealers').select('id').where('code', '=', 'RG-BAD-1').executeTakeFirst();
    expect(created).toBeUndefined();
  });
});
