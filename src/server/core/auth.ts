import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Role } from '../../shared/permissions.js';
import type { Caller } from './caller.js';
import type { Clock } from './clock.js';
import { sha256 } from './canonical.js';

export const SESSION_COOKIE = 'qudao_sid';
const LAST_SEEN_GRANULARITY_MS = 5 * 60_000;

export const newSecret = () => randomBytes(32).toString('base64url');

/** Default lifetimes; the auth.security setting (modules/auth/auth.settings.ts) decides them at sign-in. */
export const SESSION_ABSOLUTE_HOURS = 12;
export const SESSION_IDLE_HOURS = 12;

/**
 * A new session: it ends after `idleHours` without use, and `absoluteHours` after sign-in
 * however busy it is, so a stolen cookie kept alive by a script still dies. The idle window is
 * not stored: it is `expires_at - last_seen_at` of the row, which each use slides forward (a
 * window capped by the absolute end stays capped, see callerFromSession). A changed setting
 * therefore applies to sessions signed in after the change.
 */
export async function createSession(db: Database, clock: Clock, userId: string, meta: { ip?: string; userAgent?: string }, absoluteHours = SESSION_ABSOLUTE_HOURS, idleHours = SESSION_IDLE_HOURS) {
  const token = newSecret();
  const now = clock.now();
  const absoluteEnd = now.getTime() + absoluteHours * 3600_000;
  const idleEnd = now.getTime() + idleHours * 3600_000;
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(Math.min(idleEnd, absoluteEnd)).toISOString(),
      absolute_expires_at: new Date(absoluteEnd).toISOString(),
      last_seen_at: now.toISOString(),
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

/** Expired sessions can never be used again; the nightly job deletes them so the table stays small. */
export async function purgeExpiredSessions(db: Database, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', clock.now().toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSession(db: Database, token: string) {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

const parseRegions = (json: string): string[] => {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

/** Resolves a session cookie to its caller; sessions live in the database so instances share them. */
export async function callerFromSession(db: Database, clock: Clock, token: string): Promise<Caller | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.expires_at', 's.absolute_expires_at', 's.last_seen_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.dealer_id', 'u.region_codes', 'u.active'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  const now = clock.now();
  if (!row || row.active !== 1 || row.expires_at <= now.toISOString()) return null;
  if (row.absolute_expires_at && row.absolute_expires_at <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > LAST_SEEN_GRANULARITY_MS) {
    // Sliding idle expiry, written at most every few minutes so reads stay reads; it never
    // passes the absolute end. The window is the one granted at the last use: when that was
    // capped by the absolute end, now + window lies past it and the cap holds.
    const absoluteEnd = row.absolute_expires_at ? Date.parse(row.absolute_expires_at) : Infinity;
    const window = Date.parse(row.expires_at) - Date.parse(row.last_seen_at);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(Math.min(now.getTime() + window, absoluteEnd)).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    kind: 'user',
    id: row.id,
    name: row.display_name || row.username,
    role: row.role as Role,
    dealerId: row.dealer_id,
    regionCodes: parseRegions(row.region_codes),
    sessionId: row.sessionId,
  };
}

export const API_KEY_PREFIX = 'qd_';

export async function callerFromApiKey(db: Database, clock: Clock, secret: string): Promise<Caller | null> {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', sha256(secret)).executeTakeFirst();
  const now = clock.now();
  // A key without an expiry predates 0012_auth_hardening's backfill and is refused like an expired one.
  if (!row || row.revoked_at || !row.expires_at || row.expires_at <= now.toISOString()) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_SEEN_GRANULARITY_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    kind: 'apiKey',
    id: row.id,
    name: `api-key:${row.name}`,
    role: row.role as Role,
    dealerId: row.dealer_id,
    regionCodes: parseRegions(row.region_codes),
  };
}

export async function resolveCaller(db: Database, clock: Clock, request: FastifyRequest): Promise<Caller | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return callerFromApiKey(db, clock, authorization.slice(7).trim());
  const token = request.cookies?.[SESSION_COOKIE];
  return token ? callerFromSession(db, clock, token) : null;
}

/** The cookie lives as long as the session's absolute lifetime; the row decides the rest. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeHours = SESSION_ABSOLUTE_HOURS) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: maxAgeHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
