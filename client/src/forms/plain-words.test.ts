import { describe, expect, it } from 'vitest';
import { LoginBody } from '@lepa/shared';
import { ApiError } from '../api/http.ts';
import { failure, schemaIssues, toFieldErrors } from './field-errors.ts';
import { emptyLotDraft, lotDraftErrors } from '../screens/lot-editor/lot-draft.ts';

describe('plain words for errors', () => {
  it('says what to type in place of schema terms', () => {
    const errors = toFieldErrors(schemaIssues(LoginBody, { email: 'nope', password: 'x' }));
    expect(errors.email).toBe('Enter an email address like name@example.org');
    expect(lotDraftErrors({ ...emptyLotDraft(), homes: '0' }).homes).toBe('Enter at least 1 home');
  });

  it('rewrites the server’s schema messages per field and keeps its sentences', () => {
    const error = new ApiError(400, 'invalid_input', 'bad', [
      { field: 'email', message: 'must match format "email"' },
      { field: 'requirements.0.quantity', message: 'must be >= 1' },
      { field: 'serviceRadiusKm', message: 'must be <= 500' },
      { field: 'capabilities.1.skill', message: 'duplicate skill' },
    ]);
    expect(failure(error).fieldErrors).toEqual({
      email: 'Enter an email address like name@example.org',
      'requirements.0.quantity': 'Enter at least 1 unit',
      serviceRadiusKm: 'must be at most 500',
      'capabilities.1.skill': 'duplicate skill',
    });
  });
});
