// The service settings HQ may change (working hours, SLA targets, the rating that reopens a
// ticket, how long a confirmation link lives) and the calendar overrides. One settings row holds
// the JSON; missing or broken values fall back to the C9/C10 defaults.
import type { CalendarOverride, ServiceSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { invalid } from '../../core/errors.js';
import { DEFAULT_TARGETS, businessCalendar, officialWorkday, type BusinessCalendar, type SlaTargets } from './sla.rules.js';

export const SERVICE_SETTINGS_KEY = 'service.settings';

export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  workStartMinute: 9 * 60,
  workEndMinute: 18 * 60,
  reopenBelowRating: 3,
  confirmationDays: 14,
  firstResponse: DEFAULT_TARGETS.firstResponse,
  resolution: DEFAULT_TARGETS.resolution as ServiceSettings['resolution'],
};

export async function serviceSettings(db: Database): Promise<ServiceSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SERVICE_SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SERVICE_SETTINGS;
  try {
    const stored = JSON.parse(row.value) as Partial<ServiceSettings>;
    return {
      ...DEFAULT_SERVICE_SETTINGS,
      ...stored,
      resolution: {
        customer_feedback: { ...DEFAULT_SERVICE_SETTINGS.resolution.customer_feedback, ...stored.resolution?.customer_feedback },
        dealer_request: { ...DEFAULT_SERVICE_SETTINGS.resolution.dealer_request, ...stored.resolution?.dealer_request },
      },
    };
  } catch {
    return DEFAULT_SERVICE_SETTINGS;
  }
}

export const targetsOf = (s: ServiceSettings): SlaTargets => ({ firstResponse: s.firstResponse, resolution: s.resolution as SlaTargets['resolution'] });

export async function saveServiceSettings(ctx: ServiceContext, body: ServiceSettings): Promise<ServiceSettings> {
  if (body.workEndMinute <= body.workStartMinute) throw invalid('/workEndMinute', 'must be after workStartMinute');
  const before = await serviceSettings(ctx.db);
  const now = ctx.clock.now().toISOString();
  const value = JSON.stringify(body);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ key: SERVICE_SETTINGS_KEY, value, updated_at: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now })).execute();
    await appendAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId: SERVICE_SETTINGS_KEY, change: { from: before, to: body } });
  });
  return serviceSettings(ctx.db);
}

/** The business calendar in force: working hours from the settings, HQ overrides over the official days. */
export async function calendarOf(db: Database, settings?: ServiceSettings): Promise<BusinessCalendar> {
  const s = settings ?? (await serviceSettings(db));
  const rows = await db.selectFrom('calendar_overrides').select(['date', 'workday']).execute();
  return businessCalendar({ startMinute: s.workStartMinute, endMinute: s.workEndMinute }, new Map(rows.map((r) => [r.date, r.workday === 1])));
}

export async function calendarDays(db: Database, from: string, to: string) {
  if (to < from) throw invalid('/querystring/to', 'must not be before from');
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (span > 400) throw invalid('/querystring/to', 'must be within 400 days of from');
  const overrides = await db.selectFrom('calendar_overrides').selectAll().where('date', '>=', from).where('date', '<=', to).execute();
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const out = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const o = byDate.get(date);
    out.push(o ? { date, workday: o.workday === 1, source: 'override' as const, note: o.note } : { date, workday: officialWorkday(date), source: 'official' as const, note: null });
  }
  return out;
}

export async function putCalendarOverride(ctx: ServiceContext, date: string, body: CalendarOverride) {
  if (body.date !== date) throw invalid('/date', 'must equal the date in the path');
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) throw invalid('/date', 'is not a real date');
  const now = ctx.clock.now().toISOString();
  const row = { date, workday: body.workday ? 1 : 0, note: body.note, created_by: ctx.caller.name, created_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('calendar_overrides').values(row).onConflict((oc) => oc.column('date').doUpdateSet({ workday: row.workday, note: row.note, created_by: row.created_by, created_at: now })).execute();
    await appendAudit(trx, ctx, { action: 'calendar.override', entityType: 'calendar', entityId: date, change: body });
  });
  return { date, workday: body.workday, source: 'override' as const, note: body.note };
}

export async function deleteCalendarOverride(ctx: ServiceContext, date: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_overrides').where('date', '=', date).execute();
    await appendAudit(trx, ctx, { action: 'calendar.override.delete', entityType: 'calendar', entityId: date, change: null });
  });
}
