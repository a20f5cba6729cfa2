import type { Database } from '../../db/database.js';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import { chunks } from '../../core/locks.js';
import type { PageRequest } from '../../core/list.js';
import { TRADING_STATUSES } from '../../../shared/dealer-lifecycle.js';

type Db = Database; // a Transaction<DB> is a Kysely<DB> too

/** Trading dealers in scope with a territory region under `regionPrefix` (all when null), with their territory. */
export async function planningDealers(db: Db, scope: DealerScope, regionPrefix: string | null) {
  let query = db.selectFrom('dealers as d').select(['d.id', 'd.code', 'd.name']).where('d.status', 'in', TRADING_STATUSES).where(visibleDealer(scope, 'd.id')).orderBy('d.id');
  if (regionPrefix) {
    query = query.where('d.id', 'in', (eb) => eb.selectFrom('dealer_territories as t').select('t.dealer_id').where('t.region_code', 'like', `${regionPrefix}%`));
  }
  const dealers = await query.execute();
  const territories: { dealer_id: string; region_code: string; exclusive: number }[] = [];
  for (const ids of chunks(
    dealers.map((d) => d.id),
    500,
  )) {
    territories.push(...(await db.selectFrom('dealer_territories').select(['dealer_id', 'region_code', 'exclusive']).where('dealer_id', 'in', ids).execute()));
  }
  return { dealers, territories };
}

export const productsById = (db: Db, ids: string[]) => (ids.length ? db.selectFrom('products').select(['id', 'sku', 'name', 'active']).where('id', 'in', ids).execute() : Promise.resolve([]));

export const productBySku = (db: Db, sku: string) => db.selectFrom('products').select(['id', 'sku', 'name', 'active']).where('sku', '=', sku).executeTakeFirst();

export const allCosts = (db: Db) => db.selectFrom('transfer_costs').select(['from_region_code', 'to_region_code', 'unit_cost_fen']).execute();

/** A plan the scope may see: every dealer of its moves lies in the scope. */
function planVisible(scope: DealerScope) {
  return (eb: any) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('transfer_plan_moves as vm')
          .select('vm.plan_id')
          .whereRef('vm.plan_id', '=', 'p.id')
          .where((mb: any) => mb.or([mb.not(visibleDealer(scope, 'vm.from_dealer_id')(mb)), mb.not(visibleDealer(scope, 'vm.to_dealer_id')(mb))])),
      ),
    );
}

export const findPlan = (db: Db, scope: DealerScope, id: string) => db.selectFrom('transfer_plans as p').selectAll('p').where('p.id', '=', id).where(planVisible(scope)).executeTakeFirst();

export function listPlans(db: Db, scope: DealerScope, filter: { status?: string }, page: PageRequest) {
  let query = db
    .selectFrom('transfer_plans as p')
    .selectAll('p')
    .where(planVisible(scope))
    .orderBy('p.id', 'desc')
    .limit(page.limit + 1);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (page.after) query = query.where('p.id', '<', page.after);
  return query.execute();
}

export const movesOf = (db: Db, planId: string) =>
  db
    .selectFrom('transfer_plan_moves as m')
    .innerJoin('dealers as f', 'f.id', 'm.from_dealer_id')
    .innerJoin('dealers as t', 't.id', 'm.to_dealer_id')
    .innerJoin('products as pr', 'pr.id', 'm.product_id')
    .select([
      'm.position',
      'm.from_dealer_id',
      'm.to_dealer_id',
      'm.product_id',
      'm.quantity',
      'm.unit_cost_fen',
      'm.cost_fen',
      'm.distance_m',
      'm.cost_source',
      'f.code as from_code',
      'f.name as from_name',
      't.code as to_code',
      't.name as to_name',
      'pr.sku',
      'pr.name as product_name',
    ])
    .where('m.plan_id', '=', planId)
    .orderBy('m.position')
    .execute();

export type MoveRow = Awaited<ReturnType<typeof movesOf>>[number];

/** Transfer orders whose both dealers the scope may see. */
export function listTransferOrders(db: Db, scope: DealerScope, filter: { planId?: string }, page: PageRequest) {
  let query = db
    .selectFrom('transfer_orders as o')
    .innerJoin('transfer_plans as p', 'p.id', 'o.plan_id')
    .innerJoin('dealers as f', 'f.id', 'o.from_dealer_id')
    .innerJoin('dealers as t', 't.id', 'o.to_dealer_id')
    .innerJoin('products as pr', 'pr.id', 'o.product_id')
    .select([
      'o.id',
      'o.number',
      'o.plan_id',
      'p.number as plan_number',
      'o.from_dealer_id',
      'f.name as from_name',
      'o.to_dealer_id',
      't.name as to_name',
      'pr.sku',
      'o.quantity',
      'o.cost_fen',
      'o.status',
      'o.executed_at',
      'o.created_by',
    ])
    .where(visibleDealer(scope, 'o.from_dealer_id'))
    .where(visibleDealer(scope, 'o.to_dealer_id'))
    .orderBy('o.id', 'desc')
    .limit(page.limit + 1);
  if (filter.planId) query = query.where('o.plan_id', '=', filter.planId);
  if (page.after) query = query.where('o.id', '<', page.after);
  return query.execute();
}
