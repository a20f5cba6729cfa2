import { PutSettingBody, SettingItem, SettingKeyParams, SettingList, SettingVersionList } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { getSetting, listSettings, listSettingVersions, putSetting } from './settings.service.js';

export default async function settingsRoutes(app: App, deps: AppDeps) {
  const tags = ['settings'];
  const read = { permission: 'settings.read' } as const;
  app.get('/v1/settings', { config: { access: read }, schema: { tags, summary: 'Every setting HQ may change, by module, with the value in force', response: { 200: SettingList } } }, async (request) =>
    listSettings(ctxOf(deps, request)),
  );
  app.get('/v1/settings/:key', { config: { access: read }, schema: { tags, params: SettingKeyParams, response: { 200: SettingItem } } }, async (request) =>
    getSetting(ctxOf(deps, request), request.params.key),
  );
  app.get(
    '/v1/settings/:key/versions',
    { config: { access: read }, schema: { tags, summary: 'Every saved version, newest first', params: SettingKeyParams, response: { 200: SettingVersionList } } },
    async (request) => listSettingVersions(ctxOf(deps, request), request.params.key),
  );
  app.put(
    '/v1/settings/:key',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: { tags, summary: 'Replace a setting (validated, versioned, audited)', params: SettingKeyParams, body: PutSettingBody, response: { 200: SettingItem } },
    },
    async (request) => putSetting(ctxOf(deps, request), request.params.key, request.body),
  );
}
