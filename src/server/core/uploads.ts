import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { parse as csvParser } from 'csv-parse';
import { UPLOAD_LIMIT_BYTES } from '../../shared/limits.js';
import { AppError, invalid } from './errors.js';

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
 * readTable also counts the bytes it actually inflates, entry by entry (never past the entry's
 * declared size) and in total, and stops reading at the budget's row, cell and time limits. It
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

export interface ParseBudget {
  /** Bytes a zip may inflate to, declared and actual, all entries together. */
  inflatedBytes: number;
  /** Non-blank rows after the header. */
  rows: number;
  /** Cells of all rows together (the widths of the rows), so wide rows cannot stand in for many. */
  cells: number;
  /** Wall-clock time to read the file. */
  ms: number;
}

// 64 MB of XML holds far more than 50,000 sell-out rows; a 10 MB upload that declares more is
// built to hurt, not to be imported.
export const DEFAULT_BUDGET: ParseBudget = { inflatedBytes: 64 * 1_048_576, rows: 50_000, cells: 2_000_000, ms: 20_000 };
const MAX_ZIP_ENTRIES = 10_000;
const MAX_COLUMNS = 16_384; // Excel's own limit (XFD)
const CHUNK = 64 * 1024;

export interface UploadPolicy {
  /** The kinds this endpoint takes, judged by content. */
  kinds: readonly FileKind[];
  /** The largest file in bytes; defaults to the multipart limit of app.ts. */
  maxBytes?: number;
  /** How the refusals name the file, e.g. "Evidence", "An attachment". */
  label?: string;
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** The size the central directory declares; reading never inflates past it. */
  size: number;
  localOffset: number;
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

const tooLarge = (detail: string) => new AppError('PAYLOAD_TOO_LARGE', detail, [{ path: '/file', message: detail }]);
const unsupported = (detail: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', detail, [{ path: '/file', message: detail }]);
const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

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

const startsWith = (data: Buffer, bytes: number[]) => data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
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
// Zip: the central directory, and entries inflated under a meter

const damaged = (detail = 'is a damaged zip file') => invalid('/file', detail);

/** The entries of a zip's central directory (no ZIP64: an Office file under 4 GB never needs it). */
function readZipDirectory(data: Buffer): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = data.readUInt16LE(eocd + 10);
  const dirSize = data.readUInt32LE(eocd + 12);
  const dirOffset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw damaged('is a ZIP64 archive, which no spreadsheet of this size needs');
  if (count > MAX_ZIP_ENTRIES) throw tooLarge(`The file holds ${count} zip entries; at most ${MAX_ZIP_ENTRIES}`);
  if (dirOffset + dirSize > eocd) throw damaged();
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || data.readUInt32LE(at) !== 0x02014b50) throw damaged();
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength > eocd) throw damaged();
    entries.push({
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function checkDeclaredSizes(entries: ZipEntry[], budget: ParseBudget) {
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > budget.inflatedBytes) {
    throw tooLarge(`The file unpacks to ${mb(declared)}; at most ${mb(budget.inflatedBytes)} is read: remove unused sheets, images and formatting, or split the file`);
  }
}

/** Counts inflated bytes and time against the budget, and hands the event loop back now and then. */
class Meter {
  private inflated = 0;
  private sinceYield = 0;
  private readonly deadline: number;
  constructor(readonly budget: ParseBudget) {
    this.deadline = Date.now() + budget.ms;
  }
  async add(bytes: number) {
    this.inflated += bytes;
    if (this.inflated > this.budget.inflatedBytes) throw tooLarge(`The file unpacks to more than ${mb(this.budget.inflatedBytes)}; split the file`);
    this.sinceYield += bytes;
    if (this.sinceYield >= CHUNK) {
      this.sinceYield = 0;
      await nextTurn();
      this.checkTime();
    }
  }
  checkTime() {
    if (Date.now() > this.deadline) throw tooLarge(`The file took longer than ${this.budget.ms / 1000} s to read; split the file`);
  }
}

/** The inflated bytes of one entry, in chunks; never more than its declared size. */
async function* entryChunks(data: Buffer, entry: ZipEntry, meter: Meter): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw invalid('/file', 'is encrypted: remove the password and upload it again');
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) throw damaged();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw damaged();
  const raw = data.subarray(start, end);
  let seen = 0;
  const count = async (chunk: Buffer) => {
    seen += chunk.length;
    // The directory lied: more comes out than it declared. Stop before inflating the rest.
    if (seen > entry.size) throw damaged(`is a damaged zip file: ${entry.name} unpacks to more than the ${entry.size} bytes it declares`);
    await meter.add(chunk.length);
  };
  if (entry.method === 0) {
    for (let i = 0; i < raw.length; i += CHUNK) {
      const chunk = raw.subarray(i, i + CHUNK);
      await count(chunk);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) throw damaged(`is a zip file with an unsupported compression (${entry.name})`);
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(raw);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      await count(chunk);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(`is a damaged zip file (${entry.name}: ${(error as Error).message})`);
  } finally {
    inflater.destroy();
  }
}

