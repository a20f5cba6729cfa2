// Prospects (docs/rules.md, C1): entry by HQ or the public form, duplicates, details, scope, warnings.
import { isDealerRole, isHqRole } from '../../../shared/permissions.js';
import {
  PROSPECT_DETAIL_KEYS,
  type CreateProspectBody,
  type Decision,
  type Prospect,
  type ProspectDetailKey,
  type ProspectStage,
  type ProspectWarning,
  type UpdateProspectBody,
} from '../../../shared/schemas/index.js';
import type { ProspectsTable } from '../../db/types.js';
import type { Caller, ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { businessDate, yearOf } from '../../../shared/dates.js';
import { nextCounterValue } from '../../core/doc-numbers.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, type PageRequest } from '../../core/list.js';
import { assertRegionCodes, regionPath } from '../regions/regions.service.js';
import { findDealer, overlappingTerritories } from '../dealers/dealers.service.js';
import { territoryConflicts } from '../dealers/dealers.rules.js';
import * as repo from './prospects.repo.js';
import { creditCodeProblem, normalizeCreditCode } from './credit-code.rules.js';
import { duplicateIndex, isTerminalStage, nameKey, phoneKey, prospectNumber, prospectSeq, regionInside } from './prospects.rules.js';
import { insertEvent } from './stages.js';

type Details = Partial<Record<ProspectDetailKey, unknown>>;

export function prospectScopeOf(caller: Caller): repo.ProspectScope {
  if (isHqRole(caller.role) || caller.kind === 'system') return { kind: 'all' };
  if (isDealerRole(caller.role)) return { kind: 'none' };
  return { kind: 'regions', codes: caller.regionCodes };
}

/** A prospect the caller may see, else 404 (existence outside its regions is not revealed). */
export async function loadProspect(ctx: ServiceContext, id: string): Promise<ProspectsTable> {
  const row = await repo.findProspect(ctx.db, prospectScopeOf(ctx.caller), id);
  if (!row) throw notFound(`Prospect ${id}`);
  return row;
}

/** A prospect that can still be worked on (not converted, not rejected). */
export async function loadOpenProspect(ctx: ServiceContext, id: string, doing: string): Promise<ProspectsTable> {
  const row = await loadProspect(ctx, id);
  const stage = row.stage as ProspectStage;
  if (isTerminalStage(stage)) {
    throw new AppError('INVALID_TRANSITION', `Prospect ${row.number} is ${stage}: it cannot ${doing}`, undefined, { stage });
  }
  return row;
}

export const parseJson = <T>(text: string | null, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const detailView = (details: Details): Record<ProspectDetailKey, unknown> => {
  const out = {} as Record<ProspectDetailKey, unknown>;
  for (const key of PROSPECT_DETAIL_KEYS) out[key] = details[key] ?? (key === 'keyAccounts' || key === 'references' ? [] : null);
  return out;
};

export async function present(ctx: ServiceContext, rows: ProspectsTable[]): Promise<Prospect[]> {
  const regions = await repo.regionsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const byProspect = new Map<string, string[]>();
  for (const r of regions) (byProspect.get(r.prospect_id) ?? byProspect.set(r.prospect_id, []).get(r.prospect_id)!).push(r.region_code);
  return rows.map((row) => {
    const codes = byProspect.get(row.id) ?? [];
    return {
      id: row.id,
      number: row.number,
      name: row.name,
      contactName: row.contact_name,
      phone: row.phone,
      regionCodes: codes,
      regions: codes.map((code) => ({ regionCode: code, regionName: regionPath(code) })),
      stage: row.stage as ProspectStage,
      source: row.source as Prospect['source'],
      ...(detailView(parseJson<Details>(row.details, {})) as object),
      unifiedSocialCreditCode: row.unified_social_credit_code,
      latestScreening:
        row.screening_total_centi === null || row.screened_at === null
          ? null
          : { total: row.screening_total_centi / 100, passed: row.screening_passed === 1, knockedOut: row.screening_knocked_out === 1, at: row.screened_at },
      decision:
        row.decision === null
          ? null
          : { decision: row.decision as Decision, reasons: parseJson<string[]>(row.decision_reasons, []), decidedBy: row.decided_by ?? '', decidedAt: row.decided_at ?? row.updated_at },
      dealerId: row.dealer_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    } as Prospect;
  });
}

/**
 * Channel-conflict warnings (C1): a wanted region overlapping another dealer's exclusive
 * territory. A holder outside the caller's dealer scope is not named.
 */
export async function territoryWarnings(ctx: ServiceContext, row: ProspectsTable, codes: string[]): Promise<ProspectWarning[]> {
  const held = await overlappingTerritories(ctx.db, codes, row.dealer_id ? [row.dealer_id] : []);
  const conflicts = territoryConflicts(
    codes.map((regionCode) => ({ regionCode, exclusive: false })),
    held,
    {},
  );
  const scope = dealerScopeOf(ctx.caller);
  const visible = new Map<string, boolean>();
  const warnings: ProspectWarning[] = [];
  for (const c of conflicts) {
    if (!visible.has(c.dealerId)) visible.set(c.dealerId, scope.kind === 'all' || Boolean(await findDealer(ctx.db, scope, c.dealerId)));
    const named = visible.get(c.dealerId)!;
    warnings.push({
      code: 'TERRITORY_OVERLAP',
      message: `Wanted region ${regionPath(c.regionCode)} overlaps the exclusive territory ${regionPath(c.heldRegionCode)} of ${named ? `dealer ${c.dealerCode} ${c.dealerName}` : 'another dealer'}`,
      regionCode: c.regionCode,
      heldRegionCode: c.heldRegionCode,
      dealerId: named ? c.dealerId : null,
      dealerCode: named ? c.dealerCode : null,
      dealerName: named ? c.dealerName : null,
    });
  }
  return warnings;
}

export async function getProspect(ctx: ServiceContext, id: string): Promise<Prospect> {
  const row = await loadProspect(ctx, id);
  const [prospect] = await present(ctx, [row]);
  // Once converted, the contract's territory was checked for real: the wish list no longer warns.
  const warnings = row.stage === 'converted' ? [] : await territoryWarnings(ctx, row, prospect.regionCodes);
  return { ...prospect, warnings };
}

export async function listProspects(ctx: ServiceContext, filter: repo.ProspectFilter, page: PageRequest) {
  const rows = await repo.listProspects(ctx.db, prospectScopeOf(ctx.caller), filter, page);
  const kept = rows.slice(0, page.limit);
  return { items: await present(ctx, kept), nextCursor: rows.length > page.limit ? encodeCursor(kept[kept.length - 1].id) : null };
}

// ---- validation shared by create and update ------------------------------------------------
function checkRegions(caller: Caller, codes: string[]) {
  assertRegionCodes(codes.map((code, i) => ({ code, path: `/regionCodes/${i}` })));
  const dup = duplicateIndex(codes);
  if (dup >= 0) throw invalid(`/regionCodes/${dup}`, `is listed twice (${codes[dup]})`);
  if (caller.role === 'regional_manager') {
    const outside = codes.find((code) => !regionInside(code, caller.regionCodes));
    if (outside) throw forbidden(`Region ${regionPath(outside)} is outside your regions`);
  }
}

function checkCreditCode(raw: string): string {
  const code = normalizeCreditCode(raw);
  const problem = creditCodeProblem(code);
  if (problem === 'checkDigit') throw invalid('/unifiedSocialCreditCode', 'has a wrong check digit (GB 32100-2015)');
  if (problem) throw invalid('/unifiedSocialCreditCode', 'is not a unified social credit code (GB 32100-2015)');
  return code;
}

interface Identity {
  creditCode: string | null;
  nameKey: string;
  phoneKey: string;
}

/** The existing prospect (or dealer) this company already is, as a 409 naming it. */
async function findDuplicate(ctx: ServiceContext, who: Identity, self?: ProspectsTable): Promise<AppError | null> {
  if (who.creditCode) {
    const p = await repo.findByCreditCode(ctx.db, who.creditCode, self?.id);
    if (p) return conflict(`Prospect ${p.number} ${p.name} already has unified social credit code ${who.creditCode}`, { existingProspectId: p.id, existingNumber: p.number });
    const d = await repo.dealerWithCreditCode(ctx.db, who.creditCode, self?.dealer_id ?? null);
    if (d) {
      const named = Boolean(await findDealer(ctx.db, dealerScopeOf(ctx.caller), d.id));
      return conflict(`${named ? `Dealer ${d.code} ${d.name}` : 'An existing dealer'} already has unified social credit code ${who.creditCode}`, named ? { existingDealerId: d.id } : {});
    }
  }
  const p = await repo.findByNamePhone(ctx.db, who.nameKey, who.phoneKey, self?.id);
  if (p) return conflict(`Prospect ${p.number} ${p.name} already has this name and phone`, { existingProspectId: p.id, existingNumber: p.number });
  return null;
}

const isUniqueViolation = (error: unknown) => /unique|duplicate key/i.test(String((error as Error)?.message));

function detailsOf(body: Partial<Record<ProspectDetailKey, unknown>>, base: Details = {}): Details {
  const out: Details = { ...base };
  for (const key of PROSPECT_DETAIL_KEYS) {
    if (key === 'unifiedSocialCreditCode' || !(key in body)) continue;
    const value = body[key];
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out;
}

// ---- create --------------------------------------------------------------------------------
export async function createProspect(ctx: ServiceContext, body: CreateProspectBody, options: { source?: 'hq' | 'public_form'; reason?: string } = {}): Promise<Prospect> {
  checkRegions(ctx.caller, body.regionCodes);
  const identity: Identity = {
    creditCode: body.unifiedSocialCreditCode ? checkCreditCode(body.unifiedSocialCreditCode) : null,
    nameKey: nameKey(body.name),
    phoneKey: phoneKey(body.phone),
  };
  if (!identity.nameKey) throw invalid('/name', 'must contain letters or digits');
  const duplicate = await findDuplicate(ctx, identity);
  if (duplicate) throw duplicate;
  const source = options.source ?? 'hq';
  const now = ctx.clock.now().toISOString();
  const id = newId('prs');
  const year = yearOf(businessDate(ctx.clock.now()));
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // One counter per year (src/server/core/doc-numbers.ts), seeded from numbers issued before it existed.
      const number = prospectNumber(year, await nextCounterValue(trx, `P${year}`, prospectSeq(year, await repo.highestNumber(trx, year))));
      await trx
        .insertInto('prospects')
        .values({
          id,
          number,
          name: body.name.trim(),
          name_key: identity.nameKey,
          contact_name: body.contactName.trim(),
          phone: body.phone.trim(),
          phone_key: identity.phoneKey,
          unified_social_credit_code: identity.creditCode,
          stage: 'new',
          source,
          details: JSON.stringify(detailsOf(body)),
          screening_total_centi: null,
          screening_passed: null,
          screening_knocked_out: null,
          screened_at: null,
          decision: null,
          decision_reasons: null,
          decided_by: null,
          decided_at: null,
          dealer_id: null,
          created_by: ctx.caller.id,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('prospect_regions')
        .values(body.regionCodes.map((region_code) => ({ prospect_id: id, region_code })))
        .execute();
      await insertEvent(trx, ctx, id, null, 'new', options.reason ?? (source === 'public_form' ? 'Applied through the public form' : 'Entered by HQ'));
      await appendAudit(trx, ctx, { action: 'prospect.create', entityType: 'prospect', entityId: id, change: { ...body, number, source } });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Numbers come from the counter, so a unique violation is a duplicate entered at the same moment.
    throw (await findDuplicate(ctx, identity)) ?? conflict('This prospect was just entered by someone else');
  }
  return getProspect(ctx, id);
}

/**
 * The public application form. A filled honeypot is a bot: it gets the same answer and nothing is
 * stored. A company applying again is not told that it exists; the existing prospect notes it.
 */
export async function submitApplication(ctx: ServiceContext, body: CreateProspectBody & { website?: string }): Promise<void> {
  if (body.website !== undefined && body.website.trim() !== '') return;
  const { website: _honeypot, ...application } = body;
  checkRegions(ctx.caller, application.regionCodes);
  const creditCode = application.unifiedSocialCreditCode ? checkCreditCode(application.unifiedSocialCreditCode) : null;
  const existing = (creditCode ? await repo.findByCreditCode(ctx.db, creditCode) : undefined) ?? (await repo.findByNamePhone(ctx.db, nameKey(application.name), phoneKey(application.phone)));
  if (existing) {
    await ctx.db.transaction().execute(async (trx) => {
      await insertEvent(trx, ctx, existing.id, existing.stage as ProspectStage, existing.stage as ProspectStage, 'Applied again through the public form');
      await appendAudit(trx, ctx, { action: 'prospect.reapply', entityType: 'prospect', entityId: existing.id, change: application });
    });
    return;
  }
  try {
    await createProspect(ctx, application, { source: 'public_form' });
  } catch (error) {
    // A duplicate that slipped in between is still not revealed to the public.
    if (error instanceof AppError && error.code === 'CONFLICT') return;
    throw error;
  }
}

// ---- update --------------------------------------------------------------------------------
export async function updateProspect(ctx: ServiceContext, id: string, body: UpdateProspectBody): Promise<Prospect> {
  const current = await loadProspect(ctx, id);
  if (current.stage === 'converted') throw conflict(`Prospect ${current.number} is converted: edit dealer ${current.dealer_id} instead`);
  if (body.regionCodes) checkRegions(ctx.caller, body.regionCodes);
  let creditCode = current.unified_social_credit_code;
  if (body.unifiedSocialCreditCode !== undefined) creditCode = body.unifiedSocialCreditCode === null ? null : checkCreditCode(body.unifiedSocialCreditCode);
  const identity: Identity = {
    creditCode,
    nameKey: body.name !== undefined ? nameKey(body.name) : current.name_key,
    phoneKey: body.phone !== undefined ? phoneKey(body.phone) : current.phone_key,
  };
  if (!identity.nameKey) throw invalid('/name', 'must contain letters or digits');
  const duplicate = await findDuplicate(ctx, identity, current);
  if (duplicate) throw duplicate;
  const details = detailsOf(body, parseJson<Details>(current.details, {}));
  const patch: Partial<ProspectsTable> = {
    ...(body.name !== undefined && { name: body.name.trim(), name_key: identity.nameKey }),
    ...(body.contactName !== undefined && { contact_name: body.contactName.trim() }),
    ...(body.phone !== undefined && { phone: body.phone.trim(), phone_key: identity.phoneKey }),
    unified_social_credit_code: creditCode,
    details: JSON.stringify(details),
    updated_at: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('prospects').set(patch).where('id', '=', id).execute();
      if (body.regionCodes) {
        await trx.deleteFrom('prospect_regions').where('prospect_id', '=', id).execute();
        await trx
          .insertInto('prospect_regions')
          .values(body.regionCodes.map((region_code) => ({ prospect_id: id, region_code })))
          .execute();
      }
      await appendAudit(trx, ctx, { action: 'prospect.update', entityType: 'prospect', entityId: id, change: body });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw (await findDuplicate(ctx, identity, current)) ?? conflict('Another prospect already has these details');
    throw error;
  }
  return getProspect(ctx, id);
}
