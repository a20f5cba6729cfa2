import { ChecklistItem, Checklists, Evidence, EvidenceParams, Finding, FindingBody, IdParams, ItemParams, RiskReport, UpdateChecklistItemBody } from '../../../shared/schemas/index.js';
import { DOCUMENT_CONTENT_TYPES, FileResponse, NoContent } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { receiveUpload } from '../../core/uploads.js';
import { EVIDENCE_UPLOAD, addEvidence, addFinding, deleteEvidence, getChecklists, readEvidence, riskReport, updateItem } from './due-diligence.service.js';

export default async function dueDiligenceRoutes(app: App, deps: AppDeps) {
  const tags = ['recruitment'];
  const dataDir = deps.config.dataDir;

  app.get(
    '/v1/prospects/:id/checklists',
    { config: { access: { permission: 'prospects.read' } }, schema: { tags, summary: 'Due-diligence checklists A, B, C', params: IdParams, response: { 200: Checklists } } },
    async (request) => getChecklists(ctxOf(deps, request), request.params.id),
  );

  app.patch(
    '/v1/prospects/:id/checklist-items/:itemId',
    { config: { access: { permission: 'prospects.write' } }, schema: { tags, params: ItemParams, body: UpdateChecklistItemBody, response: { 200: ChecklistItem } } },
    async (request) => updateItem(ctxOf(deps, request), request.params.id, request.params.itemId, request.body),
  );

  app.post(
    '/v1/prospects/:id/checklist-items/:itemId/evidence',
    {
      config: { access: { permission: 'prospects.write' } },
      schema: {
        tags,
        summary: 'Upload an evidence file (multipart field `file`; PDF, JPG, PNG, XLSX, DOCX; at most 10 MB)',
        consumes: ['multipart/form-data'],
        params: ItemParams,
        response: { 201: Evidence },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const file = await receiveUpload(request, EVIDENCE_UPLOAD);
      return reply.code(201).send(await addEvidence(ctx, dataDir, request.params.id, request.params.itemId, file));
    },
  );

  app.get(
    '/v1/prospects/:id/evidence/:evidenceId',
    {
      config: { access: { permission: 'prospects.read' } },
      schema: { tags, summary: 'Download an evidence file', params: EvidenceParams, response: { 200: FileResponse('The evidence file as uploaded', DOCUMENT_CONTENT_TYPES) } },
    },
    async (request, reply) => {
      const { row, data } = await readEvidence(ctxOf(deps, request), dataDir, request.params.id, request.params.evidenceId);
      const fallback = `evidence-${row.id}${row.fileName.match(/\.[A-Za-z0-9]+$/)?.[0] ?? ''}`;
      return reply
        .type(row.contentType)
        .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );

  app.delete(
    '/v1/prospects/:id/evidence/:evidenceId',
    { config: { access: { permission: 'prospects.write' } }, schema: { tags, params: EvidenceParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await deleteEvidence(ctxOf(deps, request), dataDir, request.params.id, request.params.evidenceId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/prospects/:id/findings',
    { config: { access: { permission: 'prospects.write' } }, schema: { tags, params: IdParams, body: FindingBody, response: { 201: Finding } } },
    async (request, reply) => reply.code(201).send(await addFinding(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.get(
    '/v1/prospects/:id/risk',
    { config: { access: { permission: 'prospects.read' } }, schema: { tags, summary: 'Risk matrix: rating, counts per band, findings, 5x5 grid', params: IdParams, response: { 200: RiskReport } } },
    async (request) => riskReport(ctxOf(deps, request), request.params.id),
  );
}
