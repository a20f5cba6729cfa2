import type { Transaction } from 'kysely';
import type { LedgerEntry, LedgerKind, Payment, PaymentBody, Receivables, Statement, OverdueItem } from '../../../shared/schemas/index.js';
import type { DB, ReceivableEntriesTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { invalid } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { idempotent, type Outcome } from '../../core/idempotency.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';
import { creditPosition } from '../orders/credit.js';
import { availableCredit } from '../orders/orders.rules.js';
import { lockDealer } from '../orders/dealer-guard.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import { addDays, businessDate, isRealDate } from '../../../shared/dates.js';
import * as repo from './receivables.repo.js';
import { readSetting } from '../../core/settings.js';
import { ageing, allocateFifo, daysPastDue, type AllocationLine } from './receivables.rules.js';
import { AGEING_SETTINGS, edgesOf } from './receivables.settings.js';

const PREFIX: Record<LedgerKind, string> = { invoice: 'INV', payment: 'PAY', credit_note: 'CN' };

export interface LedgerPost {
  dealerId: string;
  kind: LedgerKind;
  /** Positive: the ledger signs it (invoices +, payments and credit notes -). */
  amountFen: number;
  entryOn: string;
  dueOn?: string;
  orderId?: string;
  sourceId?: string;
  reference?: string;
}

/**
 * Applies every unapplied payment and credit note of the dealer to its open invoices, oldest
 * first. Called after each posting, inside its transaction (the dealer row is locked).
 */
export async function settle(trx: Transaction<DB>, dealerId: string, at: string): Promise<AllocationLine[]> {
  const credits = await repo.openCredits(trx, dealerId);
  if (credits.length === 0) return [];
  const invoices = await repo.openInvoices(trx, dealerId);
  const lines = allocateFifo(
    invoices.map((i) => ({ id: i.id, openFen: i.open_fen })),
    credits.map((c) => ({ id: c.id, openFen: c.open_fen })),
  );
  if (lines.length) {
    await trx
      .insertInto('receivable_allocations')
      .values(lines.map((l) => ({ id: newId('ral'), dealer_id: dealerId, invoice_id: l.invoiceId, credit_id: l.creditId, amount_fen: l.amountFen, created_at: at })))
      .execute();
  }
  return lines;
}

/** Appends one ledger entry (append-only) and settles the dealer's open items. */
export async function postEntry(trx: Transaction<DB>, ctx: ServiceContext, post: LedgerPost): Promise<ReceivableEntriesTable> {
  const at = ctx.clock.now().toISOString();
  const row: ReceivableEntriesTable = {
    id: newId('rcv'),
    dealer_id: post.dealerId,
    kind: post.kind,
    doc_no: await nextDocNumber(trx, PREFIX[post.kind], post.entryOn),
    amount_fen: post.kind === 'invoice' ? post.amountFen : -post.amountFen,
    entry_on: post.entryOn,
    due_on: post.dueOn ?? null,
    order_id: post.orderId ?? null,
    source_id: post.sourceId ?? null,
    reference: post.reference ?? null,
    created_by: ctx.caller.name,
    created_at: at,
  };
  await trx.insertInto('receivable_entries').values(row).execute();
  await settle(trx, post.dealerId, at);
  return row;
}

export const toLedgerEntry = (r: ReceivableEntriesTable): LedgerEntry => ({
  id: r.id,
  dealerId: r.dealer_id,
  kind: r.kind as LedgerKind,
  docNo: r.doc_no,
  amountFen: Number(r.amount_fen),
  entryOn: r.entry_on,
  dueOn: r.due_on,
  orderId: r.order_id,
  reference: r.reference,
  createdAt: r.created_at,
});

/** POST /payments: a collection (回款), applied to the oldest invoices first. */
export async function recordPayment(ctx: ServiceContext, body: PaymentBody, key?: string): Promise<Outcome<Payment>> {
  if (!isRealDate(body.receivedOn)) throw invalid('/receivedOn', 'is not a real date');
  if (body.receivedOn > businessDate(ctx.clock.now())) throw invalid('/receivedOn', 'must not be in the future');
  return idempotent(ctx, { key, scope: 'payments.create', body }, 201, async (trx) => {
    await lockDealer(trx, ctx, body.dealerId);
    const entry = await postEntry(trx, ctx, { dealerId: body.dealerId, kind: 'payment', amountFen: body.amountFen, entryOn: body.receivedOn, reference: body.reference });
    const allocations = await repo.allocationsOf(trx, entry.id);
    const applied = allocations.reduce((s, a) => s + Number(a.amount_fen), 0);
    await appendAudit(trx, ctx, { action: 'payment.create', entityType: 'dealer', entityId: body.dealerId, change: { ...body, paymentId: entry.id, docNo: entry.doc_no, appliedFen: applied } });
    return {
      id: entry.id,
      docNo: entry.doc_no,
      dealerId: body.dealerId,
      amountFen: body.amountFen,
      receivedOn: body.receivedOn,
      reference: entry.reference,
      allocations: allocations.map((a) => ({ invoiceId: a.invoice_id, docNo: a.doc_no, amountFen: Number(a.amount_fen) })),
      unappliedFen: body.amountFen - applied,
      createdAt: entry.created_at,
    };
  });
}

/** GET /dealers/{id}/receivables: balance, ageing by days past due as of today, credit position. */
export async function receivablesOf(ctx: ServiceContext, dealerId: string): Promise<Receivables> {
  const dealer = await visibleDealerOr404(ctx, dealerId);
  const asOf = businessDate(ctx.clock.now());
  const [invoices, position, ageingSettings] = await Promise.all([repo.openInvoices(ctx.db, dealerId), creditPosition(ctx.db, dealer, asOf), readSetting(ctx.db, AGEING_SETTINGS)]);
  const edges = edgesOf(ageingSettings);
  const openInvoicesFen = invoices.reduce((s, i) => s + i.open_fen, 0);
  const items = invoices.map((i) => ({
    id: i.id,
    docNo: i.doc_no,
    orderId: i.order_id,
    entryOn: i.entry_on,
    dueOn: i.due_on,
    amountFen: i.amount_fen,
    openFen: i.open_fen,
    daysPastDue: daysPastDue(i.due_on, asOf),
  }));
  return {
    dealerId,
    asOf,
    creditLimitFen: position.creditLimitFen,
    openFen: position.openReceivablesFen,
    openOrdersFen: position.openOrdersFen,
    availableCreditFen: availableCredit(position),
    overdueFen: items.filter((i) => i.daysPastDue > 0).reduce((s, i) => s + i.openFen, 0),
    unappliedCreditFen: openInvoicesFen - position.openReceivablesFen,
    creditHold: position.onHold,
    creditHoldDays: position.holdDays,
    buckets: ageing(items, asOf, edges),
    ageingEdges: edges,
    invoices: items,
  };
}

/** A dealer statement: opening balance, every entry with its running balance, closing balance. */
export async function statementOf(ctx: ServiceContext, dealerId: string, query: { from?: string; to?: string }): Promise<Statement> {
  const dealer = await visibleDealerOr404(ctx, dealerId);
  const to = query.to ?? businessDate(ctx.clock.now());
  const from = query.from ?? addDays(to, -90);
  if (!isRealDate(from)) throw invalid('/querystring/from', 'is not a real date');
  if (!isRealDate(to)) throw invalid('/querystring/to', 'is not a real date');
  if (to < from) throw invalid('/querystring/to', 'must not be before from');
  const { openingFen, entries } = await repo.statementOf(ctx.db, dealerId, from, to);
  let balance = openingFen;
  return {
    dealerId,
    dealerCode: dealer.code,
    dealerName: dealer.name,
    from,
    to,
    openingFen,
    closingFen: openingFen + entries.reduce((s, e) => s + Number(e.amount_fen), 0),
    entries: entries.map((e) => {
      balance += Number(e.amount_fen);
      return { ...toLedgerEntry(e), balanceFen: balance };
    }),
  };
}

export async function listLedger(ctx: ServiceContext, filter: repo.LedgerFilter, page: PageRequest) {
  return toPage(await repo.listEntries(ctx.db, dealerScopeOf(ctx.caller), filter, page), page.limit, (r) => r.id, toLedgerEntry);
}

/** Open invoices past due, for reminders (催款). */
export async function listOverdue(ctx: ServiceContext, filter: { dealerId?: string; minDays?: number }, page: PageRequest) {
  const asOf = businessDate(ctx.clock.now());
  const dueBefore = addDays(asOf, -((filter.minDays ?? 1) - 1));
  const rows = await repo.overdueInvoices(ctx.db, dealerScopeOf(ctx.caller), { dealerId: filter.dealerId, dueBefore }, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): OverdueItem => ({
      invoiceId: r.id,
      docNo: r.doc_no,
      dealerId: r.dealer_id,
      dealerCode: r.dealer_code,
      dealerName: r.dealer_name,
      orderId: r.order_id,
      dueOn: r.due_on!,
      daysOverdue: daysPastDue(r.due_on!, asOf),
      amountFen: Number(r.amount_fen),
      openFen: Number(r.amount_fen) - Number(r.allocated),
    }),
  );
}
