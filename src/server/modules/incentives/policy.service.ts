// Incentive policies: versions with effective dates. A version is never edited; publishing a
// change adds the next version, effective from a date that is not in the past, so statements
// already calculated under an earlier version keep meaning what they meant.
import type { IncentivePolicy, PolicyVersion, PolicyVersions, PutPolicyBody } from '../../../shared/schemas/incentives.js';
import type { ServiceContext } from '../../core/caller.js';
import type { Database } from '../../db/database.js';
import type { IncentivePoliciesTable } from '../../db/types.js';
import { appendAudit } from '../../core/audit.js';
import { invalid, invalidMany, isoNowDate } from './shared.js';
import { DEFAULT_POLICY, policyErrors } from './policy.rules.js';
import { isRealDate } from '../../../shared/dates.js';

const DEFAULT_VERSION: PolicyVersion = {
  version: 0,
  effectiveFrom: '2000-01-01',
  note: 'built-in defaults (docs/rules.md, C8)',
  createdBy: 'system',
  createdAt: '2000-01-01T00:00:00.000Z',
  policy: DEFAULT_POLICY,
};

const toVersion = (r: IncentivePoliciesTable): PolicyVersion => ({
  version: Number(r.version),
  effectiveFrom: r.effective_from,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  policy: JSON.parse(r.document) as IncentivePolicy,
});

/** The version in force on a date (the defaults before any version was published). */
export async function policyOn(db: Database, date: string): Promise<PolicyVersion> {
  const row = await db.selectFrom('incentive_policies').selectAll().where('effective_from', '<=', date).orderBy('effective_from', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toVersion(row) : DEFAULT_VERSION;
}

export async function listPolicies(ctx: ServiceContext): Promise<PolicyVersions> {
  const rows = await ctx.db.selectFrom('incentive_policies').selectAll().orderBy('version', 'desc').execute();
  return { current: await policyOn(ctx.db, isoNowDate(ctx)), versions: [...rows.map(toVersion), DEFAULT_VERSION] };
}

export function assertPolicy(policy: IncentivePolicy): void {
  const errors = policyErrors(policy);
  if (errors.length) throw invalidMany(errors);
}

export async function publishPolicy(ctx: ServiceContext, body: PutPolicyBody): Promise<PolicyVersion> {
  if (!isRealDate(body.effectiveFrom)) throw invalid('/effectiveFrom', 'is not a real date');
  if (body.effectiveFrom < isoNowDate(ctx)) throw invalid('/effectiveFrom', 'must not be in the past (published versions are frozen)');
  assertPolicy(body.policy);
  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('incentive_policies').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
    const row: IncentivePoliciesTable = {
      version: Number(last?.version ?? 0) + 1,
      effective_from: body.effectiveFrom,
      document: JSON.stringify(body.policy),
      note: body.note ?? null,
      created_by: ctx.caller.name,
      created_at: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('incentive_policies').values(row).execute();
    await appendAudit(trx, ctx, { action: 'incentive_policy.publish', entityType: 'incentive_policy', entityId: String(row.version), change: body });
    return toVersion(row);
  });
}
