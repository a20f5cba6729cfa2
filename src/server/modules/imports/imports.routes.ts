import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { ImportReport, StringEnum } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { AppError, invalid } from '../../core/errors.js';
import { IMPORT_KINDS } from './imports.rules.js';
import { importTemplate, runImport, type UploadedFile } from './imports.service.js';

const KindParams = Type.Object({ kind: StringEnum(IMPORT_KINDS) });
const ImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: true, description: 'true (default): check only; false: apply every row or none' })) },
  { additionalProperties: false },
);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The one file of a multipart/form-data body, from the field `file`. */
async function uploadedFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    if (!request.headers['content-type']) throw invalid('/file', 'is required: send multipart/form-data with the file in the field "file"');
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in the field "file"', [{ path: '/file', message: 'must be sent as multipart/form-data' }]);
  }
  try {
    const part = await request.file();
    if (!part) throw invalid('/file', 'is required: send the file in the field "file"');
    const data = await part.toBuffer();
    if (part.fieldname !== 'file') throw invalid('/file', `is required (the file came in the field "${part.fieldname}")`);
    return { filename: part.filename ?? '', mimetype: part.mimetype ?? '', data };
  } catch (error) {
    // Size limits and our own errors keep their meaning; a broken multipart body is bad input.
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode) throw error;
    throw invalid('/file', `could not be read from the multipart body (${(error as Error).message})`);
  }
}

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
      const file = await uploadedFile(request);
      return runImport(ctx, request.params.kind, file, request.query.dryRun ?? true);
    },
  );

  app.get(
    '/v1/imports/:kind/template',
    {
      config: { access: { permission: 'imports.run' } },
      schema: { tags: ['imports'], summary: 'XLSX import template: header row and one example row', params: KindParams },
    },
    async (request, reply) => {
      const english = /^en\b/i.test(String(request.headers['accept-language'] ?? ''));
      const buffer = await importTemplate(request.params.kind, english);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${request.params.kind}-template.xlsx"`)
        .send(buffer);
    },
  );
}
