// The receivables ageing buckets (docs/rules.md, C4: 0-30/31-60/61-90/>90 days past due) as one
// setting of the one mechanism (src/server/core/settings.ts). The API keeps naming the four
// buckets by their default edges ('0-30' ... '90+') so clients do not break; the edges in force
// travel with every ageing (`ageingEdges`) so labels can show them.
import { Type } from 'typebox';
import { defineSetting } from '../../core/settings.js';

const Edge = (description: string) => Type.Integer({ minimum: 1, maximum: 3650, description });

export const AGEING_SETTINGS = defineSetting({
  key: 'receivables.ageing',
  module: 'receivables',
  title: { 'zh-CN': '应收账龄分段', en: 'Receivables ageing buckets' },
  schema: Type.Object(
    {
      firstBucketMaxDays: Edge('the first bucket holds invoices not yet due and up to this many days past due (default 30)'),
      secondBucketMaxDays: Edge('the second bucket ends at this many days past due (default 60)'),
      thirdBucketMaxDays: Edge('the third bucket ends here; anything older is in the last bucket (default 90)'),
    },
    { additionalProperties: false },
  ),
  defaults: { firstBucketMaxDays: 30, secondBucketMaxDays: 60, thirdBucketMaxDays: 90 },
  permission: 'trade.configure',
  check: (v) => {
    const errors = [];
    if (v.secondBucketMaxDays <= v.firstBucketMaxDays) errors.push({ path: '/secondBucketMaxDays', message: 'must be greater than firstBucketMaxDays' });
    if (v.thirdBucketMaxDays <= v.secondBucketMaxDays) errors.push({ path: '/thirdBucketMaxDays', message: 'must be greater than secondBucketMaxDays' });
    return errors;
  },
});

export type AgeingSettings = typeof AGEING_SETTINGS.defaults;

/** The three inclusive upper edges, ascending, as receivables.rules.ts takes them. */
export const edgesOf = (s: AgeingSettings): [number, number, number] => [s.firstBucketMaxDays, s.secondBucketMaxDays, s.thirdBucketMaxDays];
