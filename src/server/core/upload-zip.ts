// Zip and XML under a budget, for uploads (src/server/core/uploads.ts explains the defences): the
// central directory read without inflating anything, entries inflated in chunks under a meter that
// counts bytes and time and yields to the event loop, and a streaming scanner for the XML inside.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import { AppError, invalid } from './errors.js';

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
export const MAX_COLUMNS = 16_384; // Excel's own limit (XFD)
export const CHUNK = 64 * 1024;

/** Whether a buffer begins with the given bytes (magic numbers). */
export const startsWith = (data: Buffer, bytes: number[]) => data.length >= bytes.length && bytes.every((b, i) => data[i] === b);

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** The size the central directory declares; reading never inflates past it. */
  size: number;
  localOffset: number;
}

export const tooLarge = (detail: string) => new AppError('PAYLOAD_TOO_LARGE', detail, [{ path: '/file', message: detail }]);
export const unsupported = (detail: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', detail, [{ path: '/file', message: detail }]);
export const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

// ---------------------------------------------------------------------------------------------
// Zip: the central directory, and entries inflated under a meter

const damaged = (detail = 'is a damaged zip file') => invalid('/file', detail);

/** The entries of a zip's central directory (no ZIP64: an Office file under 4 GB never needs it). */
export function readZipDirectory(data: Buffer): ZipEntry[] {
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

export function checkDeclaredSizes(entries: ZipEntry[], budget: ParseBudget) {
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > budget.inflatedBytes) {
    throw tooLarge(`The file unpacks to ${mb(declared)}; at most ${mb(budget.inflatedBytes)} is read: remove unused sheets, images and formatting, or split the file`);
  }
}

/** Counts inflated bytes and time against the budget, and hands the event loop back now and then. */
export class Meter {
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
export async function parseXml(data: Buffer, entry: ZipEntry, meter: Meter, handlers: XmlHandlers, after?: () => Promise<void> | void) {
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
