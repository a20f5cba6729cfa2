import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import type { PageRequest } from '../../core/list.js';
import { TRADING_STATUSES } from '../../../shared/dealer-lifecycle.js';

type Db = Database;

export function vmiDealers(db: Db, scope: DealerScope, dealerId?: string) {
  let query = db.selectFrom('dealers').select(['id', 'code', 'name', 'tier']).where('vmi', '=', 1).where('status', 'in', TRADING_STATUSES).where(visibleDealer(scope, 'dealers.id')).orderBy('id');
  if (dealerId) query = query.where('id', '=', dealerId);
  return query.execute();
}

/** Monthly sell-out of one dealer per product from `fromMonth` (YYYY-MM) up to and excluding `toMonth`. */
/** Monthly sell-out of a dealer's products before `beforeDate`, as the demand forecast reads it (with each month's first sale day). */
export async function monthlySales(db: Db, dealerId: string, productIds: string[], beforeDate: string) {
  if (productIds.length === 0) return [];
  const month = sql<string>`substr(sold_on, 1, 7)`;
  const rows = await db
    .selectFrom('sellout_records')
    .select(['product_id', month.as('month'), sql<number>`sum(quantity)`.as('quantity'), sql<string>`min(sold_on)`.as('first_on')])
    .where('dealer_id', '=', dealerId)
    .where('product_id', 'in', productIds)
    .where('sold_on', '<', beforeDate)
    .groupBy(['product_id', month])
    .execute();
  return rows.map((r) => ({ productId: r.product_id, month: r.month, quantity: Number(r.quantity), firstOn: r.first_on }));
}

const proposalColumns = [
  'v.id',
  'v.number',
  'v.dealer_id',
  'd.code as dealer_code',
  'd.name as dealer_name',
  'v.status',
  'v.cover_days',
  'v.estimated_fen',
  'v.order_id',
  'v.last_error',
  'v.created_by',
  'v.created_at',
  'v.decided_by',
  'v.decided_at',
  'v.decision_reason',
] as const;

export const findProposal = (db: Db, scope: DealerScope, id: string) =>
  db.selectFrom('vmi_proposals as v').innerJoin('dealers as d', 'd.id', 'v.dealer_id').select(proposalColumns).where('v.id', '=', id).where(visibleDealer(scope, 'v.dealer_id')).executeTakeFirst();

export type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

export function listProposals(db: Db, scope: DealerScope, filter: { dealerId?: string; status?: string }, page: PageRequest) {
  let query = db
    .selectFrom('vmi_proposals as v')
    .innerJoin('dealers as d', 'd.id', 'v.dealer_id')
    .select(proposalColumns)
    .where(visibleDealer(scope, 'v.dealer_id'))
    .orderBy('v.id', 'desc')
    .limit(page.limit + 1);
  if (filter.dealerId) query = query.where('v.dealer_id', '=', filter.dealerId);
  if (filter.status) query = query.where('v.status', '=', filter.status);
  if (page.after) query = query.where('v.id', '<', page.after);
  return query.execute();
}

export const linesOf = (db: Db, ids: string[]) =>
  ids.length
    ? db
        .selectFrom('vmi_proposal_lines as l')
        .innerJoin('products as p', 'p.id', 'l.product_id')
        .select([
          'l.proposal_id',
          'l.line_no',
          'p.sku',
          'p.name',
          'l.product_id',
          'l.on_hand',
          'l.in_transit',
          'l.forecast_demand',
          'l.safety_stock',
          'l.target_level',
          'l.quantity',
          'l.unit_price_fen',
          'l.forecast_model',
          'l.reorder_point',
          'l.cover_days',
        ])
        .where('l.proposal_id', 'in', ids)
        .orderBy('l.proposal_id')
        .orderBy('l.line_no')
        .execute()
    : Promise.resolve([]);
