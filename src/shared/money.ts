// The one yuan -> fen parser (docs/rules.md, Conventions: money is integer 分), used by the server's
// imports (admin data, sell-out, targets) and the web's money inputs. Text is read as a decimal
// string, never through float arithmetic, so "0.29" is 29 fen; a spreadsheet number is accepted
// when it is a whole number of fen up to float noise (0.29 arrives as 0.29 * 100 = 28.999...).

export type YuanProblem = 'not_amount' | 'negative' | 'too_large';
export type ParsedYuan = { ok: true; fen: number } | { ok: false; problem: YuanProblem };

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** "¥1,234.56", " 12.3 ", 1234.5 -> fen. Negative amounts only when `allowNegative`. */
export function parseYuan(value: string | number, options: { allowNegative?: boolean } = {}): ParsedYuan {
  if (typeof value === 'number') return parseYuanNumber(value, options.allowNegative ?? false);
  const cleaned = value
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .replace(/\s/g, '');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, problem: 'not_amount' };
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, problem: 'not_amount' };
  const magnitude = BigInt(m[2] || '0') * 100n + BigInt(decimals.padEnd(2, '0'));
  if (m[1] === '-' && magnitude > 0n && !options.allowNegative) return { ok: false, problem: 'negative' };
  if (magnitude > MAX_FEN) return { ok: false, problem: 'too_large' };
  const fen = Number(magnitude);
  return { ok: true, fen: m[1] === '-' && fen > 0 ? -fen : fen };
}

function parseYuanNumber(value: number, allowNegative: boolean): ParsedYuan {
  if (!Number.isFinite(value)) return { ok: false, problem: 'not_amount' };
  if (value < 0 && !allowNegative) return { ok: false, problem: 'negative' };
  const scaled = value * 100;
  const fen = Math.round(scaled);
  if (Math.abs(scaled - fen) > 1e-6 * Math.max(1, Math.abs(scaled))) return { ok: false, problem: 'not_amount' };
  if (!Number.isSafeInteger(fen)) return { ok: false, problem: 'too_large' };
  return { ok: true, fen };
}

/** Fen or null: for callers that only need "is it money" (inputs, optional columns). */
export const yuanToFenOrNull = (value: string | number, options: { allowNegative?: boolean } = {}): number | null => {
  const parsed = parseYuan(value, options);
  return parsed.ok ? parsed.fen : null;
};
