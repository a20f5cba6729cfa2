import { Type } from 'typebox';
import { Region, RegionCode, listOf } from '../../../shared/schemas/index.js';
import type { App } from '../../core/http.js';
import { getRegion, listRegions } from './regions.service.js';

export default async function regionsRoutes(app: App) {
  app.get(
    '/v1/regions',
    {
      config: { access: { permission: 'regions.read' } },
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (provinces when no parent), or a name search',
        querystring: Type.Object(
          { parentCode: Type.Optional(RegionCode), q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: listOf(Region) },
      },
    },
    async (request) => ({ items: listRegions(request.query), nextCursor: null }),
  );

  app.get(
    '/v1/regions/:code',
    {
      config: { access: { permission: 'regions.read' } },
      schema: { tags: ['regions'], params: Type.Object({ code: RegionCode }), response: { 200: Region } },
    },
    async (request) => getRegion(request.params.code),
  );
}
