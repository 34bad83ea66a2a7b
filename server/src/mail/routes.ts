import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  MAIL_KIND_LABELS,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  Ok,
  OneClickUnsubscribeBody,
  UnsubscribeQuery,
} from '@lepa/shared';
import formBody from '@fastify/formbody';
import { Type } from 'typebox';
import { currentUser } from '../auth/plugin.ts';
import { strictJsonTypes } from '../common/json-types.ts';
import { invalidInput } from '../common/errors.ts';

const tags = ['notifications'];
const signedInErrors = {
  400: { ...ErrorBody, description: 'The body is not valid; `details` names the field.' },
  401: { ...ErrorBody, description: 'Not signed in.' },
};

/** `GET/PUT /api/auth/me/notifications`; registered under /api/auth. */
export const preferenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/me/notifications',
    {
      schema: {
        operationId: 'getNotificationPreferences',
        summary: 'Which kinds of mail this account receives',
        tags,
        response: {
          200: { ...NotificationPreferences, description: 'One switch per kind of mail; true means it is sent.' },
          401: signedInErrors[401],
        },
      },
    },
    async (request) => app.mail.preferences(currentUser(request).id),
  );

  app.put(
    '/me/notifications',
    {
      preValidation: [strictJsonTypes(NotificationPreferencesUpdate)],
      schema: {
        operationId: 'updateNotificationPreferences',
        summary: 'Switch kinds of mail on or off',
        description: 'Takes any of the switches; the others keep their value. Answers every switch.',
        tags,
        body: NotificationPreferencesUpdate,
        response: {
          200: { ...NotificationPreferences, description: 'The switches after the change.' },
          ...signedInErrors,
        },
      },
    },
    async (request) => app.mail.updatePreferences(currentUser(request).id, request.body),
  );
};

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
  `<body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; line-height: 1.5"><h1>${title}</h1>${body}</body></html>`;

/** One-click unsubscribe from the link in a mail; registered under /api/mail. */
export const unsubscribeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/unsubscribe',
    {
      schema: {
        operationId: 'unsubscribeFromMailPage',
        summary: 'Stop one kind of mail (the link in each mail)',
        description: 'Switches off the kind of mail the signed token names and answers a short HTML page saying so.',
        tags,
        security: [],
        querystring: UnsubscribeQuery,
        response: {
          200: Type.String({ description: 'An HTML page confirming the change.' }),
          400: { ...ErrorBody, description: 'The token is missing or not genuine.' },
        },
      },
    },
    async (request, reply) => {
      const kind = await app.mail.unsubscribe(request.query.token);
      if (!kind) throw invalidInput([{ field: 'token', message: 'is not a genuine unsubscribe link' }]);
      const home = app.mail.appLink('#/');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'You are unsubscribed',
            `<p>You will no longer get this kind of mail: <strong>${MAIL_KIND_LABELS[kind]}</strong>.</p>` +
              `<p>You can switch it back on in your account settings on <a href="${home}">Lepa</a>.</p>`,
          ),
        );
    },
  );

  await app.register(oneClickUnsubscribeRoute);
};

/**
 * RFC 8058: mail programs post the form `List-Unsubscribe=One-Click` to the same address. The
 * form parser is registered in this plugin only, and this is the one route whose `consumes` lets
 * a form past the JSON-only guard: the signed token in the URL is the authority, no cookie is read,
 * so a cross-site form can do nothing the link itself does not.
 */
const oneClickUnsubscribeRoute: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formBody, { bodyLimit: 1024 });

  app.post(
    '/unsubscribe',
    {
      schema: {
        operationId: 'unsubscribeFromMail',
        summary: 'Stop one kind of mail (RFC 8058 one-click)',
        tags,
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
        querystring: UnsubscribeQuery,
        body: OneClickUnsubscribeBody,
        response: {
          200: { ...Ok, description: 'The kind of mail is switched off.' },
          400: {
            ...ErrorBody,
            description: 'The token is not genuine, or the form is not `List-Unsubscribe=One-Click`.',
          },
        },
      },
    },
    async (request) => {
      const kind = await app.mail.unsubscribe(request.query.token);
      if (!kind) throw invalidInput([{ field: 'token', message: 'is not a genuine unsubscribe link' }]);
      return { ok: true as const };
    },
  );
};
