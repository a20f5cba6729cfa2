// Spreadsheet imports of dealers and products: a dry run names every bad row and field; an apply
// writes every row in one transaction or none. Each row is checked against the API's own create
// schema and the same business rules as POST /dealers and POST /products.
import ExcelJS from 'exceljs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CreateDealerBody, CreateProductBody, type ImportReport } from '../../../shared/schemas/index.js';
import type { Permission } from '../../../shared/permissions.js';
import type { DealersTable, ProductsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { requirePermission } from '../../core/access.js';
import type { AuditInput } from '../../core/audit.js';
import { AppError, conflict, fieldErrorsFromValidation } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { uploadAudit } from '../../core/uploads.js';
import { dealerColumns } from '../dealers/dealers.routes.js';
import { duplicateRegion, regionsOverlap, territoryConflicts, type HeldTerritory } from '../dealers/dealers.rules.js';
import { productColumns } from '../products/products.routes.js';
import { findRegion } from '../regions/regions.data.js';
import { regionPath } from '../regions/regions.service.js';
import { appendAuditBatch } from './imports.audit.js';
import { readSheet, type Sheet, type SheetRow, type UploadedFile } from './imports.files.js';
import * as repo from './imports.repo.js';
import {
  IMPORT_COLUMNS,
  TerritoryIndex,
  cellText,
  fieldOfPath,
  headerAliases,
  parseBoolean,
  parseInteger,
  parseLevel,
  parseTerritory,
  parseTier,
  parseYuan,
  planHeader,
  type Cell,
  type ImportKind,
  type RowError,
  type TerritoryClaim,
} from './imports.rules.js';

export type { UploadedFile } from './imports.files.js';

const WRITE_PERMISSION: Record<ImportKind, Permission> = { dealers: 'dealers.write', products: 'products.write' };

// The same Ajv settings as request bodies (core/validation.ts): strict types, unknown fields refused.
const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false, useDefaults: true, coerceTypes: false });
addFormats(ajv);
let validators: Record<ImportKind, ValidateFunction> | undefined;
const validatorOf = (kind: ImportKind) => {
  validators ??= { dealers: ajv.compile(CreateDealerBody), products: ajv.compile(CreateProductBody) };
  return validators[kind];
};

interface Draft<B> {
  row: number;
  body: B;
  errors: RowError[];
}

interface Plan {
  total: number;
  errors: RowError[];
  valid: number;
  /** Writes every row inside the import's transaction; answers the audit entries of the entities. */
  apply(ctx: ServiceContext, importId: string): Promise<AuditInput[]>;
}

/** Reads the file and checks every row; applies when asked and every row is valid. */
export async function runImport(ctx: ServiceContext, kind: ImportKind, file: UploadedFile, dryRun: boolean): Promise<ImportReport> {
  requirePermission(ctx.caller, 'imports.run');
  requirePermission(ctx.caller, WRITE_PERMISSION[kind]);
  const sheet = await readSheet(file);
  const plan = kind === 'dealers' ? await planDealers(ctx, sheet) : await planProducts(ctx, sheet);
  const report: ImportReport = { kind, dryRun, total: plan.total, valid: plan.valid, applied: 0, errors: plan.errors };
  if (dryRun || (plan.total === 0 && plan.errors.length === 0)) return report;
  if (plan.errors.length) {
    const rows = new Set(plan.errors.map((e) => e.row)).size;
    throw new AppError(
      'BUSINESS_RULE',
      `The file has ${plan.errors.length} error(s) on ${rows} row(s); nothing was imported`,
      plan.errors.map((e) => ({ path: `/file/${e.row}/${e.field}`, message: e.message, row: e.row, field: e.field })),
      { kind, dryRun, total: plan.total, valid: plan.valid, applied: 0 },
    );
  }
  const importId = newId('imp');
  let applied = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const entities = await plan.apply({ ...ctx, db: trx }, importId);
      applied = entities.length;
      // One entry summarising the import, then one per created entity (as their create routes write).
      const summary: AuditInput = {
        action: 'import.apply',
        entityType: 'import',
        entityId: importId,
        change: {
          kind,
          ...uploadAudit(file),
          format: sheet.format,
          ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
          rows: plan.total,
          applied,
        },
      };
      await appendAuditBatch(trx, ctx, [summary, ...entities]);
    });
  } catch (error) {
    // Someone took a code, SKU or exclusive region between the check and the write.
    if (/unique|duplicate key/i.test(String((error as Error)?.message))) {
      throw conflict('Another change took a code, SKU or exclusive region of this file meanwhile; nothing was imported. Check the file again.');
    }
    throw error;
  }
  return { ...report, applied };
}

