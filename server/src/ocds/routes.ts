import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, OcdsImportResult, OcdsReleasePackage } from '@lepa/shared';
import { requireRole } from '../auth/plugin.ts';
import { invalidInput } from '../common/errors.ts';
import { createConsortiumStore } from '../consortia/store.ts';
import { createLotStore } from '../lots/store.ts';
import { jsonErrorLocation } from './json-position.ts';
import { createOcdsService } from './service.ts';
import { described } from '../common/openapi.ts';
import { createLotAnnouncer } from '../opportunities/lot-announcer.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['ocds'];
/** A portal's package of many lots is larger than the API's usual 1 MiB. */
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

/** OCDS in and out: GET /api/lots/:id/ocds, POST /api/lots/import/ocds. Registered under /api/lots. */
const ocdsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const ocds = createOcdsService({
    db,
    lotStore: createLotStore(db),
    consortiumStore: createConsortiumStore(db),
    publish: app.publishChange,
    announce: createLotAnnouncer({
      db,
      notify: app.notifyUser,
      onError: (error) => app.log.error({ err: error }, 'telling firms near imported lots about them failed'),
    }),
  });
  app.addHook('onRequest', app.authenticate);

  // Only in this plugin: a malformed document is answered with the line and column where it breaks.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    try {
      done(null, JSON.parse(text));
    } catch {
      const { line, column } = jsonErrorLocation(text);
      done(
        invalidInput([{ field: 'body', message: `is not JSON: it breaks at line ${line}, column ${column}` }]),
        undefined,
      );
    }
  });

  app.get(
    '/:id/ocds',
    {
      schema: {
        operationId: 'getLotOcds',
        summary: 'A lot as an OCDS release package',
        tags,
        params: IdParams,
        response: { 200: described('The OCDS 1.1 release package', OcdsReleasePackage), ...errors },
      },
    },
    async (request) => ocds.exportLot(request.params.id, `${request.protocol}://${request.host}${request.url}`),
  );

  app.post(
    '/import/ocds',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        operationId: 'importOcds',
        summary: 'Create lots from an OCDS release package (provider)',
        tags,
        body: OcdsReleasePackage,
        response: { 201: described('The lots created', OcdsImportResult), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ items: await ocds.importPackage(requireRole(request, 'provider'), request.body) }),
  );
};

export default ocdsRoutes;
