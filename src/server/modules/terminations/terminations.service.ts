// The exit process (C7): open (from a red warning or by HQ for cause), value the buyback from the
// dealer's stock by condition minus open receivables, work the checklist, rank successors, and on
// completion move the dealer to terminated and hand its territory to the successor.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, conflict, invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, type Page, type PageRequest } from '../../core/list.js';
import { SUCCESSOR_PROSPECT_STAGES, type Termination, type TerminationBody } from '../../../shared/schemas/index.js';
import { grantTerritory, moveDealerStatus } from '../dealers/dealers.service.js';
import { CHECKLIST_ITEMS, rankSuccessors, splitByCondition, valueBuyback, type StockCondition, type StockLine, type SuccessorCandidate } from './terminations.rules.js';
import { readSetting } from '../../core/settings.js';
import { BUYBACK_SETTINGS } from './terminations.settings.js';

type Counts = TerminationBody['stock'];

/** On-hand per product valued at the dealer's last purchase price (list price if never bought). */
async function stockLines(db: Transaction<DB> | ServiceContext['db'], dealerId: string, counts: Counts = []): Promise<{ lines: StockLine[]; unknownSku: number }> {
  const onHand = await db
    .selectFrom('stock_movements as m')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .select(['m.product_id', 'p.sku', 'p.list_price_fen', sql<number>`sum(m.quantity)`.as('qty')])
    .where('m.dealer_id', '=', dealerId)
    .groupBy(['m.product_id', 'p.sku', 'p.list_price_fen'])
    .execute();
  const lastPrice = await db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .select(['l.product_id', 'o.order_date', 'l.amount_fen', 'l.quantity'])
    .where('o.dealer_id', '=', dealerId)
    .where('o.status', '!=', 'cancelled')
    .orderBy('o.order_date')
    .execute();
  const price = new Map<string, number>();
  for (const l of lastPrice) if (Number(l.quantity) > 0) price.set(l.product_id, Math.round(Number(l.amount_fen) / Number(l.quantity)));
  const bySku = new Map((counts ?? []).map((c, i) => [c.sku, { ...c, i }]));
  const known = new Set(onHand.map((r) => r.sku));
  const unknown = (counts ?? []).findIndex((c) => !known.has(c.sku));
  if (unknown >= 0) throw invalid(`/body/stock/${unknown}/sku`, "is not in the dealer's stock");
  const lines: StockLine[] = [];
  for (const r of onHand) {
    const split = splitByCondition(Number(r.qty), bySku.get(r.sku));
    for (const condition of Object.keys(split) as StockCondition[]) {
      if (split[condition] > 0) lines.push({ productId: r.product_id, condition, quantity: split[condition], unitPriceFen: price.get(r.product_id) ?? Number(r.list_price_fen) });
    }
  }
  return { lines, unknownSku: -1 };
}

async function openReceivables(db: Transaction<DB> | ServiceContext['db'], dealerId: string): Promise<number> {
  const row = await db
    .selectFrom('receivable_entries')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('fen'))
    .where('dealer_id', '=', dealerId)
    .executeTakeFirst();
  return Math.max(0, Number(row?.fen ?? 0));
}

