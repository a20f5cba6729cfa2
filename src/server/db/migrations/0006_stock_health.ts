// Frozen: never edit a released migration; add a new one. No app imports.
// Stock health (docs/rules.md, C5, issue 5): lead times per product (and per dealer x product),
// service levels per category, alert acknowledgements and the nightly alert history. The global
// parameters (demand window, order cycle, default lead time and service level) live in the
// settings table under `stockHealth.*` keys.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // dealer_id '' is the product-wide lead time; a dealer's row overrides it for that dealer.
  await db.schema
    .createTable('stock_lead_times')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('dealer_id', 'text', (c) => c.notNull())
    .addColumn('days', 'double precision', (c) => c.notNull())
    .addColumn('sd_days', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_lead_times_pk', ['product_id', 'dealer_id'])
    .execute();

  await db.schema
    .createTable('stock_service_levels')
    .addColumn('category', 'text', (c) => c.primaryKey())
    .addColumn('service_level', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // An acknowledgement covers one dealer x SKU at one level until the level changes (the nightly
  // job then stamps cleared_at); rows are never deleted.
  await db.schema
    .createTable('stock_alert_acks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .execute();
  await db.schema.createIndex('stock_alert_acks_pair').on('stock_alert_acks').columns(['dealer_id', 'product_id']).execute();

  await db.schema
    .createTable('stock_alert_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_on', 'text', (c) => c.notNull())
    .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('on_hand', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('safety_stock', 'integer', (c) => c.notNull())
    .addColumn('reorder_point', 'integer', (c) => c.notNull())
    .addColumn('order_up_to', 'integer', (c) => c.notNull())
    .addColumn('suggested_quantity', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stock_alert_history_day_pair', ['run_on', 'dealer_id', 'product_id'])
    .execute();
  await db.schema.createIndex('stock_alert_history_dealer').on('stock_alert_history').columns(['dealer_id', 'run_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0006_stock_health cannot be reverted: restore a backup instead');
}
