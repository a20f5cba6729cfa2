// The due-diligence risk matrix bands (docs/rules.md, C2: low <= 4, medium 5-9, high 10-14,
// critical >= 15 on score = likelihood x impact, 1-25) as one setting of the one mechanism
// (src/server/core/settings.ts); risk.rules.ts bands with whatever is in force.
import { Type } from 'typebox';
import { defineSetting } from '../../core/settings.js';
import { DEFAULT_RISK_BANDS } from './risk.rules.js';

const Max = (description: string) => Type.Integer({ minimum: 1, maximum: 24, description });

export const RISK_BAND_SETTINGS = defineSetting({
  key: 'due-diligence.riskBands',
  module: 'due-diligence',
  title: { 'zh-CN': '尽职调查风险矩阵分级', en: 'Due-diligence risk matrix bands' },
  schema: Type.Object(
    {
      lowMax: Max('scores up to this are low risk (default 4)'),
      mediumMax: Max('scores up to this are medium risk (default 9)'),
      highMax: Max('scores up to this are high risk; above it, critical (default 14)'),
    },
    { additionalProperties: false },
  ),
  defaults: DEFAULT_RISK_BANDS,
  permission: 'prospects.configure',
  // Bands must rise: otherwise a band would be empty and the worst-band rating would skip it.
  check: (v) => {
    const errors = [];
    if (v.mediumMax <= v.lowMax) errors.push({ path: '/mediumMax', message: 'must be greater than lowMax' });
    if (v.highMax <= v.mediumMax) errors.push({ path: '/highMax', message: 'must be greater than mediumMax' });
    return errors;
  },
});
