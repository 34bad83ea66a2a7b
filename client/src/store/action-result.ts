import { ApiError, messageOf } from '../api/http.ts';

/** One firm (or the whole set, `firm: null`) that cannot do one skill, from a refused submit or member change. */
export interface FirmSkillProblem {
  firm: string | null;
  skill: string | null;
  message: string;
}

/** What an action a screen waits for answers: the value, or a message fit for a banner plus the problems behind it. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; message: string; problems: FirmSkillProblem[] };

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * The firm-and-skill problems in an error's details: a 409 from submit lists
 * booking problems (`{name, skill, message}`), a 400 for a member set that
 * cannot cover the lot lists `{unmet: [{skill, message}]}`.
 */
export function problemsOf(details: unknown): FirmSkillProblem[] {
  const entries: unknown[] = Array.isArray(details)
    ? details
    : typeof details === 'object' && details !== null && Array.isArray((details as { unmet?: unknown }).unmet)
      ? (details as { unmet: unknown[] }).unmet
      : [];
  return entries.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { name, skill, message } = entry as Record<string, unknown>;
    const said = text(message);
    return said ? [{ firm: text(name), skill: text(skill), message: said }] : [];
  });
}

export function actionFailure(error: unknown): { ok: false; message: string; problems: FirmSkillProblem[] } {
  return { ok: false, message: messageOf(error), problems: error instanceof ApiError ? problemsOf(error.details) : [] };
}
