// C14 shared economics. Joint profit pool per region: incremental sales over the baseline (the
// same period last year) x pool rate, split HQ/dealers by the agreed ratio and among the region's
// dealers by their own increment. Risk fund: an append-only ledger of contributions (% of sales),
// claim payouts (loss x fund share) and capability grants; the balance is the sum.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ProfitPool, RiskClaim, RiskFundEntry } from '../../../shared/schemas/points.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, regionPrefix, visibleDealer } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { assertActsFor } from '../orders/dealer-guard.js';
import { invalid, isoNowDate, notFound } from './shared.js';
import { applyBp, fromBp, splitByWeight, toBp } from './policy.rules.js';
import { parsePeriod, samePeriodLastYear } from '../../../shared/dates.js';
import { policyOn } from './policy.service.js';
import { salesByDealer } from './sales.repo.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

export async function runProfitPool(ctx: ServiceContext, regionCode: string, period: string): Promise<ProfitPool> {
  const { from, to } = parsePeriod(period);
  if (to >= isoNowDate(ctx)) throw invalid('/period', 'must have ended');
  const { policy } = await policyOn(ctx.db, to);
  const prefix = regionPrefix(regionCode);
  const members = (await ctx.db.selectFrom('dealer_territories').select('dealer_id').distinct().where('region_code', 'like', `${prefix}%`).execute()).map((r) => r.dealer_id).sort();
  const last = parsePeriod(samePeriodLastYear(period));
  const [now, before] = await Promise.all([salesByDealer(ctx.db, from, to), salesByDealer(ctx.db, last.from, last.to)]);
  const actualFen = members.reduce((s, id) => s + (now.get(id) ?? 0), 0);
  const baselineFen = members.reduce((s, id) => s + (before.get(id) ?? 0), 0);
  const poolFen = applyBp(Math.max(0, actualFen - baselineFen), toBp(policy.profitPool.rate));
  const contributions = members.map((id) => Math.max(0, (now.get(id) ?? 0) - (before.get(id) ?? 0)));
  const dealersShare = contributions.some((c) => c > 0) ? poolFen - applyBp(poolFen, toBp(policy.profitPool.hqShare)) : 0;
  const shares = splitByWeight(dealersShare, contributions);
  const id = newId('pool');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('profit_pools').select('id').where('region_code', '=', regionCode).where('period', '=', period).executeTakeFirst();
    if (old) {
      await trx.deleteFrom('profit_pool_shares').where('pool_id', '=', old.id).execute();
      await trx.deleteFrom('profit_pools').where('id', '=', old.id).execute();
    }
    await trx
      .insertInto('profit_pools')
      .values({
        id,
        region_code: regionCode,
        period,
        baseline_fen: baselineFen,
        actual_fen: actualFen,
        pool_rate_bp: toBp(policy.profitPool.rate),
        pool_fen: poolFen,
        hq_share_bp: toBp(policy.profitPool.hqShare),
        hq_fen: poolFen - dealersShare,
        dealers_fen: dealersShare,
        created_by: ctx.caller.name,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    const rows = members.map((dealerId, i) => ({ pool_id: id, dealer_id: dealerId, contribution_fen: contributions[i], share_fen: shares[i] }));
    if (rows.length) await trx.insertInto('profit_pool_shares').values(rows).execute();
    await appendAudit(trx, ctx, { action: 'profit_pool.run', entityType: 'profit_pool', entityId: id, change: { regionCode, period, poolFen, replaced: old?.id ?? null } });
  });
  return (await listPools(ctx, { regionCode, period }, { limit: 1, after: null })).items[0];
}

export async function listPools(ctx: ServiceContext, filter: { regionCode?: string; period?: string }, page: PageRequest) {
  const scope = dealerScopeOf(ctx.caller);
  let query = ctx.db
    .selectFrom('profit_pools')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '<', page.after);
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.period) query = query.where('period', '=', filter.period);
  // A regional manager sees the pools of its regions; shares are always limited to visible dealers.
  if (scope.kind === 'regions') query = scope.prefixes.length ? query.where((eb) => eb.or(scope.prefixes.map((p) => eb('region_code', 'like', `${p}%`)))) : query.where(sql<boolean>`1 = 0`);
  if (scope.kind === 'dealer') query = query.where('id', 'in', ctx.db.selectFrom('profit_pool_shares').select('pool_id').where(visibleDealer(scope, 'dealer_id')));
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const shares = ids.length
    ? await ctx.db
        .selectFrom('profit_pool_shares as s')
        .innerJoin('dealers as d', 'd.id', 's.dealer_id')
        .select(['s.pool_id', 's.dealer_id', 'd.name', 's.contribution_fen', 's.share_fen'])
        .where('s.pool_id', 'in', ids)
        .where(visibleDealer(scope, 's.dealer_id'))
        .execute()
    : [];
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): ProfitPool => ({
      id: r.id,
      regionCode: r.region_code,
      period: r.period,
      baselineFen: Number(r.baseline_fen),
      actualFen: Number(r.actual_fen),
      incrementalFen: Math.max(0, Number(r.actual_fen) - Number(r.baseline_fen)),
      poolRate: fromBp(Number(r.pool_rate_bp)),
      poolFen: Number(r.pool_fen),
      hqShare: fromBp(Number(r.hq_share_bp)),
      hqFen: Number(r.hq_fen),
      dealersFen: Number(r.dealers_fen),
      shares: shares.filter((s) => s.pool_id === r.id).map((s) => ({ dealerId: s.dealer_id, dealerName: s.name, contributionFen: Number(s.contribution_fen), shareFen: Number(s.share_fen) })),
      createdAt: r.created_at,
    }),
  );
}

