import { ApiKey, CreateApiKeyBody, CreatedApiKey, IdParams, ListQuery, listOf } from '../../../shared/schemas/index.js';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList } from '../../core/list.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

export default async function apiKeysRoutes(app: App, deps: AppDeps) {
  const access = { permission: 'apiKeys.manage' } as const;
  app.get(
    '/v1/api-keys',
    { config: { access }, schema: { tags: ['api-keys'], querystring: Type.Object(ListQuery, { additionalProperties: false }), response: { 200: listOf(ApiKey) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listApiKeys(ctxOf(deps, request), page), {
        name: 'api-keys',
        columns: [
          { key: 'name', zh: '名称', en: 'Name', value: (k) => k.name },
          { key: 'prefix', zh: '前缀', en: 'Prefix', value: (k) => k.prefix },
          { key: 'role', zh: '角色', en: 'Role', value: (k) => k.role },
          { key: 'createdAt', zh: '创建时间', en: 'Created', value: (k) => k.createdAt },
          { key: 'lastUsedAt', zh: '最近使用', en: 'Last used', value: (k) => k.lastUsedAt },
          { key: 'revokedAt', zh: '吊销时间', en: 'Revoked', value: (k) => k.revokedAt },
          { key: 'expiresAt', zh: '到期时间', en: 'Expires', value: (k) => k.expiresAt },
        ],
      }),
  );
  app.post('/v1/api-keys', { config: { access }, schema: { tags: ['api-keys'], body: CreateApiKeyBody, response: { 201: CreatedApiKey } } }, async (request, reply) =>
    reply.code(201).send(await createApiKey(ctxOf(deps, request), request.body)),
  );
  app.delete('/v1/api-keys/:id', { config: { access }, schema: { tags: ['api-keys'], params: IdParams, response: { 200: ApiKey } } }, async (request) =>
    revokeApiKey(ctxOf(deps, request), request.params.id),
  );
}
