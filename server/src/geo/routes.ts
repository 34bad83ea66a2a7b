import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, PostcodeParams, PostcodePlace } from '@lepa/shared';
import { AppError, invalidInput } from '../common/errors.ts';
import { postcodeTable } from './postcodes.ts';

const geoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const table = postcodeTable();

  app.get(
    '/postcodes/:postcode',
    {
      schema: {
        operationId: 'lookupPostcode',
        summary: 'Where a postcode is: the centre of its district',
        description:
          'Looks up the outward code (e.g. B23 of B23 6TN) in the shipped table of UK postcode districts; the location is good to a few km.',
        tags: ['geo'],
        params: PostcodeParams,
        response: {
          200: PostcodePlace,
          400: { ...ErrorBody, description: 'Not shaped like a UK postcode' },
          401: { ...ErrorBody, description: 'Not signed in' },
          404: { ...ErrorBody, description: 'No such postcode district' },
        },
      },
    },
    async (request) => {
      const lookup = table.lookup(request.params.postcode);
      if (lookup.status === 'malformed') {
        throw invalidInput([{ field: 'postcode', message: 'is not a UK postcode (like B23 6TN)' }]);
      }
      if (lookup.status === 'unknown') {
        throw new AppError(404, 'not_found', `No UK postcode district ${lookup.outcode} is known`);
      }
      return lookup.place;
    },
  );
};

export default geoRoutes;
