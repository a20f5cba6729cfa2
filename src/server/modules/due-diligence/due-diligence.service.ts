import path from 'node:path';
import {
  CHECKLISTS,
  type Checklist,
  type ChecklistItem,
  type Evidence,
  type Finding,
  type FindingBody,
  type ItemStatus,
  type RiskReport,
  type UpdateChecklistItemBody,
} from '../../../shared/schemas/index.js';
import type { ProspectEvidenceTable, ProspectFindingsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { DOCUMENT_KINDS, readStored, removeStored, storedFileColumns, storeUpload, uploadAudit, type Upload, type UploadPolicy } from '../../core/uploads.js';
import { loadOpenProspect, loadProspect } from '../prospects/prospects.service.js';
import { CHECKLIST_NAMES, isClosedStatus } from './checklists.js';
import { readSetting } from '../../core/settings.js';
import { bandOf, riskScore, summarizeRisk, type RiskBands } from './risk.rules.js';
import { RISK_BAND_SETTINGS } from './due-diligence.settings.js';
import * as repo from './due-diligence.repo.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { countItems as countChecklistItems, insertItems as insertChecklistItems, itemsOf as checklistItemsOf } from './due-diligence.repo.js';

const evidenceView = (e: ProspectEvidenceTable): Evidence => ({
  id: e.id,
  itemId: e.item_id,
  fileName: e.file_name,
  contentType: e.content_type,
  sizeBytes: Number(e.size_bytes),
  sha256: e.sha256,
  uploadedBy: e.uploaded_by,
  uploadedAt: e.uploaded_at,
});

/** The A/B/C checklists of a prospect (empty until it enters due diligence). */
export async function getChecklists(ctx: ServiceContext, prospectId: string) {
  await loadProspect(ctx, prospectId);
  const [items, evidence] = await Promise.all([repo.itemsOf(ctx.db, prospectId), repo.evidenceOfProspect(ctx.db, prospectId)]);
  const views: ChecklistItem[] = items.map((i) => ({
    id: i.id,
    checklist: i.checklist as Checklist,
    code: i.code,
    key: i.key,
    name: i.name,
    owner: i.owner,
    status: i.status as ItemStatus,
    note: i.note,
    evidence: evidence.filter((e) => e.item_id === i.id).map(evidenceView),
    updatedBy: i.updated_by,
    updatedAt: i.updated_at,
  }));
  if (views.length === 0) return { checklists: [] };
  return {
    checklists: CHECKLISTS.map((checklist) => {
      const list = views.filter((v) => v.checklist === checklist);
      return { checklist, name: CHECKLIST_NAMES[checklist], items: list, open: list.filter((v) => !isClosedStatus(v.status)).length, total: list.length };
    }),
  };
}

async function loadItem(ctx: ServiceContext, prospectId: string, itemId: string, doing: string) {
  const prospect = await loadOpenProspect(ctx, prospectId, doing);
  const item = await repo.findItem(ctx.db, prospectId, itemId);
  if (!item) throw notFound(`Checklist item ${itemId}`);
  return { prospect, item };
}

/** Owner (reviewer), status and note of one checklist item. */
export async function updateItem(ctx: ServiceContext, prospectId: string, itemId: string, body: UpdateChecklistItemBody) {
  const { item } = await loadItem(ctx, prospectId, itemId, 'change its due diligence');
  const patch = {
    ...(body.owner !== undefined && { owner: body.owner }),
    ...(body.status !== undefined && { status: body.status }),
    ...(body.note !== undefined && { note: body.note }),
    updated_by: ctx.caller.name,
    updated_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('prospect_checklist_items').set(patch).where('id', '=', item.id).execute();
    await appendAudit(trx, ctx, { action: 'prospect.checklist.update', entityType: 'prospect', entityId: prospectId, change: { item: item.code, ...body } });
  });
  const lists = await getChecklists(ctx, prospectId);
  return lists.checklists.flatMap((c) => c.items).find((i) => i.id === item.id)!;
}

// ---- evidence files --------------------------------------------------------------------------
/** What the evidence upload takes: documents of these kinds, at most the multipart limit (10 MB). */
export const EVIDENCE_UPLOAD: UploadPolicy = { kinds: DOCUMENT_KINDS, label: 'Evidence' };

/**
 * Stores a received evidence file (core/uploads.ts judged its type by content and checked its
 * name and size) under <dataDir>/evidence/<prospect>/<id><ext>.
 */
