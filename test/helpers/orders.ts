// Factories for orders, credit, receivables, sell-out and stock tests (and the access matrix:
// `orderOfDealer` makes a dealer-owned object for routes whose dealerParam is an order id).
import type { CreateOrderBody, Order, Product } from '../../src/shared/schemas/index.js';
import { createProduct } from '../../src/server/modules/products/products.service.js';
import { createOrder } from '../../src/server/modules/orders/orders.service.js';
import type { TestApp } from './app.js';

let skuSeq = 0;

export async function product(t: TestApp, overrides: Partial<{ sku: string; listPriceFen: number; active: boolean }> = {}): Promise<Product> {
  const n = ++skuSeq;
  return createProduct(t.system, {
    sku: overrides.sku ?? `TS-${process.pid % 1000}-${n}`,
    name: `测试商品${n}`,
    category: '测试',
    unit: '箱',
    listPriceFen: overrides.listPriceFen ?? 10_000,
    minRetailPriceFen: 12_000,
    active: overrides.active ?? true,
  });
}

const skuCache = new WeakMap<TestApp, string>();

/** A submitted order of `dealerId` made by the system (credit override, so any dealer will do). */
export async function orderOfDealer(t: TestApp, dealerId: string, lines?: CreateOrderBody['lines']): Promise<string> {
  let sku = skuCache.get(t);
  if (!sku) {
    sku = (await product(t)).sku;
    skuCache.set(t, sku);
  }
  const outcome = await createOrder(t.system, { dealerId, lines: lines ?? [{ sku, quantity: 1 }], creditOverride: { reason: 'test factory' } });
  return (outcome.body as Order).id;
}

export const json = (body: unknown) => ({ 'content-type': 'application/json', payload: JSON.stringify(body) });