type XmlHandlers = { open?: (name: string, attrs: Record<string, string>) => void; text?: (text: string) => void; close?: (name: string) => void };

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.includes('&')
    ? text.replace(ENTITY, (_, e: string) => {
        if (e[0] !== '#') return NAMED[e];
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
      })
    : text;
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A streaming tokenizer for the XML of an Office file: elements, attributes, text, CDATA; comments
 * and processing instructions skipped; a DTD refused (Office never writes one, and entity
 * expansion is a bomb of its own). Regular expressions over chunks: saxes, which ExcelJS uses,
 * reads about 4 MB/s, too slow to read a budget's worth of XML in the time budget.
 */
class XmlScanner {
  private pending = '';
  constructor(private readonly handlers: XmlHandlers) {}

  write(chunk: string) {
    this.pending += chunk;
    this.scan(false);
  }

  close() {
    this.scan(true);
    if (this.pending.trim() !== '') throw new Error('unexpected end of the XML');
  }

  private text(raw: string) {
    if (raw && this.handlers.text) this.handlers.text(decodeEntities(raw));
  }

  private scan(final: boolean) {
    const s = this.pending;
    const { open, close } = this.handlers;
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text runs on into the next chunk: hand on all but a possibly cut entity.
        const amp = s.lastIndexOf('&');
        const cut = amp >= i && s.indexOf(';', amp) < 0 && s.length - amp < 16 ? amp : s.length;
        this.text(s.slice(i, cut));
        i = cut;
        break;
      }
      if (lt > i) this.text(s.slice(i, lt));
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        if (s.length - lt < 9 && !final) break;
      }
      if (s.startsWith('<!--', lt) || s.startsWith('<?', lt)) {
        const end = s.indexOf(s[lt + 1] === '!' ? '-->' : '?>', lt + 2);
        if (end < 0) break;
        i = end + (s[lt + 1] === '!' ? 3 : 2);
        continue;
      }
      if (next === 0x21 && s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) break;
        if (this.handlers.text) this.handlers.text(s.slice(lt + 9, end));
        i = end + 3;
        continue;
      }
      if (next === 0x21) throw new Error('a DOCTYPE or DTD is not allowed');
      TAG.lastIndex = lt;
      const m = TAG.exec(s);
      if (!m) {
        // A tag cut by the chunk waits for the rest; one that never closes is malformed.
        if (!final && s.length - lt < 1_048_576) break;
        throw new Error(`malformed markup at "${s.slice(lt, lt + 40)}"`);
      }
      i = TAG.lastIndex;
      const name = localName(m[2]);
      if (m[1]) {
        close?.(name);
        continue;
      }
      if (open) {
        const attrs: Record<string, string> = {};
        if (m[3]) {
          ATTR.lastIndex = 0;
          for (let a = ATTR.exec(m[3]); a; a = ATTR.exec(m[3])) attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
        }
        open(name, attrs);
      }
      if (m[4]) close?.(name);
    }
    this.pending = s.slice(i);
  }
}

/** Streams one XML entry through the scanner; `after` runs between chunks (where rows are handed on). */
async function parseXml(data: Buffer, entry: ZipEntry, meter: Meter, handlers: XmlHandlers, after?: () => Promise<void> | void) {
  const scanner = new XmlScanner(handlers);
  const decoder = new TextDecoder('utf-8');
  const run = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalid('/file', `is not a readable XLSX workbook (${entry.name}: ${(error as Error).message})`);
    }
  };
  for await (const chunk of entryChunks(data, entry, meter)) {
    run(() => scanner.write(decoder.decode(chunk, { stream: true })));
    await after?.();
  }
  run(() => {
    scanner.write(decoder.decode());
    scanner.close();
  });
  await after?.();
}

// ---------------------------------------------------------------------------------------------
// Tables: the rows of a CSV or of a workbook's first sheet

export type TableCell = string | number | boolean | Date | null;

