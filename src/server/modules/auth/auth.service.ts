import { sql } from 'kysely';
import { can, PERMISSIONS, type Role } from '../../../shared/permissions.js';
import type { Database } from '../../db/database.js';
import type { Caller } from '../../core/caller.js';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { createSession, deleteSession } from '../../core/auth.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../core/passwords.js';
import { readSetting } from '../../core/settings.js';
import { findUserByUsername } from '../users/users.service.js';
import { AUTH_SETTINGS, type AuthSettings } from './auth.settings.js';
import { accountKey, delayAfterFailures, ipKey, retryAfterSeconds, type ThrottlePolicy } from './auth.rules.js';

const WRONG = 'Wrong username or password';

export interface LoginResult {
  token: string;
  caller: Caller;
  /** hours until the session's absolute end (the cookie's max age) */
  sessionHours: number;
}

type Throttle = AuthSettings['throttle'];
const policyOf = (key: string, t: Throttle): ThrottlePolicy => ({
  freeFailures: key.startsWith('ip:') ? t.ipFreeFailures : t.accountFreeFailures,
  baseDelaySeconds: t.baseDelaySeconds,
  maxDelaySeconds: t.maxDelaySeconds,
});

/** The latest running wait of any of `keys`, or null. */
async function runningWait(db: Database, keys: string[], now: Date): Promise<string | null> {
  const rows = await db.selectFrom('login_throttles').select('blocked_until').where('key', 'in', keys).execute();
  const until = rows.map((r) => r.blocked_until).filter((b): b is string => !!b && b > now.toISOString());
  return until.length ? until.sort().at(-1)! : null;
}

/**
 * Counts a failure for each key (atomically, so concurrent instances never lose one) and starts
 * its next wait. Failures older than the window are forgotten; a wait never shortens.
 */
async function recordFailure(db: Database, keys: string[], now: Date, throttle: Throttle) {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - throttle.windowMinutes * 60_000).toISOString();
  for (const key of keys) {
    const row = await db
      .insertInto('login_throttles')
      .values({ key, failures: 1, last_failure_at: at, blocked_until: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when login_throttles.last_failure_at < ${windowStart} then 1 else login_throttles.failures + 1 end`,
          last_failure_at: at,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const delay = delayAfterFailures(Number(row.failures), policyOf(key, throttle));
    if (delay === 0) continue;
    const until = new Date(now.getTime() + delay * 1000).toISOString();
    await db
      .updateTable('login_throttles')
      .set({ blocked_until: until })
      .where('key', '=', key)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', until)]))
      .execute();
  }
}

/**
 * Checks a password. Failures slow further attempts per account name and per client address
 * (auth.rules.ts; rows in the database so every instance honours them) instead of locking the
 * account. An attempt inside a wait is refused with 429 before any lookup, identically for real
 * and unknown names; every other failure (unknown name, deactivated user, wrong password) runs
 * exactly one argon2 verification and gets the same 401.
 */
export async function login(deps: { db: Database; clock: Clock }, body: { username: string; password: string }, meta: { ip?: string; userAgent?: string; requestId: string }): Promise<LoginResult> {
  const { db, clock } = deps;
  const settings = await readSetting(db, AUTH_SETTINGS);
  const now = clock.now();
  const keys = [accountKey(body.username), ...(meta.ip ? [ipKey(meta.ip)] : [])];
  const wait = await runningWait(db, keys, now);
  if (wait) {
    const seconds = retryAfterSeconds(wait, now);
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${seconds} seconds`, undefined, { retryAfterSeconds: seconds });
  }
  const found = await findUserByUsername(db, body.username);
  const user = found && found.active === 1 ? found : undefined;
  const verified = await verifyPassword(user?.password_hash ?? DUMMY_PASSWORD_HASH, body.password);
  if (!user || !verified) {
    await recordFailure(db, keys, now, settings.throttle);
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  const caller: Caller = {
    kind: 'user',
    id: user.id,
    name: user.display_name || user.username,
    role: user.role as Role,
    dealerId: user.dealer_id,
    regionCodes: JSON.parse(user.region_codes) as string[],
  };
  const token = await createSession(db, clock, user.id, meta, settings.sessionAbsoluteHours, settings.sessionIdleHours);
  await db.transaction().execute(async (trx) => {
    // The owner got in: the name's count starts again. The address keeps its count, or one
    // attacker account could reset the address it sprays from.
    await trx.deleteFrom('login_throttles').where('key', '=', accountKey(body.username)).execute();
    await appendAudit(trx, { caller, clock, requestId: meta.requestId }, { action: 'auth.login', entityType: 'user', entityId: user.id, change: { ip: meta.ip ?? null } });
  });
  return { token, caller, sessionHours: settings.sessionAbsoluteHours };
}

/** Forgets throttle rows whose failures are outside the window and whose wait is over (nightly). */
export async function purgeLoginThrottles(db: Database, clock: Clock): Promise<number> {
  const { throttle } = await readSetting(db, AUTH_SETTINGS);
  const now = clock.now();
  const windowStart = new Date(now.getTime() - throttle.windowMinutes * 60_000).toISOString();
  const result = await db
    .deleteFrom('login_throttles')
    .where('last_failure_at', '<', windowStart)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function logout(deps: { db: Database; clock: Clock }, token: string | undefined, caller: Caller | null, requestId: string) {
  if (!token) return;
  await deleteSession(deps.db, token);
  if (caller) {
    await appendAudit(deps.db, { caller, clock: deps.clock, requestId }, { action: 'auth.logout', entityType: 'user', entityId: caller.id, change: null });
  }
}

export function meOf(caller: Caller, username: string) {
  return {
    user: {
      id: caller.id ?? '',
      username,
      displayName: caller.name,
      role: caller.role,
      dealerId: caller.dealerId,
      regionCodes: caller.regionCodes,
      permissions: PERMISSIONS.filter((p) => can(caller.role, p)),
    },
  };
}
