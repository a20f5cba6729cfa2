// An evaluation run for 1,000 and for 10,000 generated dealers with 12 months of orders
// (2 orders a month each, shipped), sell-out, stock and targets; goal (issue 6): the 10x run takes
// at most 12x the time.
//
//   npm run bench:evaluation                 SQLite in a temp dir
//   npm run bench:evaluation -- --small 500 --large 5000
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { fixedClock } from '../src/server/core/clock.js';
import { systemCaller, type ServiceContext } from '../src/server/core/caller.js';
import { chunks } from '../src/server/core/locks.js';
import { runEvaluation } from '../src/server/modules/evaluation/evaluation.run.js';
import { registerSatisfactionSource } from '../src/server/modules/evaluation/sources.js';

const { values: args } = parseArgs({ options: { small: { type: 'string', default: '1000' }, large: { type: 'string', default: '10000' } } });
const PRODUCTS = 20;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const COUNTIES = ['440106', '440104', '440103', '440303', '440304', '310101', '310104', '330102', '330106', '320102'];

async function generate(ctx: ServiceContext, dealers: number) {
  const db = ctx.db;
  const now = '2026-01-01T00:00:00.000Z';
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    id: `prd_b${i}`,
    sku: `B-${i}`,
    name: `商品${i}`,
    category: i % 2 ? '饮料' : '零食',
    unit: '箱',
    list_price_fen: 1000 + i * 100,
    min_retail_price_fen: 1200,
    active: 1,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto('products').values(products).execute();
  let rnd = 42;
  const rand = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const ids of chunks(
    Array.from({ length: dealers }, (_, i) => i),
    500,
  )) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('dealers')
        .values(
          ids.map((i) => ({
            id: `dlr_b${i}`,
            code: `B${i}`,
            name: `经销商${i}`,
            level: 1,
            parent_dealer_id: null,
            status: 'active',
            tier: 'bronze',
            credit_limit_fen: 10_000_000,
            payment_term_days: 30,
            vmi: 0,
            unified_social_credit_code: null,
            address: null,
            contract_starts_on: null,
            contract_ends_on: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('dealer_territories')
        .values(ids.map((i) => ({ dealer_id: `dlr_b${i}`, region_code: COUNTIES[i % COUNTIES.length], exclusive: 0 })))
        .execute();
      await trx
        .insertInto('targets')
        .values(ids.map((i) => ({ dealer_id: `dlr_b${i}`, period: '2026-Q3', target_fen: 3_000_000, updated_by: 'bench', created_at: now, updated_at: now })))
        .execute();
      const orders = [];
      const lines = [];
      const shipments = [];
      const sellout = [];
      const stock = [];
      for (const i of ids) {
        for (const [m, month] of MONTHS.entries()) {
          for (let k = 0; k < 2; k++) {
            const id = `ord_b${i}_${m}_${k}`;
            const amount = Math.round(400_000 + rand() * 800_000);
            const day = String(1 + Math.floor(rand() * 20)).padStart(2, '0');
            const pid = `prd_b${Math.floor(rand() * PRODUCTS)}`;
            orders.push({
              id,
              number: `PB${i}-${m}-${k}`,
              dealer_id: `dlr_b${i}`,
              supplier_dealer_id: null,
              status: 'shipped',
              order_date: `${month}-${day}`,
              subtotal_fen: amount,
              discount_fen: 0,
              total_fen: amount,
              promotion_id: null,
              credit_override_reason: null,
              note: null,
              created_by: 'bench',
              created_at: now,
              updated_at: now,
            });
            lines.push({ order_id: id, line_no: 1, product_id: pid, quantity: 10, unit_price_fen: amount / 10, discount_fen: 0, amount_fen: amount });
            shipments.push({
              id: `shp_b${i}_${m}_${k}`,
              number: `SB${i}-${m}-${k}`,
              order_id: id,
              dealer_id: `dlr_b${i}`,
              shipped_on: `${month}-${String(Number(day) + Math.floor(rand() * 9)).padStart(2, '0')}`,
              amount_fen: amount,
              created_by: 'bench',
              created_at: now,
            });
            sellout.push({
              id: `sor_b${i}_${m}_${k}`,
              dealer_id: `dlr_b${i}`,
              sold_on: `${month}-${day}`,
              product_id: pid,
              quantity: 8,
              amount_fen: Math.round(amount * 0.9),
              customer_ref: `c${Math.floor(rand() * 30)}`,
              source: 'bench',
              order_id: null,
              created_at: now,
            });
            stock.push({
              id: `stm_b${i}_${m}_${k}`,
              dealer_id: `dlr_b${i}`,
              product_id: pid,
              quantity: 2,
              kind: 'receipt',
              ref_type: null,
              ref_id: null,
              moved_at: `${month}-${day}T00:00:00.000Z`,
              created_at: now,
            });
          }
        }
      }
      for (const b of chunks(orders, 1000)) await trx.insertInto('orders').values(b).execute();
      for (const b of chunks(lines, 1000)) await trx.insertInto('order_lines').values(b).execute();
      for (const b of chunks(shipments, 1000)) await trx.insertInto('shipments').values(b).execute();
      for (const b of chunks(sellout, 1000)) await trx.insertInto('sellout_records').values(b).execute();
      for (const b of chunks(stock, 1000)) await trx.insertInto('stock_movements').values(b).execute();
    });
  }
}

async function measure(dealers: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qudao-evalbench-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
  try {
    await migrateToLatest(database.db);
    const ctx: ServiceContext = { db: database.db, clock: fixedClock(new Date('2026-11-20T02:00:00.000Z')), caller: systemCaller, requestId: null };
    const g0 = performance.now();
    await generate(ctx, dealers);
    console.log(`${dealers} dealers: generated ${dealers * 24} orders in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const t0 = performance.now();
    const outcome = await runEvaluation(ctx, '2026-Q3');
    const ms = performance.now() - t0;
    console.log(
      `${dealers} dealers: evaluation run of 2026-Q3 evaluated ${outcome.body.evaluated} in ${(ms / 1000).toFixed(2)} s (warnings opened ${outcome.body.warnings.opened}, proposals ${outcome.body.proposals})`,
    );
    return ms;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

registerSatisfactionSource(null); // no tickets generated: satisfaction from fulfilment and renewal
const small = await measure(Number(args.small));
const large = await measure(Number(args.large));
const ratio = large / small;
console.log(
  `time ratio ${args.large}/${args.small} dealers: ${ratio.toFixed(2)}x (goal: <= ${((Number(args.large) / Number(args.small)) * 1.2).toFixed(0)}x) ${ratio <= (Number(args.large) / Number(args.small)) * 1.2 ? 'OK' : 'OVER GOAL'}`,
);
