import { Type } from 'typebox';
import { CreateUserBody, IdParams, RoleSchema, UpdateUserBody, User, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList } from '../../core/list.js';
import { createUser, listUsers, updateUser } from './users.service.js';

const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

export default async function usersRoutes(app: App, deps: AppDeps) {
  app.get('/v1/users', { config: { access: { permission: 'users.read' } }, schema: { tags: ['users'], querystring: UserListQuery, response: { 200: listOf(User) } } }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    return respondList(request, reply, request.query, (page) => listUsers(ctx, request.query, page), {
      name: 'users',
      columns: [
        { key: 'username', zh: '用户名', en: 'Username', value: (u) => u.username },
        { key: 'displayName', zh: '姓名', en: 'Name', value: (u) => u.displayName },
        { key: 'role', zh: '角色', en: 'Role', value: (u) => u.role },
        { key: 'dealerId', zh: '经销商', en: 'Dealer', value: (u) => u.dealerId },
        { key: 'regionCodes', zh: '负责区域', en: 'Regions', value: (u) => u.regionCodes.join(',') },
        { key: 'active', zh: '启用', en: 'Active', value: (u) => u.active },
        { key: 'createdAt', zh: '创建时间', en: 'Created', value: (u) => u.createdAt },
      ],
    });
  });

  app.post('/v1/users', { config: { access: { permission: 'users.write' } }, schema: { tags: ['users'], body: CreateUserBody, response: { 201: User } } }, async (request, reply) =>
    reply.code(201).send(await createUser(ctxOf(deps, request), request.body)),
  );

  app.patch('/v1/users/:id', { config: { access: { permission: 'users.write' } }, schema: { tags: ['users'], params: IdParams, body: UpdateUserBody, response: { 200: User } } }, async (request) =>
    updateUser(ctxOf(deps, request), request.params.id, request.body),
  );
}
