// Targets and market demand index: PUT (upsert many), lists, and spreadsheet import.

import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { invalid, invalidMany } from '../../core/errors.js';
import { chunks } from '../../core/locks.js';
import { encodeCursor, type PageRequest, type Page } from '../../core/list.js';
import type { FieldError } from '../../../shared/errors.js';
import type { MarketIndex, MarketIndexBody, SalesTarget, SalesTargetsBody } from '../../../shared/schemas/index.js';
import { findRegion } from '../regions/regions.data.js';
import { regionPath } from '../regions/regions.service.js';
import { readSheet, type UploadedFile } from '../imports/imports.files.js';
import { adjustmentFactor, demandIndexFor, elasticTarget, type ElasticTarget } from './targets.rules.js';
import { isPeriod, parsePeriod, type PeriodRange, monthOf, utcDate } from '../../../shared/dates.js';
import { parseYuan } from '../../../shared/money.js';
import { loadSettings } from './evaluation.settings.js';
import { resolveTargets } from './evaluation.compute.js';
import * as repo from './evaluation.repo.js';
import type { Database } from '../../db/database.js';

/** Sub-periods whose targets can add up to this period's target. */
export function targetPeriods(range: PeriodRange): string[] {
  const year = range.period.slice(0, 4);
  return [range.period, ...(range.kind === 'month' ? [] : range.months), ...(range.kind === 'year' ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`) : [])];
}

/** The target of each dealer for a period, resolved as an evaluation run resolves it (resolveTargets). */
export async function periodTargets(db: Database, dealerIds: string[], period: string): Promise<Map<string, number>> {
  const range = parsePeriod(period);
  const wanted = new Set(dealerIds);
  const rows = (await repo.targetRows(db, targetPeriods(range))).filter((r) => wanted.has(r.dealer_id));
  return resolveTargets(rows, range);
}

/**
 * C6 elastic targets of a period, for the incentives loop (rebate bonus, task points): the same
 * target, demand index (first territory region or its nearest ancestor) and HQ's saved rule
 * (settings `elastic`) an evaluation run of the period scores against. Dealers without a target
 * are absent.
 */
export async function elasticTargetsFor(db: Database, dealerIds: string[], period: string): Promise<Map<string, ElasticTarget>> {
  const [settings, targets, indices, regions] = await Promise.all([loadSettings(db), periodTargets(db, dealerIds, period), repo.marketIndices(db, period), repo.firstRegions(db, dealerIds)]);
  const out = new Map<string, ElasticTarget>();
  for (const [dealerId, targetFen] of targets) {
    const index = demandIndexFor(regions.get(dealerId) ?? null, indices);
    out.set(dealerId, elasticTarget(targetFen, index?.demandIndex ?? null, settings.elastic, index?.regionCode));
  }
  return out;
}

const offsetOf = (page: PageRequest) => (page.after ? Number(page.after) || 0 : 0);
function pageOf<T>(rows: T[], page: PageRequest): Page<T> {
  const offset = offsetOf(page);
  const more = rows.length > page.limit;
  return { items: more ? rows.slice(0, page.limit) : rows, nextCursor: more ? encodeCursor(String(offset + page.limit)) : null };
}

export async function saveTargets(ctx: ServiceContext, body: SalesTargetsBody): Promise<{ saved: number }> {
  const ids = [...new Set(body.items.map((i) => i.dealerId))];
  const known = new Set<string>();
  for (const batch of chunks(ids, 500)) {
    const rows = await ctx.db
      .selectFrom('dealers')
      .select('id')
      .where('id', 'in', batch)
      .where(visibleDealer(dealerScopeOf(ctx.caller), 'id'))
      .execute();
    rows.forEach((r) => known.add(r.id));
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (!known.has(item.dealerId)) errors.push({ path: `/body/items/${i}/dealerId`, message: 'is not a known dealer' });
    const key = `${item.dealerId}|${item.period}`;
    if (seen.has(key)) errors.push({ path: `/body/items/${i}/period`, message: 'appears twice for this dealer' });
    seen.add(key);
  });
  if (errors.length) throw invalidMany(errors);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const batch of chunks(body.items, 300)) {
      await trx
        .insertInto('targets')
        .values(batch.map((i) => ({ dealer_id: i.dealerId, period: i.period, target_fen: i.targetFen, updated_by: ctx.caller.name, created_at: now, updated_at: now })))
        .onConflict((oc) =>
          oc
            .columns(['dealer_id', 'period'])
            .doUpdateSet((eb) => ({ target_fen: eb.ref('excluded.target_fen'), updated_by: eb.ref('excluded.updated_by'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
    }
    await appendAudit(trx, ctx, { action: 'targets.save', entityType: 'target', entityId: null, change: { items: body.items } });
  });
  return { saved: body.items.length };
}

export async function listTargets(ctx: ServiceContext, filter: { period?: string; dealerId?: string }, page: PageRequest): Promise<Page<SalesTarget>> {
  let query = ctx.db
    .selectFrom('targets as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .select(['t.dealer_id', 'd.code', 'd.name', 't.period', 't.target_fen', 't.updated_by', 't.updated_at'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 't.dealer_id'))
    .orderBy('t.period', 'desc')
    .orderBy('d.code')
    .limit(page.limit + 1)
    .offset(offsetOf(page));
  if (filter.period) query = query.where('t.period', '=', filter.period);
  if (filter.dealerId) query = query.where('t.dealer_id', '=', filter.dealerId);
  const rows = await query.execute();
  return pageOf(
    rows.map((r) => ({ dealerId: r.dealer_id, dealerCode: r.code, dealerName: r.name, period: r.period, targetFen: Number(r.target_fen), updatedBy: r.updated_by, updatedAt: r.updated_at })),
    page,
  );
}

export async function saveMarketIndex(ctx: ServiceContext, body: MarketIndexBody): Promise<{ saved: number }> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (!findRegion(item.regionCode)) errors.push({ path: `/body/items/${i}/regionCode`, message: 'is not a known region code' });
    const key = `${item.regionCode}|${item.period}`;
    if (seen.has(key)) errors.push({ path: `/body/items/${i}/period`, message: 'appears twice for this region' });
    seen.add(key);
  });
  if (errors.length) throw invalidMany(errors);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const batch of chunks(body.items, 300)) {
      await trx
        .insertInto('market_indices')
        .values(batch.map((i) => ({ region_code: i.regionCode, period: i.period, demand_index: i.demandIndex, updated_by: ctx.caller.name, updated_at: now })))
        .onConflict((oc) =>
          oc
            .columns(['region_code', 'period'])
            .doUpdateSet((eb) => ({ demand_index: eb.ref('excluded.demand_index'), updated_by: eb.ref('excluded.updated_by'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
    }
    await appendAudit(trx, ctx, { action: 'market_index.save', entityType: 'market_index', entityId: null, change: { items: body.items } });
  });
  return { saved: body.items.length };
}

export async function listMarketIndex(ctx: ServiceContext, filter: { period?: string }, page: PageRequest): Promise<Page<MarketIndex>> {
  const settings = await loadSettings(ctx.db);
  let query = ctx.db
    .selectFrom('market_indices')
    .selectAll()
    .orderBy('period', 'desc')
    .orderBy('region_code')
    .limit(page.limit + 1)
    .offset(offsetOf(page));
  if (filter.period) query = query.where('period', '=', filter.period);
  const rows = await query.execute();
  return pageOf(
    rows.map((r) => ({
      regionCode: r.region_code,
      regionName: regionPath(r.region_code),
      period: r.period,
      demandIndex: Number(r.demand_index),
      adjustmentFactor: adjustmentFactor(Number(r.demand_index), settings.elastic),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    })),
    page,
  );
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? monthOf(utcDate(v)) : String(v).trim());
const norm = (s: string) => s.replace(/[\s_*()（）]/g, '').toLowerCase();

/** Finds the column of each wanted field by any of its header spellings. */
function columnsOf(header: unknown[], wanted: Record<string, string[]>): Record<string, number> {
  const cells = header.map((c) => norm(cellText(c)));
  const out: Record<string, number> = {};
  for (const [field, names] of Object.entries(wanted)) {
    const i = cells.findIndex((c) => names.some((n) => norm(n) === c));
    if (i < 0) throw invalid('/file', `has no column ${names[0]} (${names.slice(1).join(' / ')})`);
    out[field] = i;
  }
  return out;
}

/** XLSX/CSV of dealer code, period and target in yuan; every row checked, applied all-or-nothing. */
export async function importTargets(ctx: ServiceContext, file: UploadedFile, dryRun: boolean) {
  const sheet = await readSheet(file);
  const cols = columnsOf(sheet.header?.cells ?? [], {
    code: ['dealerCode', '经销商编码', '编码', 'Dealer code'],
    period: ['period', '期间', 'Period'],
    target: ['target', '目标(元)', '目标', 'Target (CNY)'],
  });
  const codes = [...new Set(sheet.rows.map((r) => cellText(r.cells[cols.code])))];
  const ids = new Map<string, string>();
  for (const batch of chunks(codes, 500)) {
    const rows = await ctx.db.selectFrom('dealers').select(['id', 'code']).where('code', 'in', batch).execute();
    rows.forEach((r) => ids.set(r.code, r.id));
  }
  const rejected: { row: number; message: string }[] = [];
  const items: SalesTargetsBody['items'] = [];
  for (const r of sheet.rows) {
    const code = cellText(r.cells[cols.code]);
    const period = cellText(r.cells[cols.period]);
    const target = parseYuan(cellText(r.cells[cols.target]));
    if (!ids.has(code)) rejected.push({ row: r.row, message: `unknown dealer code ${code}` });
    else if (!isPeriod(period)) rejected.push({ row: r.row, message: `period ${period} is not YYYY-MM, YYYY-Qn or YYYY` });
    else if (!target.ok) rejected.push({ row: r.row, message: 'target must be a non-negative amount in yuan with at most 2 decimals' });
    else items.push({ dealerId: ids.get(code) as string, period, targetFen: target.fen });
  }
  if (dryRun || rejected.length || items.length === 0) return { saved: 0, rejected };
  return { ...(await saveTargets(ctx, { items })), rejected };
}

export async function importMarketIndex(ctx: ServiceContext, file: UploadedFile, dryRun: boolean) {
  const sheet = await readSheet(file);
  const cols = columnsOf(sheet.header?.cells ?? [], {
    region: ['regionCode', '区域代码', '行政区划代码', 'Region code'],
    period: ['period', '期间', 'Period'],
    index: ['demandIndex', '需求指数', 'Demand index'],
  });
  const rejected: { row: number; message: string }[] = [];
  const items: MarketIndexBody['items'] = [];
  for (const r of sheet.rows) {
    const regionCode = cellText(r.cells[cols.region]);
    const period = cellText(r.cells[cols.period]);
    const demandIndex = Number(cellText(r.cells[cols.index]));
    if (!findRegion(regionCode)) rejected.push({ row: r.row, message: `unknown region code ${regionCode}` });
    else if (!isPeriod(period)) rejected.push({ row: r.row, message: `period ${period} is not YYYY-MM, YYYY-Qn or YYYY` });
    else if (!(demandIndex > 0 && demandIndex <= 10)) rejected.push({ row: r.row, message: 'demand index must be a number above 0 (1 = same as last year)' });
    else items.push({ regionCode, period, demandIndex });
  }
  if (dryRun || rejected.length || items.length === 0) return { saved: 0, rejected };
  return { ...(await saveMarketIndex(ctx, { items })), rejected };
}

export const TARGET_TEMPLATE = { columns: ['经销商编码 dealerCode', '期间 period', '目标(元) target'], example: ['DL0001', '2026-Q4', 1200000] };
