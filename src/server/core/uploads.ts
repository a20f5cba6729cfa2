import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { UPLOAD_LIMIT_BYTES } from '../../shared/limits.js';
import { AppError, invalid } from './errors.js';
import { DEFAULT_BUDGET, checkDeclaredSizes, mb, readZipDirectory, startsWith, tooLarge, unsupported, type ZipEntry } from './upload-zip.js';

/**
 * Uploads: the one path by which a file enters Qudao (evidence, ticket attachments, the admin
 * imports, sell-out and target uploads).
 *
 * receiveUpload reads the multipart field `file` up to the endpoint's byte limit (413 past it),
 * hashes it (sha-256) and judges its type by its content, never by its name or the browser's
 * claim: PDF, PNG and JPEG by their magic bytes, a zip (`PK\x03\x04`) by the parts its central
 * directory names (xlsx, xlsm with macros, docx), text as CSV. A type the endpoint does not take,
 * or a name whose extension says another type, is 415 UNSUPPORTED_MEDIA_TYPE.
 *
 * A zip is checked before anything inflates it: its central directory's declared sizes must add
 * up to at most the budget (a 1.5 MB workbook may declare 400 MB). Declared sizes can lie, so
 * readTable (src/server/core/upload-tables.ts, reading through src/server/core/upload-zip.ts) also
 * counts the bytes it actually inflates, entry by entry (never past the entry's declared size) and
 * in total, and stops reading at the budget's row, cell and time limits. It
 * inflates and parses in chunks and yields to the event loop between them, so one hostile file
 * delays other requests by a chunk, not by the whole file. Every refusal is problem+json naming
 * `/file`: 413 PAYLOAD_TOO_LARGE over a budget, 400 VALIDATION_FAILED for a damaged file.
 *
 * storeUpload writes a received file under the data directory (`<dataDir>/<dir>/<id><ext>`,
 * written to `.part` and renamed so a reader never sees half a file); uploadAudit is the record
 * every stored or imported file leaves in the audit chain.
 */

// ---------------------------------------------------------------------------------------------
// Types and budgets

export type FileKind = 'csv' | 'xlsx' | 'xlsm' | 'docx' | 'pdf' | 'png' | 'jpg';

export const FILE_TYPES: Record<FileKind, { contentType: string; extensions: string[]; label: string }> = {
  csv: { contentType: 'text/csv', extensions: ['.csv', '.txt', '.tsv'], label: 'CSV' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], label: 'XLSX' },
  xlsm: { contentType: 'application/vnd.ms-excel.sheet.macroEnabled.12', extensions: ['.xlsm'], label: 'XLSM' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], label: 'DOCX' },
  pdf: { contentType: 'application/pdf', extensions: ['.pdf'], label: 'PDF' },
  png: { contentType: 'image/png', extensions: ['.png'], label: 'PNG' },
  jpg: { contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPG' },
};

/** The kinds a spreadsheet import reads. */
export const SPREADSHEET_KINDS: readonly FileKind[] = ['csv', 'xlsx', 'xlsm'];
/** The kinds kept as documents (evidence, attachments). */
export const DOCUMENT_KINDS: readonly FileKind[] = ['pdf', 'jpg', 'png', 'xlsx', 'docx'];

export interface UploadPolicy {
  /** The kinds this endpoint takes, judged by content. */
  kinds: readonly FileKind[];
  /** The largest file in bytes; defaults to the multipart limit of app.ts. */
  maxBytes?: number;
  /** How the refusals name the file, e.g. "Evidence", "An attachment". */
  label?: string;
}

export interface Upload {
  /** The name to keep and show: no directories, no control characters, at most 200 characters. */
  fileName: string;
  data: Buffer;
  sizeBytes: number;
  sha256: string;
  kind: FileKind;
  contentType: string;
  /** The central directory of a zip upload (xlsx, xlsm, docx). */
  zip?: ZipEntry[];
}

// ---------------------------------------------------------------------------------------------
// Receiving

/** The one file of a multipart/form-data body, from the field `file`, checked against the policy. */
export async function receiveUpload(request: FastifyRequest, policy: UploadPolicy): Promise<Upload> {
  if (!request.isMultipart()) {
    if (!request.headers['content-type']) throw invalid('/file', 'is required: send multipart/form-data with the file in the field "file"');
    throw unsupported('Send the file as multipart/form-data in the field "file"');
  }
  const maxBytes = policy.maxBytes ?? UPLOAD_LIMIT_BYTES;
  let fileName: string;
  let data: Buffer;
  let sha256: string;
  try {
    const part = await request.file({ limits: { fileSize: maxBytes }, throwFileSizeLimit: false });
    if (!part) throw invalid('/file', 'is required: send the file in the field "file"');
    // Hash while reading: the bytes are held once, not walked twice.
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) {
      hash.update(chunk);
      chunks.push(chunk);
    }
    if (part.file.truncated) throw tooLarge(`${policy.label ?? 'The file'} may be at most ${mb(maxBytes)}`);
    if (part.fieldname !== 'file') throw invalid('/file', `is required (the file came in the field "${part.fieldname}")`);
    fileName = part.filename ?? '';
    data = Buffer.concat(chunks);
    sha256 = hash.digest('hex');
  } catch (error) {
    // Our own refusals and the plugin's limits keep their meaning; a broken body is bad input.
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode) throw error;
    throw invalid('/file', `could not be read from the multipart body (${(error as Error).message})`);
  }
  return checkUpload(fileName, data, policy, sha256);
}

