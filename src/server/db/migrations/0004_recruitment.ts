// Frozen: never edit a released migration; add a new one. No app imports.
// Recruitment, screening, due diligence and contracting (issue 3).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;

  await db.schema
    .createTable('prospects')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_key', text, (c) => c.notNull())
    .addColumn('contact_name', text, (c) => c.notNull())
    .addColumn('phone', text, (c) => c.notNull())
    .addColumn('phone_key', text, (c) => c.notNull())
    .addColumn('unified_social_credit_code', text, (c) => c.unique())
    .addColumn('stage', text, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('details', text, (c) => c.notNull().defaultTo('{}'))
    // The latest screening, kept on the row so rankings sort without a join.
    .addColumn('screening_total_centi', 'integer')
    .addColumn('screening_passed', 'integer')
    .addColumn('screening_knocked_out', 'integer')
    .addColumn('screened_at', text)
    .addColumn('decision', text)
    .addColumn('decision_reasons', text)
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('dealer_id', text, (c) => c.references('dealers.id'))
    .addColumn('created_by', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  // Name + phone identify a company entered twice; the database decides between racing creates.
  await db.schema.createIndex('prospects_name_phone').on('prospects').columns(['name_key', 'phone_key']).unique().execute();
  await db.schema.createIndex('prospects_stage').on('prospects').columns(['stage', 'id']).execute();
  await db.schema.createIndex('prospects_dealer').on('prospects').column('dealer_id').execute();

  await db.schema
    .createTable('prospect_regions')
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id').onDelete('cascade'))
    .addColumn('region_code', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('prospect_regions_pk', ['prospect_id', 'region_code'])
    .execute();
  await db.schema.createIndex('prospect_regions_region').on('prospect_regions').columns(['region_code', 'prospect_id']).execute();

  await db.schema
    .createTable('prospect_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id'))
    .addColumn('from_stage', text)
    .addColumn('to_stage', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_events_prospect').on('prospect_events').columns(['prospect_id', 'id']).execute();

  await db.schema
    .createTable('prospect_screenings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id'))
    .addColumn('total_centi', 'integer', (c) => c.notNull())
    .addColumn('pass_mark_centi', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('knocked_out', 'integer', (c) => c.notNull())
    .addColumn('knock_outs', text, (c) => c.notNull())
    .addColumn('breakdown', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('actor_id', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_screenings_prospect').on('prospect_screenings').columns(['prospect_id', 'id']).execute();

  await db.schema
    .createTable('prospect_checklist_items')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id'))
    .addColumn('checklist', text, (c) => c.notNull())
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('owner', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('updated_by', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_checklist_items_code').on('prospect_checklist_items').columns(['prospect_id', 'code']).unique().execute();

  await db.schema
    .createTable('prospect_evidence')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id'))
    .addColumn('item_id', text, (c) => c.notNull().references('prospect_checklist_items.id'))
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    .addColumn('storage_path', text, (c) => c.notNull())
    .addColumn('uploaded_by', text, (c) => c.notNull())
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_evidence_item').on('prospect_evidence').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('prospect_evidence_prospect').on('prospect_evidence').columns(['prospect_id', 'id']).execute();

  await db.schema
    .createTable('prospect_findings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id'))
    .addColumn('checklist', text, (c) => c.notNull())
    .addColumn('item', text, (c) => c.notNull())
    .addColumn('item_id', text, (c) => c.references('prospect_checklist_items.id'))
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('note', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_findings_prospect').on('prospect_findings').columns(['prospect_id', 'id']).execute();

  await db.schema
    .createTable('prospect_statements')
    .addColumn('prospect_id', text, (c) => c.notNull().references('prospects.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('revenue_fen', 'bigint', (c) => c.notNull())
    .addColumn('net_profit_fen', 'bigint', (c) => c.notNull())
    .addColumn('total_assets_fen', 'bigint', (c) => c.notNull())
    .addColumn('equity_fen', 'bigint', (c) => c.notNull())
    .addColumn('total_liabilities_fen', 'bigint')
    .addColumn('current_assets_fen', 'bigint')
    .addColumn('current_liabilities_fen', 'bigint')
    .addColumn('inventory_fen', 'bigint')
    .addColumn('receivables_fen', 'bigint')
    .addColumn('cogs_fen', 'bigint')
    .addColumn('operating_cash_flow_fen', 'bigint')
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('prospect_statements_pk', ['prospect_id', 'year'])
    .execute();

  // The signed contract of a dealer (C3): what the dealer row does not hold itself.
  await db.schema
    .createTable('dealer_contracts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('prospect_id', text, (c) => c.references('prospects.id'))
    .addColumn('territory', text, (c) => c.notNull())
    .addColumn('tier', text, (c) => c.notNull())
    .addColumn('credit_limit_fen', 'bigint', (c) => c.notNull())
    .addColumn('payment_term_days', 'integer', (c) => c.notNull())
    .addColumn('starts_on', text)
    .addColumn('ends_on', text)
    .addColumn('price_list_id', text, (c) => c.references('price_lists.id'))
    .addColumn('vmi', 'integer', (c) => c.notNull())
    .addColumn('rebate_policy', text)
    .addColumn('annual_target_fen', 'bigint')
    .addColumn('conditions', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dealer_contracts_dealer').on('dealer_contracts').columns(['dealer_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0004_recruitment cannot be reverted: restore a backup instead');
}
