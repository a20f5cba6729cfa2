// Reads an uploaded spreadsheet into rows of cells: CSV (UTF-8 with or without BOM, UTF-16 with
// BOM, or GB18030 as saved by Chinese Excel) or XLSX (the first worksheet).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError, invalid } from '../../core/errors.js';
import { IMPORT_MAX_ROWS, type Cell } from './imports.rules.js';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export interface SheetRow {
  /** 1-based spreadsheet row number, as Excel shows it. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  /** The first non-blank row, or null when the file holds no cells at all. */
  header: SheetRow | null;
  /** The non-blank rows after the header. */
  rows: SheetRow[];
}

const unsupported = (detail: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', detail, [{ path: '/file', message: detail }]);

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const CSV_EXTENSIONS = new Set(['csv', 'txt', 'tsv']);
const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm']);

export async function readSheet(file: UploadedFile): Promise<Sheet> {
  if (file.data.length === 0) throw invalid('/file', 'is empty');
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  if (startsWith(file.data, OLE)) throw unsupported('Excel 97-2003 (.xls) workbooks are not supported: save the file as .xlsx or .csv');
  if (startsWith(file.data, ZIP)) {
    if (ext && !XLSX_EXTENSIONS.has(ext)) throw unsupported(`.${ext} files are not supported: upload a .xlsx or .csv file`);
    return readXlsx(file.data);
  }
  if (XLSX_EXTENSIONS.has(ext)) throw invalid('/file', 'is not a readable XLSX workbook');
  if (ext && !CSV_EXTENSIONS.has(ext)) throw unsupported(`.${ext} files are not supported: upload a .xlsx or .csv file`);
  if (!ext && !/^(text\/|application\/(csv|vnd\.ms-excel|octet-stream)$)/.test(file.mimetype)) {
    throw unsupported(`${file.mimetype} files are not supported: upload a .xlsx or .csv file`);
  }
  return readCsv(file.data);
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

function readCsv(data: Buffer): Sheet {
  if (data.subarray(0, 4096).includes(0) && !startsWith(data, [0xff, 0xfe]) && !startsWith(data, [0xfe, 0xff])) {
    throw unsupported('The file is neither CSV text nor an XLSX workbook');
  }
  const { text, encoding } = decodeText(data);
  if (text.trim() === '') throw invalid('/file', 'is empty');
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw invalid('/file', `is not valid CSV: ${(error as Error).message}`);
  }
  // Record i is spreadsheet row i + 1 (a quoted line break stays inside its row, as in Excel).
  return toSheet('csv', encoding, records.map((cells, i) => ({ row: i + 1, cells })));
}

/** An ExcelJS cell value as a plain cell: formulas give their result, rich text its text. */
function plainCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return plainCell((value as { result?: ExcelJS.CellValue }).result);
    if ('text' in value) {
      const text = (value as { text: unknown }).text;
      return typeof text === 'string' ? text : plainCell(text as ExcelJS.CellValue);
    }
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('/file', 'is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('/file', 'is empty: the workbook has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based (index 0 is empty).
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
    rows.push({ row: rowNumber, cells });
  });
  return toSheet('xlsx', null, rows);
}

const isBlank = (cells: Cell[]) => cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

function toSheet(format: Sheet['format'], encoding: string | null, all: SheetRow[]): Sheet {
  const nonBlank = all.filter((r) => !isBlank(r.cells));
  if (nonBlank.length === 0) throw invalid('/file', 'is empty');
  const [header, ...rows] = nonBlank;
  if (rows.length > IMPORT_MAX_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file holds ${rows.length} data rows; one import takes at most ${IMPORT_MAX_ROWS}: split the file`);
  }
  return { format, encoding, header, rows };
}
