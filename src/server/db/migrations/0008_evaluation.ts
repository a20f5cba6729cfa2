// Frozen: never edit a released migration; add a new one. No app imports.
// Periodic evaluation (targets, market index, runs, scorecards, consequences, tiers), graded
// warnings with improvement plans and notifications, and the termination (exit) process.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const money = 'bigint' as const;
  const ratio = 'double precision' as const;

  // Sales targets per dealer and period (`YYYY-MM`, `YYYY-Qn`, `YYYY`); read by incentives too.
  await db.schema
    .createTable('targets')
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('target_fen', money, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('targets_pk', ['dealer_id', 'period'])
    .execute();
  await db.schema.createIndex('targets_period').on('targets').columns(['period', 'dealer_id']).execute();

  // Market demand index of a region and period = demand this period / same period last year.
  await db.schema
    .createTable('market_indices')
    .addColumn('region_code', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('demand_index', ratio, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('market_indices_pk', ['region_code', 'period'])
    .execute();
  await db.schema.createIndex('market_indices_period').on('market_indices').columns(['period', 'region_code']).execute();

  // A run evaluates every active dealer for a period; a re-run supersedes the current version.
  await db.schema
    .createTable('evaluation_runs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull()) // current | superseded
    .addColumn('evaluated', 'integer', (c) => c.notNull())
    .addColumn('settings', text, (c) => c.notNull()) // JSON: weights and thresholds used
    .addColumn('triggered_by', text, (c) => c.notNull())
    .addColumn('started_at', text, (c) => c.notNull())
    .addColumn('finished_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_runs_period_version').on('evaluation_runs').columns(['period', 'version']).unique().execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('run_id', text, (c) => c.notNull().references('evaluation_runs.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull()) // 1 for the latest run's version
    .addColumn('region_code', text)
    .addColumn('target_fen', money)
    .addColumn('adjusted_target_fen', money)
    .addColumn('demand_index', ratio)
    .addColumn('adjustment_factor', ratio, (c) => c.notNull())
    .addColumn('adjustment_reason', text)
    .addColumn('actual_fen', money, (c) => c.notNull())
    .addColumn('sales_completion', ratio)
    .addColumn('sales_score', ratio)
    .addColumn('satisfaction_score', ratio)
    .addColumn('inventory_score', ratio)
    .addColumn('composite', ratio)
    .addColumn('grade', text)
    .addColumn('region_rank', 'integer') // rank by composite among dealers of the same province
    .addColumn('region_size', 'integer')
    .addColumn('kpis', text, (c) => c.notNull()) // JSON: sub-indicators, inputs and effective weights
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluations_dealer_period').on('evaluations').columns(['dealer_id', 'period', 'current']).execute();
  await db.schema.createIndex('evaluations_period_current').on('evaluations').columns(['period', 'current', 'dealer_id']).execute();
  await db.schema.createIndex('evaluations_run').on('evaluations').columns(['run_id', 'dealer_id']).unique().execute();

  // Grade-driven proposals (rebate rate step, credit limit step), applied on approval.
  await db.schema
    .createTable('evaluation_proposals')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('evaluation_id', text, (c) => c.notNull().references('evaluations.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull()) // rebate_rate | credit_limit
    .addColumn('grade', text, (c) => c.notNull())
    .addColumn('current_value', money, (c) => c.notNull()) // bp for rates, fen for credit
    .addColumn('proposed_value', money, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull()) // pending | approved | rejected | superseded
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('note', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_proposals_dealer').on('evaluation_proposals').columns(['dealer_id', 'status']).execute();
  await db.schema.createIndex('evaluation_proposals_status').on('evaluation_proposals').columns(['status', 'created_at']).execute();

  // The rebate-rate adjustment a dealer carries (sum of approved steps), in basis points.
  await db.schema
    .createTable('dealer_rebate_adjustments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('delta_bp', 'integer', (c) => c.notNull())
    .addColumn('effective_period', text, (c) => c.notNull())
    .addColumn('proposal_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dealer_rebate_adjustments_dealer').on('dealer_rebate_adjustments').columns(['dealer_id', 'effective_period']).execute();

  // Yearly tier re-grading: one row per dealer and year (re-running a year replaces it).
  await db.schema
    .createTable('tier_reviews')
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('year', text, (c) => c.notNull())
    .addColumn('from_tier', text, (c) => c.notNull())
    .addColumn('to_tier', text, (c) => c.notNull())
    .addColumn('annual_sales_fen', money, (c) => c.notNull())
    .addColumn('coverage', 'integer', (c) => c.notNull())
    .addColumn('reviewed_by', text, (c) => c.notNull())
    .addColumn('reviewed_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('tier_reviews_pk', ['dealer_id', 'year'])
    .execute();

  // Warnings: one open warning per dealer whose level moves; every move is an event.
  await db.schema
    .createTable('warnings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('level', text, (c) => c.notNull()) // yellow | orange | red
    .addColumn('status', text, (c) => c.notNull()) // open | resolved | terminated
    .addColumn('reasons', text, (c) => c.notNull()) // JSON [{code, period, detail}]
    .addColumn('opened_at', text, (c) => c.notNull())
    .addColumn('opened_period', text, (c) => c.notNull())
    .addColumn('level_since', text, (c) => c.notNull())
    .addColumn('last_period', text, (c) => c.notNull())
    .addColumn('closed_at', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warnings_dealer_status').on('warnings').columns(['dealer_id', 'status']).execute();
  await db.schema.createIndex('warnings_level_status').on('warnings').columns(['level', 'status', 'opened_at']).execute();

  await db.schema
    .createTable('warning_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('warning_id', text, (c) => c.notNull().references('warnings.id'))
    .addColumn('dealer_id', text, (c) => c.notNull())
    .addColumn('from_level', text)
    .addColumn('to_level', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull()) // opened | escalated | de_escalated | resolved | reasons
    .addColumn('period', text)
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_events_warning').on('warning_events').columns(['warning_id', 'at']).execute();

  await db.schema
    .createTable('improvement_plans')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('warning_id', text, (c) => c.notNull().references('warnings.id'))
    .addColumn('dealer_id', text, (c) => c.notNull())
    .addColumn('goals', text, (c) => c.notNull()) // JSON [{kpi, target, note}]
    .addColumn('deadline', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull()) // active | achieved | failed
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('improvement_plans_warning').on('improvement_plans').column('warning_id').execute();
  await db.schema.createIndex('improvement_plans_dealer').on('improvement_plans').columns(['dealer_id', 'status']).execute();

  await db.schema
    .createTable('plan_checkins')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('plan_id', text, (c) => c.notNull().references('improvement_plans.id'))
    .addColumn('note', text, (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull()) // percent 0-100
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_checkins_plan').on('plan_checkins').columns(['plan_id', 'at']).execute();

  // Notifications a person reads: addressed to a dealer's users and/or HQ and regional staff.
  await db.schema
    .createTable('warning_notifications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull())
    .addColumn('warning_id', text)
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('level', text)
    .addColumn('message', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_notifications_dealer').on('warning_notifications').columns(['dealer_id', 'created_at']).execute();

  await db.schema
    .createTable('warning_notification_reads')
    .addColumn('notification_id', text, (c) => c.notNull().references('warning_notifications.id'))
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('read_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('warning_notification_reads_pk', ['notification_id', 'user_id'])
    .execute();

  // Termination (exit): one open termination per dealer.
  await db.schema
    .createTable('terminations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('warning_id', text)
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull()) // open | completed | cancelled
    .addColumn('buyback_fen', money, (c) => c.notNull())
    .addColumn('receivables_offset_fen', money, (c) => c.notNull())
    .addColumn('net_payable_fen', money, (c) => c.notNull())
    .addColumn('successors', text, (c) => c.notNull()) // JSON ranked candidates at opening
    .addColumn('successor_dealer_id', text)
    .addColumn('opened_by', text, (c) => c.notNull())
    .addColumn('opened_at', text, (c) => c.notNull())
    .addColumn('completed_at', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('terminations_dealer').on('terminations').columns(['dealer_id', 'status']).execute();

  await db.schema
    .createTable('termination_stock_lines')
    .addColumn('termination_id', text, (c) => c.notNull().references('terminations.id'))
    .addColumn('product_id', text, (c) => c.notNull())
    .addColumn('condition', text, (c) => c.notNull()) // unopened | damaged | expired
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', money, (c) => c.notNull())
    .addColumn('rate', ratio, (c) => c.notNull())
    .addColumn('value_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('termination_stock_lines_pk', ['termination_id', 'product_id', 'condition'])
    .execute();

  await db.schema
    .createTable('termination_checklist_items')
    .addColumn('termination_id', text, (c) => c.notNull().references('terminations.id'))
    .addColumn('item', text, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('done_by', text)
    .addColumn('done_at', text)
    .addPrimaryKeyConstraint('termination_checklist_items_pk', ['termination_id', 'item'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0008_evaluation cannot be reverted: restore a backup instead');
}
