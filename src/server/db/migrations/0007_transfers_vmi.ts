// Frozen: never edit a released migration; add a new one. No app imports.
// Transfers between dealers (调拨: cost table, plans with their moves, transfer orders) and VMI
// replenishment proposals (供应商管理库存).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const money = 'bigint' as const;

  // Unit transport cost between two regions (any level); looked up in both directions.
  await db.schema
    .createTable('transfer_costs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('from_region_code', text, (c) => c.notNull())
    .addColumn('to_region_code', text, (c) => c.notNull())
    .addColumn('unit_cost_fen', money, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('transfer_costs_pair', ['from_region_code', 'to_region_code'])
    .execute();

  await db.schema
    .createTable('transfer_plans')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('status', text, (c) => c.notNull()) // proposed | approved | rejected | executed
    .addColumn('region_code', text)
    .addColumn('sku', text)
    .addColumn('bound_level', text, (c) => c.notNull())
    .addColumn('total_quantity', 'integer', (c) => c.notNull())
    .addColumn('total_cost_fen', money, (c) => c.notNull())
    .addColumn('greedy_quantity', 'integer', (c) => c.notNull())
    .addColumn('greedy_cost_fen', money, (c) => c.notNull())
    .addColumn('supply_quantity', 'integer', (c) => c.notNull())
    .addColumn('demand_quantity', 'integer', (c) => c.notNull())
    .addColumn('dealer_count', 'integer', (c) => c.notNull())
    .addColumn('solve_ms', 'integer', (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('decision_reason', text)
    .addColumn('executed_at', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transfer_plans_created').on('transfer_plans').column('created_at').execute();

  await db.schema
    .createTable('transfer_plan_moves')
    .addColumn('plan_id', text, (c) => c.notNull().references('transfer_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('from_dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('to_dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_cost_fen', money, (c) => c.notNull())
    .addColumn('cost_fen', money, (c) => c.notNull())
    .addColumn('distance_m', 'integer')
    .addColumn('cost_source', text, (c) => c.notNull()) // table | distance
    .addPrimaryKeyConstraint('transfer_plan_moves_pk', ['plan_id', 'position'])
    .execute();
  await db.schema.createIndex('transfer_plan_moves_from').on('transfer_plan_moves').column('from_dealer_id').execute();
  await db.schema.createIndex('transfer_plan_moves_to').on('transfer_plan_moves').column('to_dealer_id').execute();

  // One transfer order per executed move: stock leaves one dealer and enters the other.
  await db.schema
    .createTable('transfer_orders')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('plan_id', text, (c) => c.notNull().references('transfer_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('from_dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('to_dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('cost_fen', money, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull()) // completed
    .addColumn('executed_at', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addUniqueConstraint('transfer_orders_move', ['plan_id', 'position'])
    .execute();
  await db.schema.createIndex('transfer_orders_from').on('transfer_orders').columns(['from_dealer_id', 'executed_at']).execute();
  await db.schema.createIndex('transfer_orders_to').on('transfer_orders').columns(['to_dealer_id', 'executed_at']).execute();

  await db.schema
    .createTable('vmi_proposals')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('status', text, (c) => c.notNull()) // proposed | confirming | ordered | rejected | superseded
    .addColumn('cover_days', 'integer', (c) => c.notNull())
    .addColumn('order_id', text, (c) => c.references('orders.id'))
    .addColumn('estimated_fen', money, (c) => c.notNull())
    .addColumn('last_error', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('decision_reason', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vmi_proposals_dealer').on('vmi_proposals').columns(['dealer_id', 'status']).execute();

  await db.schema
    .createTable('vmi_proposal_lines')
    .addColumn('proposal_id', text, (c) => c.notNull().references('vmi_proposals.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('on_hand', 'integer', (c) => c.notNull())
    .addColumn('in_transit', 'integer', (c) => c.notNull())
    .addColumn('forecast_demand', 'integer', (c) => c.notNull())
    .addColumn('safety_stock', 'integer', (c) => c.notNull())
    .addColumn('target_level', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', money, (c) => c.notNull())
    .addColumn('forecast_model', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('vmi_proposal_lines_pk', ['proposal_id', 'line_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['vmi_proposal_lines', 'vmi_proposals', 'transfer_orders', 'transfer_plan_moves', 'transfer_plans', 'transfer_costs']) {
    await db.schema.dropTable(table).execute();
  }
}
