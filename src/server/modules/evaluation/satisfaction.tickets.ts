// The satisfaction source fed by service tickets (C10 -> C6): first response within its SLA target
// (the service settings' first-response minutes; the field keeps its first name, firstResponse24h),
// resolution rate and the customers' confirmation scores. Dealers without tickets in the period have no data (their weight is redistributed).
import type { Database } from '../../db/database.js';
import { dealerServiceKpis } from '../tickets/ticket-kpis.js';
import { dateRangeInstants, type PeriodRange } from '../../../shared/dates.js';
import type { SatisfactionInputs, SatisfactionSource, SourceRow } from './sources.js';

export const ticketsSatisfaction: SatisfactionSource = {
  async forPeriod(db: Database, range: PeriodRange, dealerIds: string[]) {
    const asOf = new Date(Date.parse(dateRangeInstants(range.from, range.to).to) - 1);
    const kpis = await dealerServiceKpis(db, range.period, asOf, dealerIds.length > 5000 ? undefined : dealerIds);
    const out = new Map<string, SatisfactionInputs>();
    for (const [dealerId, k] of kpis) {
      if (k.tickets === 0) continue;
      out.set(dealerId, { complaints: k.tickets, firstResponse24h: k.firstResponseInSlaShare, resolution: k.resolutionRate, survey: k.averageRating });
    }
    return out;
  },
  async rows(db: Database, range: PeriodRange, dealerId: string): Promise<SourceRow[]> {
    const rows = await db
      .selectFrom('tickets')
      .select(['id', 'number', 'created_at', 'type', 'priority', 'step', 'first_response_at', 'first_response_due_at', 'rating'])
      .where('dealer_id', '=', dealerId)
      .where('created_at', '>=', dateRangeInstants(range.from, range.to).from)
      .where('created_at', '<', dateRangeInstants(range.from, range.to).to)
      .orderBy('created_at')
      .limit(5000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      date: r.created_at.slice(0, 10),
      label: r.number,
      values: { type: r.type, priority: r.priority, step: r.step, firstResponseAt: r.first_response_at, firstResponseDueAt: r.first_response_due_at, rating: r.rating },
    }));
  },
};
