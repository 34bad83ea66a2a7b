import type {
  Allocation,
  Consortium,
  DryRun,
  LotRecommendation,
  Programme,
  ProgrammeInput,
  ConsortiumChange,
  Replacements,
  DemoSignIns,
  LotAward,
  NotificationPreferences,
  CreateConsortiumBody,
  Invitation,
  LatLon,
  LoginBody,
  OpportunityPage,
  PostcodePlace,
  Lot,
  LotInput,
  ProposalsAnswer,
  RegisterBody,
  Session,
  Skill,
  Sme,
  SmeInput,
  User,
} from '@lepa/shared';
import { request } from './http.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Enough for any one account's firms or a region's open lots; a cap keeps a runaway loop impossible. */
const MAX_PAGES = 20;

async function allPages<T>(path: string, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({ ...query, limit: '100', ...(cursor ? { cursor } : {}) });
    const body: Page<T> = await request<Page<T>>('GET', `${path}?${params}`);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

const id = (value: string) => encodeURIComponent(value);

/** Every HTTP call the client makes. Only store actions call these. */
export const api = {
  auth: {
    register: (body: RegisterBody) => request<Session>('POST', '/auth/register', body),
    login: (body: LoginBody) => request<Session>('POST', '/auth/login', body),
    me: () => request<User>('GET', '/auth/me'),
    logout: () => request<{ ok: true }>('POST', '/auth/logout'),
    requestPasswordReset: (email: string) => request<{ accepted: true }>('POST', '/auth/password-reset', { email }),
    confirmPasswordReset: (token: string, password: string) =>
      request<undefined>('POST', '/auth/password-reset/confirm', { token, password }),
    notifications: () => request<NotificationPreferences>('GET', '/auth/me/notifications'),
    updateNotifications: (update: Partial<NotificationPreferences>) =>
      request<NotificationPreferences>('PUT', '/auth/me/notifications', update),
  },
  demo: {
    signIns: () => request<DemoSignIns>('GET', '/demo/sign-ins'),
  },
  geo: {
    postcode: (postcode: string) => request<PostcodePlace>('GET', `/geo/postcodes/${id(postcode)}`),
  },
  smes: {
    mine: () => allPages<Sme>('/smes', { mine: 'true' }),
    get: (smeId: string) => request<Sme>('GET', `/smes/${id(smeId)}`),
    opportunities: (smeId: string) => request<OpportunityPage>('GET', `/smes/${id(smeId)}/opportunities`),
    create: (input: SmeInput) => request<Sme>('POST', '/smes', input),
    update: (smeId: string, input: SmeInput) => request<Sme>('PUT', `/smes/${id(smeId)}`, input),
    /** Firms offering a skill within `radiusKm` of a point, e.g. replacements for a consortium member. */
    search: (skill: Skill, near: LatLon, radiusKm: number) =>
      allPages<Sme>('/smes', { skill, near: `${near.lat},${near.lon}`, radiusKm: String(radiusKm) }),
  },
  lots: {
    mine: () => allPages<Lot>('/lots', { mine: 'true' }),
    open: () => allPages<Lot>('/lots', { status: 'open' }),
    get: (lotId: string) => request<Lot>('GET', `/lots/${id(lotId)}`),
    create: (input: LotInput) => request<Lot>('POST', '/lots', input),
    update: (lotId: string, input: LotInput) => request<Lot>('PUT', `/lots/${id(lotId)}`, input),
    close: (lotId: string) => request<Lot>('POST', `/lots/${id(lotId)}/close`),
    proposals: (lotId: string, limit = 5) =>
      request<ProposalsAnswer>('GET', `/lots/${id(lotId)}/proposals?limit=${limit}`),
    /** Submitted, awarded and lost bids, cheapest first (lot owner only). */
    bids: (lotId: string) => allPages<Consortium>(`/lots/${id(lotId)}/bids`, {}),
    awardOf: (lotId: string) => request<LotAward>('GET', `/lots/${id(lotId)}/award`),
    award: (lotId: string, consortiumId: string) =>
      request<Consortium>('POST', `/lots/${id(lotId)}/award`, { consortiumId }),
  },
  programmes: {
    mine: () => allPages<Programme>('/programmes', {}),
    get: (programmeId: string) => request<Programme>('GET', `/programmes/${id(programmeId)}`),
    create: (input: ProgrammeInput) => request<Programme>('POST', '/programmes', input),
    allocation: (programmeId: string, policy: 'cheapest' | 'reach', costTolerancePct: number) =>
      request<Allocation>(
        'GET',
        `/programmes/${id(programmeId)}/allocation?policy=${policy}&costTolerancePct=${costTolerancePct}`,
      ),
    /** The consortium a programme recommends for this lot (404 when the lot is in none). */
    recommendation: (lotId: string) => request<LotRecommendation>('GET', `/lots/${id(lotId)}/recommendation`),
    dryRun: (input: LotInput) => request<DryRun>('POST', '/lots/dry-run', input),
  },
  consortia: {
    create: (lotId: string, body: CreateConsortiumBody) =>
      request<Consortium>('POST', `/lots/${id(lotId)}/consortia`, body),
    get: (consortiumId: string) => request<Consortium>('GET', `/consortia/${id(consortiumId)}`),
    mine: (role: 'lead' | 'member') => allPages<Consortium>('/consortia', { role }),
    replacements: (consortiumId: string, smeId: string) =>
      request<Replacements>('GET', `/consortia/${id(consortiumId)}/members/${id(smeId)}/replacements`),
    replaceMembers: (consortiumId: string, members: readonly string[]) =>
      request<ConsortiumChange>('PUT', `/consortia/${id(consortiumId)}/members`, { members }),
    submit: (consortiumId: string) => request<Consortium>('POST', `/consortia/${id(consortiumId)}/submit`),
    withdraw: (consortiumId: string) => request<Consortium>('POST', `/consortia/${id(consortiumId)}/withdraw`),
  },
  invitations: {
    mine: () => allPages<Invitation>('/invitations', {}),
    answer: (consortiumId: string, smeId: string, answer: 'accept' | 'decline') =>
      request<Consortium>('POST', `/consortia/${id(consortiumId)}/invitations/${answer}`, { smeId }),
  },
};
