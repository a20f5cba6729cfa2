// What the dealer contract needs from HQ (docs/rules.md, C3): the manufacturer's name as party A, one
// setting of the one mechanism (src/server/core/settings.ts). Migration 0018 carried the older
// free-standing `company.name` row into it.
import { Type } from 'typebox';
import { defineSetting } from '../../core/settings.js';

export const CONTRACT_SETTINGS = defineSetting({
  key: 'prospects.contract',
  module: 'prospects',
  title: { 'zh-CN': '经销合同', en: 'Dealer contract' },
  schema: Type.Object({ companyName: Type.String({ maxLength: 200, description: 'party A (the manufacturer) on generated contracts; a blank line while empty' }) }, { additionalProperties: false }),
  defaults: { companyName: '' },
  permission: 'prospects.configure',
});
