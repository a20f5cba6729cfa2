import { describe, expect, it } from 'vitest';
import { fenToYuanString, formatFen, regionShortName, yuanToFen } from './format';

describe('money formatting in the web app', () => {
  it('should format integer fen as yuan with separators and two decimals', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-100050)).toBe('-¥1,000.50');
    expect(formatFen(9_000_000_000_000_000)).toBe('¥90,000,000,000,000.00');
    expect(formatFen(null)).toBe('-');
  });

  it('should turn typed yuan into exact integer fen without float rounding', () => {
    expect(yuanToFen('12345.67')).toBe(1_234_567);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen('¥ 19.99')).toBe(1999);
    expect(yuanToFen(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });

  it('should round-trip fen through the editable yuan text', () => {
    for (const fen of [0, 1, 10, 99, 100, 12_345_678, 1_353_00]) expect(yuanToFen(fenToYuanString(fen))).toBe(fen);
  });

  it('should shorten a region path to its last part', () => {
    expect(regionShortName('广东省 / 广州市 / 天河区')).toBe('天河区');
    expect(regionShortName('北京市')).toBe('北京市');
  });
});
