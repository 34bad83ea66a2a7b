import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { asyncApiDocument } from '../live/asyncapi.ts';

/**
 * What an error status means on every route: the body is always the same ErrorBody, so its
 * description is said once here rather than on each route (a route may still give its own).
 */
const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: 'Invalid input; `error.details` names the offending field',
  401: 'Not signed in (no or an expired session)',
  403: 'Signed in, but this account may not do this',
  404: 'No such resource, or not visible to this account',
  409: 'Conflicts with the current state (e.g. already submitted, capacity gone)',
  413: 'The body is too large',
  415: 'The content type is not accepted',
  429: 'Too many attempts; retry later',
  503: 'The database is unavailable',
};

type RouteSchema = { response?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/** Fills in the standard description of each error response that has none (a copy; the route's schema is untouched). */
function describeErrors(schema: RouteSchema | undefined): RouteSchema | undefined {
  if (!schema?.response) return schema;
  const response = Object.fromEntries(
    Object.entries(schema.response).map(([status, body]) => {
      const standard = ERROR_DESCRIPTIONS[status];
      const described = body.description !== undefined || body['x-response-description'] !== undefined;
      return [status, standard && !described ? { ...body, 'x-response-description': standard } : body];
    }),
  );
  return { ...schema, response };
}

/** OpenAPI 3.1 generated from the route schemas, which come from shared/. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Lepa API',
          description:
            'Retrofit consortium matchmaking for local SMEs. The scoring model is docs/scoring-model.md in the repository; the websocket protocol is the AsyncAPI document at /docs/asyncapi.json.',
          version: '0.1.0',
        },
        servers: [{ url: '/', description: 'This Lepa server' }],
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer' },
            cookie: { type: 'apiKey', in: 'cookie', name: 'lepa_session' },
          },
        },
        security: [{ bearer: [] }, { cookie: [] }],
      },
      transform: ({ schema, url }) => ({ schema: describeErrors(schema as RouteSchema) as typeof schema, url }),
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/docs/asyncapi.json', { schema: { hide: true } }, async (request) => asyncApiDocument(request.host));
  },
  { name: 'docs' },
);
