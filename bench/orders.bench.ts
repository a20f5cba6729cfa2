// Order creation through the API vs raw inserts of the same rows, and a 100,000-code shipment.
//
//   npx tsx bench/orders.bench.ts                 SQLite in a temp dir
//   npx tsx bench/orders.bench.ts --pg            a fresh PostgreSQL database on DATABASE_URL (or TEST_DATABASE_URL)
//   npx tsx bench/orders.bench.ts --orders 2000 --concurrency 16 --dealers 100 --codes 100000
//
// Orders go round-robin to `dealers` dealers: orders of one dealer are serialised by its row lock
// (the credit check), so `--dealers 1` measures that hot spot rather than the API.
// API: POST /api/v1/orders through app.inject (the whole Fastify stack: routing, session auth,
// validation, pricing, promotions, credit check under the dealer row lock, document number,
// audit chain, response), `concurrency` requests in flight. Raw: the rows the API wrote, inserted
// again through the same Kysely database layer, one transaction per order (and, for reference,
// only the order and its lines). Goal (issue 4): API/raw >= 0.2. Then one shipment of `codes`
// unit codes (unit-code rows bound per second).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { systemClock } from '../src/server/core/clock.js';
import { systemCaller, type ServiceContext } from '../src/server/core/caller.js';
import { newId } from '../src/server/core/ids.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { createDealer } from '../src/server/modules/dealers/dealers.service.js';
import { createProduct } from '../src/server/modules/products/products.service.js';
import type { Order } from '../src/shared/schemas/index.js';

const { values: args } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    orders: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    codes: { type: 'string', default: '100000' },
    dealers: { type: 'string', default: '100' },
  },
});
const ORDERS = Number(args.orders);
const CONCURRENCY = Number(args.concurrency);
const CODES = Number(args.codes);
const DEALERS = Number(args.dealers);
const PASSWORD = 'Bench#Pass2026';

async function database(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!args.pg) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qudao-orders-bench-'));
    return { url: `sqlite://${path.join(dir, 'bench.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('--pg needs DATABASE_URL or TEST_DATABASE_URL');
  const name = `qd_bench_orders_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Runs `count` tasks with `width` in flight; returns elapsed ms. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - started;
}

