import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Accepted, ErrorBody, PasswordResetBody, PasswordResetConfirmBody } from '@lepa/shared';
import { Type } from 'typebox';
import { strictJsonTypes } from '../common/json-types.ts';
import { createPasswordResetService } from './password-reset.ts';

export interface PasswordResetRoutesOptions {
  /** Reset requests per client address and minute. */
  attemptsPerMinute: number;
  /** Test clocks; the real clock otherwise. */
  now?: () => Date;
}

const tags = ['auth'];
const errors = {
  400: { ...ErrorBody, description: 'The body is not valid; `details` names the field.' },
  429: { ...ErrorBody, description: 'Too many attempts from this address; wait a minute.' },
};

/** Registered under /api/auth. */
const passwordResetRoutes: FastifyPluginAsyncTypebox<PasswordResetRoutesOptions> = async (app, options) => {
  const resets = createPasswordResetService({
    db: app.database.db,
    mail: app.mail,
    endAllSessions: (userId) => app.accounts.logoutEverywhere(userId),
    now: options.now ?? (() => new Date()),
  });
  const perAddress = { max: options.attemptsPerMinute, timeWindow: '1 minute' };

  app.post(
    '/password-reset',
    {
      config: { rateLimit: perAddress },
      preValidation: [strictJsonTypes(PasswordResetBody)],
      schema: {
        operationId: 'requestPasswordReset',
        summary: 'Mail a password reset link',
        description:
          'Answers 202 at once whether or not an account has this email, so neither the answer nor its timing reveals accounts. ' +
          'The mail holds a link to `LEPA_PUBLIC_URL/#/reset?token=…`, valid once for one hour; at most 3 mails per account and hour.',
        tags,
        security: [],
        body: PasswordResetBody,
        response: { 202: { ...Accepted, description: 'Accepted; a mail follows if the account exists.' }, ...errors },
      },
    },
    async (request, reply) => {
      // The lookup and the mail happen after the answer, so known and unknown emails take the same time.
      const email = request.body.email;
      setImmediate(() => {
        resets.request(email).catch((error: unknown) => app.log.error({ err: error }, 'password reset request failed'));
      });
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      config: { rateLimit: perAddress },
      preValidation: [strictJsonTypes(PasswordResetConfirmBody)],
      schema: {
        operationId: 'confirmPasswordReset',
        summary: 'Set a new password with a reset token',
        description: 'Spends the token, sets the password and ends every session of the account.',
        tags,
        security: [],
        body: PasswordResetConfirmBody,
        response: { 204: Type.Null({ description: 'The password is changed; sign in with it.' }), ...errors },
      },
    },
    async (request, reply) => {
      await resets.confirm(request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );
};

export default passwordResetRoutes;
