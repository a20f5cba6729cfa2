// Pure rules of spreadsheet imports: which columns a file may have (English keys, the Chinese
// and English labels of the exports and the templates), how a cell becomes a field of the API's
// create body, and which territories of one file overlap. No database, no I/O.
import { TIERS } from '../../../shared/schemas/dealers.js';
import { regionPrefix } from '../../core/access.js';
import { ancestorCodes } from '../dealers/dealers.rules.js';
import { utcDate } from '../../../shared/dates.js';
import { parseYuan as parseYuanAmount, type YuanProblem } from '../../../shared/money.js';

export const IMPORT_KINDS = ['dealers', 'products'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Data rows one import may hold: a bigger file is split by the user (one transaction each). */
export const IMPORT_MAX_ROWS = 10_000;

/** A cell as read from CSV (always text) or XLSX (typed). */
export type Cell = string | number | boolean | Date | null;

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  width?: number;
  example: string | number;
  exampleEn?: string | number;
  note: { zh: string; en: string };
}

export const DEALER_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'code', zh: '编码', en: 'Code', required: true, example: 'DL0001', note: { zh: '字母、数字、_ 或 -，不可与已有经销商重复', en: 'letters, digits, _ or -; unique' } },
  { key: 'name', zh: '名称', en: 'Name', required: true, width: 30, example: '示例商贸有限公司', exampleEn: 'Example Trading Co., Ltd.', note: { zh: '经销商全称', en: 'full name' } },
  { key: 'level', zh: '级别', en: 'Level', example: 1, note: { zh: '1 或 2；填写上级经销商时默认为 2', en: '1 or 2; 2 when a parent is given' } },
  {
    key: 'parentCode',
    zh: '上级经销商',
    en: 'Parent dealer',
    example: '',
    note: { zh: '二级经销商的上级（一级）经销商编码，可以是本文件中的经销商', en: 'code of the level-1 parent of a level-2 dealer; may be a dealer of this file' },
  },
  { key: 'tier', zh: '等级', en: 'Tier', example: 'silver', note: { zh: 'bronze（铜牌）、silver（银牌）或 gold（金牌），默认 bronze', en: 'bronze, silver or gold (default bronze)' } },
  {
    key: 'territory',
    zh: '区域',
    en: 'Territory',
    width: 30,
    example: '440106*,440111',
    note: { zh: '6 位行政区划代码，逗号分隔；代码后加 * 表示独家', en: '6-digit GB/T 2260 codes separated by commas; * after a code = exclusive' },
  },
  { key: 'creditLimit', zh: '授信额度(元)', en: 'Credit limit (CNY)', example: 500000, note: { zh: '元，最多两位小数', en: 'yuan, at most 2 decimals' } },
  { key: 'paymentTermDays', zh: '账期(天)', en: 'Payment terms (days)', example: 30, note: { zh: '0–365，默认 30', en: '0-365, default 30' } },
  { key: 'vmi', zh: 'VMI', en: 'VMI', example: 0, note: { zh: '1/0、是/否', en: '1/0, yes/no' } },
  { key: 'contact', zh: '联系人', en: 'Contact', example: '张三', exampleEn: 'Zhang San', note: { zh: '主要联系人姓名', en: 'primary contact name' } },
  { key: 'phone', zh: '电话', en: 'Phone', example: '13800138000', note: { zh: '联系人电话（需同时填写联系人）', en: "the contact's phone (needs a contact)" } },
  { key: 'address', zh: '地址', en: 'Address', width: 40, example: '广东省广州市天河区示例路1号', exampleEn: '1 Example Road, Tianhe, Guangzhou', note: { zh: '地址', en: 'address' } },
];

export const PRODUCT_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'sku', zh: 'SKU', en: 'SKU', required: true, example: 'SKU-0001', note: { zh: '字母、数字、_ . -，不可与已有产品重复', en: 'letters, digits, _ . -; unique' } },
  { key: 'name', zh: '名称', en: 'Name', required: true, width: 30, example: '示例产品 500ml', exampleEn: 'Example product 500ml', note: { zh: '产品名称', en: 'product name' } },
  { key: 'category', zh: '品类', en: 'Category', required: true, example: '饮料', exampleEn: 'Beverages', note: { zh: '品类名称', en: 'category name' } },
  { key: 'unit', zh: '单位', en: 'Unit', required: true, example: '箱', exampleEn: 'case', note: { zh: '计量单位', en: 'unit of measure' } },
  { key: 'listPrice', zh: '出厂价(元)', en: 'List price (CNY)', required: true, example: 120, note: { zh: '元，最多两位小数', en: 'yuan, at most 2 decimals' } },
  { key: 'minRetailPrice', zh: '最低零售价(元)', en: 'Min retail price (CNY)', required: true, example: 99.9, note: { zh: '元，最多两位小数', en: 'yuan, at most 2 decimals' } },
  { key: 'active', zh: '在售', en: 'Active', example: 1, note: { zh: '1/0、是/否，默认 1', en: '1/0, yes/no (default 1)' } },
];

