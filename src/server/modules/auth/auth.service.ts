import { can, PERMISSIONS, type Role } from '../../../shared/permissions.js';
import { LOGIN_LOCK_MINUTES, LOGIN_MAX_FAILURES } from '../../../shared/limits.js';
import type { Database } from '../../db/database.js';
import type { Caller } from '../../core/caller.js';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { createSession, deleteSession } from '../../core/auth.js';
import { dummyPasswordHash, verifyPassword } from '../../core/passwords.js';
import { findUserByUsername } from '../users/users.repo.js';

const WRONG = 'Wrong username or password';

export interface LoginResult {
  token: string;
  caller: Caller;
}

/**
 * Checks a password. Repeated failures lock the account for a while (stored in the database,
 * so every instance honours it); unknown users cost the same time as wrong passwords.
 */
export async function login(
  deps: { db: Database; clock: Clock },
  body: { username: string; password: string },
  meta: { ip?: string; userAgent?: string; requestId: string },
): Promise<LoginResult> {
  const { db, clock } = deps;
  const user = await findUserByUsername(db, body.username);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), body.password);
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  const now = clock.now();
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('ACCOUNT_LOCKED', `Too many failed logins; try again after ${user.locked_until}`, undefined, { lockedUntil: user.locked_until });
  }
  const ok = user.active === 1 && (await verifyPassword(user.password_hash, body.password));
  const caller: Caller = {
    kind: 'user',
    id: user.id,
    name: user.display_name || user.username,
    role: user.role as Role,
    dealerId: user.dealer_id,
    regionCodes: JSON.parse(user.region_codes) as string[],
  };
  const auditCtx = { caller, clock, requestId: meta.requestId };
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil ?? user.locked_until })
        .where('id', '=', user.id)
        .execute();
      if (lock) await appendAudit(trx, auditCtx, { action: 'auth.locked', entityType: 'user', entityId: user.id, change: { lockedUntil, ip: meta.ip } });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', `Too many failed logins; try again after ${lockedUntil}`, undefined, { lockedUntil });
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  const token = await createSession(db, clock, user.id, meta);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await appendAudit(trx, auditCtx, { action: 'auth.login', entityType: 'user', entityId: user.id, change: { ip: meta.ip ?? null } });
  });
  return { token, caller };
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
