// Tables: the rows of an uploaded CSV or of a workbook's first sheet, read within the budget
// (src/server/core/uploads.ts explains the defences; src/server/core/upload-zip.ts does the reading).
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse as csvParser } from 'csv-parse';
import { invalid } from './errors.js';
import { FILE_TYPES, type Upload } from './uploads.js';
import { CHUNK, DEFAULT_BUDGET, MAX_COLUMNS, Meter, checkDeclaredSizes, parseXml, startsWith, tooLarge, unsupported, type ParseBudget } from './upload-zip.js';

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
