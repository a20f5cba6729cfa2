// Reads an uploaded spreadsheet into rows of cells: CSV (UTF-8 with or without BOM, UTF-16 with
// BOM, or GB18030 as saved by Chinese Excel) or XLSX (the first worksheet). Receiving, type and
// budgets (size, inflated bytes, rows, time) are core/uploads.ts's; this names the import's limit.
import { SPREADSHEET_KINDS, type Upload, type UploadPolicy } from '../../core/uploads.js';
import { readTable, type Table, type TableRow } from '../../core/upload-tables.js';
import { invalid } from '../../core/errors.js';
import { IMPORT_MAX_ROWS } from './imports.rules.js';

export type UploadedFile = Upload;
export type SheetRow = TableRow;
export type Sheet = Table;

/** What an import endpoint takes. */
export const SPREADSHEET_UPLOAD: UploadPolicy = { kinds: SPREADSHEET_KINDS };

export async function readSheet(file: UploadedFile, maxRows = IMPORT_MAX_ROWS): Promise<Sheet> {
  const sheet = await readTable(file, { rows: maxRows });
  if (!sheet.header) throw invalid('/file', 'is empty');
  return sheet;
}
