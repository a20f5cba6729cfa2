// Service KPIs per dealer and period, for the dealer evaluation (issue 6, C6 "satisfaction feeds
// C6"): of the tickets created in the period (both kinds),
// - firstResponseInSlaShare: answered by the first-response deadline / tickets whose first
//   response is recorded or overdue as of `asOf` (a ticket still inside its clock is not judged yet);
// - resolutionRate: tickets confirmed (verified or closed) / tickets created;
// - averageRating: mean of the confirmed tickets' ratings (null without any).
// Shares are 0..1 (null when there is nothing to judge).
import type { Database } from '../../db/database.js';
import { periodInstants } from '../../../shared/dates.js';

export interface DealerServiceKpi {
  dealerId: string;
  period: string;
  tickets: number;
  firstResponseJudged: number;
  firstResponseInSla: number;
  firstResponseInSlaShare: number | null;
  resolved: number;
  resolutionRate: number | null;
  ratings: number;
  averageRating: number | null;
}

export async function dealerServiceKpis(db: Database, period: string, asOf: Date, dealerIds?: string[]): Promise<Map<string, DealerServiceKpi>> {
  const { from, to } = periodInstants(period);
  const now = asOf.toISOString();
  let q = db
    .selectFrom('tickets')
    .select(['dealer_id', 'step', 'rating', 'first_response_at', 'first_response_due_at', 'first_response_breached', 'verified_at', 'closed_at'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to);
  if (dealerIds) {
    if (dealerIds.length === 0) return new Map();
    q = q.where('dealer_id', 'in', dealerIds);
  }
  const out = new Map<string, DealerServiceKpi & { ratingSum: number }>();
  for (const r of await q.execute()) {
    const k = out.get(r.dealer_id) ?? {
      dealerId: r.dealer_id,
      period,
      tickets: 0,
      firstResponseJudged: 0,
      firstResponseInSla: 0,
      firstResponseInSlaShare: null,
      resolved: 0,
      resolutionRate: null,
      ratings: 0,
      averageRating: null,
      ratingSum: 0,
    };
    k.tickets++;
    const due = r.first_response_due_at;
    if (r.first_response_at || (due && due < now)) {
      k.firstResponseJudged++;
      if (r.first_response_at && r.first_response_breached === 0 && (!due || r.first_response_at <= due)) k.firstResponseInSla++;
    }
    const confirmed = r.step === 'verified' || (r.step === 'closed' && r.verified_at !== null);
    if (confirmed) {
      k.resolved++;
      if (r.rating !== null) {
        k.ratings++;
        k.ratingSum += r.rating;
      }
    }
    out.set(r.dealer_id, k);
  }
  const result = new Map<string, DealerServiceKpi>();
  for (const [id, { ratingSum, ...k }] of out) {
    result.set(id, {
      ...k,
      firstResponseInSlaShare: k.firstResponseJudged ? k.firstResponseInSla / k.firstResponseJudged : null,
      resolutionRate: k.tickets ? k.resolved / k.tickets : null,
      averageRating: k.ratings ? ratingSum / k.ratings : null,
    });
  }
  return result;
}
