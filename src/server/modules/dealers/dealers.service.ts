import type { Transaction } from 'kysely';
import { CLOSED_DEALER_STATUSES, judgeMove, manualTargets, workflowInfo, type LifecycleWorkflow, type MovePrecondition, type MoveVerdict } from '../../../shared/dealer-lifecycle.js';
import type { Role } from '../../../shared/permissions.js';
import type { CreateDealerBody, Dealer, DealerEvent, DealerStatus, Tier, UpdateDealerBody } from '../../../shared/schemas/index.js';
import type { DB, DealersTable } from '../../db/types.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, type DealerScope } from '../../core/access.js';
import { AppError, conflict, invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, toPage, type PageRequest } from '../../core/list.js';
import { assertRegionCodes, regionPath } from '../regions/regions.service.js';
import * as repo from './dealers.repo.js';
import { duplicateRegion, territoryConflicts, type TerritoryClaim } from './dealers.rules.js';
import { isRealDate } from '../../../shared/dates.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { findDealer, overlappingTerritories } from './dealers.repo.js';

type Contact = Dealer['contacts'][number];

async function present(db: Database, scope: DealerScope, rows: DealersTable[]): Promise<Dealer[]> {
  const ids = rows.map((r) => r.id);
  const parentIds = [...new Set(rows.map((r) => r.parent_dealer_id).filter((id): id is string => !!id))];
  const [territories, contacts, parents] = await Promise.all([repo.territoriesOf(db, ids), repo.contactsOf(db, ids), repo.codesOf(db, scope, parentIds)]);
  const parentCode = new Map(parents.map((p) => [p.id, p.code]));
  const byDealer = <T extends { dealer_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) (map.get(item.dealer_id) ?? map.set(item.dealer_id, []).get(item.dealer_id)!).push(item);
    return map;
  };
  const t = byDealer(territories);
  const c = byDealer(contacts);
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level === 2 ? 2 : 1,
    parentDealerId: row.parent_dealer_id,
    parentDealerCode: row.parent_dealer_id ? (parentCode.get(row.parent_dealer_id) ?? null) : null,
    status: row.status as DealerStatus,
    tier: row.tier as Tier,
    territory: (t.get(row.id) ?? []).map((x) => ({ regionCode: x.region_code, exclusive: x.exclusive === 1, regionName: regionPath(x.region_code) })),
    creditLimitFen: Number(row.credit_limit_fen),
    paymentTermDays: row.payment_term_days,
    vmi: row.vmi === 1,
    contacts: (c.get(row.id) ?? []).map((x) => ({
      name: x.name,
      ...(x.title ? { title: x.title } : {}),
      ...(x.phone ? { phone: x.phone } : {}),
      ...(x.email ? { email: x.email } : {}),
      primary: x.is_primary === 1,
    })),
    unifiedSocialCreditCode: row.unified_social_credit_code,
    address: row.address,
    contractStartsOn: row.contract_starts_on,
    contractEndsOn: row.contract_ends_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function listDealers(ctx: ServiceContext, filter: repo.DealerFilter, page: PageRequest) {
  const rows = await repo.listDealers(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  const kept = rows.slice(0, page.limit);
  const hasMore = rows.length > page.limit;
  return { items: await present(ctx.db, dealerScopeOf(ctx.caller), kept), nextCursor: hasMore ? encodeCursor(kept[kept.length - 1].id) : null };
}

/**
 * The dealer's row if the caller's scope may see it, else 404 NOT_FOUND, exactly as for a dealer
 * that does not exist: another dealer's existence is never revealed. Every module asks this one.
 */
export async function visibleDealerOr404(ctx: ServiceContext, dealerId: string) {
  const row = await repo.findDealer(ctx.db, dealerScopeOf(ctx.caller), dealerId);
  if (!row) throw notFound(`Dealer ${dealerId}`);
  return row;
}

/** A dealer the caller may see, else 404 (another dealer's existence is not revealed). */
export async function getDealer(ctx: ServiceContext, id: string): Promise<Dealer> {
  const row = await visibleDealerOr404(ctx, id);
  return (await present(ctx.db, dealerScopeOf(ctx.caller), [row]))[0];
}

async function checkHierarchy(ctx: ServiceContext, level: 1 | 2, parentDealerId: string | null, selfId?: string) {
  if (level === 1 && parentDealerId) throw invalid('/parentDealerId', 'must be empty for a level-1 dealer');
  if (level === 2) {
    if (!parentDealerId) throw invalid('/parentDealerId', 'is required for a level-2 dealer');
    if (parentDealerId === selfId) throw invalid('/parentDealerId', 'cannot be the dealer itself');
    const parent = await repo.findDealerUnscoped(ctx.db, parentDealerId);
    if (!parent) throw invalid('/parentDealerId', 'is not an existing dealer');
    if (parent.level !== 1) throw invalid('/parentDealerId', 'must be a level-1 dealer');
  }
  if (selfId && level === 2) {
    const children = await ctx.db.selectFrom('dealers').select('id').where('parent_dealer_id', '=', selfId).limit(1).execute();
    if (children.length) throw invalid('/level', 'cannot be 2 while the dealer has level-2 sub-dealers');
  }
}

async function checkTerritory(ctx: ServiceContext, territory: TerritoryClaim[], family: { dealerId?: string; parentDealerId?: string | null }) {
  assertRegionCodes(territory.map((t, i) => ({ code: t.regionCode, path: `/territory/${i}/regionCode` })));
  const dup = duplicateRegion(territory);
  if (dup >= 0) throw invalid(`/territory/${dup}/regionCode`, 'is listed twice');
  const held = await repo.overlappingTerritories(
    ctx.db,
    territory.map((t) => t.regionCode),
    family.dealerId ? [family.dealerId] : [],
  );
  const conflicts = territoryConflicts(territory, held, family);
  if (conflicts.length) {
    const c = conflicts[0];
    throw conflict(`Region ${regionPath(c.regionCode)} overlaps the exclusive territory ${regionPath(c.heldRegionCode)} held by dealer ${c.dealerCode} ${c.dealerName}`, { conflicts });
  }
}

function checkDates(startsOn: string | null | undefined, endsOn: string | null | undefined) {
  for (const [path, value] of [
    ['/contractStartsOn', startsOn],
    ['/contractEndsOn', endsOn],
  ] as const) {
    if (value && !isRealDate(value)) throw invalid(path, 'is not a real date');
  }
  if (startsOn && endsOn && endsOn < startsOn) throw invalid('/contractEndsOn', 'must not be before contractStartsOn');
}

/**
 * Checks a territory again inside the writing transaction, after taking the audit head's row lock
 * (a row lock on PostgreSQL, the write lock on SQLite) that every audited write takes anyway. The
 * unique index only stops two exclusive claims on the very same code; overlapping claims (a city
 * and one of its counties) racing each other are only stopped by checking under this lock. Taken
 * after the transaction's own dealer row, like appendAudit, so lock order stays the same everywhere.
 */
async function recheckTerritoryLocked(ctx: ServiceContext, trx: Transaction<DB>, territory: TerritoryClaim[], family: { dealerId?: string; parentDealerId?: string | null }) {
  if (territory.length === 0) return;
  await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .execute();
  await checkTerritory({ ...ctx, db: trx }, territory, family);
}

/**
 * Adds regions to a dealer's territory inside the caller's transaction (the exit hands a leaving
 * dealer's regions to its successor): the same exclusivity check as a territory edit (docs/rules.md,
 * C3), under the same lock, so a hand-over can no longer overlap a third dealer's exclusive region.
 * Regions the dealer already holds are kept as they are. Returns the regions added.
 */
export async function grantTerritory(ctx: ServiceContext, trx: Transaction<DB>, dealerId: string, claims: TerritoryClaim[]): Promise<TerritoryClaim[]> {
  const dealer = await trx.selectFrom('dealers').select(['id', 'parent_dealer_id']).where('id', '=', dealerId).executeTakeFirstOrThrow();
  const held = new Set((await trx.selectFrom('dealer_territories').select('region_code').where('dealer_id', '=', dealerId).execute()).map((r) => r.region_code));
  const added = claims.filter((c) => !held.has(c.regionCode));
  if (added.length === 0) return [];
  await recheckTerritoryLocked(ctx, trx, added, { dealerId, parentDealerId: dealer.parent_dealer_id });
  await trx
    .insertInto('dealer_territories')
    .values(added.map((t) => ({ dealer_id: dealerId, region_code: t.regionCode, exclusive: t.exclusive ? 1 : 0 })))
    .execute();
  return added;
}

async function writeChildren(trx: Transaction<DB>, dealerId: string, territory?: TerritoryClaim[], contacts?: Contact[]) {
  if (territory) {
    await trx.deleteFrom('dealer_territories').where('dealer_id', '=', dealerId).execute();
    if (territory.length) {
      await trx
        .insertInto('dealer_territories')
        .values(territory.map((t) => ({ dealer_id: dealerId, region_code: t.regionCode, exclusive: t.exclusive ? 1 : 0 })))
        .execute();
    }
  }
  if (contacts) {
    await trx.deleteFrom('dealer_contacts').where('dealer_id', '=', dealerId).execute();
    if (contacts.length) {
      await trx
        .insertInto('dealer_contacts')
        .values(
          contacts.map((c, i) => ({
            id: newId('dct'),
            dealer_id: dealerId,
            position: i,
            name: c.name,
            title: c.title ?? null,
            phone: c.phone ?? null,
            email: c.email ?? null,
            is_primary: (c.primary ?? i === 0) ? 1 : 0,
          })),
        )
        .execute();
    }
  }
}

const isUniqueViolation = (error: unknown) => /unique|duplicate key/i.test(String((error as Error)?.message));

/** A dealer entered directly by HQ is a contracted dealer: it starts active. */
export async function createDealer(ctx: ServiceContext, body: CreateDealerBody, options: { status?: DealerStatus; reason?: string } = {}): Promise<Dealer> {
  const level = body.level ?? (body.parentDealerId ? 2 : 1);
  const parentDealerId = body.parentDealerId ?? null;
  const territory = body.territory ?? [];
  await checkHierarchy(ctx, level, parentDealerId);
  checkDates(body.contractStartsOn, body.contractEndsOn);
  if (await repo.findDealerByCode(ctx.db, body.code)) throw conflict(`Dealer code ${body.code} is already used`);
  await checkTerritory(ctx, territory, { parentDealerId });
  const now = ctx.clock.now().toISOString();
  const status = options.status ?? 'active';
  const row: DealersTable = {
    id: newId('dlr'),
    code: body.code,
    name: body.name,
    level,
    parent_dealer_id: parentDealerId,
    status,
    tier: body.tier ?? 'bronze',
    credit_limit_fen: body.creditLimitFen ?? 0,
    payment_term_days: body.paymentTermDays ?? 30,
    vmi: body.vmi ? 1 : 0,
    unified_social_credit_code: body.unifiedSocialCreditCode ?? null,
    address: body.address ?? null,
    contract_starts_on: body.contractStartsOn ?? null,
    contract_ends_on: body.contractEndsOn ?? null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('dealers').values(row).execute();
      await recheckTerritoryLocked(ctx, trx, territory, { parentDealerId });
      await writeChildren(trx, row.id, territory, body.contacts ?? []);
      await trx
        .insertInto('dealer_events')
        .values({
          id: newId('dev'),
          dealer_id: row.id,
          from_status: null,
          to_status: status,
          reason: options.reason ?? 'Contracted dealer entered by HQ',
          actor_id: ctx.caller.id,
          actor_name: ctx.caller.name,
          at: now,
        })
        .execute();
      await appendAudit(trx, ctx, { action: 'dealer.create', entityType: 'dealer', entityId: row.id, change: { ...body, status } });
    });
  } catch (error) {
    // Two requests racing for one exclusive region or code: the database index decides.
    if (isUniqueViolation(error)) throw conflict(`Dealer code ${body.code} or an exclusive region is already taken`);
    throw error;
  }
  return getDealer(ctx, row.id);
}

