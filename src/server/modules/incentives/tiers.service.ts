// Tier standings (C8): the one place that turns a dealer's figures into a tier. Annual sales are
// the qualifying sales (sales.repo.ts) of the 12 full months before the as-of date, coverage is
// the counties its territory covers, and the ladder is the incentive policy version in force on
// the window's last day (policy.service.ts). Tier progress and the yearly regrade (evaluation),
// "my incentives" and the simulator read their figures here.
import type { Database } from '../../db/database.js';
import type { PolicyTier, PolicyVersion } from '../../../shared/schemas/incentives.js';
import { listRegions } from '../regions/regions.service.js';
import { countiesCovered, orderedTiers, tierStanding, type TierStanding } from './policy.rules.js';
import { last12Months } from '../../../shared/dates.js';
import { policyOn } from './policy.service.js';
import { salesByDealer } from './sales.repo.js';

/**
 * The window a year is graded on: the 12 full months before the day after the year, or before
 * today while the year runs (so a regrade in January grades exactly the calendar year).
 */
export function tierWindow(year: string, today: string): { year: string; from: string; to: string; months: string[] } {
  const dayAfter = `${Number(year) + 1}-01-01`;
  return { year, ...last12Months(dayAfter < today ? dayAfter : today) };
}

const childrenOf = (code: string): string[] => {
  try {
    return listRegions({ parentCode: code }).map((r) => r.code);
  } catch {
    return []; // an unknown code still covers itself
  }
};

/** Market coverage per dealer: the counties its territory covers (countiesCovered in policy.rules.ts). */
export async function coverageByDealer(db: Database, dealerIds?: string[]): Promise<Map<string, number>> {
  let query = db.selectFrom('dealer_territories').select(['dealer_id', 'region_code']);
  if (dealerIds) {
    if (dealerIds.length === 0) return new Map();
    query = query.where('dealer_id', 'in', dealerIds);
  }
  const byDealer = new Map<string, string[]>();
  for (const r of await query.execute()) (byDealer.get(r.dealer_id) ?? byDealer.set(r.dealer_id, []).get(r.dealer_id)!).push(r.region_code);
  return new Map([...byDealer].map(([id, codes]) => [id, countiesCovered(codes, childrenOf)]));
}

export interface DealerStanding extends TierStanding {
  dealerId: string;
  annualSalesFen: number;
  coverage: number;
}

export interface TierStandings {
  year: string;
  from: string;
  to: string;
  months: string[];
  version: PolicyVersion;
  /** that version's ladder, ascending */
  ladder: PolicyTier[];
  get(dealerId: string): DealerStanding;
}

/** Standings of the given dealers for a year, all graded on one window and one policy version. */
export async function tierStandings(db: Database, year: string, today: string, dealerIds: string[]): Promise<TierStandings> {
  const window = tierWindow(year, today);
  const [version, sales, coverage] = await Promise.all([policyOn(db, window.to), salesByDealer(db, window.from, window.to), coverageByDealer(db, dealerIds)]);
  const get = (dealerId: string): DealerStanding => {
    const annualSalesFen = sales.get(dealerId) ?? 0;
    const cov = coverage.get(dealerId) ?? 0;
    return { dealerId, annualSalesFen, coverage: cov, ...tierStanding(version.policy, annualSalesFen, cov) };
  };
  return { ...window, version, ladder: orderedTiers(version.policy), get };
}
