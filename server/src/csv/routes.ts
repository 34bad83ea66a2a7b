import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, SmeCsvBody, SmeImportResult } from '@lepa/shared';
import { requireRole } from '../auth/plugin.ts';
import { createSmeImport } from './import-smes.ts';
import { described } from '../common/openapi.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody };
/** 50,000 firms of about 250 bytes each. */
const CSV_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * POST /api/smes/import (text/csv): an SME account imports firms it will own,
 * e.g. a business network's register; see README "CSV import". Registered under /api/smes.
 */
const csvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const importSmes = createSmeImport({ db: app.database.db, publish: app.publishChange });
  app.addHook('onRequest', app.authenticate);
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/import',
    {
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        operationId: 'importSmesCsv',
        summary: 'Import firms from a CSV register (SME account)',
        tags: ['smes'],
        consumes: ['text/csv'],
        body: SmeCsvBody,
        response: { 201: described('How many firms were imported', SmeImportResult), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await importSmes(requireRole(request, 'sme').id, request.body)),
  );
};

export default csvRoutes;