export async function updateDealer(ctx: ServiceContext, id: string, body: UpdateDealerBody): Promise<Dealer> {
  const current = await visibleDealerOr404(ctx, id);
  const level = body.level ?? (current.level as 1 | 2);
  const parentDealerId = body.parentDealerId !== undefined ? body.parentDealerId : current.parent_dealer_id;
  if (body.level !== undefined || body.parentDealerId !== undefined) await checkHierarchy(ctx, level, level === 1 ? null : parentDealerId, id);
  checkDates(body.contractStartsOn ?? current.contract_starts_on, body.contractEndsOn ?? current.contract_ends_on);
  if (body.territory) await checkTerritory(ctx, body.territory, { dealerId: id, parentDealerId });
  const patch: Partial<DealersTable> = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.level !== undefined && { level: body.level }),
    parent_dealer_id: level === 1 ? null : parentDealerId,
    ...(body.tier !== undefined && { tier: body.tier }),
    ...(body.creditLimitFen !== undefined && { credit_limit_fen: body.creditLimitFen }),
    ...(body.paymentTermDays !== undefined && { payment_term_days: body.paymentTermDays }),
    ...(body.vmi !== undefined && { vmi: body.vmi ? 1 : 0 }),
    ...(body.unifiedSocialCreditCode !== undefined && { unified_social_credit_code: body.unifiedSocialCreditCode }),
    ...(body.address !== undefined && { address: body.address }),
    ...(body.contractStartsOn !== undefined && { contract_starts_on: body.contractStartsOn }),
    ...(body.contractEndsOn !== undefined && { contract_ends_on: body.contractEndsOn }),
    updated_at: ctx.clock.now().toISOString(),
  };
  const before = (await present(ctx.db, dealerScopeOf(ctx.caller), [current]))[0];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('dealers').set(patch).where('id', '=', id).execute();
      if (body.territory) await recheckTerritoryLocked(ctx, trx, body.territory, { dealerId: id, parentDealerId });
      await writeChildren(trx, id, body.territory, body.contacts);
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(body)) {
        const old = (before as Record<string, unknown>)[key];
        if (JSON.stringify(old) !== JSON.stringify(value)) changed[key] = { from: old, to: value };
      }
      await appendAudit(trx, ctx, { action: 'dealer.update', entityType: 'dealer', entityId: id, change: changed });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('An exclusive region in this territory is already taken');
    throw error;
  }
  return getDealer(ctx, id);
}

