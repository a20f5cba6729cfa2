// Demo parameters for stock health (deterministic, batched): lead times per product by category
// (water purifiers come from a farther plant), a few dealer overrides for remote provinces, and
// higher service levels for the fast-moving kitchen category.
import type { Database } from '../../db/database.js';
import type { Clock } from '../../core/clock.js';

const LEAD_BY_CATEGORY: Record<string, [number, number]> = {
  厨房电器: [5, 1],
  生活电器: [7, 1.5],
  个护电器: [4, 1],
  空气净化: [8, 2],
  净水设备: [10, 3],
};
const REMOTE_PROVINCES = ['65', '62', '53', '52', '45']; // 新疆, 甘肃, 云南, 贵州, 广西: longer haul

export async function seedStockHealth(db: Database, clock: Clock): Promise<{ leadTimes: number }> {
  const now = clock.now().toISOString();
  const products = await db.selectFrom('products').select(['id', 'category']).orderBy('sku').execute();
  const rows = products
    .filter((p) => LEAD_BY_CATEGORY[p.category])
    .map((p) => ({ product_id: p.id, dealer_id: '', days: LEAD_BY_CATEGORY[p.category][0], sd_days: LEAD_BY_CATEGORY[p.category][1], updated_at: now }));
  const remote = await db
    .selectFrom('dealer_territories')
    .select('dealer_id')
    .where((eb) => eb.or(REMOTE_PROVINCES.map((code) => eb('region_code', 'like', `${code}%`))))
    .groupBy('dealer_id')
    .orderBy('dealer_id')
    .execute();
  for (const d of remote) {
    for (const p of products.filter((x) => x.category === '净水设备')) rows.push({ product_id: p.id, dealer_id: d.dealer_id, days: 14, sd_days: 4, updated_at: now });
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('stock_lead_times')
      .values(rows.slice(i, i + 500))
      .execute();
  await db
    .insertInto('stock_service_levels')
    .values([{ category: '厨房电器', service_level: 0.97, updated_at: now }])
    .execute();
  return { leadTimes: rows.length };
}
