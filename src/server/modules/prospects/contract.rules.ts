// Pure helpers of the contract document.
import type { Tier } from '../../../shared/schemas/index.js';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

function fourDigits(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    out += DIGITS[d] + UNITS[i];
    zero = false;
  }
  return out;
}

/** An amount of 分 in Chinese capital numerals as contracts write it (人民币大写): 12345678 -> 壹拾贰万叁仟肆佰伍拾陆元柒角捌分. */
export function rmbUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('fen must be a non-negative integer');
  if (fen === 0) return '零元整';
  let yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  const groups: number[] = [];
  while (yuan > 0) {
    groups.push(yuan % 10000);
    yuan = Math.floor(yuan / 10000);
  }
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      gap = out !== '';
      continue;
    }
    if (out !== '' && (gap || g < 1000)) out += '零';
    out += fourDigits(g) + GROUPS[i];
    gap = false;
  }
  if (out) out += '元';
  if (jiao === 0 && cent === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (out) out += '零';
  if (cent > 0) out += `${DIGITS[cent]}分`;
  return out;
}

/** 1234567 分 -> "12,345.67" */
export const yuanText = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const TIER_NAMES: Record<Tier, string> = { bronze: '铜牌', silver: '银牌', gold: '金牌' };

/** 2026-03-01 -> 2026年3月1日 */
export function dateZh(date: string | null | undefined): string {
  if (!date) return '____年__月__日';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
