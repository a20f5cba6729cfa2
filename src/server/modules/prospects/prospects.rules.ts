// Pure rules of the prospect pipeline (docs/rules.md, C1, C3).
import { PROSPECT_TRANSITIONS, type ProspectStage } from '../../../shared/schemas/recruitment.js';
import { regionPrefix } from '../../core/access.js';
import { ancestorCodes } from '../dealers/dealers.rules.js';

export const canMoveProspect = (from: ProspectStage, to: ProspectStage) => PROSPECT_TRANSITIONS[from].includes(to);
export const isTerminalStage = (stage: ProspectStage) => stage === 'converted' || stage === 'rejected';

/**
 * The key two entries of one company share: case, spaces and the width of brackets and
 * punctuation ignored (“（深圳）” and "(深圳)" are the same company name).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC') // full-width （）ＡＢＣ１２３ -> ()ABC123
    .toLowerCase()
    .replace(/[\s·•.,，。、'"“”‘’-]+/g, '');
}

/** Digits only; a mainland mobile number written with +86/86 in front is the same number. */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D+/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** The next human number of a year after the highest one used, e.g. P20260007 -> P20260008. */
export const prospectNumber = (year: string, seq: number): string => `P${year}${String(seq).padStart(4, '0')}`;

/** The sequence of a prospect number of that year (P20260007 -> 7), 0 for none or another year. */
export function prospectSeq(year: string, number: string | undefined): number {
  const prefix = `P${year}`;
  const seq = number?.startsWith(prefix) ? Number(number.slice(prefix.length)) : 0;
  return Number.isSafeInteger(seq) ? seq : 0;
}

/** The dealer code a converted prospect gets unless the contract names one: P20260007 -> D20260007. */
export const dealerCodeFor = (prospectNumber: string) => `D${prospectNumber.slice(1)}`;

/** A region inside one of `scopeCodes` (a regional manager may only enter prospects for its regions). */
export const regionInside = (code: string, scopeCodes: string[]) => scopeCodes.some((s) => code.startsWith(regionPrefix(s)));

/** The SQL-ready conditions of "a region overlapping `code`": inside it (prefix) or containing it. */
export const overlapTerms = (code: string) => ({ prefix: `${regionPrefix(code)}%`, ancestors: ancestorCodes(code) });

export function duplicateIndex(values: string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i])) return i;
    seen.add(values[i]);
  }
  return -1;
}