async function successorsFor(db: ServiceContext['db'], dealerId: string, territory: string[]): Promise<SuccessorCandidate[]> {
  const provinces = [...new Set(territory.map((c) => c.slice(0, 2)))];
  if (provinces.length === 0) return [];
  const like = (col: string) => (eb: any) => eb.or(provinces.map((p) => eb(col, 'like', `${p}%`)));
  const prospects = await db
    .selectFrom('prospects as p')
    .innerJoin('prospect_regions as r', 'r.prospect_id', 'p.id')
    .select(['p.id', 'p.name', 'p.screening_total_centi', 'r.region_code'])
    .where('p.stage', 'in', [...SUCCESSOR_PROSPECT_STAGES])
    .where(like('r.region_code'))
    .execute();
  const dealers = await db
    .selectFrom('dealer_territories as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .leftJoin('evaluations as e', (j) => j.onRef('e.dealer_id', '=', 'd.id').on('e.current', '=', 1))
    .select(['d.id', 'd.name', 't.region_code', 'e.period', 'e.composite'])
    .where('d.status', '=', 'active')
    .where('d.id', '!=', dealerId)
    .where(like('t.region_code'))
    .execute();
  const out = new Map<string, SuccessorCandidate & { period?: string }>();
  for (const p of prospects) {
    const c = out.get(p.id) ?? { kind: 'prospect' as const, id: p.id, name: p.name, regionCodes: [], score: p.screening_total_centi === null ? null : Number(p.screening_total_centi) / 100 };
    c.regionCodes.push(p.region_code);
    out.set(p.id, c);
  }
  for (const d of dealers) {
    const c = out.get(d.id) ?? { kind: 'dealer' as const, id: d.id, name: d.name, regionCodes: [], score: null };
    if (!c.regionCodes.includes(d.region_code)) c.regionCodes.push(d.region_code);
    // the latest period's composite counts
    if (d.composite !== null && (!c.period || (d.period ?? '') > c.period)) [c.score, c.period] = [Number(d.composite), d.period ?? undefined];
    out.set(d.id, c);
  }
  return [...out.values()].map(({ period: _p, ...c }) => c);
}

export async function getTermination(ctx: ServiceContext, id: string): Promise<Termination> {
  const row = await ctx.db
    .selectFrom('terminations as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .selectAll('t')
    .select(['d.code', 'd.name'])
    .where('t.id', '=', id)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 't.dealer_id'))
    .executeTakeFirst();
  if (!row) throw notFound(`Termination ${id}`);
  const checklist = await ctx.db.selectFrom('termination_checklist_items').selectAll().where('termination_id', '=', id).orderBy('position').execute();
  const stock = await ctx.db
    .selectFrom('termination_stock_lines as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select(['s.product_id', 'p.sku', 'p.name', 's.condition', 's.quantity', 's.unit_price_fen', 's.rate', 's.value_fen'])
    .where('s.termination_id', '=', id)
    .orderBy('p.sku')
    .orderBy('s.condition')
    .execute();
  return {
    id: row.id,
    dealerId: row.dealer_id,
    dealerCode: row.code,
    dealerName: row.name,
    warningId: row.warning_id,
    reason: row.reason,
    status: row.status as Termination['status'],
    buybackFen: Number(row.buyback_fen),
    receivablesOffsetFen: Number(row.receivables_offset_fen),
    netPayableFen: Number(row.net_payable_fen),
    checklist: checklist.map((c) => ({ item: c.item as Termination['checklist'][number]['item'], done: Number(c.done) === 1, note: c.note, doneBy: c.done_by, doneAt: c.done_at })),
    successors: JSON.parse(row.successors),
    successorDealerId: row.successor_dealer_id,
    stockLines: stock.map((s) => ({
      productId: s.product_id,
      sku: s.sku,
      name: s.name,
      condition: s.condition as StockCondition,
      quantity: Number(s.quantity),
      unitPriceFen: Number(s.unit_price_fen),
      rate: Number(s.rate),
      valueFen: Number(s.value_fen),
    })),
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    completedAt: row.completed_at,
  };
}

async function writeValuation(trx: Transaction<DB>, id: string, dealerId: string, counts: Counts) {
  const { lines } = await stockLines(trx, dealerId, counts);
  const valued = valueBuyback(lines, await openReceivables(trx, dealerId), await readSetting(trx, BUYBACK_SETTINGS));
  await trx.deleteFrom('termination_stock_lines').where('termination_id', '=', id).execute();
  if (valued.lines.length) {
    await trx
      .insertInto('termination_stock_lines')
      .values(
        valued.lines.map((l) => ({ termination_id: id, product_id: l.productId, condition: l.condition, quantity: l.quantity, unit_price_fen: l.unitPriceFen, rate: l.rate, value_fen: l.valueFen })),
      )
      .execute();
  }
  return valued;
}

export async function openTermination(ctx: ServiceContext, body: TerminationBody): Promise<Termination> {
  const dealer = await ctx.db
    .selectFrom('dealers')
    .selectAll()
    .where('id', '=', body.dealerId)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'id'))
    .executeTakeFirst();
  if (!dealer) throw invalid('/body/dealerId', 'is not a known dealer');
  if (body.warningId) {
    const w = await ctx.db.selectFrom('warnings').select(['dealer_id', 'level', 'status']).where('id', '=', body.warningId).executeTakeFirst();
    if (!w || w.dealer_id !== body.dealerId) throw invalid('/body/warningId', 'is not a warning of this dealer');
    if (w.level !== 'red' || w.status !== 'open') throw new AppError('BUSINESS_RULE', 'Only an open red warning opens the exit process; HQ may open it for cause without a warning');
  }
  const territory = (await ctx.db.selectFrom('dealer_territories').select('region_code').where('dealer_id', '=', dealer.id).execute()).map((r) => r.region_code);
  const successors = rankSuccessors(await successorsFor(ctx.db, dealer.id, territory), territory);
  const id = newId('trm');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('terminations').select('id').where('dealer_id', '=', dealer.id).where('status', '=', 'open').executeTakeFirst();
    if (open) throw conflict('The dealer already has an open termination', { terminationId: open.id });
    // The termination workflow alone may make this move (src/shared/dealer-lifecycle.ts).
    await moveDealerStatus(trx, ctx, { dealerId: dealer.id, to: 'terminating', reason: `termination: ${body.reason}`, workflow: 'termination' });
    await trx
      .insertInto('terminations')
      .values({
        id,
        dealer_id: dealer.id,
        warning_id: body.warningId ?? null,
        reason: body.reason,
        status: 'open',
        buyback_fen: 0,
        receivables_offset_fen: 0,
        net_payable_fen: 0,
        successors: JSON.stringify(successors),
        successor_dealer_id: null,
        opened_by: ctx.caller.name,
        opened_at: now,
        completed_at: null,
        updated_at: now,
      })
      .execute();
    const valued = await writeValuation(trx, id, dealer.id, body.stock);
    await trx
      .updateTable('terminations')
      .set({ buyback_fen: valued.buybackFen, receivables_offset_fen: valued.receivablesOffsetFen, net_payable_fen: valued.netPayableFen })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('termination_checklist_items')
      .values(CHECKLIST_ITEMS.map((item, position) => ({ termination_id: id, item, position, done: 0, note: null, done_by: null, done_at: null })))
      .execute();
    await appendAudit(trx, ctx, {
      action: 'termination.open',
      entityType: 'termination',
      entityId: id,
      change: { dealerId: dealer.id, reason: body.reason, warningId: body.warningId ?? null, buybackFen: valued.buybackFen, receivablesOffsetFen: valued.receivablesOffsetFen },
    });
  });
  return getTermination(ctx, id);
}

