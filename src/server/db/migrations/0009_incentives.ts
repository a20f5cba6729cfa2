// Frozen: never edit a released migration; add a new one. No app imports.
// Incentives (C8) and shared economics (C14): versioned policies, rebate statements with their
// source lines, the points ledger with its catalogue and redemptions, star dealers and awards,
// the joint profit pool and the risk fund. No foreign key to evaluation tables (issue 6): targets
// are read through a seam, so either migration may run first.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const money = 'bigint' as const;
  const int = 'integer' as const;

  await db.schema
    .createTable('incentive_policies')
    .addColumn('version', int, (c) => c.primaryKey())
    .addColumn('effective_from', text, (c) => c.notNull())
    .addColumn('document', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  // Rebates: one statement per dealer and period; lines are the shipments and returns it counts.
  await db.schema
    .createTable('rebate_runs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('policy_version', int, (c) => c.notNull())
    .addColumn('calculated', int, (c) => c.notNull())
    .addColumn('frozen', int, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rebate_statements')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('run_id', text, (c) => c.notNull())
    .addColumn('policy_version', int, (c) => c.notNull())
    .addColumn('tier', text, (c) => c.notNull())
    .addColumn('qualifying_sales_fen', money, (c) => c.notNull())
    .addColumn('rate_bp', int, (c) => c.notNull())
    .addColumn('target_fen', money)
    .addColumn('adjusted_target_fen', money)
    .addColumn('reward_coefficient_bp', int, (c) => c.notNull())
    .addColumn('rebate_fen', money, (c) => c.notNull())
    .addColumn('bonus_fen', money, (c) => c.notNull())
    .addColumn('brand_fund_fen', money, (c) => c.notNull())
    .addColumn('deductions_fen', money, (c) => c.notNull())
    .addColumn('total_fen', money, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('approved_by', text)
    .addColumn('approved_at', text)
    .addColumn('paid_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('rebate_statements_dealer_period', ['dealer_id', 'period'])
    .execute();
  await db.schema.createIndex('rebate_statements_period').on('rebate_statements').columns(['period', 'id']).execute();
  await db.schema
    .createTable('rebate_statement_lines')
    .addColumn('statement_id', text, (c) => c.notNull().references('rebate_statements.id'))
    .addColumn('position', int, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('source_id', text)
    .addColumn('order_id', text)
    .addColumn('order_number', text)
    .addColumn('doc_no', text)
    .addColumn('line_date', text)
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('note', text)
    .addPrimaryKeyConstraint('rebate_statement_lines_pk', ['statement_id', 'position'])
    .execute();
  await db.schema
    .createTable('rebate_deductions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rebate_deductions_dealer_period').on('rebate_deductions').columns(['dealer_id', 'period']).execute();
  // One payment per statement, enforced by the database as well as by the state machine.
  await db.schema
    .createTable('rebate_payments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('statement_id', text, (c) => c.notNull().unique().references('rebate_statements.id'))
    .addColumn('dealer_id', text, (c) => c.notNull())
    .addColumn('method', text, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('receivable_entry_id', text)
    .addColumn('reference', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  // Points: an append-only ledger; the balance is the sum. `source_key` makes earning idempotent.
  await db.schema
    .createTable('points_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('points', money, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('source_key', text, (c) => c.unique())
    .addColumn('expires_on', text)
    .addColumn('ref_id', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_entries_dealer').on('points_entries').columns(['dealer_id', 'id']).execute();
  await db.schema
    .createTable('points_catalog')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('points', int, (c) => c.notNull())
    .addColumn('stock', int, (c) => c.notNull())
    .addColumn('active', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addCheckConstraint('points_catalog_stock', sql`stock >= 0 AND points > 0`)
    .execute();
  await db.schema
    .createTable('points_redemptions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('catalog_item_id', text, (c) => c.notNull().references('points_catalog.id'))
    .addColumn('quantity', int, (c) => c.notNull())
    .addColumn('points', money, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_redemptions_dealer').on('points_redemptions').columns(['dealer_id', 'id']).execute();

  // Star dealers (one row per dealer and evaluated year) and yearly awards.
  await db.schema
    .createTable('star_dealers')
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('year', int, (c) => c.notNull())
    .addColumn('star', int, (c) => c.notNull())
    .addColumn('years', text, (c) => c.notNull())
    .addColumn('cumulative_sales_fen', money, (c) => c.notNull())
    .addColumn('avg_completion_bp', int)
    .addColumn('loyalty_rate_bp', int, (c) => c.notNull())
    .addColumn('loyalty_bonus_fen', money, (c) => c.notNull())
    .addColumn('renewal_priority', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('star_dealers_pk', ['dealer_id', 'year'])
    .execute();
  await db.schema
    .createTable('incentive_awards')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('year', int, (c) => c.notNull())
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('citation', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('nominated_by', text, (c) => c.notNull())
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incentive_awards_dealer').on('incentive_awards').columns(['dealer_id', 'year']).execute();

  // Joint profit pool per region and period, with each dealer's share.
  await db.schema
    .createTable('profit_pools')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('region_code', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('baseline_fen', money, (c) => c.notNull())
    .addColumn('actual_fen', money, (c) => c.notNull())
    .addColumn('pool_rate_bp', int, (c) => c.notNull())
    .addColumn('pool_fen', money, (c) => c.notNull())
    .addColumn('hq_share_bp', int, (c) => c.notNull())
    .addColumn('hq_fen', money, (c) => c.notNull())
    .addColumn('dealers_fen', money, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('profit_pools_region_period', ['region_code', 'period'])
    .execute();
  await db.schema
    .createTable('profit_pool_shares')
    .addColumn('pool_id', text, (c) => c.notNull().references('profit_pools.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('contribution_fen', money, (c) => c.notNull())
    .addColumn('share_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('profit_pool_shares_pk', ['pool_id', 'dealer_id'])
    .execute();
  await db.schema.createIndex('profit_pool_shares_dealer').on('profit_pool_shares').column('dealer_id').execute();

  // Risk fund: an append-only ledger (contributions +, payouts and grants -) and loss claims.
  await db.schema
    .createTable('risk_fund_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.references('dealers.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('period', text)
    .addColumn('source_key', text, (c) => c.unique())
    .addColumn('ref_id', text)
    .addColumn('note', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_fund_entries_dealer').on('risk_fund_entries').columns(['dealer_id', 'id']).execute();
  await db.schema
    .createTable('risk_fund_claims')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('loss_fen', money, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('evidence', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('fund_share_bp', int)
    .addColumn('payout_fen', money)
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_fund_claims_dealer').on('risk_fund_claims').columns(['dealer_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0009_incentives cannot be reverted: restore a backup instead');
}
