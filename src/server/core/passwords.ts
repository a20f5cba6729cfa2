import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Unknown and deactivated users are verified against this, so every failed sign-in costs one
 * argon2 verification with the parameters of real hashes (no user enumeration by timing).
 * A constant, not hashed at start-up, so the first unknown name is not slower than the rest;
 * test/passwords.test.ts checks its parameters still equal ARGON2_OPTIONS. Nothing hashes to it.
 */
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$/o61VDsybVKW9SyVnVLl/w$61ed3SD6CepfwAydBZJZrzvq7YidWTok1fb+vhJmDTQ';

// ---- common passwords

/** How many of the ranked list (most common first) are refused. */
const COMMON_LIST_SIZE = 10_000;

/**
 * Passwords and stems common among Chinese users that the (mostly Western) ranked list misses or
 * ranks low: love numbers (520 = 我爱你, 1314 = 一生一世), pinyin phrases, QQ-style prefixes,
 * keyboard walks and the product's own name.
 */
const CHINESE_COMMON = [
  '123456',
  'a123456',
  'a123456789',
  'aa123456',
  'qq123456',
  'abc123456',
  'wang123456',
  'zhang123456',
  'li123456',
  '5201314',
  '1314520',
  '520520',
  '521521',
  '1314521',
  '7758521',
  '7758258',
  '5211314',
  '147258369',
  '159357',
  '147258',
  '123qwe',
  'qwe123',
  '1qaz2wsx',
  '1q2w3e4r',
  'zxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  '88888888',
  '66666666',
  '11111111',
  'woaini',
  'woaini520',
  'woaini1314',
  'woainimama',
  'woaiwojia',
  'aini1314',
  'iloveyou',
  'wobuzhidao',
  'nihao',
  'nihao123',
  'caonima',
  'tianya',
  'zhongguo',
  'beijing',
  'shanghai',
  'guangzhou',
  'shenzhen',
  'baidu',
  'taobao',
  'weixin',
  'wechat',
  'admin',
  'admin123',
  'administrator',
  'root',
  'test',
  'test123',
  'guest',
  'manager',
  'dealer',
  'jingxiaoshang',
  'zhangwei',
  'wangwei',
  'wangfang',
  'liwei',
  'lina',
  'zhangmin',
  'lijing',
  'wangjing',
  'liuwei',
  'wangxiuying',
];

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set([...dictionary['passwords-common'].slice(0, COMMON_LIST_SIZE), ...CHINESE_COMMON]));

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', $: 's', '5': 's', '7': 't', '+': 't' };
const unleet = (s: string) => s.replace(/[@40!13$57+]/g, (c) => LEET[c]);

/**
 * The forms a guesser tries first for a password: as typed (lower case), without the digits and
 * symbols people add to satisfy a policy ("Password2026!" is "password"), and de-leeted
 * ("P@ssw0rd" is "password"). Stems shorter than four letters are not judged on their own.
 */
function guessableForms(password: string): string[] {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/[^a-z]+$/, '');
  const stem = trimmed.replace(/^[^a-z]+/, '');
  const forms = [lower, lower.replace(/[^a-z0-9]+$/, '')];
  for (const f of [trimmed, unleet(trimmed), stem, unleet(stem)]) if (f.length >= 4) forms.push(f);
  return forms;
}

/**
 * The username as a guesser would weave it in: whole, without its separators ("wang.fang" gives
 * "wangfang") and reversed. Its single parts are not refused: "Bench#Pass2026" for bench.admin
 * is not a username pattern.
 */
function usernameForms(username: string): string[] {
  const lower = username.toLowerCase();
  const joined = lower.replace(/[^a-z0-9]/g, '');
  return [...new Set([lower, joined, [...joined].reverse().join('')])].filter((f) => f.length >= 3);
}

/**
 * Problems beyond length and character classes (src/shared/limits.ts): a password that is, or is
 * a decorated form of, a common password, or that is built on the username. Server-side only:
 * the list is too large for the browser bundle.
 */
export function commonPasswordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  const list = commonPasswords();
  if (guessableForms(password).some((f) => list.has(f))) problems.push('is a commonly used password (or one with a few digits or symbols added)');
  if (username) {
    const forms = guessableForms(password);
    const lower = password.toLowerCase();
    const unleeted = unleet(lower);
    // Containing the username as typed is already refused by passwordProblems (src/shared/limits.ts).
    const builtOn = usernameForms(username).some((u) => lower.includes(u) || unleeted.includes(u) || forms.includes(u));
    if (builtOn && !lower.includes(username.toLowerCase())) problems.push('must not be built on the username');
  }
  return problems;
}