export interface TableRow {
  /** 1-based spreadsheet row number, as Excel shows it. */
  row: number;
  /** Cells by column (0 = A); a column without a value is a hole or null. */
  cells: TableCell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  /** The first non-blank row, or null when the file holds no cells at all. */
  header: TableRow | null;
  /** The non-blank rows after the header. */
  rows: TableRow[];
}

const isBlank = (cells: TableCell[]) => cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

/** The rows of an upload of a spreadsheet kind, read within the budget. */
export async function readTable(upload: Upload, limits: Partial<ParseBudget> = {}): Promise<Table> {
  const budget = { ...DEFAULT_BUDGET, ...limits };
  const table: Table = { format: upload.kind === 'csv' ? 'csv' : 'xlsx', encoding: null, header: null, rows: [] };
  let cells = 0;
  const take = (row: TableRow) => {
    cells += row.cells.length;
    if (cells > budget.cells) throw tooLarge(`The file holds more than ${budget.cells} cells; split the file`);
    if (isBlank(row.cells)) return;
    if (!table.header) table.header = row;
    else if (table.rows.push(row) > budget.rows) throw tooLarge(`The file holds more than ${budget.rows} data rows; one upload takes at most ${budget.rows}: split the file`);
  };
  if (upload.kind === 'csv') table.encoding = await readCsvRows(upload.data, budget, take);
  else if (upload.kind === 'xlsx' || upload.kind === 'xlsm') await readXlsxRows(upload, budget, take);
  else throw unsupported(`A ${FILE_TYPES[upload.kind].label} file is not a spreadsheet: upload a .xlsx or .csv file`);
  return table;
}

