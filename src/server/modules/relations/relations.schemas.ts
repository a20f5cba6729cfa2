import { Type, type Static } from 'typebox';
import { DateString, Id, StringEnum } from '../../../shared/schemas/index.js';

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
    planSteps: Type.Optional(Type.Array(Type.Object({ afterDays: Type.Integer({ minimum: 0, maximum: 3650 }), percent: Pct }, { additionalProperties: false }), { minItems: 1, maxItems: 12 })),
  },
  { additionalProperties: false },
);
export type SplitBody = Static<typeof SplitBody>;

export const DisputeStatusBody = Type.Object({ status: StringEnum(['mediating', 'settled', 'closed'] as const) }, { additionalProperties: false });
export const FollowupBody = Type.Object({ note: Text(2000), dueOn: DateString, done: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const SurveyBody = Type.Object(
  { title: Text(200), questions: Type.Optional(Type.Array(Type.Object({ id: Text(40), text: Text(500) }, { additionalProperties: false }), { maxItems: 30 })) },
  { additionalProperties: false },
);
export type SurveyBody = Static<typeof SurveyBody>;
export const ResponseBody = Type.Object(
  { csat: Type.Integer({ minimum: 1, maximum: 5 }), nps: Type.Integer({ minimum: 0, maximum: 10 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type ResponseBody = Static<typeof ResponseBody>;

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
