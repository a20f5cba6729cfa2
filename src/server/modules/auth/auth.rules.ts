// Progressive delay for failed sign-ins (pure; the rows live in `login_throttles`).
// A hard lock lets anyone who knows a user name keep that user out; a capped, growing wait
// still makes guessing slow (a few hundred tries a day at the cap) while the owner gets in
// as soon as the current wait is over.

export interface ThrottlePolicy {
  /** failures allowed before the first wait */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

/** Seconds a key must wait after its `failures`-th failure: 0, then base, 2x base, 4x base ... up to the cap. */
export function delayAfterFailures(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  // 2^over overflows to Infinity for huge counts, which the cap absorbs.
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (over - 1));
}

/** Whole seconds to announce in Retry-After (never 0 while a wait is running). */
export const retryAfterSeconds = (blockedUntil: string, now: Date) => Math.max(1, Math.ceil((Date.parse(blockedUntil) - now.getTime()) / 1000));

/** Throttle keys: the account name as typed (lower case, so case games share a counter) and the client address. */
export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
