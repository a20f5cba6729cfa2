import type { Database } from '../../db/database.js';
import type { UsersTable } from '../../db/types.js';
import type { PageRequest } from '../../core/list.js';

export const findUserById = (db: Database, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByUsername = (db: Database, username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export function listUsers(db: Database, filter: { q?: string; role?: string; dealerId?: string }, page: PageRequest) {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.dealerId) query = query.where('dealer_id', '=', filter.dealerId);
  if (filter.q) {
    const like = `%${filter.q}%`;
    query = query.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
  }
  return query.execute();
}

export const insertUser = (db: Database, row: UsersTable) => db.insertInto('users').values(row).execute();

export const updateUser = (db: Database, id: string, patch: Partial<UsersTable>) => db.updateTable('users').set(patch).where('id', '=', id).execute();

export const countUsers = async (db: Database) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
