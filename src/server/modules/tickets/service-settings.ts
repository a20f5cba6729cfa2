// The service settings in force (declared in tickets.settings.ts, read through the one settings
// mechanism) and the business calendar with its HQ overrides.
import type { CalendarOverride, ServiceSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { invalid } from '../../core/errors.js';
import { readSetting, writeSetting } from '../../core/settings.js';
import { businessCalendar, officialWorkday, type BusinessCalendar, type SlaTargets } from './sla.rules.js';
import { SERVICE_SETTINGS } from './tickets.settings.js';
import { addDays, daysBetween, isRealDate } from '../../../shared/dates.js';

export const serviceSettings = (db: Database): Promise<ServiceSettings> => readSetting(db, SERVICE_SETTINGS);

export const targetsOf = (s: ServiceSettings): SlaTargets => ({ firstResponse: s.firstResponse, resolution: s.resolution as SlaTargets['resolution'] });

/** PUT /service/settings: the whole document, checked, versioned and audited by the mechanism. */
export const saveServiceSettings = (ctx: ServiceContext, body: ServiceSettings): Promise<ServiceSettings> => writeSetting(ctx, SERVICE_SETTINGS, body);

/** The business calendar in force: working hours from the settings, HQ overrides over the official days. */
export async function calendarOf(db: Database, settings?: ServiceSettings): Promise<BusinessCalendar> {
  const s = settings ?? (await serviceSettings(db));
  const rows = await db.selectFrom('calendar_overrides').select(['date', 'workday']).execute();
  return businessCalendar({ startMinute: s.workStartMinute, endMinute: s.workEndMinute }, new Map(rows.map((r) => [r.date, r.workday === 1])));
}

export async function calendarDays(db: Database, from: string, to: string) {
  if (to < from) throw invalid('/querystring/to', 'must not be before from');
  const span = daysBetween(from, to);
  if (span > 400) throw invalid('/querystring/to', 'must be within 400 days of from');
  const overrides = await db.selectFrom('calendar_overrides').selectAll().where('date', '>=', from).where('date', '<=', to).execute();
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const out = [];
  for (let i = 0; i <= span; i++) {
    const date = addDays(from, i);
    const o = byDate.get(date);
    out.push(o ? { date, workday: o.workday === 1, source: 'override' as const, note: o.note } : { date, workday: officialWorkday(date), source: 'official' as const, note: null });
  }
  return out;
}

export async function putCalendarOverride(ctx: ServiceContext, date: string, body: CalendarOverride) {
  if (body.date !== date) throw invalid('/date', 'must equal the date in the path');
  if (!isRealDate(date)) throw invalid('/date', 'is not a real date');
  const now = ctx.clock.now().toISOString();
  const row = { date, workday: body.workday ? 1 : 0, note: body.note, created_by: ctx.caller.name, created_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_overrides')
      .values(row)
      .onConflict((oc) => oc.column('date').doUpdateSet({ workday: row.workday, note: row.note, created_by: row.created_by, created_at: now }))
      .execute();
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