export async function addEvidence(ctx: ServiceContext, dataDir: string, prospectId: string, itemId: string, file: Upload): Promise<Evidence> {
  const { item } = await loadItem(ctx, prospectId, itemId, 'take new evidence');
  const id = newId('evd');
  const relative = await storeUpload(dataDir, path.join('evidence', prospectId), id, file);
  const row: ProspectEvidenceTable = {
    id,
    prospect_id: prospectId,
    item_id: item.id,
    ...storedFileColumns(file, relative, ctx),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('prospect_evidence').values(row).execute();
      await appendAudit(trx, ctx, { action: 'prospect.evidence.add', entityType: 'prospect', entityId: prospectId, change: { item: item.code, id, ...uploadAudit(file) } });
    });
  } catch (error) {
    await removeStored(dataDir, relative);
    throw error;
  }
  return evidenceView(row);
}

export async function readEvidence(ctx: ServiceContext, dataDir: string, prospectId: string, evidenceId: string) {
  await loadProspect(ctx, prospectId);
  const row = await repo.findEvidence(ctx.db, prospectId, evidenceId);
  if (!row) throw notFound(`Evidence ${evidenceId}`);
  try {
    return { row: evidenceView(row), data: await readStored(dataDir, row.storage_path) };
  } catch {
    throw notFound(`The file of evidence ${evidenceId}`);
  }
}

export async function deleteEvidence(ctx: ServiceContext, dataDir: string, prospectId: string, evidenceId: string) {
  await loadOpenProspect(ctx, prospectId, 'change its due diligence');
  const row = await repo.findEvidence(ctx.db, prospectId, evidenceId);
  if (!row) throw notFound(`Evidence ${evidenceId}`);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('prospect_evidence').where('id', '=', evidenceId).execute();
    await appendAudit(trx, ctx, { action: 'prospect.evidence.delete', entityType: 'prospect', entityId: prospectId, change: { id: evidenceId, fileName: row.file_name, sha256: row.sha256 } });
  });
  await removeStored(dataDir, row.storage_path);
}

// ---- findings and the risk matrix ----------------------------------------------------------
function findingView(f: ProspectFindingsTable, bands: RiskBands): Finding {
  const score = riskScore(f.likelihood, f.impact);
  return {
    id: f.id,
    prospectId: f.prospect_id,
    checklist: f.checklist as Checklist,
    item: f.item,
    itemId: f.item_id,
    likelihood: f.likelihood,
    impact: f.impact,
    score,
    band: bandOf(score, bands),
    note: f.note,
    actorName: f.actor_name,
    createdAt: f.created_at,
  };
}

/** A finding of due diligence; `item` naming a checklist item (A4 or legal_disputes) links to it. */
export async function addFinding(ctx: ServiceContext, prospectId: string, body: FindingBody): Promise<Finding> {
  await loadOpenProspect(ctx, prospectId, 'take new findings');
  const items = await repo.itemsOf(ctx.db, prospectId);
  const wanted = body.item.trim();
  const linked = items.find((i) => i.checklist === body.checklist && (i.code.toLowerCase() === wanted.toLowerCase() || i.key === wanted));
  const row: ProspectFindingsTable = {
    id: newId('pfd'),
    prospect_id: prospectId,
    checklist: body.checklist,
    item: linked ? linked.code : wanted,
    item_id: linked?.id ?? null,
    likelihood: body.likelihood,
    impact: body.impact,
    note: body.note,
    actor_id: ctx.caller.id,
    actor_name: ctx.caller.name,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('prospect_findings').values(row).execute();
    await appendAudit(trx, ctx, { action: 'prospect.finding.add', entityType: 'prospect', entityId: prospectId, change: body });
  });
  return findingView(row, await readSetting(ctx.db, RISK_BAND_SETTINGS));
}

export async function riskReport(ctx: ServiceContext, prospectId: string): Promise<RiskReport> {
  await loadProspect(ctx, prospectId);
  const bands = await readSetting(ctx.db, RISK_BAND_SETTINGS);
  const findings = (await repo.findingsOf(ctx.db, prospectId)).map((f) => findingView(f, bands));
  const summary = summarizeRisk(findings, bands);
  return { rating: summary.rating, counts: summary.counts, findings: findings.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)), grid: summary.grid, bands };
}
