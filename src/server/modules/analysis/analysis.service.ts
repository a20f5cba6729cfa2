import type { DupontYearInput, ProspectAnalysis, StatementsBody, StatementYear } from '../../../shared/schemas/index.js';
import type { ProspectStatementsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { loadOpenProspect, loadProspect } from '../prospects/prospects.service.js';
import { duplicateIndex } from '../prospects/prospects.rules.js';
import { dupontYear, trend } from './dupont.rules.js';

const opt = (v: number | null) => (v === null ? undefined : Number(v));

function inputOf(row: ProspectStatementsTable): StatementYear {
  const out: StatementYear = {
    year: row.year,
    revenueFen: Number(row.revenue_fen),
    netProfitFen: Number(row.net_profit_fen),
    totalAssetsFen: Number(row.total_assets_fen),
    equityFen: Number(row.equity_fen),
  };
  const optional: [keyof StatementYear, number | null][] = [
    ['totalLiabilitiesFen', row.total_liabilities_fen],
    ['currentAssetsFen', row.current_assets_fen],
    ['currentLiabilitiesFen', row.current_liabilities_fen],
    ['inventoryFen', row.inventory_fen],
    ['receivablesFen', row.receivables_fen],
    ['cogsFen', row.cogs_fen],
    ['operatingCashFlowFen', row.operating_cash_flow_fen],
  ];
  for (const [key, value] of optional) if (value !== null) (out as Record<string, number | undefined>)[key] = opt(value);
  return out;
}

const dupontInput = ({ operatingCashFlowFen: _cash, ...rest }: StatementYear): DupontYearInput => rest;

/** The stored statements with their ratios per year and the year-on-year trend. */
export async function prospectAnalysis(ctx: ServiceContext, prospectId: string): Promise<ProspectAnalysis> {
  await loadProspect(ctx, prospectId);
  const rows = await ctx.db.selectFrom('prospect_statements').selectAll().where('prospect_id', '=', prospectId).orderBy('year').execute();
  const statements = rows.map(inputOf);
  const inputs = statements.map(dupontInput);
  return {
    prospectId,
    statements: statements.map((s) => ({
      year: s.year,
      revenueFen: s.revenueFen,
      netProfitFen: s.netProfitFen,
      totalAssetsFen: s.totalAssetsFen,
      equityFen: s.equityFen,
      totalLiabilitiesFen: s.totalLiabilitiesFen ?? null,
      currentAssetsFen: s.currentAssetsFen ?? null,
      currentLiabilitiesFen: s.currentLiabilitiesFen ?? null,
      inventoryFen: s.inventoryFen ?? null,
      receivablesFen: s.receivablesFen ?? null,
      cogsFen: s.cogsFen ?? null,
      operatingCashFlowFen: s.operatingCashFlowFen ?? null,
    })),
    years: inputs.map(dupontYear),
    trend: trend(inputs),
  };
}

/** Replaces the statements of a prospect (checklist B: usually the last three years). */
export async function saveStatements(ctx: ServiceContext, prospectId: string, body: StatementsBody): Promise<ProspectAnalysis> {
  await loadOpenProspect(ctx, prospectId, 'take new statements');
  const dup = duplicateIndex(body.years.map((y) => String(y.year)));
  if (dup >= 0) throw invalid(`/years/${dup}/year`, `is listed twice (${body.years[dup].year})`);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('prospect_statements').where('prospect_id', '=', prospectId).execute();
    await trx
      .insertInto('prospect_statements')
      .values(
        body.years.map((y) => ({
          prospect_id: prospectId,
          year: y.year,
          revenue_fen: y.revenueFen,
          net_profit_fen: y.netProfitFen,
          total_assets_fen: y.totalAssetsFen,
          equity_fen: y.equityFen,
          total_liabilities_fen: y.totalLiabilitiesFen ?? null,
          current_assets_fen: y.currentAssetsFen ?? null,
          current_liabilities_fen: y.currentLiabilitiesFen ?? null,
          inventory_fen: y.inventoryFen ?? null,
          receivables_fen: y.receivablesFen ?? null,
          cogs_fen: y.cogsFen ?? null,
          operating_cash_flow_fen: y.operatingCashFlowFen ?? null,
          updated_at: now,
        })),
      )
      .execute();
    await appendAudit(trx, ctx, { action: 'prospect.statements.save', entityType: 'prospect', entityId: prospectId, change: body });
  });
  return prospectAnalysis(ctx, prospectId);
}