async function openOne(ctx: ServiceContext, id: string) {
  const t = await getTermination(ctx, id);
  if (t.status !== 'open') throw new AppError('INVALID_TRANSITION', `The termination is ${t.status}`);
  return t;
}

export async function revalueStock(ctx: ServiceContext, id: string, counts: Counts): Promise<Termination> {
  const t = await openOne(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const valued = await writeValuation(trx, id, t.dealerId, counts);
    await trx
      .updateTable('terminations')
      .set({ buyback_fen: valued.buybackFen, receivables_offset_fen: valued.receivablesOffsetFen, net_payable_fen: valued.netPayableFen, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, { action: 'termination.revalue', entityType: 'termination', entityId: id, change: { stock: counts, buybackFen: valued.buybackFen } });
  });
  return getTermination(ctx, id);
}

export async function setChecklistItem(ctx: ServiceContext, id: string, item: string, body: { done: boolean; note?: string }): Promise<Termination> {
  await openOne(ctx, id);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('termination_checklist_items')
      .set({ done: body.done ? 1 : 0, note: body.note ?? null, done_by: body.done ? ctx.caller.name : null, done_at: body.done ? now : null })
      .where('termination_id', '=', id)
      .where('item', '=', item)
      .execute();
    await appendAudit(trx, ctx, { action: 'termination.checklist', entityType: 'termination', entityId: id, change: { item, ...body } });
  });
  return getTermination(ctx, id);
}

