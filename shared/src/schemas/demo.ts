import { Type, type Static } from 'typebox';
import { RoleCode } from './auth.ts';

export const DemoSignIn = Type.Object({
  email: Type.String(),
  name: Type.String(),
  role: RoleCode,
  /** What to try as this person, in plain words. */
  what: Type.String(),
  firms: Type.Array(Type.String()),
});
export type DemoSignIn = Static<typeof DemoSignIn>;

export const DemoSignIns = Type.Object({
  /** The shared password of every demo account (published in the README). */
  password: Type.String(),
  people: Type.Array(DemoSignIn),
});
export type DemoSignIns = Static<typeof DemoSignIns>;
