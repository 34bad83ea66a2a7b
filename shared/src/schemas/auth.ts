import { Type, type Static } from 'typebox';
import { ROLES } from '../vocabulary.ts';
import { Id, Timestamp } from './common.ts';

export const RoleCode = Type.Enum([...ROLES]);

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** 10 characters is the floor NCSC guidance sets; 200 keeps the slow KDF from being a denial-of-service lever. */
const Password = Type.String({ minLength: 10, maxLength: 200 });

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    role: RoleCode,
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: RoleCode,
  createdAt: Timestamp,
});
export type User = Static<typeof User>;

export const Session = Type.Object({ user: User, token: Type.String() });
export type Session = Static<typeof Session>;
