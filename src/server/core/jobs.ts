import type { Database } from '../db/database.js';
import type { Clock } from './clock.js';

/**
 * A lease in the database: of several app instances, only the holder runs a job (a period close,
 * the demo seed). Expired leases can be taken over.
 */
export async function tryLease(db: Database, clock: Clock, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = clock.now();
  const expires = new Date(now.getTime() + ttlMs).toISOString();
  try {
    await db.insertInto('job_leases').values({ name, holder, expires_at: expires }).execute();
    return true;
  } catch {
    const taken = await db
      .updateTable('job_leases')
      .set({ holder, expires_at: expires })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expires_at', '<', now.toISOString()), eb('holder', '=', holder)]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }
}

export async function releaseLease(db: Database, name: string, holder: string) {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute();
}