/** The checks of receiveUpload on bytes that came another way (a file read by the CLI, a test). */
export function checkUpload(name: string, data: Buffer, policy: UploadPolicy, sha256?: string): Upload {
  const maxBytes = policy.maxBytes ?? UPLOAD_LIMIT_BYTES;
  if (data.length === 0) throw invalid('/file', 'is empty');
  if (data.length > maxBytes) throw tooLarge(`${policy.label ?? 'The file'} may be at most ${mb(maxBytes)}`);
  const fileName = safeFileName(name);
  const sniffed = sniffType(data);
  const allowed = policy.kinds.map((k) => FILE_TYPES[k].label).join(', ');
  if (!sniffed.kind || !policy.kinds.includes(sniffed.kind)) {
    const what = sniffed.kind ? `a ${FILE_TYPES[sniffed.kind].label} file` : sniffed.why;
    throw unsupported(`${policy.label ?? 'The file'} must be ${allowed} (judged by its content); this is ${what}`);
  }
  const type = FILE_TYPES[sniffed.kind];
  const ext = extensionOf(fileName);
  // No extension is fine (the content decides); a wrong one is a file that lies about itself.
  if (ext && !type.extensions.includes(ext)) throw unsupported(`The file content is ${type.label} but its name ends with "${ext}"`);
  if (sniffed.zip) checkDeclaredSizes(sniffed.zip, DEFAULT_BUDGET);
  return {
    fileName,
    data,
    sizeBytes: data.length,
    sha256: sha256 ?? createHash('sha256').update(data).digest('hex'),
    kind: sniffed.kind,
    contentType: type.contentType,
    ...(sniffed.zip ? { zip: sniffed.zip } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Types by content

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The kind of a file's content, or why it has none we know. */
export function sniffType(data: Buffer): { kind: FileKind | null; why: string; zip?: ZipEntry[] } {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf', why: '' }; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png', why: '' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { kind: 'jpg', why: '' };
  if (startsWith(data, OLE)) return { kind: null, why: 'an Excel 97-2003 (.xls) or other legacy Office file: save it as .xlsx or .csv' };
  if (startsWith(data, ZIP)) {
    const zip = readZipDirectory(data);
    const names = new Set(zip.map((e) => e.name));
    // An Office Open XML file is a zip with [Content_Types].xml and its main part.
    if (!names.has('[Content_Types].xml')) return { kind: null, why: 'a zip archive that is not an Office file', zip };
    if (names.has('xl/workbook.xml')) return { kind: names.has('xl/vbaProject.bin') ? 'xlsm' : 'xlsx', why: '', zip };
    if (names.has('word/document.xml')) return { kind: 'docx', why: '', zip };
    return { kind: null, why: 'an Office file that is neither a workbook nor a document', zip };
  }
  // Text has no NUL bytes (UTF-16 has them everywhere, so it must announce itself with a BOM).
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff]) || !data.subarray(0, 4096).includes(0)) return { kind: 'csv', why: '' };
  return { kind: null, why: 'binary content of an unknown type' };
}

export const extensionOf = (fileName: string) => /\.[A-Za-z0-9]{1,10}$/.exec(fileName)?.[0].toLowerCase() ?? '';

/** A file name safe to store and to send back: no directories, no control characters, bounded. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!cleaned) return 'file';
  if (cleaned.length <= 200) return cleaned;
  const ext = extensionOf(cleaned);
  return cleaned.slice(0, 200 - ext.length) + ext;
}

// ---------------------------------------------------------------------------------------------
// Storing

/** Writes the file to `<dataDir>/<dir>/<id><ext>` and answers its path relative to the data directory. */
export async function storeUpload(dataDir: string, dir: string, id: string, upload: Upload): Promise<string> {
  const relative = path.join(dir, `${id}${FILE_TYPES[upload.kind].extensions[0]}`);
  const absolute = path.join(dataDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(`${absolute}.part`, upload.data);
  await rename(`${absolute}.part`, absolute);
  return relative;
}

export const readStored = (dataDir: string, relative: string) => readFile(path.join(dataDir, relative));
export const removeStored = (dataDir: string, relative: string) => rm(path.join(dataDir, relative), { force: true });

/** The columns every stored-file table shares (evidence, ticket attachments), for the row of a file just stored. */
export const storedFileColumns = (upload: Upload, storagePath: string, by: { caller: { name: string }; clock: { now(): Date } }) => ({
  file_name: upload.fileName,
  content_type: upload.contentType,
  size_bytes: upload.sizeBytes,
  sha256: upload.sha256,
  storage_path: storagePath,
  uploaded_by: by.caller.name,
  uploaded_at: by.clock.now().toISOString(),
});

/** What the audit chain records of a stored or imported file. */
export const uploadAudit = (upload: Upload) => ({ fileName: upload.fileName, contentType: upload.contentType, sizeBytes: upload.sizeBytes, sha256: upload.sha256 });