// ---- risk fund
export async function runContributions(ctx: ServiceContext, period: string) {
  const { from, to } = parsePeriod(period);
  if (to >= isoNowDate(ctx)) throw invalid('/period', 'must have ended');
  const { policy } = await policyOn(ctx.db, to);
  const sales = await salesByDealer(ctx.db, from, to);
  let dealers = 0;
  let contributedFen = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const [dealerId, fen] of [...sales].sort()) {
      const amount = applyBp(Math.max(0, fen), toBp(policy.riskFund.contributionRate));
      if (amount <= 0) continue;
      const inserted = await trx
        .insertInto('risk_fund_entries')
        .values({
          id: newId('rfe'),
          dealer_id: dealerId,
          kind: 'contribution',
          amount_fen: amount,
          period,
          source_key: `contribution:${period}:${dealerId}`,
          ref_id: null,
          note: `${period} 销售额的 ${(policy.riskFund.contributionRate * 100).toFixed(2)}%`,
          created_by: ctx.caller.name,
          created_at: ctx.clock.now().toISOString(),
        })
        .onConflict((oc) => oc.column('source_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        dealers++;
        contributedFen += amount;
      }
    }
    await appendAudit(trx, ctx, { action: 'risk_fund.contributions', entityType: 'risk_fund', entityId: period, change: { period, dealers, contributedFen } });
  });
  return { period, dealers, contributedFen };
}

type Trx = Transaction<DB>;

/** Pays out of the fund and runs `then` (status change, audit) in the same transaction. */
async function payOut(ctx: ServiceContext, dealerId: string, kind: 'claim_payout' | 'capability_grant', amountFen: number, note: string, refId: string | null, then: (trx: Trx) => Promise<void>) {
  // One payout at a time (the audit head update serialises writers), checked against the balance.
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 0) }))
      .where('id', '=', 1)
      .execute();
    const balance = Number(
      (
        await trx
          .selectFrom('risk_fund_entries')
          .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('b'))
          .executeTakeFirst()
      )?.b ?? 0,
    );
    if (amountFen > balance) throw new AppError('BUSINESS_RULE', `The risk fund holds ${balance} fen; ${amountFen} cannot be paid out`, undefined, { balanceFen: balance });
    const id = newId('rfe');
    if (amountFen > 0)
      await trx
        .insertInto('risk_fund_entries')
        .values({
          id,
          dealer_id: dealerId,
          kind,
          amount_fen: -amountFen,
          period: null,
          source_key: refId ? `${kind}:${refId}` : null,
          ref_id: refId,
          note,
          created_by: ctx.caller.name,
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
    await then(trx);
    return id;
  });
}

export async function grant(ctx: ServiceContext, body: { dealerId: string; amountFen: number; note: string }) {
  await visibleDealerOr404(ctx, body.dealerId);
  await payOut(ctx, body.dealerId, 'capability_grant', body.amountFen, body.note, null, async (trx) => {
    await appendAudit(trx, ctx, { action: 'risk_fund.grant', entityType: 'dealer', entityId: body.dealerId, change: body });
  });
  return fundSummary(ctx);
}

export async function fundSummary(ctx: ServiceContext) {
  const scope = dealerScopeOf(ctx.caller);
  const rows = await ctx.db
    .selectFrom('risk_fund_entries')
    .select(['kind', sql<number>`sum(amount_fen)`.as('fen')])
    .where(visibleDealer(scope, 'dealer_id'))
    .groupBy('kind')
    .execute();
  const by = (k: string) => Number(rows.find((r) => r.kind === k)?.fen ?? 0);
  const open = await ctx.db
    .selectFrom('risk_fund_claims')
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '=', 'submitted')
    .where(visibleDealer(scope, 'dealer_id'))
    .executeTakeFirst();
  return {
    balanceFen: by('contribution') + by('claim_payout') + by('capability_grant'),
    contributedFen: by('contribution'),
    paidOutFen: -by('claim_payout'),
    grantedFen: -by('capability_grant'),
    openClaims: Number(open?.n ?? 0),
  };
}

