import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, ProspectChecklistItemsTable } from '../../db/types.js';

type Db = Database | Transaction<DB>;

export const itemsOf = (db: Db, prospectId: string) => db.selectFrom('prospect_checklist_items').selectAll().where('prospect_id', '=', prospectId).orderBy('checklist').orderBy('position').execute();

export const findItem = (db: Db, prospectId: string, itemId: string) =>
  db.selectFrom('prospect_checklist_items').selectAll().where('prospect_id', '=', prospectId).where('id', '=', itemId).executeTakeFirst();

export async function countItems(db: Db, prospectId: string): Promise<number> {
  const row = await db
    .selectFrom('prospect_checklist_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('prospect_id', '=', prospectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertItems = (db: Db, rows: ProspectChecklistItemsTable[]) => db.insertInto('prospect_checklist_items').values(rows).execute();

export const evidenceOfProspect = (db: Db, prospectId: string) => db.selectFrom('prospect_evidence').selectAll().where('prospect_id', '=', prospectId).orderBy('id').execute();

export const findEvidence = (db: Db, prospectId: string, evidenceId: string) =>
  db.selectFrom('prospect_evidence').selectAll().where('prospect_id', '=', prospectId).where('id', '=', evidenceId).executeTakeFirst();

export const findingsOf = (db: Db, prospectId: string) => db.selectFrom('prospect_findings').selectAll().where('prospect_id', '=', prospectId).orderBy('id').execute();
