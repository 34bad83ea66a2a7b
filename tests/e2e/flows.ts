import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { LotInput, Role, SmeInput } from '@lepa/shared';
import type { App } from '@lepa/server';
import { PASSWORD, register } from '../support/fixtures.ts';

/** What a user does in the browser, written once so the tests read as journeys. */

export const uniqueEmail = (role: Role) => `${role}-${randomBytes(5).toString('hex')}@example.test`;

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

export async function registerInBrowser(page: Page, role: Role, name: string): Promise<string> {
  const email = uniqueEmail(role);
  await page.goto('/');
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Your name or organisation').fill(name);
  await page.getByLabel(role === 'sme' ? 'A local firm (SME)' : 'A housing provider').check();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, role === 'sme' ? 'My firms' : 'My lots').waitFor();
  return email;
}

export async function signInInBrowser(page: Page, email: string, landing: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, landing).waitFor();
}

const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const select = (scope: Page | Locator, name: RegExp) => scope.getByRole('combobox', { name });

/** Opens the form's "Set an exact point" and types the point in. */
export async function setExactPoint(page: Page, location: { lat: number; lon: number }): Promise<void> {
  const toggle = page.getByRole('checkbox', { name: 'Set an exact point' });
  if (!(await toggle.isChecked())) await toggle.check();
  await page.getByLabel('Latitude').fill(String(location.lat));
  await page.getByLabel('Longitude').fill(String(location.lon));
}

/** Registers a firm through the SME profile form, as an SME would. */
export async function registerFirmInBrowser(page: Page, firm: SmeInput): Promise<void> {
  await page.getByRole('link', { name: 'Register a firm' }).first().click();
  await heading(page, 'Register a firm').waitFor();
  await page.getByLabel('Firm name').fill(firm.name);
  if (firm.postcode) await page.getByLabel('Postcode').fill(firm.postcode);
  await select(page, /^Ownership/).selectOption(firm.ownership);
  if (firm.location) await setExactPoint(page, firm.location);
  await page.getByLabel('Service radius').fill(String(firm.serviceRadiusKm));
  await page.getByLabel('Employees').fill(String(firm.employees));
  for (const [index, capability] of firm.capabilities.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add a skill' }).click();
    const row = group(page, `Skill ${index + 1}`);
    await select(row, /^Skill/).selectOption(capability.skill);
    await row.getByLabel('Capacity per month').fill(String(capability.capacityPerMonth));
    await row.getByLabel('Unit price').fill(String(capability.unitPrice));
  }
  for (const [index, certification] of firm.certifications.entries()) {
    await page.getByRole('button', { name: 'Add a certification' }).click();
    const row = group(page, `Certification ${index + 1}`);
    await select(row, /^Scheme/).selectOption(certification.scheme);
    if (certification.reference) await row.getByLabel('Reference').fill(certification.reference);
    await row.getByLabel('Expires').fill(certification.expires);
  }
  const social = firm.socialValue;
  await page.getByLabel('We pay at least the Real Living Wage').setChecked(social.realLivingWage);
  await page.getByLabel('We have signed the Birmingham Business Charter').setChecked(social.charterSignatory);
  await page.getByLabel('Apprentices').fill(String(social.apprentices));
  await page.getByLabel('Share of staff living locally').fill(String(social.localEmployeesPct));
  await page.getByRole('button', { name: 'Register firm' }).click();
  await heading(page, 'My firms').waitFor();
  await page.getByRole('heading', { level: 2, name: firm.name }).waitFor();
}

/** Posts a lot through the lot editor and waits for its live board. */
export async function postLotInBrowser(page: Page, lot: LotInput): Promise<string> {
  await page.getByRole('link', { name: 'Post a lot' }).first().click();
  await heading(page, 'Post a lot').waitFor();
  await page.getByLabel('Title').fill(lot.title);
  if (lot.postcode) await page.getByLabel('Postcode').fill(lot.postcode);
  await page.getByLabel('Homes').fill(String(lot.homes));
  if (lot.location) await setExactPoint(page, lot.location);
  await page.getByLabel('Work starts').fill(lot.startDate);
  await page.getByLabel('Work ends').fill(lot.endDate);
  for (const [index, requirement] of lot.requirements.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add a requirement' }).click();
    const row = group(page, `Requirement ${index + 1}`);
    await select(row, /^Skill/).selectOption(requirement.skill);
    await row.getByLabel('Quantity').fill(String(requirement.quantity));
  }
  await page.getByRole('button', { name: 'Post lot' }).click();
  await heading(page, lot.title).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
}

/** The proposal card of a rank, e.g. the board's best proposal. */
export const proposal = (page: Page, rank: number) => page.getByRole('article', { name: `Rank ${rank}`, exact: true });

/** Data set up behind the scenes, for tests about what the browser shows rather than how it was entered. */
export async function seedFirm(app: App, firm: SmeInput): Promise<string> {
  const owner = await register(app, 'sme', `${firm.name} owner`);
  const response = await app.inject({ method: 'POST', url: '/api/smes', headers: owner.auth, payload: firm });
  if (response.statusCode !== 201) throw new Error(`seeding ${firm.name} failed: ${response.body}`);
  return (response.json() as { id: string }).id;
}

export async function seedLot(app: App, lot: LotInput): Promise<string> {
  const owner = await register(app, 'provider', 'Seeded provider');
  const response = await app.inject({ method: 'POST', url: '/api/lots', headers: owner.auth, payload: lot });
  if (response.statusCode !== 201) throw new Error(`seeding ${lot.title} failed: ${response.body}`);
  return (response.json() as { id: string }).id;
}
