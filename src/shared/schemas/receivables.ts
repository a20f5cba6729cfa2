import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, Nullable, Timestamp, StringEnum } from './common.js';

export const LEDGER_KINDS = ['invoice', 'payment', 'credit_note'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Ageing buckets by days past due, named by their default edges (the edges are a setting); "0-30" also holds invoices not yet due. */
export const AGEING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export const PaymentBody = Type.Object(
  {
    dealerId: Id,
    amountFen: Type.Integer({ minimum: 1, maximum: 9_000_000_000_000_000 }),
    receivedOn: DateString,
    reference: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type PaymentBody = Static<typeof PaymentBody>;

export const Allocation = Type.Object({ invoiceId: Id, docNo: Type.String(), amountFen: Fen });

export const Payment = Type.Object({
  id: Id,
  docNo: Type.String(),
  dealerId: Id,
  amountFen: Fen,
  receivedOn: DateString,
  reference: Nullable(Type.String()),
  allocations: Type.Array(Allocation),
  unappliedFen: Fen,
  createdAt: Timestamp,
});
export type Payment = Static<typeof Payment>;

export const OpenInvoice = Type.Object({
  id: Id,
  docNo: Type.String(),
  orderId: Nullable(Id),
  entryOn: DateString,
  dueOn: DateString,
  amountFen: Fen,
  openFen: Fen,
  daysPastDue: Type.Integer({ description: 'negative while not yet due' }),
});
export type OpenInvoice = Static<typeof OpenInvoice>;

export const Receivables = Type.Object({
  dealerId: Id,
  asOf: DateString,
  creditLimitFen: Fen,
  openFen: Type.Integer({ description: 'ledger balance: invoices - payments - credit notes' }),
  openOrdersFen: Fen,
  availableCreditFen: Type.Integer(),
  overdueFen: Fen,
  unappliedCreditFen: Fen,
  creditHold: Type.Boolean(),
  creditHoldDays: Type.Integer(),
  buckets: Type.Object({ '0-30': Fen, '31-60': Fen, '61-90': Fen, '90+': Fen }, { description: 'named by the default edges; ageingEdges gives the edges in force' }),
  ageingEdges: Type.Array(Type.Integer(), { minItems: 3, maxItems: 3, description: 'inclusive upper days-past-due of the first three buckets (the receivables.ageing setting)' }),
  invoices: Type.Array(OpenInvoice),
});
export type Receivables = Static<typeof Receivables>;

export const LedgerEntry = Type.Object({
  id: Id,
  dealerId: Id,
  kind: StringEnum(LEDGER_KINDS),
  docNo: Type.String(),
  amountFen: Type.Integer(),
  entryOn: DateString,
  dueOn: Nullable(DateString),
  orderId: Nullable(Id),
  reference: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type LedgerEntry = Static<typeof LedgerEntry>;

export const LedgerQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    kind: Type.Optional(StringEnum(LEDGER_KINDS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

export const StatementQuery = Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString), format: Type.Optional(Type.Literal('xlsx')) }, { additionalProperties: false });

export const Statement = Type.Object({
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  from: DateString,
  to: DateString,
  openingFen: Type.Integer(),
  closingFen: Type.Integer(),
  entries: Type.Array(Type.Object({ ...LedgerEntry.properties, balanceFen: Type.Integer() })),
});
export type Statement = Static<typeof Statement>;

export const OverdueItem = Type.Object({
  invoiceId: Id,
  docNo: Type.String(),
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  orderId: Nullable(Id),
  dueOn: DateString,
  daysOverdue: Type.Integer(),
  amountFen: Fen,
  openFen: Fen,
});
export type OverdueItem = Static<typeof OverdueItem>;

export const OverdueQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    minDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

// ---- Overdue reminders (催款提醒), written by the daily job receivables.overdueReminders ----
export const OverdueReminder = Type.Object({
  id: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  remindedOn: DateString,
  invoiceCount: Type.Integer(),
  overdueFen: Fen,
  oldestDaysOverdue: Type.Integer(),
  invoices: Type.Array(Type.Object({ docNo: Type.String(), dueOn: DateString, openFen: Fen })),
  createdAt: Timestamp,
});
export type OverdueReminder = Static<typeof OverdueReminder>;

export const ReminderQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
