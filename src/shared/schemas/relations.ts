// Relations (dealer care): dispute mediation, satisfaction surveys and the care calendar.
// Request bodies and the responses of /api/v1/disputes, /surveys and /relations.
import { Type, type Static, type TSchema } from 'typebox';
import { DateString, Id, Nullable, StringEnum, Timestamp } from './common.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Pct = Type.Number({ minimum: 0, maximum: 100 });
const FactorShares = Type.Object({ leadOrigin: Pct, salesEffort: Pct, delivery: Pct, service: Pct }, { additionalProperties: false });

export const DisputeBody = Type.Object(
  {
    title: Text(200),
    kind: StringEnum(['dealer_dealer', 'dealer_hq'] as const),
    parties: Type.Array(Type.Object({ dealerId: Id, claim: Text(2000) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
    facts: Text(5000),
    feelings: Type.Optional(Type.String({ maxLength: 5000 })),
    needs: Type.Optional(Type.String({ maxLength: 5000 })),
    options: Type.Optional(Type.String({ maxLength: 5000 })),
    contestedFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_000_000_000_000 })),
  },
  { additionalProperties: false },
);
export type DisputeBody = Static<typeof DisputeBody>;

export const SplitBody = Type.Object(
  {
    weights: Type.Optional(FactorShares),
    shares: Type.Array(Type.Object({ dealerId: Id, shares: FactorShares }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
    amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_000_000_000_000 })),
    compensationFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_000_000_000_000 })),
    planStartOn: Type.Optional(DateString),
    planSteps: Type.Optional(
      Type.Array(
        Type.Object(
          {
            afterDays: Type.Integer({ minimum: 0, maximum: 3650 }),
            percent: Pct,
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 12 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SplitBody = Static<typeof SplitBody>;

export const DisputeStatusBody = Type.Object({ status: StringEnum(['mediating', 'settled', 'closed'] as const) }, { additionalProperties: false });
export const FollowupBody = Type.Object({ note: Text(2000), dueOn: DateString, done: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const SurveyBody = Type.Object(
  {
    title: Text(200),
    questions: Type.Optional(Type.Array(Type.Object({ id: Text(40), text: Text(500) }, { additionalProperties: false }), { maxItems: 30 })),
  },
  { additionalProperties: false },
);
export type SurveyBody = Static<typeof SurveyBody>;
export const SurveyResponseBody = Type.Object(
  {
    csat: Type.Integer({ minimum: 1, maximum: 5 }),
    nps: Type.Integer({ minimum: 0, maximum: 10 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type SurveyResponseBody = Static<typeof SurveyResponseBody>;

export const ActivityBody = Type.Object(
  {
    dealerId: Id,
    kind: StringEnum(['qbr', 'key_person_visit'] as const),
    /** YYYY-Qn for a review, YYYY-H1/H2 for a visit; a month YYYY-MM stands for the period it falls in */
    period: Type.String({ pattern: '^\\d{4}-(Q[1-4]|H[12]|0[1-9]|1[0-2])$' }),
    heldOn: DateString,
    attendees: Type.Array(Text(100), { maxItems: 30 }),
    notes: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type ActivityBody = Static<typeof ActivityBody>;

// ---- responses --------------------------------------------------------------------------------
/** These lists are short and unpaged (the service caps them), so they carry no cursor. */
const itemsOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
const Shares = Type.Object({
  leadOrigin: Type.Number(),
  salesEffort: Type.Number(),
  delivery: Type.Number(),
  service: Type.Number(),
});

export const DISPUTE_STATUSES = ['open', 'mediating', 'settled', 'closed'] as const;
export const Dispute = Type.Object({
  id: Id,
  number: Type.String(),
  title: Type.String(),
  kind: StringEnum(['dealer_dealer', 'dealer_hq'] as const),
  status: StringEnum(DISPUTE_STATUSES),
  facts: Type.String(),
  feelings: Type.String(),
  needs: Type.String(),
  options: Type.String(),
  contestedFen: Type.Integer(),
  split: Nullable(
    Type.Object({
      weights: Shares,
      amountFen: Type.Integer(),
      parts: Type.Array(
        Type.Object({
          dealerId: Id,
          contributionPct: Type.Number(),
          amountFen: Type.Integer(),
        }),
      ),
    }),
  ),
  plan: Nullable(
    Type.Array(
      Type.Object({
        step: Type.Integer(),
        dueOn: DateString,
        percent: Type.Number(),
        amountFen: Type.Integer(),
      }),
    ),
  ),
  parties: Type.Array(
    Type.Object({
      dealerId: Id,
      dealerName: Type.String(),
      dealerCode: Type.String(),
      claim: Type.String(),
    }),
  ),
  followups: Type.Array(
    Type.Object({
      id: Id,
      note: Type.String(),
      dueOn: DateString,
      doneAt: Nullable(Timestamp),
      createdBy: Type.String(),
    }),
  ),
  createdBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Dispute = Static<typeof Dispute>;
export const DisputeList = itemsOf(Dispute);

const SurveyQuestion = Type.Object({ id: Type.String(), text: Type.String() });
export const Survey = Type.Object({
  id: Id,
  title: Type.String(),
  questions: Type.Array(SurveyQuestion),
  status: Type.String(),
  sentAt: Nullable(Timestamp),
  recipients: Type.Integer(),
  responses: Type.Integer(),
  responseRate: Nullable(Type.Number({ description: '0..1' })),
  csat: Nullable(Type.Number({ description: 'percent of answers 4 or 5' })),
  nps: Nullable(Type.Number({ description: '-100..100' })),
});
export type Survey = Static<typeof Survey>;
export const SurveyList = itemsOf(Survey);
export const PendingSurvey = Type.Object({
  id: Id,
  title: Type.String(),
  questions: Type.Array(SurveyQuestion),
  sentAt: Nullable(Timestamp),
});
export const PendingSurveyList = itemsOf(PendingSurvey);
export const SurveyAnswer = Type.Object({
  surveyId: Id,
  submittedAt: Timestamp,
});

export const RelationActivity = Type.Object({
  id: Id,
  dealerId: Id,
  kind: StringEnum(['qbr', 'key_person_visit'] as const),
  period: Type.String({
    description: 'YYYY-Qn for a review, YYYY-H1/H2 for a visit',
  }),
  heldOn: DateString,
  attendees: Type.Array(Type.String()),
  notes: Type.String(),
});
export const CareReminder = Type.Object({
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  kind: StringEnum(['qbr', 'key_person_visit'] as const),
  period: Type.String(),
  dueOn: DateString,
  daysLeft: Type.Integer(),
  heldOn: Nullable(DateString),
});
export type CareReminder = Static<typeof CareReminder>;
export const CareReminderList = itemsOf(CareReminder);
