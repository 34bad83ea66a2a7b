import { LOT_DEFAULTS, LotInput, lotInputIssues, type Lot } from '@lepa/shared';
import { schemaIssues, toFieldErrors, type FieldErrors } from '../../forms/field-errors.ts';
import { asSent, toNumber, toText } from '../../forms/draft-values.ts';
import { emptyPlaceDraft, placeDraftOf, placeInputOf, placeIssues, type PlaceDraft } from '../../forms/place-draft.ts';

/** The lot form as typed; numbers stay text until the body is built. */
export interface LotDraft extends PlaceDraft {
  title: string;
  homes: string;
  startDate: string;
  endDate: string;
  requirements: RequirementDraft[];
  maxMembers: string;
  /** blank: no limit beyond each firm's own service radius */
  maxDistanceKm: string;
  socialValueWeight: string;
  travelCostPerUnitKm: string;
  coordinationCostPerMember: string;
}

export interface RequirementDraft {
  /** stable React identity for the row */
  key: number;
  skill: string;
  quantity: string;
  certifications: string[];
}

let nextKey = 1;
export const emptyRequirement = (): RequirementDraft => ({
  key: nextKey++,
  skill: '',
  quantity: '',
  certifications: [],
});

/** The published model's defaults, filled in so a provider sees what the engine will use. */
export function emptyLotDraft(): LotDraft {
  return {
    title: '',
    ...emptyPlaceDraft(),
    homes: '',
    startDate: '',
    endDate: '',
    requirements: [emptyRequirement()],
    maxMembers: toText(LOT_DEFAULTS.maxMembers),
    maxDistanceKm: '',
    socialValueWeight: toText(LOT_DEFAULTS.socialValueWeight),
    travelCostPerUnitKm: toText(LOT_DEFAULTS.travelCostPerUnitKm),
    coordinationCostPerMember: toText(LOT_DEFAULTS.coordinationCostPerMember),
  };
}

export function lotDraftOf(lot: Lot): LotDraft {
  return {
    title: lot.title,
    ...placeDraftOf(lot),
    homes: toText(lot.homes),
    startDate: lot.startDate,
    endDate: lot.endDate,
    requirements: lot.requirements.map((r) => ({
      key: nextKey++,
      skill: r.skill,
      quantity: toText(r.quantity),
      certifications: [...r.certifications],
    })),
    maxMembers: toText(lot.maxMembers),
    maxDistanceKm: toText(lot.maxDistanceKm),
    socialValueWeight: toText(lot.socialValueWeight),
    travelCostPerUnitKm: toText(lot.travelCostPerUnitKm),
    coordinationCostPerMember: toText(lot.coordinationCostPerMember),
  };
}

/** The request body the draft stands for, as sent; only a body without errors is a LotInput. */
export function lotInputOf(draft: LotDraft): unknown {
  const maxDistanceKm = toNumber(draft.maxDistanceKm);
  return asSent({
    title: draft.title.trim(),
    ...placeInputOf(draft),
    homes: toNumber(draft.homes),
    startDate: draft.startDate,
    endDate: draft.endDate,
    requirements: draft.requirements.map((r) => ({
      skill: r.skill,
      quantity: toNumber(r.quantity),
      ...(r.certifications.length > 0 ? { certifications: r.certifications } : {}),
    })),
    maxMembers: toNumber(draft.maxMembers),
    // Blank means "no limit", which the API spells null (and an edit must be able to remove a limit).
    maxDistanceKm: maxDistanceKm ?? null,
    socialValueWeight: toNumber(draft.socialValueWeight),
    travelCostPerUnitKm: toNumber(draft.travelCostPerUnitKm),
    coordinationCostPerMember: toNumber(draft.coordinationCostPerMember),
  });
}

/** The schema first; the cross-field rules (end after start, one row per skill) once dates and skills are there. */
export function lotDraftErrors(draft: LotDraft, today?: string): FieldErrors {
  const input = lotInputOf(draft);
  const issues = [...schemaIssues(LotInput, input), ...placeIssues(draft)];
  const datesKnown = draft.startDate !== '' && draft.endDate !== '';
  const rules = lotInputIssues(input as LotInput, today ? { today } : {}).filter(
    (issue) => datesKnown || issue.field !== 'endDate',
  );
  return toFieldErrors([
    ...issues,
    ...rules.map((issue) =>
      issue.field === 'endDate' ? { ...issue, message: 'must be after the start date' } : issue,
    ),
  ]);
}
