import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import type { PageRequest } from '../../core/list.js';

type Db = Database; // a Transaction<DB> is a Kysely<DB> too

const allocatedToInvoice = sql<number>`coalesce((select sum(a.amount_fen) from receivable_allocations a where a.invoice_id = e.id), 0)`;
const allocatedFromCredit = sql<number>`coalesce((select sum(a.amount_fen) from receivable_allocations a where a.credit_id = e.id), 0)`;

/** Invoices with an open amount, oldest due first (the order payments settle them in). */
export async function openInvoices(db: Db, dealerId: string) {
  const rows = await db
    .selectFrom('receivable_entries as e')
    .select(['e.id', 'e.doc_no', 'e.order_id', 'e.entry_on', 'e.due_on', 'e.amount_fen', allocatedToInvoice.as('allocated')])
    .where('e.dealer_id', '=', dealerId)
    .where('e.kind', '=', 'invoice')
    .where(sql<boolean>`e.amount_fen > ${allocatedToInvoice}`)
    .orderBy('e.due_on')
    .orderBy('e.entry_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen), open_fen: Number(r.amount_fen) - Number(r.allocated), due_on: r.due_on ?? r.entry_on }));
}

/** Payments and credit notes not fully applied yet, oldest first. */
export async function openCredits(db: Db, dealerId: string) {
  const rows = await db
    .selectFrom('receivable_entries as e')
    .select(['e.id', 'e.amount_fen', allocatedFromCredit.as('allocated')])
    .where('e.dealer_id', '=', dealerId)
    .where('e.kind', 'in', ['payment', 'credit_note'])
    .where(sql<boolean>`-e.amount_fen > ${allocatedFromCredit}`)
    .orderBy('e.entry_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, open_fen: -Number(r.amount_fen) - Number(r.allocated) }));
}

export function allocationsOf(db: Db, creditId: string) {
  return db
    .selectFrom('receivable_allocations as a')
    .innerJoin('receivable_entries as i', 'i.id', 'a.invoice_id')
    .select(['a.invoice_id', 'i.doc_no', 'a.amount_fen'])
    .where('a.credit_id', '=', creditId)
    .orderBy('a.id')
    .execute();
}

export interface LedgerFilter {
  dealerId?: string;
  kind?: string;
}

export function listEntries(db: Db, scope: DealerScope, filter: LedgerFilter, page: PageRequest) {
  let query = db
    .selectFrom('receivable_entries as e')
    .selectAll('e')
    .where(visibleDealer(scope, 'e.dealer_id'))
    .orderBy('e.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('e.id', '<', page.after);
  if (filter.dealerId) query = query.where('e.dealer_id', '=', filter.dealerId);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  return query.execute();
}

/** Entries of one dealer in a date range, in ledger order, and the balance before it. */
export async function statementOf(db: Db, dealerId: string, from: string, to: string) {
  const opening = await db
    .selectFrom('receivable_entries')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('balance'))
    .where('dealer_id', '=', dealerId)
    .where('entry_on', '<', from)
    .executeTakeFirst();
  const entries = await db
    .selectFrom('receivable_entries')
    .selectAll()
    .where('dealer_id', '=', dealerId)
    .where('entry_on', '>=', from)
    .where('entry_on', '<=', to)
    .orderBy('entry_on')
    .orderBy('id')
    .execute();
  return { openingFen: Number(opening?.balance ?? 0), entries };
}

/** Open invoices past due (by at least `minDays`), oldest due first within the page order. */
export function overdueInvoices(db: Db, scope: DealerScope, filter: { dealerId?: string; dueBefore: string }, page: PageRequest) {
  let query = db
    .selectFrom('receivable_entries as e')
    .innerJoin('dealers as d', 'd.id', 'e.dealer_id')
    .select(['e.id', 'e.doc_no', 'e.dealer_id', 'd.code as dealer_code', 'd.name as dealer_name', 'e.order_id', 'e.due_on', 'e.amount_fen', allocatedToInvoice.as('allocated')])
    .where(visibleDealer(scope, 'e.dealer_id'))
    .where('e.kind', '=', 'invoice')
    .where('e.due_on', '<', filter.dueBefore)
    .where(sql<boolean>`e.amount_fen > ${allocatedToInvoice}`)
    .orderBy('e.id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('e.id', '>', page.after);
  if (filter.dealerId) query = query.where('e.dealer_id', '=', filter.dealerId);
  return query.execute();
}

/** Every open invoice due on or before a date, all dealers (the reminder job), by dealer then due date. */
export async function openInvoicesDueBy(db: Db, dueOnOrBefore: string) {
  const rows = await db
    .selectFrom('receivable_entries as e')
    .select(['e.id', 'e.doc_no', 'e.dealer_id', 'e.due_on', 'e.amount_fen', allocatedToInvoice.as('allocated')])
    .where('e.kind', '=', 'invoice')
    .where('e.due_on', '<=', dueOnOrBefore)
    .where(sql<boolean>`e.amount_fen > ${allocatedToInvoice}`)
    .orderBy('e.dealer_id')
    .orderBy('e.due_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, docNo: r.doc_no, dealerId: r.dealer_id, dueOn: r.due_on!, openFen: Number(r.amount_fen) - Number(r.allocated) }));
}

export function listReminders(db: Db, scope: DealerScope, filter: { dealerId?: string; from?: string; to?: string }, page: PageRequest) {
  let query = db
    .selectFrom('overdue_reminders as r')
    .innerJoin('dealers as d', 'd.id', 'r.dealer_id')
    .select(['r.id', 'r.dealer_id', 'd.code as dealer_code', 'd.name as dealer_name', 'r.reminded_on', 'r.invoice_count', 'r.overdue_fen', 'r.oldest_days_overdue', 'r.invoices', 'r.created_at'])
    .where(visibleDealer(scope, 'r.dealer_id'))
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('r.id', '<', page.after);
  if (filter.dealerId) query = query.where('r.dealer_id', '=', filter.dealerId);
  if (filter.from) query = query.where('r.reminded_on', '>=', filter.from);
  if (filter.to) query = query.where('r.reminded_on', '<=', filter.to);
  return query.execute();
}
