import type { Role } from '../../../shared/permissions.js';
import { isDealerRole } from '../../../shared/permissions.js';
import { passwordProblems } from '../../../shared/limits.js';
import type { CreateUserBody, UpdateUserBody, User } from '../../../shared/schemas/index.js';
import type { UsersTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { AppError, conflict, invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { commonPasswordProblems, hashPassword } from '../../core/passwords.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { assertRegionCodes } from '../regions/regions.service.js';
import * as repo from './users.repo.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { countUsers, findUserById, findUserByUsername } from './users.repo.js';

const isUniqueViolation = (error: unknown) => /unique|duplicate key/i.test(String((error as Error)?.message));

export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    dealerId: row.dealer_id,
    regionCodes: JSON.parse(row.region_codes) as string[],
    active: row.active === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

export function assertStrongPassword(password: string, username: string) {
  const problems = [...passwordProblems(password, username), ...commonPasswordProblems(password, username)];
  if (problems.length) {
    throw new AppError(
      'WEAK_PASSWORD',
      `The password ${problems.join('; ')}`,
      problems.map((message) => ({ path: '/password', message })),
    );
  }
}

/** A role's binding: dealer roles need a dealer, regional managers need regions, HQ neither. */
async function checkBinding(ctx: ServiceContext, role: Role, dealerId: string | null, regionCodes: string[]) {
  if (isDealerRole(role)) {
    if (!dealerId) throw invalid('/dealerId', `is required for role ${role}`);
    const dealer = await ctx.db.selectFrom('dealers').select('id').where('id', '=', dealerId).executeTakeFirst();
    if (!dealer) throw invalid('/dealerId', 'is not an existing dealer');
  } else if (dealerId) {
    throw invalid('/dealerId', `must be empty for role ${role}`);
  }
  if (role === 'regional_manager' && regionCodes.length === 0) throw invalid('/regionCodes', 'needs at least one region for a regional manager');
  assertRegionCodes(regionCodes.map((code, i) => ({ code, path: `/regionCodes/${i}` })));
}

export async function listUsers(ctx: ServiceContext, filter: { q?: string; role?: string }, page: PageRequest) {
  const rows = await repo.listUsers(ctx.db, filter, page);
  return toPage(rows, page.limit, (r) => r.id, toUser);
}

export async function createUser(ctx: ServiceContext, body: CreateUserBody): Promise<User> {
  assertStrongPassword(body.password, body.username);
  const dealerId = body.dealerId ?? null;
  const regionCodes = body.regionCodes ?? [];
  await checkBinding(ctx, body.role, dealerId, regionCodes);
  if (await repo.findUserByUsername(ctx.db, body.username)) throw conflict(`Username ${body.username} is taken`);
  const now = ctx.clock.now().toISOString();
  const row: UsersTable = {
    id: newId('usr'),
    username: body.username,
    display_name: body.displayName,
    password_hash: await hashPassword(body.password),
    role: body.role,
    dealer_id: dealerId,
    region_codes: JSON.stringify(regionCodes),
    active: 1,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(row).execute();
      const { password_hash: _hidden, ...visible } = row;
      await appendAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, change: visible });
    });
  } catch (error) {
    // Two requests racing for one username both pass the check above; the unique index decides.
    if (isUniqueViolation(error)) throw conflict(`Username ${body.username} is taken`);
    throw error;
  }
  return toUser(row);
}

export async function updateUser(ctx: ServiceContext, id: string, body: UpdateUserBody): Promise<User> {
  const current = await repo.findUserById(ctx.db, id);
  if (!current) throw notFound(`User ${id}`);
  const username = body.username ?? current.username;
  if (body.password !== undefined) assertStrongPassword(body.password, username);
  const role = (body.role ?? current.role) as Role;
  const dealerId = body.dealerId !== undefined ? body.dealerId : current.dealer_id;
  const regionCodes = body.regionCodes ?? (JSON.parse(current.region_codes) as string[]);
  await checkBinding(ctx, role, dealerId, regionCodes);
  if (body.username && body.username !== current.username && (await repo.findUserByUsername(ctx.db, body.username))) {
    throw conflict(`Username ${body.username} is taken`);
  }
  if (id === ctx.caller.id && (body.active === false || (body.role && body.role !== current.role))) {
    throw new AppError('BUSINESS_RULE', 'You cannot deactivate yourself or change your own role');
  }
  const patch: Partial<UsersTable> = {
    username,
    display_name: body.displayName ?? current.display_name,
    role,
    dealer_id: dealerId,
    region_codes: JSON.stringify(regionCodes),
    updated_at: ctx.clock.now().toISOString(),
  };
  if (body.active !== undefined) {
    patch.active = body.active ? 1 : 0;
    // Re-activating also lifts a lockout: that is how an admin unlocks an account.
    if (body.active) Object.assign(patch, { failed_logins: 0, locked_until: null });
  }
  if (body.password !== undefined) patch.password_hash = await hashPassword(body.password);
  await ctx.db.transaction().execute(async (trx) => {
    try {
      await trx.updateTable('users').set(patch).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Username ${username} is taken`);
      throw error;
    }
    // A changed password, role or deactivation ends the user's sessions.
    if (body.password !== undefined || body.active === false || patch.role !== current.role) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    const { password_hash, ...visible } = patch;
    await appendAudit(trx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      change: { ...visible, passwordChanged: password_hash !== undefined },
    });
  });
  return toUser((await repo.findUserById(ctx.db, id))!);
}
