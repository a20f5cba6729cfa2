// The service settings HQ may change (docs/rules.md, C9/C10: working hours, SLA targets, the rating
// that reopens a ticket, how long a confirmation link lives), one document of the one settings
// mechanism (src/server/core/settings.ts). The key predates the mechanism and is kept so stored
// documents stay in force.
import { ServiceSettings } from '../../../shared/schemas/service.js';
import { defineSetting } from '../../core/settings.js';
import { DEFAULT_TARGETS } from './sla.rules.js';

export const SERVICE_SETTINGS = defineSetting({
  key: 'service.settings',
  module: 'tickets',
  title: { 'zh-CN': '服务时限与工作时间', en: 'Service hours and SLA targets' },
  schema: ServiceSettings,
  defaults: {
    workStartMinute: 9 * 60,
    workEndMinute: 18 * 60,
    reopenBelowRating: 3,
    confirmationDays: 14,
    firstResponse: DEFAULT_TARGETS.firstResponse,
    resolution: DEFAULT_TARGETS.resolution as ServiceSettings['resolution'],
  },
  permission: 'service.configure',
  check: (v) => (v.workEndMinute <= v.workStartMinute ? [{ path: '/workEndMinute', message: 'must be after workStartMinute' }] : []),
});
