// Frozen: never edit a released migration; add a new one. No app imports.
// VMI proposal lines now follow stock health's (s, S) targets: each line keeps the reorder point
// that triggered it and the days its forecast covers (its lead time + the order cycle). Lines made
// before stay NULL there: they were sized by the old VMI formula and say so by having none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('vmi_proposal_lines').addColumn('reorder_point', 'integer').execute();
  await db.schema.alterTable('vmi_proposal_lines').addColumn('cover_days', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('vmi_proposal_lines').dropColumn('cover_days').execute();
  await db.schema.alterTable('vmi_proposal_lines').dropColumn('reorder_point').execute();
}
