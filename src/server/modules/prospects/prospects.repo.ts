import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import type { PageRequest } from '../../core/list.js';
import { overlapTerms } from './prospects.rules.js';

/**
 * Which prospects a caller sees: HQ all of them; a regional manager those wanting a region that
 * overlaps one of its regions; nobody else any.
 */
export type ProspectScope = { kind: 'all' } | { kind: 'regions'; codes: string[] } | { kind: 'none' };

/** Prospects wanting a region that overlaps any of `codes` (inside it or containing it). */
function wantingOverlap(eb: ExpressionBuilder<DB, any>, codes: string[]) {
  return eb
    .selectFrom('prospect_regions as pr')
    .select('pr.prospect_id')
    .where((rb) =>
      rb.or(
        codes.flatMap((code) => {
          const { prefix, ancestors } = overlapTerms(code);
          return [rb('pr.region_code', 'like', prefix), ...(ancestors.length ? [rb('pr.region_code', 'in', ancestors)] : [])];
        }),
      ),
    );
}

export function visibleProspect(scope: ProspectScope) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
    if (scope.kind === 'none' || scope.codes.length === 0) return sql<SqlBool>`1 = 0`;
    return eb(eb.ref('prospects.id'), 'in', wantingOverlap(eb, scope.codes));
  };
}

export interface ProspectFilter {
  stage?: string;
  stages?: string[];
  regionCode?: string;
  source?: string;
  q?: string;
}

function filtered(db: Database, scope: ProspectScope, filter: ProspectFilter) {
  let query = db.selectFrom('prospects').selectAll('prospects').where(visibleProspect(scope));
  if (filter.stage) query = query.where('prospects.stage', '=', filter.stage);
  if (filter.stages) query = query.where('prospects.stage', 'in', filter.stages);
  if (filter.source) query = query.where('prospects.source', '=', filter.source);
  if (filter.regionCode) {
    const code = filter.regionCode;
    query = query.where('prospects.id', 'in', (eb) => wantingOverlap(eb, [code]));
  }
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(prospects.name)`, 'like', like),
        eb(sql`lower(prospects.contact_name)`, 'like', like),
        eb(sql`lower(prospects.number)`, 'like', like),
        eb('prospects.phone', 'like', like),
        eb(sql`lower(coalesce(prospects.unified_social_credit_code, ''))`, 'like', like),
      ]),
    );
  }
  return query;
}

/** One page, newest first. */
export function listProspects(db: Database, scope: ProspectScope, filter: ProspectFilter, page: PageRequest) {
  let query = filtered(db, scope, filter)
    .orderBy('prospects.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('prospects.id', '<', page.after);
  return query.execute();
}

/**
 * Best latest screening first, unscreened after them, knocked-out prospects last whatever their
 * score (coalesce: SQLite and PostgreSQL sort NULLs differently).
 */
export function rankProspects(db: Database, scope: ProspectScope, filter: ProspectFilter, limit: number) {
  return filtered(db, scope, filter)
    .orderBy(sql`coalesce(prospects.screening_knocked_out, 0)`)
    .orderBy(sql`coalesce(prospects.screening_total_centi, -1)`, 'desc')
    .orderBy('prospects.id')
    .limit(limit)
    .execute();
}

export const findProspect = (db: Database, scope: ProspectScope, id: string) => db.selectFrom('prospects').selectAll().where('id', '=', id).where(visibleProspect(scope)).executeTakeFirst();

export function regionsOf(db: Database, prospectIds: string[]) {
  if (prospectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('prospect_regions').selectAll().where('prospect_id', 'in', prospectIds).orderBy('region_code').execute();
}

export function findByCreditCode(db: Database, code: string, excludeId?: string) {
  let query = db.selectFrom('prospects').select(['id', 'number', 'name', 'stage']).where('unified_social_credit_code', '=', code);
  if (excludeId) query = query.where('id', '!=', excludeId);
  return query.executeTakeFirst();
}

export function findByNamePhone(db: Database, nameKey: string, phoneKey: string, excludeId?: string) {
  let query = db.selectFrom('prospects').select(['id', 'number', 'name', 'stage']).where('name_key', '=', nameKey).where('phone_key', '=', phoneKey);
  if (excludeId) query = query.where('id', '!=', excludeId);
  return query.executeTakeFirst();
}

export function dealerWithCreditCode(db: Database, code: string, excludeDealerId: string | null) {
  let query = db.selectFrom('dealers').select(['id', 'code', 'name']).where('unified_social_credit_code', '=', code);
  if (excludeDealerId) query = query.where('id', '!=', excludeDealerId);
  return query.executeTakeFirst();
}

export async function highestNumber(db: Database, year: string): Promise<string | undefined> {
  const row = await db.selectFrom('prospects').select('number').where('number', 'like', `P${year}%`).orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row?.number;
}

export function eventsOf(db: Database, prospectId: string, page: PageRequest) {
  let query = db
    .selectFrom('prospect_events')
    .selectAll()
    .where('prospect_id', '=', prospectId)
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  return query.execute();
}

/** Moves across the prospects a caller sees, newest first. */
export function recentEvents(db: Database, scope: ProspectScope, filter: { regionCode?: string }, page: PageRequest) {
  let query = db
    .selectFrom('prospect_events')
    .innerJoin('prospects', 'prospects.id', 'prospect_events.prospect_id')
    .selectAll('prospect_events')
    .select(['prospects.number as prospect_number', 'prospects.name as prospect_name'])
    .where(visibleProspect(scope))
    .orderBy('prospect_events.id', 'desc')
    .limit(page.limit + 1);
  if (filter.regionCode) {
    const code = filter.regionCode;
    query = query.where('prospects.id', 'in', (eb) => wantingOverlap(eb, [code]));
  }
  if (page.after) query = query.where('prospect_events.id', '<', page.after);
  return query.execute();
}

export const contractOfDealer = (db: Database, dealerId: string) => db.selectFrom('dealer_contracts').selectAll().where('dealer_id', '=', dealerId).orderBy('id', 'desc').limit(1).executeTakeFirst();

export const priceListName = (db: Database, id: string) => db.selectFrom('price_lists').select(['id', 'name', 'tier']).where('id', '=', id).executeTakeFirst();
