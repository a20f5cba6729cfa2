// Service and communication (issue 8): tickets (C9 dealer requests, C10 customer feedback), the
// business calendar, knowledge base, announcements and the two service reports.
import { Type, type Static } from 'typebox';
import { DateString, Id, ListQuery, Nullable, Timestamp, StringEnum } from './common.js';

export const TICKET_KIND_VALUES = ['customer_feedback', 'dealer_request'] as const;
export const TICKET_STEPS = ['received', 'classified', 'responded', 'processing', 'verified', 'closed'] as const;
export type TicketStep = (typeof TICKET_STEPS)[number];
export const TICKET_CHANNELS = ['survey', 'interview', 'callback', 'hotline', 'web_form', 'portal', 'phone', 'email'] as const;
export const TICKET_TYPES = ['technical', 'service', 'product', 'delivery', 'supply', 'policy', 'marketing', 'finance', 'other'] as const;
export const DEPARTMENTS = ['tech_support', 'customer_service', 'quality', 'logistics', 'regional_office', 'finance', 'marketing'] as const;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const CreateTicketBody = Type.Object(
  {
    kind: StringEnum(TICKET_KIND_VALUES),
    dealerId: Id,
    channel: StringEnum(TICKET_CHANNELS),
    type: StringEnum(TICKET_TYPES),
    priority: StringEnum(['urgent', 'normal'] as const),
    subject: Text(200),
    description: Text(5000),
    productSku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    customer: Type.Optional(Type.Object({ name: Text(100), phone: Type.Optional(Type.String({ maxLength: 30 })) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const StepBody = Type.Object(
  {
    to: StringEnum(TICKET_STEPS),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    assigneeId: Type.Optional(Id),
    department: Type.Optional(StringEnum(DEPARTMENTS)),
  },
  { additionalProperties: false },
);
export type StepBody = Static<typeof StepBody>;

export const ResolveBody = Type.Object({ solution: Text(5000) }, { additionalProperties: false });
export const PauseBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });
export const CommentBody = Type.Object({ body: Text(5000), attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 10 })) }, { additionalProperties: false });

export const TicketSla = Type.Object({
  firstResponseDueAt: Nullable(Timestamp),
  resolutionDueAt: Nullable(Timestamp),
  breached: Type.Boolean(),
  firstResponseBreached: Type.Boolean(),
  resolutionBreached: Type.Boolean(),
  paused: Type.Boolean(),
  colour: StringEnum(['green', 'amber', 'red', 'grey'] as const),
});

export const Ticket = Type.Object({
  id: Id,
  number: Type.String(),
  kind: StringEnum(TICKET_KIND_VALUES),
  dealerId: Id,
  dealerName: Type.String(),
  channel: Type.String(),
  type: Type.String(),
  priority: Type.String(),
  subject: Type.String(),
  description: Type.String(),
  productSku: Nullable(Type.String()),
  customer: Nullable(Type.Object({ name: Type.String(), phone: Type.Optional(Type.String()) })),
  step: StringEnum(TICKET_STEPS),
  department: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  escalationLevel: Type.Integer(),
  solution: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  reopenCount: Type.Integer(),
  firstResponseAt: Nullable(Timestamp),
  resolvedAt: Nullable(Timestamp),
  verifiedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  kbArticleId: Nullable(Type.String()),
  sla: TicketSla,
  createdBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Ticket = Static<typeof Ticket>;

export const TicketEvent = Type.Object({
  id: Id,
  kind: Type.String(),
  fromStep: Nullable(Type.String()),
  toStep: Nullable(Type.String()),
  note: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  actorName: Type.String(),
  at: Timestamp,
});
export const TicketAttachment = Type.Object({
  id: Id,
  commentId: Nullable(Type.String()),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Timestamp,
});
export type TicketAttachment = Static<typeof TicketAttachment>;
export const TicketComment = Type.Object({ id: Id, body: Type.String(), authorName: Type.String(), authorRole: Type.String(), createdAt: Timestamp, attachments: Type.Array(TicketAttachment) });
export type TicketComment = Static<typeof TicketComment>;

export const TicketDetail = Type.Object({
  ticket: Ticket,
  events: Type.Array(TicketEvent),
  comments: Type.Array(TicketComment),
  attachments: Type.Array(TicketAttachment),
  templates: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), body: Type.String() })),
});
export type TicketDetail = Static<typeof TicketDetail>;

export const TicketListQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(TICKET_KIND_VALUES)),
    step: Type.Optional(StringEnum(TICKET_STEPS)),
    dealerId: Type.Optional(Id),
    breached: Type.Optional(Type.Boolean()),
    open: Type.Optional(Type.Boolean()),
    ...ListQuery,
  },
  { additionalProperties: false },
);
export type TicketListQuery = Static<typeof TicketListQuery>;

export const ResolveResult = Type.Object({ ticket: Ticket, confirmationToken: Nullable(Type.String()), confirmationUrl: Nullable(Type.String()) });
/** A one-time confirmation link for the customer (HQ and regional managers only; never a dealer user). */
export const ConfirmationLink = Type.Object({ confirmationToken: Type.String(), confirmationUrl: Type.String() });

export const ConfirmParams = Type.Object({ id: Id });
export const ConfirmQuery = Type.Object({ token: Type.String({ minLength: 16, maxLength: 200 }) }, { additionalProperties: false });
export const ConfirmBody = Type.Object(
  { token: Type.String({ minLength: 16, maxLength: 200 }), rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const ConfirmView = Type.Object({ number: Type.String(), subject: Type.String(), solution: Nullable(Type.String()), step: Type.String() });

// ---- settings and calendar -------------------------------------------------------------------
const Minutes = Type.Integer({ minimum: 1, maximum: 60 * 24 * 365 });
const ByPriority = Type.Object({ urgent: Minutes, normal: Minutes }, { additionalProperties: false });
export const ServiceSettings = Type.Object(
  {
    workStartMinute: Type.Integer({ minimum: 0, maximum: 1439, description: 'start of the working day, minutes after midnight Beijing time (540 = 09:00)' }),
    workEndMinute: Type.Integer({ minimum: 1, maximum: 1440, description: 'end of the working day (1080 = 18:00)' }),
    reopenBelowRating: Type.Integer({ minimum: 1, maximum: 5, description: 'a verification rating below this returns the ticket to processing' }),
    confirmationDays: Type.Integer({ minimum: 1, maximum: 90 }),
    firstResponse: Type.Object({ customer_feedback: ByPriority, dealer_request: ByPriority }, { additionalProperties: false }),
    resolution: Type.Object(
      {
        customer_feedback: Type.Object({ technical: ByPriority, service: ByPriority, product: ByPriority, delivery: ByPriority, other: ByPriority }, { additionalProperties: false }),
        dealer_request: Type.Object({ supply: ByPriority, policy: ByPriority, marketing: ByPriority, technical: ByPriority, finance: ByPriority, other: ByPriority }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ServiceSettings = Static<typeof ServiceSettings>;

export const CalendarOverride = Type.Object({ date: DateString, workday: Type.Boolean(), note: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type CalendarOverride = Static<typeof CalendarOverride>;
export const CalendarQuery = Type.Object({ from: DateString, to: DateString }, { additionalProperties: false });
export const CalendarDay = Type.Object({ date: DateString, workday: Type.Boolean(), source: StringEnum(['official', 'override'] as const), note: Nullable(Type.String()) });
export const DateParams = Type.Object({ date: DateString });

export const TemplateBody = Type.Object({ type: StringEnum(TICKET_TYPES), title: Text(200), body: Text(5000) }, { additionalProperties: false });