export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = { dealers: DEALER_IMPORT_COLUMNS, products: PRODUCT_IMPORT_COLUMNS };

/** Export column keys that name an import column differently (yuan columns, the parent). */
const EXPORT_KEY_TO_IMPORT: Record<string, string> = {
  parentDealerId: 'parentCode',
  creditLimitYuan: 'creditLimit',
  listPriceYuan: 'listPrice',
  minRetailPriceYuan: 'minRetailPrice',
};

/** More spellings people type into a header cell. */
const EXTRA_ALIASES: Record<ImportKind, Record<string, string>> = {
  dealers: {
    经销商编码: 'code',
    代码: 'code',
    经销商名称: 'name',
    上级编码: 'parentCode',
    上级经销商编码: 'parentCode',
    parentdealercode: 'parentCode',
    经营区域: 'territory',
    授信额度: 'creditLimit',
    信用额度: 'creditLimit',
    账期: 'paymentTermDays',
    联系电话: 'phone',
    手机: 'phone',
    contactname: 'contact',
  },
  products: { 产品编码: 'sku', 产品名称: 'name', 出厂价: 'listPrice', 最低零售价: 'minRetailPrice', 状态: 'active', 是否在售: 'active' },
};

/** Header text compared without case, spaces, underscores, full-width brackets or a required-mark star. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s_*]/g, '')
    .toLowerCase();
}

/**
 * Every accepted header spelling -> import key, or null for a read-only export column
 * (status, created time, region names) that a re-imported export carries and that is ignored.
 */
export function headerAliases(kind: ImportKind, exportColumns: { key: string; zh: string; en: string }[]): Map<string, string | null> {
  const map = new Map<string, string | null>();
  const importKeys = new Set(IMPORT_COLUMNS[kind].map((c) => c.key));
  for (const c of exportColumns) {
    const key = EXPORT_KEY_TO_IMPORT[c.key] ?? c.key;
    const target = importKeys.has(key) ? key : null;
    for (const spelling of [c.key, c.zh, c.en]) map.set(normalizeHeader(spelling), target);
  }
  for (const [spelling, key] of Object.entries(EXTRA_ALIASES[kind])) map.set(normalizeHeader(spelling), key);
  map.set('id', null);
  map.set('updatedat', null);
  // The import columns' own keys and labels win over anything above.
  for (const c of IMPORT_COLUMNS[kind]) for (const spelling of [c.key, c.zh, c.en]) map.set(normalizeHeader(spelling), c.key);
  return map;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface HeaderPlan {
  /** column index -> import key */
  columns: Map<number, string>;
  errors: RowError[];
}

/** Spreadsheet column letters for messages: 0 -> A, 27 -> AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Maps a header row to import keys: unknown, repeated and missing required columns are row-1 errors. */
export function planHeader(kind: ImportKind, header: Cell[], aliases: Map<string, string | null>, headerRow = 1): HeaderPlan {
  const columns = new Map<number, string>();
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  header.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === undefined) return;
    const key = aliases.get(normalizeHeader(text));
    if (key === undefined) {
      errors.push({ row: headerRow, field: text, message: `is not a known column of ${kind} (column ${columnLetter(index)}); see the import template` });
      return;
    }
    if (key === null) return;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: headerRow, field: key, message: `appears twice (columns ${columnLetter(first)} and ${columnLetter(index)})` });
      return;
    }
    seen.set(key, index);
    columns.set(index, key);
  });
  for (const c of IMPORT_COLUMNS[kind]) {
    if (c.required && !seen.has(c.key)) errors.push({ row: headerRow, field: c.key, message: `is a required column (${c.zh} / ${c.en})` });
  }
  return { columns, errors };
}

