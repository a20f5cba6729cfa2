import { Type } from 'typebox';
import { ImportReport, StringEnum } from '../../../shared/schemas/index.js';
import { CONTENT_TYPES, FileResponse } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { receiveUpload } from '../../core/uploads.js';
import { SPREADSHEET_UPLOAD } from './imports.files.js';
import { IMPORT_KINDS } from './imports.rules.js';
import { importTemplate, runImport } from './imports.service.js';

const KindParams = Type.Object({ kind: StringEnum(IMPORT_KINDS) });
const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: true, description: 'true (default): check only; false: apply every row or none' })) }, { additionalProperties: false });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function importsRoutes(app: App, deps: AppDeps) {
  app.post(
    '/v1/imports/:kind',
    {
      config: { access: { permission: 'imports.run' } },
      schema: {
        tags: ['imports'],
        summary: 'Import dealers or products from CSV or XLSX',
        description:
          'multipart/form-data with the field `file` (CSV in UTF-8 or GB18030, or XLSX: first worksheet). Header row in English keys or the Chinese/English labels of the template and the export. ' +
          'dryRun=true (default) reports every bad row and field; dryRun=false applies every row in one transaction, or answers 422 BUSINESS_RULE with the report and applies nothing.',
        consumes: ['multipart/form-data'],
        params: KindParams,
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const file = await receiveUpload(request, SPREADSHEET_UPLOAD);
      return runImport(ctx, request.params.kind, file, request.query.dryRun ?? true);
    },
  );

  app.get(
    '/v1/imports/:kind/template',
    {
      config: { access: { permission: 'imports.run' } },
      schema: { tags: ['imports'], summary: 'XLSX import template: header row and one example row', params: KindParams, response: { 200: FileResponse('XLSX template', [CONTENT_TYPES.xlsx]) } },
    },
    async (request, reply) => {
      const english = /^en\b/i.test(String(request.headers['accept-language'] ?? ''));
      const buffer = await importTemplate(request.params.kind, english);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${request.params.kind}-template.xlsx"`).send(buffer);
    },
  );
}