/** UTF-8 (BOM or not) first; bytes that are not UTF-8 are GB18030 (a superset of GBK/GB2312). */
export function decodeText(data: Buffer): { text: string; encoding: string } {
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8' };
  if (startsWith(data, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(data, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(data), encoding: 'gb18030' };
  }
}

/** The separator of the header line: comma, tab (Excel's "Unicode text") or semicolon. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

async function readCsvRows(data: Buffer, budget: ParseBudget, take: (row: TableRow) => void): Promise<string> {
  const { text, encoding } = decodeText(data);
  if (text.trim() === '') throw invalid('/file', 'is empty');
  const deadline = Date.now() + budget.ms;
  const parser = csvParser({ delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 1_048_576 });
  const pending: string[][] = [];
  let failure: Error | undefined;
  parser.on('data', (record: string[]) => pending.push(record));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error: Error) => {
      failure ??= error;
      resolve();
    });
  });
  let index = 0;
  const drain = () => {
    if (failure) throw invalid('/file', `is not valid CSV: ${failure.message}`);
    // Record i is spreadsheet row i + 1 (a quoted line break stays inside its row, as in Excel).
    for (const record of pending.splice(0)) take({ row: ++index, cells: record });
    if (Date.now() > deadline) throw tooLarge(`The file took longer than ${budget.ms / 1000} s to read; split the file`);
  };
  try {
    // Fed in slices with a turn of the event loop between them, rows taken as they come.
    for (let i = 0; i < text.length; i += CHUNK) {
      parser.write(text.slice(i, i + CHUNK));
      await nextTurn();
      drain();
    }
    parser.end();
    await ended;
    drain();
  } finally {
    parser.destroy();
  }
  return encoding;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, and the CJK date ids). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** A custom format shows a date when, outside quotes and [colour/locale] brackets, it has y/m/d/h/s (as ExcelJS decides). */
const isDateFormat = (code: string) =>
  /[ymdhsb]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** The column of a cell reference ("AB12" -> 28), or undefined without one. */
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let col = 0;
  for (let i = 0; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return col || undefined;
}

async function readXlsxRows(upload: Upload, budget: ParseBudget, take: (row: TableRow) => void) {
  const entries = upload.zip ?? [];
  checkDeclaredSizes(entries, budget);
  const meter = new Meter(budget);
  const byName = new Map(entries.map((e) => [e.name, e] as const));
  const data = upload.data;
  const unreadable = () => invalid('/file', 'is not a readable XLSX workbook');

  // The first sheet of the workbook, through its relationship.
  const workbook = byName.get('xl/workbook.xml');
  if (!workbook) throw unreadable();
  let firstSheetRel: string | undefined;
  let date1904 = false;
  await parseXml(data, workbook, meter, {
    open(name, attrs) {
      if (name === 'sheet' && firstSheetRel === undefined) firstSheetRel = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
    },
  });
  if (firstSheetRel === undefined) throw invalid('/file', 'is empty: the workbook has no worksheet');
  let sheetPath: string | undefined;
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    await parseXml(data, rels, meter, {
      open(name, attrs) {
        if (name === 'Relationship' && attrs.Id === firstSheetRel && attrs.Target) {
          sheetPath = attrs.Target.startsWith('/') ? attrs.Target.slice(1) : path.posix.normalize(`xl/${attrs.Target}`);
        }
      },
    });
  }
  const sheet = byName.get(sheetPath ?? 'xl/worksheets/sheet1.xml');
  if (!sheet) throw unreadable();

  // Shared strings: the text of each <si>, rich runs joined, phonetic guides (<rPh>) left out.
  const shared: string[] = [];
  const sst = byName.get('xl/sharedStrings.xml');
  if (sst) {
    let current: string | null = null;
    let inT = false;
    let inPhonetic = false;
    await parseXml(data, sst, meter, {
      open(name) {
        if (name === 'si') current = '';
        else if (name === 't') inT = true;
        else if (name === 'rPh') inPhonetic = true;
      },
      text(t) {
        if (inT && !inPhonetic && current !== null) current += t;
      },
      close(name) {
        if (name === 'si') {
          shared.push(current ?? '');
          current = null;
        } else if (name === 't') inT = false;
        else if (name === 'rPh') inPhonetic = false;
      },
    });
  }

  // Styles: which cell formats show a number as a date.
  const dateStyles = new Set<number>();
  const styles = byName.get('xl/styles.xml');
  if (styles) {
    const customDates = new Set<number>();
    let inCellXfs = false;
    let xf = 0;
    await parseXml(data, styles, meter, {
      open(name, attrs) {
        if (name === 'numFmt' && isDateFormat(attrs.formatCode ?? '')) customDates.add(Number(attrs.numFmtId));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(attrs.numFmtId ?? 0);
          if (DATE_FORMAT_IDS.has(id) || customDates.has(id)) dateStyles.add(xf);
          xf++;
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
  }

  // The sheet, row by row; rows go on between chunks so a refusal comes as soon as it is due.
  const ready: TableRow[] = [];
  let rowNumber = 0;
  let row: TableCell[] | null = null;
  let col = 0;
  let cell: { type: string; style: number; v: string | null; inline: string | null } | null = null;
  let inV = false;
  let inInlineT = false;
  let inPhonetic = false;
  const valueOf = (c: NonNullable<typeof cell>): TableCell => {
    switch (c.type) {
      case 'inlineStr':
        return c.inline ?? c.v;
      case 's': {
        const s = c.v === null ? undefined : shared[Number(c.v)];
        return s ?? null;
      }
      case 'str':
        return c.v;
      case 'b':
        return c.v === null ? null : c.v === '1' || c.v === 'true';
      case 'e':
        return c.v;
      case 'd':
        return c.v === null ? null : new Date(c.v);
      default: {
        if (c.v === null || c.v.trim() === '') return null;
        const n = Number(c.v);
        if (!Number.isFinite(n)) return c.v;
        return dateStyles.has(c.style) ? excelDate(n, date1904) : n;
      }
    }
  };
  await parseXml(
    data,
    sheet,
    meter,
    {
      open(name, attrs) {
        if (name === 'row') {
          rowNumber = attrs.r ? Number(attrs.r) : rowNumber + 1;
          if (!Number.isInteger(rowNumber) || rowNumber < 1) throw unreadable();
          row = [];
          col = 0;
        } else if (name === 'c' && row) {
          col = columnOf(attrs.r) ?? col + 1;
          if (col > MAX_COLUMNS) throw unreadable();
          cell = { type: attrs.t ?? 'n', style: Number(attrs.s ?? 0), v: null, inline: null };
        } else if (name === 'v' && cell) {
          inV = true;
          cell.v = '';
        } else if (name === 't' && cell) {
          inInlineT = true;
          cell.inline ??= '';
        } else if (name === 'rPh') inPhonetic = true;
      },
      text(t) {
        if (!cell) return;
        if (inV) cell.v += t;
        else if (inInlineT && !inPhonetic) cell.inline += t;
      },
      close(name) {
        if (name === 'v') inV = false;
        else if (name === 't') inInlineT = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'c' && cell && row) {
          const value = valueOf(cell);
          // Cells without a value stay holes: a styled cell far to the right costs nothing.
          if (value !== null) row[col - 1] = value;
          cell = null;
        } else if (name === 'row' && row) {
          ready.push({ row: rowNumber, cells: row });
          row = null;
        }
      },
    },
    () => {
      for (const r of ready.splice(0)) take(r);
      meter.checkTime();
    },
  );
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
