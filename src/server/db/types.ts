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
}

export type Unused = Generated<number>;