const db = await database();
const config = loadConfig({ ...process.env, QUDAO_LOG_LEVEL: 'silent', DATABASE_URL: db.url });
const opened = openDatabase(config.databaseUrl);
await migrateToLatest(opened.db);
const built = await buildApp(config, { database: opened, logger: false, serveWeb: false });
const ctx: ServiceContext = { db: opened.db, clock: systemClock, caller: { ...systemCaller, name: 'bench' }, requestId: null };
try {
  const skus = ['BN-1', 'BN-2', 'BN-3', 'BN-4', 'BN-5'];
  for (const [i, sku] of skus.entries()) {
    await createProduct(ctx, { sku, name: `压测商品${i}`, category: 'bench', unit: '台', listPriceFen: 10_000 * (i + 1), minRetailPriceFen: 12_000 * (i + 1) });
  }
  const dealers: Awaited<ReturnType<typeof createDealer>>[] = [];
  for (let i = 0; i < DEALERS; i++) dealers.push(await createDealer(ctx, { code: `BENCH${String(i).padStart(4, '0')}`, name: `压测经销商${i}`, creditLimitFen: 9_000_000_000_000 }));
  const dealer = dealers[0];
  await createUser(ctx, { username: 'bench.admin', password: PASSWORD, displayName: 'bench', role: 'hq_admin' });
  const login = await built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench.admin', password: PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const body = (i: number) => ({ dealerId: dealers[i % DEALERS].id, lines: skus.slice(0, 1 + (i % 5)).map((sku, k) => ({ sku, quantity: 1 + ((i + k) % 7) })) });
  const post = (url: string, payload: unknown) => built.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  // Warm-up (JIT, statement caches), not counted.
  for (let i = 0; i < 50; i++) await post('/api/v1/orders', body(i));

  const created: Order[] = [];
  const apiMs = await pool(ORDERS, CONCURRENCY, async (i) => {
    const res = await post('/api/v1/orders', body(i));
    if (res.statusCode !== 201) throw new Error(`order ${i}: ${res.statusCode} ${res.body}`);
    created.push(res.json() as Order);
  });

  // The same rows again, straight through Kysely, one transaction per order as the API writes them:
  // "all" = every row the API wrote for the order (order, lines, status event, audit entry, number
  // counter); "order" = only the order and its lines.
  const products = new Map((await opened.db.selectFrom('products').select(['id', 'sku']).execute()).map((p) => [p.sku, p.id]));
  const audits = new Map((await opened.db.selectFrom('audit_entries').selectAll().where('action', '=', 'order.create').execute()).map((e) => [e.entity_id, e]));
  const raw = (withBookkeeping: boolean, run: number) =>
    pool(ORDERS, CONCURRENCY, async (i) => {
      const o = created[i];
      const id = newId('ord');
      await opened.db.transaction().execute(async (trx) => {
        if (withBookkeeping) {
          await trx
            .insertInto('doc_counters')
            .values({ name: `RAW${run}`, last: 1 })
            .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ last: eb('doc_counters.last', '+', 1) })))
            .returning('last')
            .executeTakeFirstOrThrow();
        }
        await trx
          .insertInto('orders')
          .values({
            id,
            number: `RAW${run}-${String(i).padStart(9, '0')}`,
            dealer_id: o.dealerId,
            supplier_dealer_id: null,
            status: 'submitted',
            order_date: o.orderDate,
            subtotal_fen: o.subtotalFen,
            discount_fen: o.discountFen,
            total_fen: o.totalFen,
            promotion_id: null,
            credit_override_reason: null,
            note: null,
            created_by: 'bench',
            created_at: o.createdAt,
            updated_at: o.updatedAt,
          })
          .execute();
        await trx
          .insertInto('order_lines')
          .values(
            o.lines.map((l) => ({
              order_id: id,
              line_no: l.lineNo,
              product_id: products.get(l.sku)!,
              quantity: l.quantity,
              unit_price_fen: l.unitPriceFen,
              discount_fen: l.discountFen,
              amount_fen: l.amountFen,
            })),
          )
          .execute();
        if (withBookkeeping) {
          await trx
            .insertInto('order_events')
            .values({ id: newId('oev'), order_id: id, from_status: null, to_status: 'submitted', reason: null, actor_name: 'bench', at: o.createdAt })
            .execute();
          const entry = audits.get(o.id)!;
          await trx
            .insertInto('audit_entries')
            .values({ ...entry, seq: run * 1_000_000_000 + i, entity_id: id })
            .execute();
        }
      });
    });
  const rawAllMs = await raw(true, 1);
  const rawMs = await raw(false, 2);

  // One shipment of CODES unit codes.
  const big = await post('/api/v1/orders', { dealerId: dealer.id, lines: [{ sku: 'BN-1', quantity: CODES }] });
  const bigId = (big.json() as Order).id;
  await post(`/api/v1/orders/${bigId}/transitions`, { to: 'approved' });
  const codes = Array.from({ length: CODES }, (_, i) => `QD${String(i).padStart(10, '0')}`);
  const shipBody = { lines: [{ sku: 'BN-1', quantity: CODES, batchNo: 'BENCH', codes }] };
  const shipStarted = performance.now();
  const shipped = await post(`/api/v1/orders/${bigId}/shipments`, shipBody);
  const shipMs = performance.now() - shipStarted;
  if (shipped.statusCode !== 201) throw new Error(`shipment: ${shipped.statusCode} ${shipped.body.slice(0, 300)}`);

  const rate = (ms: number) => (ORDERS * 1000) / ms;
  const lines = created.reduce((s, o) => s + o.lines.length, 0);
  const row = (label: string, ms: number) => `  ${label.padEnd(44)}${rate(ms).toFixed(0).padStart(7)} orders/s   (${ms.toFixed(0)} ms)`;
  console.log(`orders bench on ${opened.dialect} (${ORDERS} orders, ${lines} lines, ${DEALERS} dealers, concurrency ${CONCURRENCY})`);
  console.log(row('API  POST /api/v1/orders', apiMs));
  console.log(row('raw  all rows the API wrote (5 statements)', rawAllMs));
  console.log(row('raw  order + lines only (2 statements)', rawMs));
  const ratio = rate(apiMs) / rate(rawAllMs);
  console.log(`  ratio API / raw all rows                    ${ratio.toFixed(2).padStart(7)}   goal >= 0.20 ${ratio >= 0.2 ? 'ok' : 'MISSED'}`);
  console.log(`  ratio API / raw order + lines               ${(rate(apiMs) / rate(rawMs)).toFixed(2).padStart(7)}`);
  console.log(
    `  shipment of ${CODES} codes ${' '.repeat(Math.max(0, 24 - String(CODES).length))}${((CODES * 1000) / shipMs).toFixed(0).padStart(13)} codes/s    (${shipMs.toFixed(0)} ms, ${(JSON.stringify(shipBody).length / 1_048_576).toFixed(1)} MB body)`,
  );
} finally {
  await built.close();
  await db.drop();
}
