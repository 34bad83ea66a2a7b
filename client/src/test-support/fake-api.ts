import { vi } from 'vitest';
import type { Consortium, Invitation } from '@lepa/shared';

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status: number; body: unknown };
type Route = (call: FakeCall) => Answer;

/** A route answering an error (or any status) instead of 200. */
export const answer =
  (status: number, body: unknown): Route =>
  () => ({ status, body });

/**
 * Replaces `fetch` with a table of answers: `"GET /api/consortia/c1"` → a
 * body answered with 200, or a route from `answer()`; anything else is 404.
 * Answers the calls made, for assertions. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeApi(routes: Record<string, unknown>): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const call: FakeCall = {
      method: init.method ?? 'GET',
      path: url,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path.split('?')[0]}`];
    const reply: Answer =
      typeof route === 'function'
        ? (route as Route)(call)
        : route === undefined
          ? { status: 404, body: { error: { code: 'not_found', message: `${call.method} ${call.path} is not faked` } } }
          : { status: 200, body: route };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

/** Lets queued promise callbacks (store actions after a fake fetch) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const SOCIAL_VALUE = {
  contractValue: 23_200,
  localSharePct: 100,
  microFirmSharePct: 100,
  smallFirmSharePct: 100,
  realLivingWageSharePct: 50,
  nonSubsidiarySharePct: 100,
  charterSignatorySharePct: 0,
  apprentices: 1,
};

/** A forming consortium of a lead and one loft firm on lot `lot-1`. */
export function consortium(overrides: Partial<Consortium> = {}): Consortium {
  return {
    id: 'c1',
    lotId: 'lot-1',
    lotTitle: 'Erdington lot',
    lead: 'lead',
    status: 'forming',
    cost: 20_000,
    breakdown: { work: 16_000, socialValueDiscount: 1_000, travel: 0, coordination: 5_000 },
    members: [
      {
        smeId: 'lead',
        name: 'Lead Ltd',
        distanceKm: 1,
        invitation: 'accepted',
        respondedAt: null,
        assignments: [{ skill: 'retrofit-coordinator', quantity: 20, unitCost: 300 }],
      },
      {
        smeId: 'lofts',
        name: 'Lofts Ltd',
        distanceKm: 2,
        invitation: 'pending',
        respondedAt: null,
        assignments: [{ skill: 'loft-insulation', quantity: 20, unitCost: 400 }],
      },
    ],
    socialValue: SOCIAL_VALUE,
    explanation: [],
    createdAt: '2027-01-01T10:00:00.000Z',
    updatedAt: '2027-01-01T10:00:00.000Z',
    submittedAt: null,
    ...overrides,
  };
}

export function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    consortiumId: 'c1',
    lotId: 'lot-1',
    lotTitle: 'Erdington lot',
    startDate: '2027-03-01',
    endDate: '2027-03-31',
    smeId: 'lofts',
    smeName: 'Lofts Ltd',
    leadSmeId: 'lead',
    leadName: 'Lead Ltd',
    consortiumStatus: 'forming',
    invitation: 'pending',
    respondedAt: null,
    assignments: [{ skill: 'loft-insulation', quantity: 20, unitCost: 400 }],
    cost: 20_000,
    ...overrides,
  };
}
