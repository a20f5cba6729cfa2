// The database as Kysely sees it. Flags are integers 0/1 and timestamps ISO-8601 text on both
// dialects (docs/decisions.md), so one query code serves SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  dealer_id: string | null;
  region_codes: string; // JSON array of 6-digit codes
  active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** sign-in time + the absolute lifetime: activity never moves it (0012_auth_hardening) */
  absolute_expires_at: string | null;
}

/** Failed sign-ins per account name and per client address (0012_auth_hardening). */
export interface LoginThrottlesTable {
  key: string;
  failures: number;
  last_failure_at: string;
  blocked_until: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  dealer_id: string | null;
  region_codes: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface DealersTable {
  id: string;
  code: string;
  name: string;
  level: number;
  parent_dealer_id: string | null;
  status: string;
  tier: string;
  credit_limit_fen: number;
  payment_term_days: number;
  vmi: number;
  unified_social_credit_code: string | null;
  address: string | null;
  contract_starts_on: string | null;
  contract_ends_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface DealerTerritoriesTable {
  dealer_id: string;
  region_code: string;
  exclusive: number;
}

export interface DealerContactsTable {
  id: string;
  dealer_id: string;
  position: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  is_primary: number;
}

export interface DealerEventsTable {
  id: string;
  dealer_id: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface ProductsTable {
  id: string;
  sku: string;
  name: string;
  category: string;
  unit: string;
  list_price_fen: number;
  min_retail_price_fen: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PriceListsTable {
  id: string;
  name: string;
  tier: string;
  effective_from: string;
  effective_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface PriceListItemsTable {
  price_list_id: string;
  product_id: string;
  price_fen: number;
}

export interface AuditEntriesTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  change: string;
  digest: string;
  prev_hash: string;
  hash: string;
  request_id: string | null;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SettingVersionsTable {
  key: string;
  version: number;
  value: string;
  changed_by: string;
  changed_at: string;
  note: string | null;
}

export interface JobRunsTable {
  job: string;
  occurrence: string;
  holder: string;
  /** running | done | failed */
  status: string;
  started_at: string;
  finished_at: string | null;
  /** JSON summary of a done run, or the error message of a failed one */
  result: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_throttles: LoginThrottlesTable;
  dealers: DealersTable;
  dealer_territories: DealerTerritoriesTable;
  dealer_contacts: DealerContactsTable;
  dealer_events: DealerEventsTable;
  products: ProductsTable;
  price_lists: PriceListsTable;
  price_list_items: PriceListItemsTable;
  audit_entries: AuditEntriesTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
  setting_versions: SettingVersionsTable;
  job_leases: JobLeasesTable;
  job_runs: JobRunsTable;
  // Orders, credit, receivables, sell-out, dealer stock (0003_orders)
  idempotency_keys: IdempotencyKeysTable;
  doc_counters: DocCountersTable;
  promotions: PromotionsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  shipments: ShipmentsTable;
  shipment_lines: ShipmentLinesTable;
  unit_codes: UnitCodesTable;
  order_returns: OrderReturnsTable;
  order_return_lines: OrderReturnLinesTable;
  receivable_entries: ReceivableEntriesTable;
  receivable_allocations: ReceivableAllocationsTable;
  sellout_records: SelloutRecordsTable;
  stock_movements: StockMovementsTable;
  stock_snapshots: StockSnapshotsTable;
  stock_snapshot_items: StockSnapshotItemsTable;
  overdue_reminders: OverdueRemindersTable; // 0005_trade_settings
}

export type Unused = Generated<number>;

// ---- Orders, credit, receivables, sell-out, dealer stock (0003_orders) ----

export interface IdempotencyKeysTable {
  caller_key: string;
  idem_key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface DocCountersTable {
  name: string;
  last: number;
}

export interface PromotionsTable {
  id: string;
  name: string;
  tier: string | null;
  starts_on: string;
  ends_on: string;
  threshold_fen: number;
  discount_fen: number | null;
  discount_rate_bp: number | null;
  budget_fen: number;
  used_fen: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface OrdersTable {
  id: string;
  number: string;
  dealer_id: string;
  supplier_dealer_id: string | null;
  status: string;
  order_date: string;
  subtotal_fen: number;
  discount_fen: number;
  total_fen: number;
  promotion_id: string | null;
  credit_override_reason: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface OrderLinesTable {
  order_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  unit_price_fen: number;
  discount_fen: number;
  amount_fen: number;
}

export interface OrderEventsTable {
  id: string;
  order_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor_name: string;
  at: string;
}

export interface ShipmentsTable {
  id: string;
  number: string;
  order_id: string;
  dealer_id: string;
  shipped_on: string;
  amount_fen: number;
  created_by: string;
  created_at: string;
}

export interface ShipmentLinesTable {
  shipment_id: string;
  position: number;
  order_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  batch_no: string | null;
  amount_fen: number;
  code_count: number;
}

export interface UnitCodesTable {
  code: string;
  dealer_id: string;
  product_id: string;
  shipment_id: string;
  batch_no: string | null;
}

export interface OrderReturnsTable {
  id: string;
  number: string;
  order_id: string;
  dealer_id: string;
  reason: string;
  amount_fen: number;
  created_by: string;
  created_at: string;
}

export interface OrderReturnLinesTable {
  return_id: string;
  position: number;
  order_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  amount_fen: number;
}

export interface ReceivableEntriesTable {
  id: string;
  dealer_id: string;
  kind: string; // invoice | payment | credit_note
  doc_no: string;
  amount_fen: number; // signed: invoices +, payments and credit notes -
  entry_on: string;
  due_on: string | null;
  order_id: string | null;
  source_id: string | null; // shipment or return id
  reference: string | null;
  created_by: string;
  created_at: string;
}

export interface ReceivableAllocationsTable {
  id: string;
  dealer_id: string;
  invoice_id: string;
  credit_id: string;
  amount_fen: number;
  created_at: string;
}

export interface SelloutRecordsTable {
  id: string;
  dealer_id: string;
  sold_on: string;
  product_id: string;
  quantity: number;
  amount_fen: number;
  customer_ref: string | null;
  source: string; // api | upload | sub_dealer_order | sub_dealer_return | seed
  order_id: string | null;
  created_at: string;
}

export interface StockMovementsTable {
  id: string;
  dealer_id: string;
  product_id: string;
  quantity: number; // signed
  kind: string; // receipt | sellout | return | adjustment | transfer_in | transfer_out
  ref_type: string | null;
  ref_id: string | null;
  moved_at: string;
  created_at: string;
}

export interface StockSnapshotsTable {
  id: string;
  dealer_id: string;
  taken_at: string;
  created_by: string;
  created_at: string;
}

export interface StockSnapshotItemsTable {
  snapshot_id: string;
  product_id: string;
  counted: number;
  book: number;
  difference: number;
}

// ---- Recruitment, screening, due diligence and contracting (issue 3, migration 0004) -------
// Merged into DB by interface declaration merging, so this block stays self-contained.
export interface DB {
  prospects: ProspectsTable;
  prospect_regions: ProspectRegionsTable;
  prospect_events: ProspectEventsTable;
  prospect_screenings: ProspectScreeningsTable;
  prospect_checklist_items: ProspectChecklistItemsTable;
  prospect_evidence: ProspectEvidenceTable;
  prospect_findings: ProspectFindingsTable;
  prospect_statements: ProspectStatementsTable;
  dealer_contracts: DealerContractsTable;
}

export interface ProspectsTable {
  id: string;
  number: string;
  name: string;
  name_key: string;
  contact_name: string;
  phone: string;
  phone_key: string;
  unified_social_credit_code: string | null;
  stage: string;
  source: string;
  details: string; // JSON of the optional C1 fields
  screening_total_centi: number | null;
  screening_passed: number | null;
  screening_knocked_out: number | null;
  screened_at: string | null;
  decision: string | null;
  decision_reasons: string | null; // JSON array
  decided_by: string | null;
  decided_at: string | null;
  dealer_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProspectRegionsTable {
  prospect_id: string;
  region_code: string;
}

export interface ProspectEventsTable {
  id: string;
  prospect_id: string;
  from_stage: string | null;
  to_stage: string;
  reason: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface ProspectScreeningsTable {
  id: string;
  prospect_id: string;
  total_centi: number;
  pass_mark_centi: number;
  passed: number;
  knocked_out: number;
  knock_outs: string; // JSON array of keys
  breakdown: string; // JSON
  note: string | null;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface ProspectChecklistItemsTable {
  id: string;
  prospect_id: string;
  checklist: string;
  code: string;
  key: string;
  name: string;
  position: number;
  owner: string | null;
  status: string;
  note: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface ProspectEvidenceTable {
  id: string;
  prospect_id: string;
  item_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_path: string; // relative to the data directory
  uploaded_by: string;
  uploaded_at: string;
}

export interface ProspectFindingsTable {
  id: string;
  prospect_id: string;
  checklist: string;
  item: string;
  item_id: string | null;
  likelihood: number;
  impact: number;
  note: string;
  actor_id: string | null;
  actor_name: string;
  created_at: string;
}

export interface ProspectStatementsTable {
  prospect_id: string;
  year: number;
  revenue_fen: number;
  net_profit_fen: number;
  total_assets_fen: number;
  equity_fen: number;
  total_liabilities_fen: number | null;
  current_assets_fen: number | null;
  current_liabilities_fen: number | null;
  inventory_fen: number | null;
  receivables_fen: number | null;
  cogs_fen: number | null;
  operating_cash_flow_fen: number | null;
  updated_at: string;
}

export interface DealerContractsTable {
  id: string;
  dealer_id: string;
  prospect_id: string | null;
  territory: string; // JSON [{regionCode, exclusive}]
  tier: string;
  credit_limit_fen: number;
  payment_term_days: number;
  starts_on: string | null;
  ends_on: string | null;
  price_list_id: string | null;
  vmi: number;
  rebate_policy: string | null;
  annual_target_fen: number | null;
  conditions: string | null; // JSON array: the reasons of a conditional approval
  created_by: string;
  created_at: string;
}

// ---- Evaluation, warnings and exit (0008_evaluation) ----

export interface DB {
  targets: TargetsTable;
  market_indices: MarketIndicesTable;
  evaluation_runs: EvaluationRunsTable;
  evaluations: EvaluationsTable;
  evaluation_proposals: EvaluationProposalsTable;
  dealer_rebate_adjustments: DealerRebateAdjustmentsTable;
  tier_reviews: TierReviewsTable;
  warnings: WarningsTable;
  warning_events: WarningEventsTable;
  improvement_plans: ImprovementPlansTable;
  plan_checkins: PlanCheckinsTable;
  warning_notifications: WarningNotificationsTable;
  warning_notification_reads: WarningNotificationReadsTable;
  terminations: TerminationsTable;
  termination_stock_lines: TerminationStockLinesTable;
  termination_checklist_items: TerminationChecklistItemsTable;
}

export interface TargetsTable {
  dealer_id: string;
  period: string; // YYYY-MM | YYYY-Qn | YYYY
  target_fen: number;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface MarketIndicesTable {
  region_code: string;
  period: string;
  demand_index: number; // this period's demand / same period last year
  updated_by: string;
  updated_at: string;
}

export interface EvaluationRunsTable {
  id: string;
  period: string;
  version: number;
  status: string; // current | superseded
  evaluated: number;
  settings: string; // JSON
  triggered_by: string;
  started_at: string;
  finished_at: string;
}

export interface EvaluationsTable {
  id: string;
  run_id: string;
  dealer_id: string;
  period: string;
  current: number;
  region_code: string | null;
  target_fen: number | null;
  adjusted_target_fen: number | null;
  demand_index: number | null;
  adjustment_factor: number;
  adjustment_reason: string | null;
  actual_fen: number;
  sales_completion: number | null;
  sales_score: number | null;
  satisfaction_score: number | null;
  inventory_score: number | null;
  composite: number | null;
  grade: string | null;
  region_rank: number | null;
  region_size: number | null;
  kpis: string; // JSON
  created_at: string;
}

export interface EvaluationProposalsTable {
  id: string;
  evaluation_id: string;
  dealer_id: string;
  period: string;
  kind: string; // rebate_rate | credit_limit
  grade: string;
  current_value: number;
  proposed_value: number;
  status: string; // pending | approved | rejected | superseded
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  created_at: string;
}

export interface DealerRebateAdjustmentsTable {
  id: string;
  dealer_id: string;
  delta_bp: number;
  effective_period: string;
  proposal_id: string;
  created_at: string;
}

export interface TierReviewsTable {
  dealer_id: string;
  year: string;
  from_tier: string;
  to_tier: string;
  annual_sales_fen: number;
  coverage: number;
  reviewed_by: string;
  reviewed_at: string;
}

export interface WarningsTable {
  id: string;
  dealer_id: string;
  level: string; // yellow | orange | red
  status: string; // open | resolved | terminated
  reasons: string; // JSON
  opened_at: string;
  opened_period: string;
  level_since: string;
  last_period: string;
  closed_at: string | null;
  updated_at: string;
}

export interface WarningEventsTable {
  id: string;
  warning_id: string;
  dealer_id: string;
  from_level: string | null;
  to_level: string;
  kind: string;
  period: string | null;
  reason: string;
  actor_name: string;
  at: string;
}

export interface ImprovementPlansTable {
  id: string;
  warning_id: string;
  dealer_id: string;
  goals: string; // JSON
  deadline: string; // YYYY-MM-DD
  status: string; // active | achieved | failed
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PlanCheckinsTable {
  id: string;
  plan_id: string;
  note: string;
  progress: number;
  actor_name: string;
  at: string;
}

export interface WarningNotificationsTable {
  id: string;
  dealer_id: string;
  warning_id: string | null;
  kind: string;
  level: string | null;
  message: string;
  created_at: string;
}

export interface WarningNotificationReadsTable {
  notification_id: string;
  user_id: string;
  read_at: string;
}

export interface TerminationsTable {
  id: string;
  dealer_id: string;
  warning_id: string | null;
  reason: string;
  status: string; // open | completed | cancelled
  buyback_fen: number;
  receivables_offset_fen: number;
  net_payable_fen: number;
  successors: string; // JSON
  successor_dealer_id: string | null;
  opened_by: string;
  opened_at: string;
  completed_at: string | null;
  updated_at: string;
}

export interface TerminationStockLinesTable {
  termination_id: string;
  product_id: string;
  condition: string; // unopened | damaged | expired
  quantity: number;
  unit_price_fen: number;
  rate: number;
  value_fen: number;
}

export interface TerminationChecklistItemsTable {
  termination_id: string;
  item: string;
  position: number;
  done: number;
  note: string | null;
  done_by: string | null;
  done_at: string | null;
}

// ---- Overdue reminders (0005_trade_settings) ----
export interface OverdueRemindersTable {
  id: string;
  dealer_id: string;
  reminded_on: string;
  invoice_count: number;
  overdue_fen: number;
  oldest_days_overdue: number;
  invoices: string; // JSON [{docNo, dueOn, openFen}]
  created_at: string;
}

// ---- Incentives, rebates, points, star dealers, profit pool, risk fund (0009_incentives) ----

export interface DB {
  incentive_policies: IncentivePoliciesTable;
  rebate_runs: RebateRunsTable;
  rebate_statements: RebateStatementsTable;
  rebate_statement_lines: RebateStatementLinesTable;
  rebate_deductions: RebateDeductionsTable;
  rebate_payments: RebatePaymentsTable;
  points_entries: PointsEntriesTable;
  points_catalog: PointsCatalogTable;
  points_redemptions: PointsRedemptionsTable;
  star_dealers: StarDealersTable;
  incentive_awards: IncentiveAwardsTable;
  profit_pools: ProfitPoolsTable;
  profit_pool_shares: ProfitPoolSharesTable;
  risk_fund_entries: RiskFundEntriesTable;
  risk_fund_claims: RiskFundClaimsTable;
}

export interface IncentivePoliciesTable {
  version: number;
  effective_from: string;
  document: string; // JSON IncentivePolicy
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface RebateRunsTable {
  id: string;
  period: string;
  policy_version: number;
  calculated: number;
  frozen: number;
  created_by: string;
  created_at: string;
}

export interface RebateStatementsTable {
  id: string;
  dealer_id: string;
  period: string;
  run_id: string;
  policy_version: number;
  tier: string;
  qualifying_sales_fen: number;
  rate_bp: number;
  target_fen: number | null;
  adjusted_target_fen: number | null;
  reward_coefficient_bp: number;
  rebate_fen: number;
  bonus_fen: number;
  brand_fund_fen: number;
  deductions_fen: number;
  total_fen: number;
  status: string; // draft | approved | paid
  approved_by: string | null;
  approved_at: string | null;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RebateStatementLinesTable {
  statement_id: string;
  position: number;
  kind: string; // shipment | return | deduction
  source_id: string | null;
  order_id: string | null;
  order_number: string | null;
  doc_no: string | null;
  line_date: string | null;
  amount_fen: number;
  note: string | null;
}

export interface RebateDeductionsTable {
  id: string;
  dealer_id: string;
  period: string;
  amount_fen: number;
  source: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface RebatePaymentsTable {
  id: string;
  statement_id: string;
  dealer_id: string;
  method: string; // credit_note | cash
  amount_fen: number;
  receivable_entry_id: string | null;
  reference: string | null;
  created_by: string;
  created_at: string;
}

export interface PointsEntriesTable {
  id: string;
  dealer_id: string;
  points: number;
  kind: string;
  reason: string;
  source_key: string | null;
  expires_on: string | null;
  ref_id: string | null;
  created_by: string;
  created_at: string;
}

export interface PointsCatalogTable {
  id: string;
  name: string;
  category: string;
  points: number;
  stock: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PointsRedemptionsTable {
  id: string;
  dealer_id: string;
  catalog_item_id: string;
  quantity: number;
  points: number;
  status: string; // pending | approved | fulfilled | rejected
  note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string;
  created_at: string;
}

export interface StarDealersTable {
  dealer_id: string;
  year: number;
  star: number;
  years: string; // JSON [{year,salesFen,targetFen,completion}]
  cumulative_sales_fen: number;
  avg_completion_bp: number | null;
  loyalty_rate_bp: number;
  loyalty_bonus_fen: number;
  renewal_priority: number;
  created_at: string;
}

export interface IncentiveAwardsTable {
  id: string;
  year: number;
  category: string; // innovation | strategic
  dealer_id: string;
  citation: string;
  status: string; // nominated | awarded | declined
  amount_fen: number;
  nominated_by: string;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface ProfitPoolsTable {
  id: string;
  region_code: string;
  period: string;
  baseline_fen: number;
  actual_fen: number;
  pool_rate_bp: number;
  pool_fen: number;
  hq_share_bp: number;
  hq_fen: number;
  dealers_fen: number;
  created_by: string;
  created_at: string;
}

export interface ProfitPoolSharesTable {
  pool_id: string;
  dealer_id: string;
  contribution_fen: number;
  share_fen: number;
}

export interface RiskFundEntriesTable {
  id: string;
  dealer_id: string | null;
  kind: string; // contribution | claim_payout | capability_grant
  amount_fen: number;
  period: string | null;
  source_key: string | null;
  ref_id: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface RiskFundClaimsTable {
  id: string;
  dealer_id: string;
  loss_fen: number;
  reason: string;
  evidence: string; // JSON string[]
  status: string; // submitted | approved | rejected
  fund_share_bp: number | null;
  payout_fen: number | null;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string;
  created_at: string;
}

// ---- Transfers (调拨) and VMI proposals (0007_transfers_vmi) ----
export interface DB {
  transfer_costs: TransferCostsTable;
  transfer_plans: TransferPlansTable;
  transfer_plan_moves: TransferPlanMovesTable;
  transfer_orders: TransferOrdersTable;
  vmi_proposals: VmiProposalsTable;
  vmi_proposal_lines: VmiProposalLinesTable;
}

export interface TransferCostsTable {
  id: string;
  from_region_code: string;
  to_region_code: string;
  unit_cost_fen: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface TransferPlansTable {
  id: string;
  number: string;
  status: string; // proposed | approved | rejected | executed
  region_code: string | null;
  sku: string | null;
  bound_level: string;
  total_quantity: number;
  total_cost_fen: number;
  greedy_quantity: number;
  greedy_cost_fen: number;
  supply_quantity: number;
  demand_quantity: number;
  dealer_count: number;
  solve_ms: number;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  executed_at: string | null;
  updated_at: string;
}

export interface TransferPlanMovesTable {
  plan_id: string;
  position: number;
  from_dealer_id: string;
  to_dealer_id: string;
  product_id: string;
  quantity: number;
  unit_cost_fen: number;
  cost_fen: number;
  distance_m: number | null;
  cost_source: string; // table | distance
}

export interface TransferOrdersTable {
  id: string;
  number: string;
  plan_id: string;
  position: number;
  from_dealer_id: string;
  to_dealer_id: string;
  product_id: string;
  quantity: number;
  cost_fen: number;
  status: string;
  executed_at: string;
  created_by: string;
}

export interface VmiProposalsTable {
  id: string;
  number: string;
  dealer_id: string;
  status: string; // proposed | confirming | ordered | rejected | superseded
  cover_days: number;
  order_id: string | null;
  estimated_fen: number;
  last_error: string | null;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  updated_at: string;
}

export interface VmiProposalLinesTable {
  proposal_id: string;
  line_no: number;
  product_id: string;
  on_hand: number;
  in_transit: number;
  forecast_demand: number;
  safety_stock: number;
  target_level: number;
  quantity: number;
  unit_price_fen: number;
  forecast_model: string;
  reorder_point: number | null; // null on lines made before 0016_stock_rules
  cover_days: number | null;
}

// ---- Service and communication (issue 8, migration 0010_service) ----------------------------
export interface TicketsTable {
  id: string;
  number: string;
  kind: string; // customer_feedback | dealer_request
  dealer_id: string;
  channel: string;
  type: string;
  priority: string; // urgent | normal
  subject: string;
  description: string;
  product_sku: string | null;
  customer: string | null; // JSON {name, phone}
  step: string; // received | classified | responded | processing | verified | closed
  department: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  escalation_level: number;
  solution: string | null;
  rating: number | null;
  reopen_count: number;
  classified_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  verified_at: string | null;
  closed_at: string | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_response_breached: number;
  resolution_breached: number;
  pauses: string; // JSON [{from, to|null, reason}]
  kb_article_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  kind: string; // step | reopen | resolve | pause | resume | escalate | comment | confirm
  from_step: string | null;
  to_step: string | null;
  note: string | null;
  rating: number | null;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface TicketCommentsTable {
  id: string;
  ticket_id: string;
  body: string;
  author_id: string | null;
  author_name: string;
  author_role: string;
  created_at: string;
}

export interface TicketAttachmentsTable {
  id: string;
  ticket_id: string;
  comment_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_path: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface TicketConfirmationsTable {
  id: string;
  ticket_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface TicketProblemReviewsTable {
  id: string;
  month: string;
  type: string;
  product_sku: string;
  root_cause: string;
  preventive_action: string;
  updated_by: string;
  updated_at: string;
}

export interface CalendarOverridesTable {
  date: string;
  workday: number;
  note: string;
  created_by: string;
  created_at: string;
}

export interface SolutionTemplatesTable {
  id: string;
  type: string;
  title: string;
  body: string;
  created_by: string;
  created_at: string;
}

export interface KbArticlesTable {
  id: string;
  title: string;
  body: string;
  type: string | null;
  product_sku: string | null;
  status: string; // draft | published
  source_ticket_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface KbTokensTable {
  token: string;
  article_id: string;
  weight: number;
}

export interface AnnouncementsTable {
  id: string;
  kind: string; // announcement | policy | meeting
  title: string;
  body: string;
  published_by: string;
  published_at: string;
}

export interface AnnouncementReadsTable {
  announcement_id: string;
  user_id: string;
  user_name: string;
  dealer_id: string | null;
  read_at: string;
}

export interface DisputesTable {
  id: string;
  number: string;
  title: string;
  kind: string; // dealer_dealer | dealer_hq
  status: string; // open | mediating | settled | closed
  facts: string;
  feelings: string;
  needs: string;
  options: string;
  contested_fen: number;
  split: string | null;
  plan: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DisputePartiesTable {
  dispute_id: string;
  dealer_id: string;
  claim: string;
}

export interface DisputeFollowupsTable {
  id: string;
  dispute_id: string;
  note: string;
  due_on: string;
  done_at: string | null;
  created_by: string;
  created_at: string;
}

export interface SurveysTable {
  id: string;
  title: string;
  questions: string;
  status: string; // draft | sent | closed
  sent_at: string | null;
  created_by: string;
  created_at: string;
}

export interface SurveyRecipientsTable {
  survey_id: string;
  dealer_id: string;
  responded_at: string | null;
}

export interface SurveyResponsesTable {
  id: string;
  survey_id: string;
  dealer_id: string;
  csat: number;
  nps: number;
  comment: string | null;
  respondent_name: string;
  submitted_at: string;
}

export interface RelationActivitiesTable {
  id: string;
  dealer_id: string;
  kind: string; // qbr | key_person_visit
  period: string;
  held_on: string;
  attendees: string;
  notes: string;
  created_by: string;
  created_at: string;
}

export interface DB {
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_comments: TicketCommentsTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_confirmations: TicketConfirmationsTable;
  ticket_problem_reviews: TicketProblemReviewsTable;
  calendar_overrides: CalendarOverridesTable;
  solution_templates: SolutionTemplatesTable;
  kb_articles: KbArticlesTable;
  kb_tokens: KbTokensTable;
  announcements: AnnouncementsTable;
  announcement_reads: AnnouncementReadsTable;
  disputes: DisputesTable;
  dispute_parties: DisputePartiesTable;
  dispute_followups: DisputeFollowupsTable;
  surveys: SurveysTable;
  survey_recipients: SurveyRecipientsTable;
  survey_responses: SurveyResponsesTable;
  relation_activities: RelationActivitiesTable;
}

// ---- Stock health: lead times, service levels, alert acks and history (issue 5, migration 0006) ----
export interface DB {
  stock_lead_times: StockLeadTimesTable;
  stock_service_levels: StockServiceLevelsTable;
  stock_alert_acks: StockAlertAcksTable;
  stock_alert_history: StockAlertHistoryTable;
}

export interface StockLeadTimesTable {
  product_id: string;
  dealer_id: string; // '' = product-wide
  days: number;
  sd_days: number;
  updated_at: string;
}

export interface StockServiceLevelsTable {
  category: string;
  service_level: number;
  updated_at: string;
}

export interface StockAlertAcksTable {
  id: string;
  dealer_id: string;
  product_id: string;
  level: string;
  note: string | null;
  acknowledged_by: string;
  acknowledged_at: string;
  cleared_at: string | null;
}

export interface StockAlertHistoryTable {
  id: string;
  run_on: string;
  dealer_id: string;
  product_id: string;
  level: string;
  on_hand: number;
  position: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  suggested_quantity: number;
  created_at: string;
}
