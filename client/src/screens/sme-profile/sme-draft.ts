import { SmeInput, smeInputIssues, type Sme } from '@lepa/shared';
import { schemaIssues, toFieldErrors, type FieldErrors } from '../../forms/field-errors.ts';
import { asSent, optionalText, toNumber, toText } from '../../forms/draft-values.ts';
import { emptyPlaceDraft, placeDraftOf, placeInputOf, placeIssues, type PlaceDraft } from '../../forms/place-draft.ts';

/** The SME form as typed: text for every number so half-typed values survive re-renders. */
export interface SmeDraft extends PlaceDraft {
  name: string;
  serviceRadiusKm: string;
  employees: string;
  ownership: string;
  capabilities: CapabilityDraft[];
  certifications: CertificationDraft[];
  realLivingWage: boolean;
  apprentices: string;
  localEmployeesPct: string;
  charterSignatory: boolean;
}

/** `key` keeps React's row identity stable when a row above is removed. */
export interface CapabilityDraft {
  key: number;
  skill: string;
  capacityPerMonth: string;
  unitPrice: string;
}

export interface CertificationDraft {
  key: number;
  scheme: string;
  reference: string;
  expires: string;
}

let nextKey = 1;
export const rowKey = () => nextKey++;

export const emptyCapability = (): CapabilityDraft => ({
  key: rowKey(),
  skill: '',
  capacityPerMonth: '',
  unitPrice: '',
});
export const emptyCertification = (): CertificationDraft => ({ key: rowKey(), scheme: '', reference: '', expires: '' });

export function emptySmeDraft(): SmeDraft {
  return {
    name: '',
    ...emptyPlaceDraft(),
    serviceRadiusKm: '25',
    employees: '',
    ownership: '',
    capabilities: [emptyCapability()],
    certifications: [],
    realLivingWage: false,
    apprentices: '0',
    localEmployeesPct: '',
    charterSignatory: false,
  };
}

export function smeDraftOf(sme: Sme): SmeDraft {
  return {
    name: sme.name,
    ...placeDraftOf(sme),
    serviceRadiusKm: toText(sme.serviceRadiusKm),
    employees: toText(sme.employees),
    ownership: sme.ownership,
    capabilities: sme.capabilities.map((c) => ({
      key: rowKey(),
      skill: c.skill,
      capacityPerMonth: toText(c.capacityPerMonth),
      unitPrice: toText(c.unitPrice),
    })),
    certifications: sme.certifications.map((c) => ({
      key: rowKey(),
      scheme: c.scheme,
      reference: c.reference ?? '',
      expires: c.expires,
    })),
    realLivingWage: sme.socialValue.realLivingWage,
    apprentices: toText(sme.socialValue.apprentices),
    localEmployeesPct: toText(sme.socialValue.localEmployeesPct),
    charterSignatory: sme.socialValue.charterSignatory,
  };
}

/** The request body the draft stands for, as sent; only a body without errors is an SmeInput. */
export function smeInputOf(draft: SmeDraft): unknown {
  return asSent({
    name: draft.name.trim(),
    ...placeInputOf(draft),
    serviceRadiusKm: toNumber(draft.serviceRadiusKm),
    employees: toNumber(draft.employees),
    ownership: draft.ownership,
    capabilities: draft.capabilities.map((c) => ({
      skill: c.skill,
      capacityPerMonth: toNumber(c.capacityPerMonth),
      unitPrice: toNumber(c.unitPrice),
    })),
    certifications: draft.certifications.map((c) => ({
      scheme: c.scheme,
      reference: optionalText(c.reference),
      expires: c.expires,
    })),
    socialValue: {
      realLivingWage: draft.realLivingWage,
      apprentices: toNumber(draft.apprentices),
      localEmployeesPct: toNumber(draft.localEmployeesPct),
      charterSignatory: draft.charterSignatory,
    },
  });
}

/** The same checks the server runs: the shared schema, then the shared cross-field rules. */
export function smeDraftErrors(draft: SmeDraft): FieldErrors {
  const input = smeInputOf(draft);
  return toFieldErrors([...schemaIssues(SmeInput, input), ...placeIssues(draft), ...smeInputIssues(input as SmeInput)]);
}
