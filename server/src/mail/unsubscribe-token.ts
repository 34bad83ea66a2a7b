import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAIL_KINDS, type MailKind } from '@lepa/shared';

/**
 * `<userId>.<kind>.<signature>`: the link needs no stored state and cannot be
 * forged for another account or kind without the installation's secret.
 */
export function signUnsubscribe(secret: string, userId: string, kind: MailKind): string {
  return `${userId}.${kind}.${signature(secret, userId, kind)}`;
}

export function verifyUnsubscribe(secret: string, token: string): { userId: string; kind: MailKind } | undefined {
  const [userId, kind, given] = token.split('.');
  if (!userId || !kind || !given || !(MAIL_KINDS as readonly string[]).includes(kind)) return undefined;
  const expected = Buffer.from(signature(secret, userId, kind as MailKind));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return { userId, kind: kind as MailKind };
}

function signature(secret: string, userId: string, kind: MailKind) {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${kind}`).digest('base64url');
}
