// GB 32100-2015 统一社会信用代码: 18 characters from a 31-character set (digits and capitals
// without I, O, S, V, Z); the 18th is a check character over the first 17.

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]; // 3^(i-1) mod 31

/** The check character for the first 17 characters, or null when one is outside the set. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[check];
}

export type CreditCodeProblem = 'length' | 'charset' | 'checkDigit';

/** Why a code is not a valid unified social credit code, or null when it is one. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'charset';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checkDigit';
}

export const isCreditCode = (code: string) => creditCodeProblem(code) === null;

/** Codes are typed in either case; the canonical form is upper case without spaces. */
export const normalizeCreditCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();
