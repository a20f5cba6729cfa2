import dayjs from 'dayjs';
import { yuanToFenOrNull } from '../../shared/money.js';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Integer 分 -> "¥1,234.56" (exact: no floating point on the way). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '-';
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}¥${group(String(yuan))}.${cents}`;
}

/** Integer 分 -> "1234.56" (for editing). */
export function fenToYuanString(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1,234.5" / "1234.56" -> 123456 分; null when it is not an amount with at most two decimals (src/shared/money.ts). */
export function yuanToFen(yuan: string | number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || (typeof yuan === 'string' && yuan.trim() === '')) return null;
  return yuanToFenOrNull(yuan, { allowNegative: true });
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '-';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '-';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function formatNumber(value: number | null | undefined, locale = 'zh-CN'): string {
  if (value === null || value === undefined) return '-';
  return new Intl.NumberFormat(locale).format(value);
}

/** The last part of a region path: "广东省 / 广州市 / 天河区" -> "天河区". */
export function regionShortName(path: string): string {
  const parts = path.split(' / ');
  return parts[parts.length - 1] || path;
}
