import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_MAX_ROWS, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT } from '../../shared/limits.js';
import { invalid } from './errors.js';
import { businessDate } from '../../shared/dates.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  after: string | null;
}

export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey })).toString('base64url');
}

export function pageRequest(query: { limit?: number; cursor?: string }): PageRequest {
  const limit = Math.min(query.limit ?? LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT);
  if (!query.cursor) return { limit, after: null };
  try {
    const parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k !== 'string') throw new Error('bad cursor');
    return { limit, after: parsed.k };
  } catch {
    throw invalid('/querystring/cursor', 'is not a cursor returned by this list');
  }
}

/** Rows fetched with limit + 1 become a page: the extra row only says that there is more. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => string, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: hasMore ? encodeCursor(key(kept[kept.length - 1])) : null };
}

export interface ExportColumn<T> {
  key: string;
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => string | number | boolean | null | undefined;
}

export interface ExportSheet<T> {
  name: string;
  columns: ExportColumn<T>[];
}

const wantsEnglish = (request: FastifyRequest) => /^en\b/i.test(String(request.headers['accept-language'] ?? ''));

/**
 * Answers a list request: JSON page, or with ?format=xlsx every matching row (following the
 * cursor to the end, up to EXPORT_MAX_ROWS) as an Excel workbook with the same rows.
 */
export async function respondList<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  query: { limit?: number; cursor?: string; format?: string },
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  sheet: ExportSheet<T>,
) {
  if (query.format !== 'xlsx') return fetchPage(pageRequest(query));
  const rows: T[] = [];
  let after = pageRequest({ cursor: query.cursor }).after;
  while (rows.length < EXPORT_MAX_ROWS) {
    const page = await fetchPage({ limit: LIST_MAX_LIMIT, after });
    rows.push(...page.items);
    if (!page.nextCursor) break;
    after = pageRequest({ cursor: page.nextCursor }).after;
  }
  const buffer = await workbookOf(sheet, rows, wantsEnglish(request));
  const filename = `${sheet.name}-${businessDate(new Date())}.xlsx`;
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${filename}"`).send(buffer);
}

export async function workbookOf<T>(sheet: ExportSheet<T>, rows: T[], english: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qudao';
  const ws = workbook.addWorksheet(sheet.name);
  ws.columns = sheet.columns.map((c) => ({ header: english ? c.en : c.zh, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (const c of sheet.columns) record[c.key] = c.value(row) ?? null;
    ws.addRow(record);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Money columns in exports: yuan with two decimals (the sheet is for people), fen stays in the API. */
export const yuan = (fen: number) => Math.round(fen) / 100;