/** The refusal of a move the declaration does not give this workflow and role (dealer-lifecycle.ts). */
function refusal(verdict: Exclude<MoveVerdict, { ok: true }>, from: DealerStatus, to: DealerStatus, workflow: LifecycleWorkflow, role: Role): AppError {
  switch (verdict.reason) {
    case 'undeclared':
      return new AppError('INVALID_TRANSITION', `A dealer cannot move from ${from} to ${to}`, undefined, { from, to, allowed: manualTargets(from, role) });
    case 'other_workflow': {
      const owner = verdict.workflows[0];
      return new AppError('INVALID_TRANSITION', `A dealer moves from ${from} to ${to} only through the ${owner} workflow: ${workflowInfo(owner).use}`, undefined, {
        from,
        to,
        workflow: owner,
        use: workflowInfo(owner).use,
        allowed: manualTargets(from, role),
      });
    }
    case 'role':
      return new AppError('FORBIDDEN', `Your role (${role}) may not move a dealer from ${from} to ${to} in the ${workflow} workflow; ${verdict.roles.join(', ')} may`, undefined, {
        from,
        to,
        workflow,
        roles: verdict.roles,
      });
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}

async function checkPrecondition(trx: Transaction<DB>, dealerId: string, requires: MovePrecondition, from: DealerStatus, to: DealerStatus) {
  switch (requires) {
    case 'no_open_warning': {
      const open = await repo.openWarningOf(trx, dealerId);
      if (open) {
        throw new AppError('INVALID_TRANSITION', `The dealer has an open ${open.level} warning: it leaves ${from} only through the warnings workflow: ${workflowInfo('warnings').use}`, undefined, {
          from,
          to,
          workflow: 'warnings',
          use: workflowInfo('warnings').use,
          warningId: open.id,
        });
      }
      return;
    }
    default: {
      const unreachable: never = requires;
      return unreachable;
    }
  }
}

export interface DealerMove {
  dealerId: string;
  to: DealerStatus;
  reason: string;
  /** the workflow making the move: only the moves dealer-lifecycle.ts gives it pass */
  workflow: LifecycleWorkflow;
}

/**
 * The one way a dealer's status changes, inside the caller's transaction: the move must be
 * declared for this workflow and the caller's role (src/shared/dealer-lifecycle.ts), and is
 * evented and audited. Returns the status the dealer left.
 */
export async function moveDealerStatus(trx: Transaction<DB>, ctx: ServiceContext, move: DealerMove): Promise<DealerStatus> {
  const { dealerId: id, to, reason, workflow } = move;
  const row = await trx.selectFrom('dealers').select('status').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Dealer ${id}`);
  const from = row.status as DealerStatus;
  const verdict = judgeMove(from, to, workflow, ctx.caller.role);
  if (!verdict.ok) throw refusal(verdict, from, to, workflow, ctx.caller.role);
  if (verdict.move.requires) await checkPrecondition(trx, id, verdict.move.requires, from, to);
  const now = ctx.clock.now().toISOString();
  // The status guard in the WHERE makes two racing transitions from one state resolve to one.
  const result = await trx.updateTable('dealers').set({ status: to, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', `The dealer is no longer ${from}`);
  await trx
    .insertInto('dealer_events')
    .values({ id: newId('dev'), dealer_id: id, from_status: from, to_status: to, reason, actor_id: ctx.caller.id, actor_name: ctx.caller.name, at: now })
    .execute();
  // A terminated or rejected dealer holds no territory any more (repo.overlappingTerritories
  // ignores it), so its exclusive claims are released: otherwise the unique index on exclusive
  // regions would still refuse a successor. The audit entry keeps what was released.
  let releasedExclusive: string[] = [];
  if ((CLOSED_DEALER_STATUSES as readonly DealerStatus[]).includes(to)) {
    const held = await trx.selectFrom('dealer_territories').select('region_code').where('dealer_id', '=', id).where('exclusive', '=', 1).execute();
    releasedExclusive = held.map((h) => h.region_code).sort();
    if (releasedExclusive.length) {
      await trx.updateTable('dealer_territories').set({ exclusive: 0 }).where('dealer_id', '=', id).where('exclusive', '=', 1).execute();
    }
  }
  await appendAudit(trx, ctx, {
    action: 'dealer.transition',
    entityType: 'dealer',
    entityId: id,
    change: { from, to, reason, workflow, ...(releasedExclusive.length ? { releasedExclusive } : {}) },
  });
  return from;
}

/**
 * The bare transitions route (docs/rules.md, C3): the `manual` workflow, so a status another workflow
 * owns (terminating, terminated, a graded warning, a contracted active dealer) is refused with the
 * workflow to use. Every move is an event with who, when, why.
 */
export async function transitionDealer(ctx: ServiceContext, id: string, to: DealerStatus, reason: string): Promise<Dealer> {
  await visibleDealerOr404(ctx, id);
  await ctx.db.transaction().execute((trx) => moveDealerStatus(trx, ctx, { dealerId: id, to, reason, workflow: 'manual' }));
  return getDealer(ctx, id);
}

export async function dealerEvents(ctx: ServiceContext, id: string, page: PageRequest) {
  await getDealer(ctx, id);
  const rows = await repo.eventsOf(ctx.db, id, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): DealerEvent => ({
      id: r.id,
      dealerId: r.dealer_id,
      fromStatus: r.from_status as DealerStatus | null,
      toStatus: r.to_status as DealerStatus,
      reason: r.reason,
      actorName: r.actor_name,
      at: r.at,
    }),
  );
}
