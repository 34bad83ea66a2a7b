import { randomBytes } from 'node:crypto';
import type { LotInput, Role, SmeInput } from '@lepa/shared';
import type { App } from '@lepa/server';

export const PASSWORD = 'correct horse battery';

export interface Account {
  id: string;
  email: string;
  token: string;
  role: Role;
  auth: { authorization: string };
}

export async function register(app: App, role: Role, name = `${role} account`): Promise<Account> {
  const email = `${role}-${randomBytes(5).toString('hex')}@example.test`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password: PASSWORD, name, role },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  const { user, token } = response.json() as { user: { id: string }; token: string };
  return { id: user.id, email, token, role, auth: { authorization: `Bearer ${token}` } };
}

/** A Birmingham firm that can coordinate and insulate lofts, certified into 2030. */
export function smeInput(overrides: Partial<SmeInput> = {}): SmeInput {
  return {
    name: 'Aston Loft & Cavity Ltd',
    postcode: 'B6 5RQ',
    location: { lat: 52.5037, lon: -1.8904 },
    serviceRadiusKm: 30,
    employees: 8,
    ownership: 'independent',
    capabilities: [
      { skill: 'retrofit-coordinator', capacityPerMonth: 20, unitPrice: 400 },
      { skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 550 },
    ],
    certifications: [
      { scheme: 'pas-2035', reference: 'PAS-1234', expires: '2030-01-31' },
      { scheme: 'pas-2030', expires: '2030-01-31' },
    ],
    socialValue: { realLivingWage: true, apprentices: 1, localEmployeesPct: 80, charterSignatory: true },
    ...overrides,
  };
}

export function lotInput(overrides: Partial<LotInput> = {}): LotInput {
  return {
    title: 'Erdington loft and coordination lot',
    postcode: 'B23 6TN',
    location: { lat: 52.5236, lon: -1.8397 },
    homes: 20,
    startDate: '2027-03-01',
    endDate: '2027-03-31',
    requirements: [
      { skill: 'retrofit-coordinator', quantity: 20 },
      { skill: 'loft-insulation', quantity: 20 },
    ],
    ...overrides,
  };
}
