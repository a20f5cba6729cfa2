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
