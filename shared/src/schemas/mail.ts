import { Type, type Static } from 'typebox';

const kindSwitch = (description: string) => Type.Boolean({ description });

/** One switch per kind of mail; `true` means the account receives it. */
export const NotificationPreferences = Type.Object(
  {
    invitation: kindSwitch('Invitations to join a consortium (to the invited firm’s owner).'),
    'invitation-answer': kindSwitch('A member accepted or declined (to the lead).'),
    'bid-submitted': kindSwitch('A bid was submitted (to the lead, the members and the provider).'),
    'award-outcome': kindSwitch('A lot was awarded: won or lost (to the lead and the members).'),
    'new-lots': kindSwitch('New open lots a firm of the account could work on, at most one digest a day.'),
    'certificate-expiring': kindSwitch('A certificate of a firm expires within 30 days.'),
  },
  { additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

/** PUT takes any subset of the switches; the others keep their value. */
export const NotificationPreferencesUpdate = Type.Partial(NotificationPreferences, { additionalProperties: false });
export type NotificationPreferencesUpdate = Static<typeof NotificationPreferencesUpdate>;

export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 400, description: 'The signed token of the mail’s link.' }) },
  { additionalProperties: false },
);
export type UnsubscribeQuery = Static<typeof UnsubscribeQuery>;

/** RFC 8058: what a mail program posts to the `List-Unsubscribe` address, as a form. */
export const OneClickUnsubscribeBody = Type.Object(
  { 'List-Unsubscribe': Type.Literal('One-Click', { description: 'Always `One-Click`.' }) },
  { additionalProperties: false },
);
export type OneClickUnsubscribeBody = Static<typeof OneClickUnsubscribeBody>;

export const PasswordResetBody = Type.Object(
  { email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }) },
  { additionalProperties: false },
);
export type PasswordResetBody = Static<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 200 }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const Accepted = Type.Object({ accepted: Type.Literal(true) });
