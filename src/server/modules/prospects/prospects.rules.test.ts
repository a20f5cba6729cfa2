import { describe, expect, it } from 'vitest';
import { PROSPECT_STAGES } from '../../../shared/schemas/recruitment.js';
import { canMoveProspect, dealerCodeFor, isTerminalStage, nameKey, phoneKey, prospectNumber, prospectSeq, regionInside } from './prospects.rules.js';
import { dateZh, rmbUpper, yuanText } from './contract.rules.js';

describe('prospect pipeline rules', () => {
  it('moves forward one stage at a time and never out of converted', () => {
    expect(canMoveProspect('new', 'screening')).toBe(true);
    expect(canMoveProspect('screening', 'due_diligence')).toBe(true);
    expect(canMoveProspect('due_diligence', 'decision')).toBe(true);
    expect(canMoveProspect('decision', 'converted')).toBe(true);
    expect(canMoveProspect('new', 'due_diligence')).toBe(false);
    expect(canMoveProspect('new', 'decision')).toBe(false);
    expect(canMoveProspect('screening', 'converted')).toBe(false);
    for (const to of PROSPECT_STAGES) expect(canMoveProspect('converted', to)).toBe(false);
    expect(canMoveProspect('rejected', 'new')).toBe(true);
    expect(canMoveProspect('rejected', 'converted')).toBe(false);
  });

  it('can reject from every open stage', () => {
    for (const from of ['new', 'screening', 'due_diligence', 'decision'] as const) expect(canMoveProspect(from, 'rejected')).toBe(true);
    expect(isTerminalStage('rejected') && isTerminalStage('converted') && !isTerminalStage('decision')).toBe(true);
  });

  it('treats names differing only in case, spaces and bracket width as one company', () => {
    expect(nameKey('华瑞（深圳）贸易有限公司')).toBe(nameKey('华瑞(深圳)贸易有限公司 '));
    expect(nameKey('Acme  Trading Co.')).toBe(nameKey('acme trading co'));
    expect(nameKey('华瑞贸易')).not.toBe(nameKey('华瑞商贸'));
  });

  it('compares phone numbers by their digits, with or without +86', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneKey('138 0013 8000')).toBe('13800138000');
    expect(phoneKey('020-8888 6666')).toBe('02088886666');
  });

  it('numbers prospects per year and derives the dealer code', () => {
    expect(prospectNumber('2026', 1)).toBe('P20260001');
    expect(prospectSeq('2026', 'P20260041')).toBe(41);
    expect(prospectSeq('2027', 'P20269999')).toBe(0);
    expect(prospectSeq('2026', undefined)).toBe(0);
    expect(dealerCodeFor('P20260042')).toBe('D20260042');
  });

  it("knows a region inside a regional manager's regions", () => {
    expect(regionInside('440106', ['440000'])).toBe(true);
    expect(regionInside('440100', ['440100'])).toBe(true);
    expect(regionInside('440000', ['440100'])).toBe(false);
    expect(regionInside('310101', ['440000', '320000'])).toBe(false);
  });
});

describe('contract amounts', () => {
  it('writes amounts in capital numerals the way contracts do', () => {
    expect(rmbUpper(0)).toBe('零元整');
    expect(rmbUpper(100)).toBe('壹元整');
    expect(rmbUpper(5)).toBe('伍分');
    expect(rmbUpper(50)).toBe('伍角');
    expect(rmbUpper(10005)).toBe('壹佰元零伍分');
    expect(rmbUpper(12345678)).toBe('壹拾贰万叁仟肆佰伍拾陆元柒角捌分');
    expect(rmbUpper(100100)).toBe('壹仟零壹元整');
    expect(rmbUpper(500_000_000)).toBe('伍佰万元整');
    expect(rmbUpper(1_000_100_00)).toBe('壹佰万零壹佰元整');
    expect(rmbUpper(10_000_000_100)).toBe('壹亿零壹元整');
    expect(rmbUpper(10_001_000_000)).toBe('壹亿零壹万元整');
    expect(rmbUpper(10_010_000_000)).toBe('壹亿零壹拾万元整');
    expect(() => rmbUpper(-1)).toThrow(RangeError);
  });

  it('formats yuan and dates for the document', () => {
    expect(yuanText(123456789)).toBe('1,234,567.89');
    expect(dateZh('2026-03-01')).toBe('2026年3月1日');
    expect(dateZh(null)).toBe('____年__月__日');
  });
});
