// The buyback rates of an exit (docs/rules.md, C7): the share of its purchase price HQ pays back
// for stock by condition, as one setting of the one mechanism (src/server/core/settings.ts).
import { Type } from 'typebox';
import { defineSetting } from '../../core/settings.js';
import { DEFAULT_BUYBACK_RATES } from './terminations.rules.js';

const Rate = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

export const BUYBACK_SETTINGS = defineSetting({
  key: 'terminations.buyback',
  module: 'terminations',
  title: { 'zh-CN': '退出库存回购比例', en: 'Exit stock buyback rates' },
  schema: Type.Object(
    {
      unopened: Rate('share of the purchase price paid for unopened stock (default 1 = 100%)'),
      damaged: Rate('share paid for damaged stock (default 0.7)'),
      expired: Rate('share paid for expired stock (default 0)'),
    },
    { additionalProperties: false },
  ),
  defaults: DEFAULT_BUYBACK_RATES,
  permission: 'terminations.manage',
  check: (v) => {
    const errors = [];
    if (v.damaged > v.unopened) errors.push({ path: '/damaged', message: 'must not exceed the unopened rate' });
    if (v.expired > v.damaged) errors.push({ path: '/expired', message: 'must not exceed the damaged rate' });
    return errors;
  },
});
