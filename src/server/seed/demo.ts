import type { Tier, DealerStatus } from '../../shared/schemas/index.js';
import type { Database } from '../db/database.js';
import { systemCaller, type ServiceContext } from '../core/caller.js';
import type { Clock } from '../core/clock.js';
import { findRegion, regionIndex } from '../modules/regions/regions.data.js';
import { createDealer, transitionDealer } from '../modules/dealers/dealers.service.js';
import { completeTermination, openTermination, setChecklistItem } from '../modules/terminations/terminations.service.js';
import { CHECKLIST_ITEMS } from '../modules/terminations/terminations.rules.js';
import { createProduct } from '../modules/products/products.service.js';
import { createPriceList } from '../modules/price-lists/price-lists.service.js';
import { createUser } from '../modules/users/users.service.js';
import { CATEGORIES, CITIES, NAME_PARTS } from './demo.data.js';

export const DEMO_PASSWORD = 'Qudao@2026';

/** A small deterministic PRNG (mulberry32): the same demo every time. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}

export interface DemoLogin {
  username: string;
  role: string;
  note: string;
}

export interface DemoSummary {
  dealers: number;
  products: number;
  logins: DemoLogin[];
}

/** Seeds the demo manufacturer into an empty database through the services (so it is audited). */
export async function seedDemo(db: Database, clock: Clock): Promise<DemoSummary> {
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: 'demo-seed' }, requestId: null };
  const rand = prng(20260101);

  // Products: 5 categories x 12 SKUs.
  const skus: string[] = [];
  for (const [ci, category] of CATEGORIES.entries()) {
    for (const [ii, item] of category.items.entries()) {
      const sku = `HR-${ci + 1}${String(ii + 1).padStart(2, '0')}`;
      const listPriceFen = rand.int(99, 4999) * 100 + (ii % 2 === 0 ? 0 : 50);
      await createProduct(ctx, {
        sku,
        name: `华瑞${item}`,
        category: category.name,
        unit: category.unit,
        listPriceFen,
        minRetailPriceFen: Math.round((listPriceFen * 1.15) / 100) * 100,
        active: !(ci === 4 && ii === 11),
      });
      skus.push(sku);
    }
  }
  const products = await db.selectFrom('products').select(['sku', 'list_price_fen']).execute();
  const discount: Record<Tier, number> = { bronze: 0.95, silver: 0.9, gold: 0.85 };
  for (const tier of ['bronze', 'silver', 'gold'] as const) {
    await createPriceList(ctx, {
      name: `${tier === 'gold' ? '金牌' : tier === 'silver' ? '银牌' : '铜牌'}经销价 2026`,
      tier,
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      items: products.map((p) => ({ sku: p.sku, priceFen: Math.round((Number(p.list_price_fen) * discount[tier]) / 10) * 10 })),
    });
  }

  // Level-1 dealers hold distinct counties of their city (some exclusively); level-2
  // sub-dealers take a county of their parent's city that nobody holds.
  const level1: { id: string; cityCode: string; code: string }[] = [];
  const usedCounties = new Map<string, Set<string>>();
  let n = 0;
  const contactName = () => `${rand.pick(NAME_PARTS.surnames)}${rand.pick(NAME_PARTS.given)}${rand.next() < 0.5 ? rand.pick(NAME_PARTS.given) : ''}`;
  const phone = () => `13${rand.int(0, 9)}${String(rand.int(0, 99_999_999)).padStart(8, '0')}`;
  const freeCounty = (cityCode: string, offset: number) => {
    const counties = regionIndex().get(cityCode)!.children;
    const used = usedCounties.get(cityCode) ?? usedCounties.set(cityCode, new Set()).get(cityCode)!;
    for (let j = 0; j < counties.length; j++) {
      const code = counties[(offset + j) % counties.length];
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
    return undefined;
  };
  for (const [ci, city] of CITIES.entries()) {
    const perCity = ci % 3 === 0 ? 3 : 2;
    for (let k = 0; k < perCity; k++) {
      const regionCode = freeCounty(city.code, k * 3 + ci) ?? (k === 0 ? city.code : undefined);
      if (!regionCode) continue;
      n++;
      const tier: Tier = rand.next() < 0.2 ? 'gold' : rand.next() < 0.5 ? 'silver' : 'bronze';
      const code = `D${String(n).padStart(4, '0')}`;
      const dealer = await createDealer(ctx, {
        code,
        name: `${city.name}${rand.pick(NAME_PARTS.prefix)}${rand.pick(NAME_PARTS.suffix)}`,
        level: 1,
        tier,
        territory: [{ regionCode, exclusive: rand.next() < 0.4 }],
        creditLimitFen: rand.int(20, 500) * 1_000_000,
        paymentTermDays: rand.pick([30, 45, 60, 90]),
        vmi: rand.next() < 0.15,
        contacts: [{ name: contactName(), title: '总经理', phone: phone(), primary: true }],
        address: `${findRegion(regionCode)?.path.replace(/ \/ /g, '')}${rand.int(1, 300)}号`,
        contractStartsOn: `202${rand.int(3, 6)}-0${rand.int(1, 9)}-01`,
        contractEndsOn: `202${rand.int(7, 9)}-12-31`,
      });
      level1.push({ id: dealer.id, cityCode: city.code, code });
    }
  }

  for (const [i, parent] of level1.entries()) {
    if (i % 4 !== 1) continue;
    const county = freeCounty(parent.cityCode, i);
    if (!county) continue;
    n++;
    await createDealer(ctx, {
      code: `D${String(n).padStart(4, '0')}`,
      name: `${findRegion(county)!.name}${rand.pick(NAME_PARTS.prefix)}分销部`,
      level: 2,
      parentDealerId: parent.id,
      tier: 'bronze',
      territory: [{ regionCode: county, exclusive: false }],
      creditLimitFen: rand.int(5, 50) * 1_000_000,
      paymentTermDays: 30,
      contacts: [{ name: contactName(), title: '店长', phone: phone(), primary: true }],
    });
  }

  // A realistic spread of lifecycle states.
  const all = await db.selectFrom('dealers').select(['id', 'level']).orderBy('id').execute();
  const moves: [number, DealerStatus[], string][] = [
    [7, ['warning'], '连续两个季度销售完成率低于基线'],
    [19, ['warning'], '客诉激增'],
    [31, ['terminating'], '合同到期不再续约'],
    [43, ['warning', 'active'], '整改完成，恢复正常'],
    [55, ['terminating', 'terminated'], '严重窜货，终止合作'],
  ];
  for (const [index, path, reason] of moves) {
    const dealer = all[index];
    if (!dealer) continue;
    // Ending a dealer belongs to the termination workflow (src/shared/dealer-lifecycle.ts).
    if (path[0] === 'terminating') {
      const exit = await openTermination(ctx, { dealerId: dealer.id, reason });
      if (path.includes('terminated')) {
        for (const item of CHECKLIST_ITEMS) await setChecklistItem(ctx, exit.id, item, { done: true });
        await completeTermination(ctx, exit.id);
      }
    } else for (const to of path) await transitionDealer(ctx, dealer.id, to, reason);
  }

  // Logins for every role.
  const firstWithSub = level1.find((_, i) => i % 4 === 1)!;
  const other = level1[2];
  const logins: DemoLogin[] = [];
  const user = async (username: string, displayName: string, role: any, extra: { dealerId?: string; regionCodes?: string[] }, note: string) => {
    await createUser(ctx, { username, password: DEMO_PASSWORD, displayName, role, ...extra });
    logins.push({ username, role, note });
  };
  await user('analyst', '数据分析师 陈静', 'hq_analyst', {}, 'HQ, read-only');
  await user('manager.east', '华东区域经理 王磊', 'regional_manager', { regionCodes: ['310000', '320000', '330000'] }, 'Shanghai, Jiangsu, Zhejiang');
  await user('manager.south', '华南区域经理 林芳', 'regional_manager', { regionCodes: ['440000', '450000', '460000'] }, 'Guangdong, Guangxi, Hainan');
  await user('dealer.admin', '经销商管理员', 'dealer_admin', { dealerId: firstWithSub.id }, `dealer ${firstWithSub.code} (has a level-2 sub-dealer)`);
  await user('dealer.staff', '经销商业务员', 'dealer_staff', { dealerId: firstWithSub.id }, `dealer ${firstWithSub.code}`);
  await user('dealer2.admin', '经销商管理员2', 'dealer_admin', { dealerId: other.id }, `dealer ${other.code}`);
  return { dealers: all.length, products: skus.length, logins };
}
