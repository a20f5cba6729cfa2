import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, creditCodeProblem, isCreditCode, normalizeCreditCode } from './credit-code.rules.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real published codes', () => {
    // The standard's own example, and the published codes of two well-known companies.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) expect(isCreditCode(code), code).toBe(true);
  });

  it('computes the check character over the first 17 characters with weights 3^(i-1) mod 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91110000802100433')).toBe('B');
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
    // A result of 31 wraps to 0 and 30 is Y, the last character of the set.
    expect(creditCodeCheckChar('91440300MA5F2K8Q1')).toBe('9');
    expect(creditCodeCheckChar('92440106MA59C7X0J')).toBe('W');
  });

  it('refuses a wrong check digit, naming that as the problem', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checkDigit');
    expect(creditCodeProblem('91440300708461136X')).toBe('checkDigit');
  });

  it('catches every single-character typo in a valid code', () => {
    const code = '91440300708461136T';
    for (let i = 0; i < 18; i++) {
      for (const ch of CREDIT_CODE_CHARSET) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isCreditCode(typo), typo).toBe(false);
      }
    }
  });

  it('refuses characters outside the 31-character set (I, O, S, V, Z) and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100YI3')).toBe('charset');
    expect(creditCodeProblem('9135010OM000100Y43')).toBe('charset');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    expect(creditCodeCheckChar('91350100M000100S4')).toBeNull();
  });

  it('normalizes case and spaces before checking', () => {
    expect(normalizeCreditCode(' 91110000 802100433b ')).toBe('91110000802100433B');
    expect(isCreditCode(normalizeCreditCode('91440300708461136t'))).toBe(true);
  });
});