/** A cell as trimmed text; empty cells are undefined. */
export function cellText(cell: Cell | undefined): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : utcDate(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? (Number.isInteger(cell) && Math.abs(cell) < 1e21 ? BigInt(cell).toString() : String(cell)) : undefined;
  const text = String(cell).trim();
  return text === '' ? undefined : text;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const YUAN_MESSAGES: Record<YuanProblem, string> = {
  not_amount: 'must be an amount in yuan with at most 2 decimals',
  negative: 'must not be negative',
  too_large: 'is too large',
};

/** A cell in yuan -> integer fen, by the one parser (src/shared/money.ts). */
export function parseYuan(cell: Cell): Parsed<number> {
  const value = typeof cell === 'number' ? cell : cellText(cell);
  if (value === undefined) return { ok: false, message: YUAN_MESSAGES.not_amount };
  const parsed = parseYuanAmount(value);
  return parsed.ok ? { ok: true, value: parsed.fen } : { ok: false, message: YUAN_MESSAGES[parsed.problem] };
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't', '是', '对', '√', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f', '否', '不', '×', 'off']);

/** 1/0, true/false, yes/no, 是/否; anything else stays as written so the schema names it. */
export function parseBoolean(cell: Cell): unknown {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell)?.toLowerCase();
  if (text === undefined) return undefined;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return text;
}

/** Whole numbers; anything else stays as written so the schema names it. */
export function parseInteger(cell: Cell): unknown {
  if (typeof cell === 'number') return cell;
  const text = cellText(cell);
  if (text === undefined) return undefined;
  return /^[+-]?\d{1,15}$/.test(text) ? Number(text) : text;
}

export function parseLevel(cell: Cell): Parsed<1 | 2> | undefined {
  const text = cellText(cell);
  if (text === undefined) return undefined;
  if (text === '1' || text === '一级' || text === '一') return { ok: true, value: 1 };
  if (text === '2' || text === '二级' || text === '二') return { ok: true, value: 2 };
  return { ok: false, message: 'must be 1 or 2' };
}

const TIER_WORDS: Record<string, string> = { 铜牌: 'bronze', 铜: 'bronze', 银牌: 'silver', 银: 'silver', 金牌: 'gold', 金: 'gold' };

export function parseTier(cell: Cell): Parsed<string> | undefined {
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const value = TIER_WORDS[text] ?? text.toLowerCase();
  if ((TIERS as readonly string[]).includes(value)) return { ok: true, value };
  return { ok: false, message: `must be one of ${TIERS.join(', ')} (or 铜牌, 银牌, 金牌)` };
}

export interface TerritoryClaim {
  regionCode: string;
  exclusive: boolean;
}

/** `440106*,440111` -> claims; * marks exclusive. Commas, semicolons, 、 and spaces separate. */
export function parseTerritory(cell: Cell): Parsed<TerritoryClaim[]> | undefined {
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const claims: TerritoryClaim[] = [];
  for (const token of text.split(/[,，;；、\s]+/).filter(Boolean)) {
    const m = /^(\d{6})\s*([*＊])?$/.exec(token);
    if (!m) return { ok: false, message: `"${token}" is not a 6-digit region code (add * for exclusive, e.g. 440106*)` };
    claims.push({ regionCode: m[1], exclusive: m[2] !== undefined });
  }
  return { ok: true, value: claims };
}

/** The import column an API body path belongs to (`/listPriceFen` -> listPrice). */
export function fieldOfPath(kind: ImportKind, path: string): string {
  const [first, , second] = path.replace(/^\//, '').split('/');
  if (kind === 'dealers') {
    if (first === 'parentDealerId') return 'parentCode';
    if (first === 'creditLimitFen') return 'creditLimit';
    if (first === 'contacts') return second === 'phone' ? 'phone' : 'contact';
    return first || 'row';
  }
  if (first === 'listPriceFen') return 'listPrice';
  if (first === 'minRetailPriceFen') return 'minRetailPrice';
  return first || 'row';
}

/**
 * Finds the entries whose region overlaps a code (the same region, one inside it, or one
 * containing it) without scanning them all: entries are indexed by code and by province and
 * city prefix.
 */
export class TerritoryIndex<T extends { regionCode: string }> {
  private byCode = new Map<string, T[]>();
  private byPrefix = new Map<string, T[]>();

  private static push<V>(map: Map<string, V[]>, key: string, value: V) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  add(entry: T): void {
    TerritoryIndex.push(this.byCode, entry.regionCode, entry);
    TerritoryIndex.push(this.byPrefix, entry.regionCode.slice(0, 2), entry);
    TerritoryIndex.push(this.byPrefix, entry.regionCode.slice(0, 4), entry);
  }

  overlapping(code: string): T[] {
    const prefix = regionPrefix(code);
    if (prefix.length < 6) {
      // A province or city: everything inside it, and (for a city) its province.
      const inside = this.byPrefix.get(prefix) ?? [];
      const above = prefix.length === 4 ? ancestorCodes(code).flatMap((c) => this.byCode.get(c) ?? []) : [];
      return [...inside, ...above];
    }
    return [code, ...ancestorCodes(code)].flatMap((c) => this.byCode.get(c) ?? []);
  }
}
