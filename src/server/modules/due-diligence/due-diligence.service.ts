import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CHECKLISTS, type Checklist, type ChecklistItem, type Evidence, type Finding, type FindingBody, type ItemStatus,
  type RiskReport, type UpdateChecklistItemBody,
} from '../../../shared/schemas/index.js';
import type { ProspectEvidenceTable, ProspectFindingsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { loadOpenProspect, loadProspect } from '../prospects/prospects.service.js';
import { CHECKLIST_NAMES, isClosedStatus } from './checklists.js';
import { detectEvidenceType, extensionOf, safeFileName } from './evidence.rules.js';
import { bandOf, riskScore, summarizeRisk } from './risk.rules.js';
import * as repo from './due-diligence.repo.js';

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
export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/**
 * Stores an evidence file under <dataDir>/evidence/<prospect>/<id><ext>. Its type comes from its
 * content (pdf, jpg, png, xlsx, docx) and must agree with its name's extension.
 */
export async function addEvidence(ctx: ServiceContext, dataDir: string, prospectId: string, itemId: string, file: UploadedFile): Promise<Evidence> {
  const { item } = await loadItem(ctx, prospectId, itemId, 'take new evidence');
  if (file.data.length === 0) throw invalid('/file', 'is empty');
  const type = await detectEvidenceType(file.data);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Evidence must be a PDF, JPG, PNG, XLSX or DOCX file (judged by its content)');
  const fileName = safeFileName(file.fileName);
  const ext = extensionOf(fileName);
  if (!type.extensions.includes(ext)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The file content is ${type.kind.toUpperCase()} but its name ends with "${ext || '(no extension)'}"`);
  }
  const id = newId('evd');
  const relative = path.join('evidence', prospectId, `${id}${type.extensions[0]}`);
  const absolute = path.join(dataDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(`${absolute}.part`, file.data);
  await rename(`${absolute}.part`, absolute);
  const row: ProspectEvidenceTable = {
    id,
    prospect_id: prospectId,
    item_id: item.id,
    file_name: fileName,
    content_type: type.contentType,
    size_bytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    storage_path: relative,
    uploaded_by: ctx.caller.name,
    uploaded_at: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('prospect_evidence').values(row).execute();
      await appendAudit(trx, ctx, { action: 'prospect.evidence.add', entityType: 'prospect', entityId: prospectId, change: { item: item.code, id, fileName, contentType: type.contentType, sizeBytes: row.size_bytes, sha256: row.sha256 } });
    });
  } catch (error) {
    await rm(absolute, { force: true });
    throw error;
  }
  return evidenceView(row);
}

export async function readEvidence(ctx: ServiceContext, dataDir: string, prospectId: string, evidenceId: string) {
  await loadProspect(ctx, prospectId);
  const row = await repo.findEvidence(ctx.db, prospectId, evidenceId);
  if (!row) throw notFound(`Evidence ${evidenceId}`);
  try {
    return { row: evidenceView(row), data: await readFile(path.join(dataDir, row.storage_path)) };
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
  await rm(path.join(dataDir, row.storage_path), { force: true });
}

// ---- findings and the risk matrix ----------------------------------------------------------
function findingView(f: ProspectFindingsTable): Finding {
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
    band: bandOf(score),
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
  return findingView(row);
}

export async function riskReport(ctx: ServiceContext, prospectId: string): Promise<RiskReport> {
  await loadProspect(ctx, prospectId);
  const findings = (await repo.findingsOf(ctx.db, prospectId)).map(findingView);
  const summary = summarizeRisk(findings);
  return { rating: summary.rating, counts: summary.counts, findings: findings.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)), grid: summary.grid };
}
