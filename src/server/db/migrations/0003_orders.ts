// Frozen: never edit a released migration; add a new one. No app imports.
// Orders, credit and receivables, shipments with unit codes, sell-out, dealer stock, idempotency.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const money = 'bigint' as const;

  // Idempotency-Key replays: one row per (caller, key), written in the same transaction as the
  // work it guards, so a committed row always carries the response.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('caller_key', text, (c) => c.notNull())
    .addColumn('idem_key', text, (c) => c.notNull())
    .addColumn('request_hash', text, (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['caller_key', 'idem_key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();

  // Document number sequences (PO202611-000123): one row per prefix and month.
  await db.schema
    .createTable('doc_counters')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('last', money, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('promotions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('tier', text)
    .addColumn('starts_on', text, (c) => c.notNull())
    .addColumn('ends_on', text, (c) => c.notNull())
    .addColumn('threshold_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money)
    .addColumn('discount_rate_bp', 'integer')
    .addColumn('budget_fen', money, (c) => c.notNull())
    .addColumn('used_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addCheckConstraint('promotions_budget', sql`used_fen <= budget_fen AND used_fen >= 0`)
    .execute();
  await db.schema.createIndex('promotions_dates').on('promotions').columns(['starts_on', 'ends_on']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('supplier_dealer_id', text, (c) => c.references('dealers.id'))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('order_date', text, (c) => c.notNull())
    .addColumn('subtotal_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull())
    .addColumn('total_fen', money, (c) => c.notNull())
    .addColumn('promotion_id', text, (c) => c.references('promotions.id'))
    .addColumn('credit_override_reason', text)
    .addColumn('note', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_dealer_status').on('orders').columns(['dealer_id', 'status']).execute();
  await db.schema.createIndex('orders_dealer_id').on('orders').columns(['dealer_id', 'id']).execute();
  await db.schema.createIndex('orders_supplier').on('orders').column('supplier_dealer_id').execute();
  await db.schema.createIndex('orders_date').on('orders').columns(['order_date', 'id']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', text, (c) => c.notNull().references('orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('order_id', text, (c) => c.notNull().references('orders.id'))
    .addColumn('from_status', text)
    .addColumn('to_status', text, (c) => c.notNull())
    .addColumn('reason', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_events_order').on('order_events').columns(['order_id', 'at']).execute();

  await db.schema
    .createTable('shipments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('order_id', text, (c) => c.notNull().references('orders.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('shipped_on', text, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipments_order').on('shipments').column('order_id').execute();
  await db.schema.createIndex('shipments_dealer').on('shipments').columns(['dealer_id', 'shipped_on']).execute();

  await db.schema
    .createTable('shipment_lines')
    .addColumn('shipment_id', text, (c) => c.notNull().references('shipments.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('order_id', text, (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('batch_no', text)
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('code_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('shipment_lines_pk', ['shipment_id', 'position'])
    .execute();
  await db.schema.createIndex('shipment_lines_order').on('shipment_lines').columns(['order_id', 'line_no']).execute();

  // 一物一码: a code exists once in the whole system, bound to the dealer it was shipped to.
  await db.schema
    .createTable('unit_codes')
    .addColumn('code', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull())
    .addColumn('product_id', text, (c) => c.notNull())
    .addColumn('shipment_id', text, (c) => c.notNull())
    .addColumn('batch_no', text)
    .execute();
  await db.schema.createIndex('unit_codes_dealer').on('unit_codes').column('dealer_id').execute();
  await db.schema.createIndex('unit_codes_shipment').on('unit_codes').column('shipment_id').execute();

  await db.schema
    .createTable('order_returns')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('order_id', text, (c) => c.notNull().references('orders.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_returns_order').on('order_returns').column('order_id').execute();

  await db.schema
    .createTable('order_return_lines')
    .addColumn('return_id', text, (c) => c.notNull().references('order_returns.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('order_id', text, (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', text, (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_return_lines_pk', ['return_id', 'position'])
    .execute();
  await db.schema.createIndex('order_return_lines_order').on('order_return_lines').columns(['order_id', 'line_no']).execute();

  // Receivables: an append-only ledger (invoice +, payment -, credit note -) and the allocations
  // of payments and credit notes to invoices, also append-only.
  await db.schema
    .createTable('receivable_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('doc_no', text, (c) => c.notNull().unique())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('entry_on', text, (c) => c.notNull())
    .addColumn('due_on', text)
    .addColumn('order_id', text)
    .addColumn('source_id', text)
    .addColumn('reference', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('receivable_entries_dealer').on('receivable_entries').columns(['dealer_id', 'entry_on', 'id']).execute();
  await db.schema.createIndex('receivable_entries_due').on('receivable_entries').columns(['kind', 'due_on']).execute();

  await db.schema
    .createTable('receivable_allocations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull())
    .addColumn('invoice_id', text, (c) => c.notNull().references('receivable_entries.id'))
    .addColumn('credit_id', text, (c) => c.notNull().references('receivable_entries.id'))
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('receivable_allocations_invoice').on('receivable_allocations').column('invoice_id').execute();
  await db.schema.createIndex('receivable_allocations_credit').on('receivable_allocations').column('credit_id').execute();
  await db.schema.createIndex('receivable_allocations_dealer').on('receivable_allocations').column('dealer_id').execute();

  await db.schema
    .createTable('sellout_records')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('sold_on', text, (c) => c.notNull())
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('customer_ref', text)
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('order_id', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sellout_dealer_date').on('sellout_records').columns(['dealer_id', 'sold_on']).execute();
  await db.schema.createIndex('sellout_product_date').on('sellout_records').columns(['product_id', 'sold_on']).execute();

  // Dealer stock: an append-only movement ledger; on-hand is the sum.
  await db.schema
    .createTable('stock_movements')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('ref_type', text)
    .addColumn('ref_id', text)
    .addColumn('moved_at', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_movements_dealer_product').on('stock_movements').columns(['dealer_id', 'product_id', 'moved_at']).execute();

  await db.schema
    .createTable('stock_snapshots')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('taken_at', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_snapshots_dealer').on('stock_snapshots').columns(['dealer_id', 'taken_at']).execute();

  await db.schema
    .createTable('stock_snapshot_items')
    .addColumn('snapshot_id', text, (c) => c.notNull().references('stock_snapshots.id'))
    .addColumn('product_id', text, (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('book', 'integer', (c) => c.notNull())
    .addColumn('difference', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_snapshot_items_pk', ['snapshot_id', 'product_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0003_orders cannot be reverted: restore a backup instead');
}