/** All items done -> the dealer is terminated (exclusive claims released) and its territory goes to the successor. */
export async function completeTermination(ctx: ServiceContext, id: string, successorDealerId?: string): Promise<Termination> {
  const t = await openOne(ctx, id);
  const missing = t.checklist.filter((c) => !c.done && !(c.item === 'territory_reassignment' && successorDealerId));
  if (missing.length) throw new AppError('BUSINESS_RULE', `Checklist items still open: ${missing.map((m) => m.item).join(', ')}`);
  if (successorDealerId) {
    const s = await ctx.db.selectFrom('dealers').select(['id', 'status']).where('id', '=', successorDealerId).executeTakeFirst();
    if (!s || s.id === t.dealerId || s.status !== 'active') throw invalid('/body/successorDealerId', 'must be another active dealer');
  }
  const territory = await ctx.db.selectFrom('dealer_territories').select(['region_code', 'exclusive']).where('dealer_id', '=', t.dealerId).execute();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // In the same transaction as the hand-over: a dealer is never terminated with its territory kept.
    await moveDealerStatus(trx, ctx, { dealerId: t.dealerId, to: 'terminated', reason: `termination ${id} completed: ${t.reason}`, workflow: 'termination' });
    if (successorDealerId) {
      // The leaving dealer is terminated above, so its own claims no longer count against the successor.
      await grantTerritory(
        ctx,
        trx,
        successorDealerId,
        territory.map((r) => ({ regionCode: r.region_code, exclusive: Number(r.exclusive) === 1 })),
      );
      await trx
        .updateTable('termination_checklist_items')
        .set({ done: 1, done_by: ctx.caller.name, done_at: now })
        .where('termination_id', '=', id)
        .where('item', '=', 'territory_reassignment')
        .execute();
    }
    await trx.deleteFrom('dealer_territories').where('dealer_id', '=', t.dealerId).execute();
    await trx
      .updateTable('terminations')
      .set({ status: 'completed', successor_dealer_id: successorDealerId ?? null, completed_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('warnings').set({ status: 'terminated', closed_at: now, updated_at: now }).where('dealer_id', '=', t.dealerId).where('status', '=', 'open').execute();
    await appendAudit(trx, ctx, { action: 'termination.complete', entityType: 'termination', entityId: id, change: { dealerId: t.dealerId, successorDealerId: successorDealerId ?? null, territory } });
  });
  return getTermination(ctx, id);
}

export async function cancelTermination(ctx: ServiceContext, id: string, reason: string): Promise<Termination> {
  const t = await openOne(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await moveDealerStatus(trx, ctx, { dealerId: t.dealerId, to: 'active', reason: `termination cancelled: ${reason}`, workflow: 'termination' });
    await trx.updateTable('terminations').set({ status: 'cancelled', updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, { action: 'termination.cancel', entityType: 'termination', entityId: id, change: { reason } });
  });
  return getTermination(ctx, id);
}

export async function listTerminations(ctx: ServiceContext, filter: { status?: string; dealerId?: string }, page: PageRequest): Promise<Page<Termination>> {
  let query = ctx.db
    .selectFrom('terminations')
    .select('id')
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealer_id'))
    .orderBy('opened_at', 'desc')
    .orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.dealerId) query = query.where('dealer_id', '=', filter.dealerId);
  const offset = page.after ? Number(page.after) || 0 : 0;
  const rows = await query
    .limit(page.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > page.limit;
  const items = await Promise.all((more ? rows.slice(0, page.limit) : rows).map((r) => getTermination(ctx, r.id)));
  return { items, nextCursor: more ? encodeCursor(String(offset + page.limit)) : null };
}
