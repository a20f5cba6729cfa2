import { randomBytes } from 'node:crypto';
import { isDealerRole, type Role } from '../../../shared/permissions.js';
import type { ApiKey, CreateApiKeyBody } from '../../../shared/schemas/index.js';
import type { ApiKeysTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { API_KEY_PREFIX, newSecret } from '../../core/auth.js';
import { sha256 } from '../../core/canonical.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { readSetting } from '../../core/settings.js';
import { assertRegionCodes } from '../regions/regions.service.js';
import { AUTH_SETTINGS } from '../auth/auth.settings.js';

const DAY_MS = 86_400_000;

const toApiKey = (row: ApiKeysTable): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  role: row.role as Role,
  dealerId: row.dealer_id,
  regionCodes: JSON.parse(row.region_codes) as string[],
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
  expiresAt: row.expires_at,
});

export async function listApiKeys(ctx: ServiceContext, page: PageRequest) {
  let query = ctx.db
    .selectFrom('api_keys')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  return toPage(await query.execute(), page.limit, (r) => r.id, toApiKey);
}

/**
 * Creates a key; the secret is returned once and only its SHA-256 is stored. Every key expires
 * (a leaked key forgotten in a script stops working), within the maximum HQ allows.
 */
export async function createApiKey(ctx: ServiceContext, body: CreateApiKeyBody): Promise<{ apiKey: ApiKey; secret: string }> {
  const { apiKeyDefaultDays, apiKeyMaxDays } = await readSetting(ctx.db, AUTH_SETTINGS);
  const days = body.expiresInDays ?? Math.min(apiKeyDefaultDays, apiKeyMaxDays);
  if (days > apiKeyMaxDays) throw invalid('/expiresInDays', `must be at most ${apiKeyMaxDays}`);
  const dealerId = body.dealerId ?? null;
  const regionCodes = body.regionCodes ?? [];
  if (isDealerRole(body.role)) {
    if (!dealerId) throw invalid('/dealerId', `is required for role ${body.role}`);
    if (!(await ctx.db.selectFrom('dealers').select('id').where('id', '=', dealerId).executeTakeFirst())) {
      throw invalid('/dealerId', 'is not an existing dealer');
    }
  } else if (dealerId) throw invalid('/dealerId', `must be empty for role ${body.role}`);
  if (body.role === 'regional_manager' && regionCodes.length === 0) throw invalid('/regionCodes', 'needs at least one region for a regional manager');
  assertRegionCodes(regionCodes.map((code, i) => ({ code, path: `/regionCodes/${i}` })));
  const prefix = randomBytes(4).toString('hex');
  const secret = `${API_KEY_PREFIX}${prefix}_${newSecret()}`;
  const now = ctx.clock.now();
  const row: ApiKeysTable = {
    id: newId('key'),
    name: body.name,
    prefix: `${API_KEY_PREFIX}${prefix}`,
    key_hash: sha256(secret),
    role: body.role,
    dealer_id: dealerId,
    region_codes: JSON.stringify(regionCodes),
    created_by: ctx.caller.name,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
    expires_at: new Date(now.getTime() + days * DAY_MS).toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_keys').values(row).execute();
    const { key_hash: _hidden, ...visible } = row;
    await appendAudit(trx, ctx, { action: 'apiKey.create', entityType: 'api_key', entityId: row.id, change: visible });
  });
  return { apiKey: toApiKey(row), secret };
}

export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<ApiKey> {
  const row = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`API key ${id}`);
  if (row.revoked_at) return toApiKey(row);
  const revokedAt = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, { action: 'apiKey.revoke', entityType: 'api_key', entityId: id, change: { revokedAt } });
  });
  return toApiKey({ ...row, revoked_at: revokedAt });
}
