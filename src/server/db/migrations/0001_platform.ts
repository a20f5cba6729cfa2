// Frozen: never edit a released migration; add a new one. No app imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('dealer_id', text)
    .addColumn('region_codes', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_dealer_id').on('users').column('dealer_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('ip', text)
    .addColumn('user_agent', text)
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('prefix', text, (c) => c.notNull())
    .addColumn('key_hash', text, (c) => c.notNull().unique())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('dealer_id', text)
    .addColumn('region_codes', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text)
    .addColumn('revoked_at', text)
    .execute();

  await db.schema
    .createTable('dealers')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('parent_dealer_id', text, (c) => c.references('dealers.id'))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('tier', text, (c) => c.notNull())
    .addColumn('credit_limit_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('payment_term_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('vmi', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unified_social_credit_code', text)
    .addColumn('address', text)
    .addColumn('contract_starts_on', text)
    .addColumn('contract_ends_on', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dealers_parent').on('dealers').column('parent_dealer_id').execute();
  await db.schema.createIndex('dealers_status').on('dealers').columns(['status', 'id']).execute();
  await db.schema.createIndex('dealers_name').on('dealers').column('name').execute();

  await db.schema
    .createTable('dealer_territories')
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id').onDelete('cascade'))
    .addColumn('region_code', text, (c) => c.notNull())
    .addColumn('exclusive', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('dealer_territories_pk', ['dealer_id', 'region_code'])
    .execute();
  await db.schema.createIndex('dealer_territories_region').on('dealer_territories').columns(['region_code', 'dealer_id']).execute();
  // One exclusive holder per region, enforced by the database so concurrent creates cannot both win.
  await db.schema
    .createIndex('dealer_territories_exclusive')
    .on('dealer_territories')
    .column('region_code')
    .unique()
    .where(sql.ref('exclusive'), '=', 1)
    .execute();

  await db.schema
    .createTable('dealer_contacts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('title', text)
    .addColumn('phone', text)
    .addColumn('email', text)
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('dealer_contacts_dealer').on('dealer_contacts').column('dealer_id').execute();

  await db.schema
    .createTable('dealer_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('from_status', text)
    .addColumn('to_status', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dealer_events_dealer').on('dealer_events').columns(['dealer_id', 'at']).execute();

  await db.schema
    .createTable('products')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('sku', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('unit', text, (c) => c.notNull())
    .addColumn('list_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('min_retail_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_category').on('products').column('category').execute();

  await db.schema
    .createTable('price_lists')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('tier', text, (c) => c.notNull())
    .addColumn('effective_from', text, (c) => c.notNull())
    .addColumn('effective_to', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('price_lists_tier').on('price_lists').columns(['tier', 'effective_from']).execute();

  await db.schema
    .createTable('price_list_items')
    .addColumn('price_list_id', text, (c) => c.notNull().references('price_lists.id').onDelete('cascade'))
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('price_list_items_pk', ['price_list_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('actor_type', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('entity_type', text, (c) => c.notNull())
    .addColumn('entity_id', text)
    .addColumn('change', text, (c) => c.notNull())
    .addColumn('digest', text, (c) => c.notNull())
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .addColumn('request_id', text)
    .execute();
  await db.schema.createIndex('audit_entries_entity').on('audit_entries').columns(['entity_type', 'entity_id', 'seq']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('holder', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0001_platform cannot be reverted: restore a backup instead');
}