// ---------------------------------------------------------------------------------------------
// Rows -> drafts

function rowsOf(kind: ImportKind, sheet: Sheet, exportColumns: { key: string; zh: string; en: string }[]) {
  const header = planHeader(kind, sheet.header?.cells ?? [], headerAliases(kind, exportColumns), sheet.header?.row ?? 1);
  const records = sheet.rows.map((r: SheetRow) => {
    const record: Record<string, Cell> = {};
    for (const [index, key] of header.columns) record[key] = r.cells[index] ?? null;
    return { row: r.row, record };
  });
  // Without a required column every row would repeat the same error: report the header only.
  const missingRequired = header.errors.some((e) => / required column/.test(e.message));
  return { header, records, missingRequired };
}

function schemaErrors(kind: ImportKind, row: number, body: unknown): RowError[] {
  const validate = validatorOf(kind);
  if (validate(body)) return [];
  return fieldErrorsFromValidation(validate.errors ?? [], 'body').map((e) => ({ row, field: fieldOfPath(kind, e.path), message: e.message }));
}

const columnOrder = (kind: ImportKind) => new Map(IMPORT_COLUMNS[kind].map((c, i) => [c.key, i] as const));

function finish(kind: ImportKind, headerErrors: RowError[], drafts: Draft<unknown>[]): { errors: RowError[]; valid: number } {
  const order = columnOrder(kind);
  const rowErrors = drafts.flatMap((d) => d.errors);
  rowErrors.sort((a, b) => a.row - b.row || (order.get(a.field) ?? 99) - (order.get(b.field) ?? 99));
  // One message per row, field and text (a rule can be reached twice).
  const seen = new Set<string>();
  const unique = rowErrors.filter((e) => {
    const key = `${e.row}|${e.field}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const valid = headerErrors.length ? 0 : drafts.filter((d) => d.errors.length === 0).length;
  return { errors: [...headerErrors, ...unique], valid };
}

function yuanField(body: Record<string, unknown>, errors: RowError[], row: number, cell: Cell | undefined, field: string, target: string) {
  if (cellText(cell ?? null) === undefined && typeof cell !== 'number') return;
  const parsed = parseYuan(cell ?? null);
  if (parsed.ok) body[target] = parsed.value;
  else errors.push({ row, field, message: parsed.message });
}

function setText(body: Record<string, unknown>, key: string, cell: Cell | undefined) {
  const text = cellText(cell ?? null);
  if (text !== undefined) body[key] = text;
}

// ---------------------------------------------------------------------------------------------
// Products

async function planProducts(ctx: ServiceContext, sheet: Sheet): Promise<Plan> {
  const { header, records, missingRequired } = rowsOf('products', sheet, productColumns);
  if (missingRequired) return { total: records.length, valid: 0, errors: header.errors, apply: async () => [] };
  const drafts: Draft<Record<string, unknown>>[] = records.map(({ row, record }) => {
    const errors: RowError[] = [];
    const body: Record<string, unknown> = {};
    setText(body, 'sku', record.sku);
    setText(body, 'name', record.name);
    setText(body, 'category', record.category);
    setText(body, 'unit', record.unit);
    yuanField(body, errors, row, record.listPrice, 'listPrice', 'listPriceFen');
    yuanField(body, errors, row, record.minRetailPrice, 'minRetailPrice', 'minRetailPriceFen');
    const active = parseBoolean(record.active ?? null);
    if (active !== undefined) body.active = active;
    // A money column that failed to parse is already named; the schema would only add "is required".
    const named = new Set(errors.map((e) => e.field));
    errors.push(...schemaErrors('products', row, body).filter((e) => !named.has(e.field)));
    return { row, body, errors };
  });

  const firstRowOf = new Map<string, number>();
  for (const d of drafts) {
    const sku = typeof d.body.sku === 'string' ? d.body.sku : undefined;
    if (!sku) continue;
    const first = firstRowOf.get(sku);
    if (first !== undefined) d.errors.push({ row: d.row, field: 'sku', message: `${sku} is also on row ${first}` });
    else firstRowOf.set(sku, d.row);
  }
  const existing = await repo.existingSkus(ctx.db, [...firstRowOf.keys()]);
  for (const d of drafts) {
    if (typeof d.body.sku === 'string' && existing.has(d.body.sku)) d.errors.push({ row: d.row, field: 'sku', message: `SKU ${d.body.sku} already exists` });
  }

  const { errors, valid } = finish('products', header.errors, drafts);
  return {
    total: drafts.length,
    valid,
    errors,
    // The equivalent of createProduct for every row, inside the import's transaction.
    async apply(txCtx) {
      const now = txCtx.clock.now().toISOString();
      const rows: ProductsTable[] = drafts.map(({ body }) => ({
        id: newId('prd'),
        sku: body.sku as string,
        name: body.name as string,
        category: body.category as string,
        unit: body.unit as string,
        list_price_fen: body.listPriceFen as number,
        min_retail_price_fen: body.minRetailPriceFen as number,
        active: body.active === false ? 0 : 1,
        created_at: now,
        updated_at: now,
      }));
      await repo.insertProducts(txCtx.db, rows);
      return rows.map((row, i) => ({ action: 'product.create', entityType: 'product', entityId: row.id, change: drafts[i].body }));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Dealers

interface DealerDraft extends Draft<Record<string, unknown>> {
  id: string;
  code?: string;
  level: 1 | 2;
  parentRef?: string;
  parentId?: string | null;
  /** Set when the parent is a row of this file. */
  parentDraft?: DealerDraft;
  territory: TerritoryClaim[];
  territoryUsable: boolean;
}

async function planDealers(ctx: ServiceContext, sheet: Sheet): Promise<Plan> {
  const { header, records, missingRequired } = rowsOf('dealers', sheet, dealerColumns);
  if (missingRequired) return { total: records.length, valid: 0, errors: header.errors, apply: async () => [] };

  const drafts: DealerDraft[] = records.map(({ row, record }) => {
    const errors: RowError[] = [];
    const body: Record<string, unknown> = {};
    const fail = (field: string, message: string) => errors.push({ row, field, message });
    setText(body, 'code', record.code);
    setText(body, 'name', record.name);
    const level = parseLevel(record.level ?? null);
    if (level?.ok) body.level = level.value;
    else if (level) fail('level', level.message);
    const tier = parseTier(record.tier ?? null);
    if (tier?.ok) body.tier = tier.value;
    else if (tier) fail('tier', tier.message);
    const territory = parseTerritory(record.territory ?? null);
    if (territory?.ok) body.territory = territory.value;
    else if (territory) fail('territory', territory.message);
    yuanField(body, errors, row, record.creditLimit, 'creditLimit', 'creditLimitFen');
    const terms = parseInteger(record.paymentTermDays ?? null);
    if (terms !== undefined) body.paymentTermDays = terms;
    const vmi = parseBoolean(record.vmi ?? null);
    if (vmi !== undefined) body.vmi = vmi;
    const contact = cellText(record.contact ?? null);
    const phone = cellText(record.phone ?? null);
    if (contact) body.contacts = [{ name: contact, ...(phone ? { phone } : {}) }];
    else if (phone) fail('contact', 'is required when a phone is given');
    setText(body, 'address', record.address);
    const named = new Set(errors.map((e) => e.field));
    errors.push(...schemaErrors('dealers', row, body).filter((e) => !named.has(e.field)));

    // The hierarchy rules of createDealer.
    const parentRef = cellText(record.parentCode ?? null);
    const effectiveLevel: 1 | 2 = level?.ok ? level.value : parentRef ? 2 : 1;
    if (level?.ok && effectiveLevel === 1 && parentRef) fail('parentCode', 'must be empty for a level-1 dealer');
    if (effectiveLevel === 2 && !parentRef) fail('parentCode', 'is required for a level-2 dealer');

    // The territory rules of createDealer: known regions, none listed twice.
    const claims = territory?.ok ? territory.value : [];
    let territoryUsable = !!territory?.ok && claims.length <= 500;
    for (const claim of claims) {
      if (!findRegion(claim.regionCode)) {
        fail('territory', `${claim.regionCode} is not a GB/T 2260 region code`);
        territoryUsable = false;
      }
    }
    const dup = duplicateRegion(claims);
    if (dup >= 0) {
      fail('territory', `${claims[dup].regionCode} is listed twice`);
      territoryUsable = false;
    }
    return {
      row,
      body,
      errors,
      id: newId('dlr'),
      code: typeof body.code === 'string' ? body.code : undefined,
      level: effectiveLevel,
      parentRef,
      territory: claims,
      territoryUsable,
    };
  });

  // Codes: unique in the file and new to the database.
  const byCode = new Map<string, DealerDraft>();
  for (const d of drafts) {
    if (!d.code) continue;
    const first = byCode.get(d.code);
    if (first) d.errors.push({ row: d.row, field: 'code', message: `${d.code} is also on row ${first.row}` });
    else byCode.set(d.code, d);
  }
  const refs = drafts.map((d) => d.parentRef).filter((r): r is string => !!r);
  const known = new Map((await repo.dealersByCode(ctx.db, [...byCode.keys(), ...refs])).map((r) => [r.code, r] as const));
  for (const d of drafts) {
    if (d.code && known.has(d.code)) d.errors.push({ row: d.row, field: 'code', message: `Dealer code ${d.code} is already used` });
  }

  // Parents: a level-1 dealer of this file (anywhere in it) or of the database, by code (or by id,
  // as the dealer export writes it).
  const unresolved = refs.filter((r) => !byCode.has(r) && !known.has(r));
  const knownById = new Map((await repo.dealersById(ctx.db, unresolved)).map((r) => [r.id, r] as const));
  for (const d of drafts) {
    if (!d.parentRef || d.level !== 2) continue;
    const fail = (message: string) => d.errors.push({ row: d.row, field: 'parentCode', message });
    const inFile = byCode.get(d.parentRef);
    if (inFile) {
      if (inFile === d) fail('cannot be the dealer itself');
      else if (inFile.level !== 1) fail(`must be a level-1 dealer (row ${inFile.row} is level 2)`);
      else {
        d.parentDraft = inFile;
        d.parentId = inFile.id;
      }
      continue;
    }
    const inDb = known.get(d.parentRef) ?? knownById.get(d.parentRef);
    if (!inDb) fail(`${d.parentRef} is not an existing dealer or a dealer of this file`);
    else if (inDb.level !== 1) fail(`must be a level-1 dealer (${inDb.code} is level ${inDb.level})`);
    else d.parentId = inDb.id;
  }

  await checkTerritories(ctx, drafts);

  const { errors, valid } = finish('dealers', header.errors, drafts);
  return { total: drafts.length, valid, errors, apply: (txCtx, importId) => applyDealers(txCtx, drafts, importId) };
}

/** Exclusivity against live dealers of the database and between rows of the file. */
async function checkTerritories(ctx: ServiceContext, drafts: DealerDraft[]) {
  const usable = drafts.filter((d) => d.territoryUsable && d.territory.length);
  const codes = usable.flatMap((d) => d.territory.map((t) => t.regionCode));
  if (codes.length === 0) return;

  // Against the database: the rule of POST /dealers (territoryConflicts), on the held territories
  // that overlap, found through an index instead of comparing every row with every holder.
  const heldIndex = new TerritoryIndex<HeldTerritory & { regionCode: string }>();
  for (const h of await repo.heldTerritories(ctx.db, codes)) heldIndex.add({ ...h, regionCode: h.region_code });
  const exclusiveCodes = usable.flatMap((d) => d.territory.filter((t) => t.exclusive).map((t) => t.regionCode));
  const exclusiveHolder = new Map((await repo.exclusiveHolders(ctx.db, exclusiveCodes)).map((h) => [h.region_code, h] as const));
  for (const d of usable) {
    const candidates = [...new Set(d.territory.flatMap((t) => heldIndex.overlapping(t.regionCode)))];
    const family = { parentDealerId: d.parentDraft ? undefined : (d.parentId ?? undefined) };
    const named = new Set<string>();
    for (const c of territoryConflicts(d.territory, candidates, family)) {
      named.add(c.regionCode);
      const claim = d.territory.find((t) => t.regionCode === c.regionCode)!;
      d.errors.push({
        row: d.row,
        field: 'territory',
        message: claim.exclusive
          ? `Exclusive region ${regionPath(c.regionCode)} overlaps region ${regionPath(c.heldRegionCode)} of dealer ${c.dealerCode} ${c.dealerName}`
          : `Region ${regionPath(c.regionCode)} overlaps the exclusive territory ${regionPath(c.heldRegionCode)} held by dealer ${c.dealerCode} ${c.dealerName}`,
      });
    }
    // One exclusive holder per region code, whatever its status or family (a database rule).
    for (const t of d.territory) {
      const holder = t.exclusive && !named.has(t.regionCode) ? exclusiveHolder.get(t.regionCode) : undefined;
      if (holder) {
        d.errors.push({ row: d.row, field: 'territory', message: `Region ${regionPath(t.regionCode)} is already exclusive to dealer ${holder.dealerCode} ${holder.dealerName} (${holder.status})` });
      }
    }
  }

  // Between rows: a later row conflicting with an earlier one is named, with the earlier row.
  interface FileClaim extends TerritoryClaim {
    draft: DealerDraft;
  }
  const fileIndex = new TerritoryIndex<FileClaim>();
  for (const d of usable) {
    for (const claim of d.territory) {
      for (const other of fileIndex.overlapping(claim.regionCode)) {
        const o = other.draft;
        if (o === d || !regionsOverlap(claim.regionCode, other.regionCode)) continue;
        const sameCode = claim.regionCode === other.regionCode;
        if (sameCode && claim.exclusive && other.exclusive) {
          d.errors.push({ row: d.row, field: 'territory', message: `Region ${regionPath(claim.regionCode)} is also exclusive on row ${o.row}${o.code ? ` (${o.code})` : ''}` });
          continue;
        }
        const family = (d.parentRef !== undefined && d.parentRef === o.code) || (o.parentRef !== undefined && o.parentRef === d.code);
        if (family || !(claim.exclusive || other.exclusive)) continue;
        d.errors.push({
          row: d.row,
          field: 'territory',
          message: claim.exclusive
            ? `Exclusive region ${regionPath(claim.regionCode)} overlaps region ${regionPath(other.regionCode)} of row ${o.row}${o.code ? ` (${o.code})` : ''}`
            : `Region ${regionPath(claim.regionCode)} overlaps the exclusive territory ${regionPath(other.regionCode)} of row ${o.row}${o.code ? ` (${o.code})` : ''}`,
        });
      }
    }
    for (const claim of d.territory) fileIndex.add({ ...claim, draft: d });
  }
}

/** The equivalent of createDealer for every row, inside the import's transaction. */
async function applyDealers(ctx: ServiceContext, drafts: DealerDraft[], importId: string): Promise<AuditInput[]> {
  const now = ctx.clock.now().toISOString();
  const status = 'active';
  // Parents first: the foreign key wants them before their sub-dealers.
  const ordered = [...drafts.filter((d) => d.level === 1), ...drafts.filter((d) => d.level === 2)];
  const rows: repo.NewDealerRows = { dealers: [], territories: [], contacts: [], events: [] };
  const bodies: Record<string, unknown>[] = [];
  for (const d of ordered) {
    const body = { ...d.body, ...(d.level === 2 ? { parentDealerId: d.parentId } : {}) } as CreateDealerBody;
    bodies.push(body);
    const dealer: DealersTable = {
      id: d.id,
      code: body.code,
      name: body.name,
      level: d.level,
      parent_dealer_id: d.level === 2 ? (d.parentId ?? null) : null,
      status,
      tier: body.tier ?? 'bronze',
      credit_limit_fen: body.creditLimitFen ?? 0,
      payment_term_days: body.paymentTermDays ?? 30,
      vmi: body.vmi ? 1 : 0,
      unified_social_credit_code: body.unifiedSocialCreditCode ?? null,
      address: body.address ?? null,
      contract_starts_on: body.contractStartsOn ?? null,
      contract_ends_on: body.contractEndsOn ?? null,
      created_at: now,
      updated_at: now,
    };
    rows.dealers.push(dealer);
    for (const t of body.territory ?? []) rows.territories.push({ dealer_id: d.id, region_code: t.regionCode, exclusive: t.exclusive ? 1 : 0 });
    (body.contacts ?? []).forEach((c, i) =>
      rows.contacts.push({
        id: newId('dct'),
        dealer_id: d.id,
        position: i,
        name: c.name,
        title: c.title ?? null,
        phone: c.phone ?? null,
        email: c.email ?? null,
        is_primary: (c.primary ?? i === 0) ? 1 : 0,
      }),
    );
    rows.events.push({
      id: newId('dev'),
      dealer_id: d.id,
      from_status: null,
      to_status: status,
      reason: `Contracted dealer entered by HQ (import ${importId})`,
      actor_id: ctx.caller.id,
      actor_name: ctx.caller.name,
      at: now,
    });
  }
  await repo.insertDealers(ctx.db, rows);
  return ordered.map((d, i) => ({ action: 'dealer.create', entityType: 'dealer', entityId: d.id, change: { ...bodies[i], status } }));
}

// ---------------------------------------------------------------------------------------------
// Template

/** An XLSX with the header row (Chinese labels, or English) and one example row, plus a notes sheet. */
export async function importTemplate(kind: ImportKind, english: boolean): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qudao';
  const ws = workbook.addWorksheet(kind);
  ws.columns = columns.map((c) => ({ header: english ? c.en : c.zh, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const example: Record<string, string | number> = {};
  for (const c of columns) example[c.key] = english && c.exampleEn !== undefined ? c.exampleEn : c.example;
  ws.addRow(example);
  // Codes and phone numbers are text: keep Excel from turning 00123 into 123.
  for (const key of ['code', 'sku', 'phone', 'territory', 'parentCode']) {
    if (columns.some((c) => c.key === key)) ws.getColumn(key).numFmt = '@';
  }
  const notes = workbook.addWorksheet(english ? 'notes' : '说明');
  notes.columns = [
    { header: english ? 'Column' : '列名', key: 'label', width: 24 },
    { header: english ? 'Key' : '英文列名', key: 'key', width: 18 },
    { header: english ? 'Required' : '必填', key: 'required', width: 10 },
    { header: english ? 'Format' : '说明', key: 'note', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) {
    notes.addRow({ label: english ? c.en : c.zh, key: c.key, required: c.required ? (english ? 'yes' : '是') : '', note: english ? c.note.en : c.note.zh });
  }
  notes.addRow({});
  notes.addRow({ label: english ? 'Only the first sheet is imported. Chinese or English column names both work.' : '只导入第一个工作表；中文或英文列名均可。' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
