import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
import { failure } from './field-errors.ts';
import { emptySmeDraft, emptyCapability, smeDraftErrors } from '../screens/sme-profile/sme-draft.ts';
import { emptyLotDraft, lotDraftErrors } from '../screens/lot-editor/lot-draft.ts';

describe('form errors', () => {
  it('names missing and invalid fields by their API paths', () => {
    const draft = { ...emptySmeDraft(), exactPoint: true, lat: '95' };
    const errors = smeDraftErrors(draft);
    expect(errors.name).toBe('is required');
    expect(errors['location.lat']).toMatch(/90/);
    expect(errors['location.lon']).toBe('is required');
    expect(errors['capabilities.0.skill']).toBe('is required');
    expect(errors.ownership).toBe('is required');
    expect(errors['employees']).toBe('is required');
  });

  it('applies the shared cross-field rules', () => {
    const row = { ...emptyCapability(), skill: 'loft-insulation', capacityPerMonth: '10', unitPrice: '100' };
    const draft = { ...emptySmeDraft(), capabilities: [row, { ...row, key: row.key + 1000 }] };
    expect(smeDraftErrors(draft)['capabilities.1.skill']).toMatch(/duplicate/);

    const lot = { ...emptyLotDraft(), startDate: '2027-03-31', endDate: '2027-03-01' };
    expect(lotDraftErrors(lot).endDate).toBe('must be after the start date');
    expect(lotDraftErrors(emptyLotDraft()).endDate).toBe('is required');
    expect(lotDraftErrors({ ...emptyLotDraft(), endDate: '2027-02-30' }).endDate).toBe(
      'Enter a real date, like 31 March 2027',
    );
  });

  it('a blank furthest-member field means no limit, not an error', () => {
    expect(lotDraftErrors(emptyLotDraft()).maxDistanceKm).toBeUndefined();
  });

  it('puts the server’s field details onto the form', () => {
    const error = new ApiError(400, 'invalid_input', 'capabilities.1.skill duplicate', [
      { field: 'capabilities.1.skill', message: 'duplicate skill' },
    ]);
    expect(failure(error)).toEqual({
      ok: false,
      message: 'Some fields need attention.',
      fieldErrors: { 'capabilities.1.skill': 'duplicate skill' },
    });
    expect(failure(new ApiError(409, 'conflict', 'This lot is closed')).message).toBe('This lot is closed');
  });
});
