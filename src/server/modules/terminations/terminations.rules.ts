// Exit (docs/rules.md, C7): buyback valuation, the checklist, and successor ranking.
import { scaleFen } from '../evaluation/targets.rules.js';

export const STOCK_CONDITIONS = ['unopened', 'damaged', 'expired'] as const;
export type StockCondition = (typeof STOCK_CONDITIONS)[number];

/** Buyback rates by condition: 100% unopened, 70% damaged packaging, 0% expired. */
export const DEFAULT_BUYBACK_RATES: Record<StockCondition, number> = { unopened: 1, damaged: 0.7, expired: 0 };

export const CHECKLIST_ITEMS = ['contract_talks', 'inventory_buyback', 'legal_documents', 'customer_handover', 'territory_reassignment'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface StockLine {
  productId: string;
  condition: StockCondition;
  quantity: number;
  unitPriceFen: number;
}

export interface ValuedLine extends StockLine {
  rate: number;
  valueFen: number;
}

export interface Buyback {
  lines: ValuedLine[];
  buybackFen: number;
  receivablesOffsetFen: number;
  /** buyback - open receivables: what HQ pays the dealer (negative: what the dealer still owes) */
  netPayableFen: number;
}

/** Buyback value = sellable stock x purchase price x rate by condition, minus open receivables. */
export function valueBuyback(stock: StockLine[], openReceivablesFen: number, rates: Record<StockCondition, number> = DEFAULT_BUYBACK_RATES): Buyback {
  const lines = stock.filter((l) => l.quantity > 0).map((l) => ({ ...l, rate: rates[l.condition], valueFen: scaleFen(l.quantity * l.unitPriceFen, rates[l.condition]) }));
  const buybackFen = lines.reduce((s, l) => s + l.valueFen, 0);
  const receivablesOffsetFen = Math.max(0, openReceivablesFen);
  return { lines, buybackFen, receivablesOffsetFen, netPayableFen: buybackFen - receivablesOffsetFen };
}

/**
 * Splits a product's on-hand into conditions: the counted damaged and expired quantities (capped
 * at what is on hand, expired first), the rest unopened.
 */
export function splitByCondition(onHand: number, reported: { damaged?: number; expired?: number } = {}): Record<StockCondition, number> {
  const total = Math.max(0, onHand);
  const expired = Math.min(total, Math.max(0, reported.expired ?? 0));
  const damaged = Math.min(total - expired, Math.max(0, reported.damaged ?? 0));
  return { unopened: total - expired - damaged, damaged, expired };
}

export interface SuccessorCandidate {
  kind: 'prospect' | 'dealer';
  id: string;
  name: string;
  /** region codes it asks for (prospect) or holds (dealer) */
  regionCodes: string[];
  /** 0-100: a prospect's screening total, a dealer's latest composite; null unknown */
  score: number | null;
}

export interface RankedSuccessor extends SuccessorCandidate {
  /** how closely its regions match the territory: county 3, city 2, province 1 */
  proximity: number;
  rankScore: number;
}

function proximityOf(candidate: string[], territory: string[]): number {
  let best = 0;
  for (const c of candidate) {
    for (const t of territory) {
      if (c === t) best = Math.max(best, 3);
      else if (c.slice(0, 4) === t.slice(0, 4)) best = Math.max(best, 2);
      else if (c.slice(0, 2) === t.slice(0, 2)) best = Math.max(best, 1);
    }
  }
  return best;
}

/**
 * Ranks successor candidates for a territory: only candidates in the same province count;
 * rank score = score (unknown = 50) + 10 per proximity step, ties by name.
 */
export function rankSuccessors(candidates: SuccessorCandidate[], territory: string[], limit = 10): RankedSuccessor[] {
  return candidates
    .map((c) => {
      const proximity = proximityOf(c.regionCodes, territory);
      return { ...c, proximity, rankScore: Math.round(((c.score ?? 50) + proximity * 10) * 100) / 100 };
    })
    .filter((c) => c.proximity > 0)
    .sort((a, b) => b.rankScore - a.rankScore || a.name.localeCompare(b.name))
    .slice(0, limit);
}
