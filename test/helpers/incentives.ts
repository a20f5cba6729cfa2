// Factories for incentive tests: real shipped orders (so statement lines trace to orders),
// targets and demand indices written straight into evaluation's tables (issue 6 owns their API).
import type { Order } from '../../src/shared/schemas/index.js';
import { createOrder } from '../../src/server/modules/orders/orders.service.js';
import { transitionOrder } from '../../src/server/modules/orders/orders.transitions.js';
import { shipOrder } from '../../src/server/modules/orders/orders.shipments.js';
import { product } from './orders.js';
import type { TestApp } from './app.js';

const skus = new WeakMap<TestApp, Map<number, string>>();

/** A product priced `unitFen` (list price; tests create no price lists), made once per price. */
async function skuAt(t: TestApp, unitFen: number): Promise<string> {
  const byPrice = skus.get(t) ?? skus.set(t, new Map()).get(t)!;
  if (!byPrice.has(unitFen)) byPrice.set(unitFen, (await product(t, { listPriceFen: unitFen })).sku);
  return byPrice.get(unitFen)!;
}

/** An order of `quantity` x `unitFen`, approved and shipped in full today (clock date). */
export async function shippedSale(t: TestApp, dealerId: string, unitFen: number, quantity: number): Promise<{ orderId: string; orderNumber: string; shipmentNumber: string; amountFen: number }> {
  const sku = await skuAt(t, unitFen);
  const order = (await createOrder(t.system, { dealerId, lines: [{ sku, quantity }], creditOverride: { reason: 'test' } })).body as Order;
  await transitionOrder(t.system, order.id, { to: 'approved', creditOverride: { reason: 'test' } } as never);
  const shipment = await shipOrder(t.system, order.id, { lines: [{ sku, quantity }] });
  return { orderId: order.id, orderNumber: order.number, shipmentNumber: shipment.number, amountFen: shipment.amountFen };
}

export async function setTarget(t: TestApp, dealerId: string, period: string, targetFen: number) {
  const now = t.clock.now().toISOString();
  await t.deps.db.insertInto('targets').values({ dealer_id: dealerId, period, target_fen: targetFen, updated_by: 'test', created_at: now, updated_at: now }).execute();
}

export async function setDemandIndex(t: TestApp, regionCode: string, period: string, demandIndex: number) {
  await t.deps.db.insertInto('market_indices').values({ region_code: regionCode, period, demand_index: demandIndex, updated_by: 'test', updated_at: t.clock.now().toISOString() }).execute();
}

export const jsonBody = (cookie: string, body: unknown) => ({ headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