export async function listFundEntries(ctx: ServiceContext, filter: { dealerId?: string }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('risk_fund_entries as e')
    .leftJoin('dealers as d', 'd.id', 'e.dealer_id')
    .selectAll('e')
    .select('d.name as dealer_name')
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'e.dealer_id'))
    .orderBy('e.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('e.id', '<', page.after);
  if (filter.dealerId) query = query.where('e.dealer_id', '=', filter.dealerId);
  return toPage(
    await query.execute(),
    page.limit,
    (r) => r.id,
    (r): RiskFundEntry => ({
      id: r.id,
      dealerId: r.dealer_id,
      dealerName: r.dealer_name,
      kind: r.kind as 'contribution',
      amountFen: Number(r.amount_fen),
      period: r.period,
      note: r.note,
      createdAt: r.created_at,
    }),
  );
}

function claimQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('risk_fund_claims as c')
    .innerJoin('dealers as d', 'd.id', 'c.dealer_id')
    .selectAll('c')
    .select('d.name as dealer_name')
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'c.dealer_id'));
}
type ClaimRow = Awaited<ReturnType<ReturnType<typeof claimQuery>['executeTakeFirstOrThrow']>>;
const toClaim = (r: ClaimRow): RiskClaim => ({
  id: r.id,
  dealerId: r.dealer_id,
  dealerName: r.dealer_name,
  lossFen: Number(r.loss_fen),
  reason: r.reason,
  evidence: JSON.parse(r.evidence),
  status: r.status as 'submitted',
  fundShare: r.fund_share_bp === null ? null : fromBp(Number(r.fund_share_bp)),
  payoutFen: r.payout_fen === null ? null : Number(r.payout_fen),
  decidedBy: r.decided_by,
  createdAt: r.created_at,
});

export async function listClaims(ctx: ServiceContext, filter: { dealerId?: string; status?: string }, page: PageRequest) {
  let query = claimQuery(ctx)
    .orderBy('c.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('c.id', '<', page.after);
  if (filter.dealerId) query = query.where('c.dealer_id', '=', filter.dealerId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  return toPage(await query.execute(), page.limit, (r) => r.id, toClaim);
}

async function claimOf(ctx: ServiceContext, id: string) {
  const row = await claimQuery(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Claim ${id}`);
  return toClaim(row);
}

export async function submitClaim(ctx: ServiceContext, body: { dealerId: string; lossFen: number; reason: string; evidence: string[] }) {
  await visibleDealerOr404(ctx, body.dealerId);
  assertActsFor(ctx, body.dealerId);
  const id = newId('rfc');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('risk_fund_claims')
      .values({
        id,
        dealer_id: body.dealerId,
        loss_fen: body.lossFen,
        reason: body.reason,
        evidence: JSON.stringify(body.evidence),
        status: 'submitted',
        fund_share_bp: null,
        payout_fen: null,
        decided_by: null,
        decided_at: null,
        created_by: ctx.caller.name,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx, { action: 'risk_claim.submit', entityType: 'risk_fund_claim', entityId: id, change: body });
  });
  return claimOf(ctx, id);
}

/** Approval shares the loss by the agreed ratio: the fund pays loss x fundShare, once. */
export async function decideClaim(ctx: ServiceContext, id: string, to: 'approved' | 'rejected') {
  const claim = await claimOf(ctx, id);
  if (claim.status !== 'submitted') throw new AppError('INVALID_TRANSITION', `A ${claim.status} claim cannot become ${to}`);
  const { policy } = await policyOn(ctx.db, isoNowDate(ctx));
  const shareBp = toBp(policy.riskFund.fundShare);
  const payout = to === 'approved' ? applyBp(claim.lossFen, shareBp) : 0;
  await payOut(ctx, claim.dealerId, 'claim_payout', payout, `理赔 ${claim.reason.slice(0, 40)}`, id, async (trx) => {
    const done = await trx
      .updateTable('risk_fund_claims')
      .set({ status: to, fund_share_bp: to === 'approved' ? shareBp : null, payout_fen: payout, decided_by: ctx.caller.name, decided_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', 'The claim was already decided');
    await appendAudit(trx, ctx, { action: `risk_claim.${to}`, entityType: 'risk_fund_claim', entityId: id, change: { to, payoutFen: payout } });
  });
  return claimOf(ctx, id);
}
