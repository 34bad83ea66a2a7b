/** The demo's showcase people, so a newcomer can try each role in one click instead of guessing accounts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { lots, smes, users } from '@lepa/db';
import { DemoSignIns, ErrorBody, type DemoSignIn } from '@lepa/shared';
import { DEMO_PASSWORD } from './generate.ts';

const LEAD_EMAIL = 'lead@demo.lepa.test';
/** Lots whose first proposals are shown: enough to try a whole consortium without a long page. */
const SHOWCASE_LOTS = 2;
/** Open lots looked at to find those the demo lead is proposed for. */
const LOTS_SCANNED = 12;
/**
 * How long a worked-out list is kept when no change arrives: the list asks the matching service for
 * up to LOTS_SCANNED answers, too much for a sign-in page that everyone opens. Changes to lots, firms
 * and bookings (and new answers) drop it at once; this only bounds what the bus cannot see, like a
 * renamed account.
 */
const CACHE_MS = 60_000;

export interface DemoSignInOptions {
  /** LEPA_DEMO_DATA: the route answers 404 when the demo is off. */
  enabled: boolean;
}

const demoSignInRoutes: FastifyPluginAsyncTypebox<DemoSignInOptions> = async (app, options) => {
  const db = app.database.db;

  /** The people, and the version of each lot's answer they were worked out from. */
  async function people(): Promise<{ people: DemoSignIn[]; answerVersions: Map<string, number> }> {
    const answerVersions = new Map<string, number>();
    const demoUsers = await db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(like(users.email, '%@demo.lepa.test'));
    const lead = demoUsers.find((u) => u.email === LEAD_EMAIL);
    if (!lead) return { people: [], answerVersions };
    const firmsOf = async (ownerIds: string[]) =>
      ownerIds.length === 0
        ? []
        : db
            .select({ id: smes.id, name: smes.name, ownerId: smes.ownerId })
            .from(smes)
            .where(inArray(smes.ownerId, ownerIds));
    const leadFirms = await firmsOf([lead.id]);
    const result: DemoSignIn[] = [
      {
        email: lead.email,
        name: lead.name,
        role: 'sme',
        what: 'Lead contractor: forms a consortium from a proposal, invites the members and submits the bid.',
        firms: leadFirms.map((f) => f.name),
      },
    ];

    const open = await db
      .select({ id: lots.id, title: lots.title, ownerId: lots.ownerId })
      .from(lots)
      .where(
        and(
          eq(lots.status, 'open'),
          inArray(
            lots.ownerId,
            demoUsers.filter((u) => u.role === 'provider').map((u) => u.id),
          ),
        ),
      )
      .orderBy(asc(lots.createdAt), asc(lots.id))
      .limit(LOTS_SCANNED);
    const shown = new Set<string>([lead.email]);
    let found = 0;
    for (const lot of open) {
      if (found >= SHOWCASE_LOTS) break;
      const { answer } = await app.matching.answer(lot.id, 1);
      answerVersions.set(lot.id, answer.version);
      const first = answer.proposals[0];
      if (!first || !first.members.some((m) => leadFirms.some((f) => f.id === m.smeId))) continue;
      found += 1;
      const provider = demoUsers.find((u) => u.id === lot.ownerId)!;
      if (!shown.has(provider.email)) {
        shown.add(provider.email);
        result.push({
          email: provider.email,
          name: provider.name,
          role: 'provider',
          what: `Housing provider of “${lot.title}”: watches the board, compares bids and awards the lot.`,
          firms: [],
        });
      }
      const memberFirms = await db
        .select({ name: smes.name, ownerId: smes.ownerId })
        .from(smes)
        .where(
          inArray(
            smes.id,
            first.members.map((m) => m.smeId),
          ),
        );
      for (const owner of demoUsers.filter((u) => memberFirms.some((f) => f.ownerId === u.id))) {
        if (shown.has(owner.email)) continue;
        shown.add(owner.email);
        result.push({
          email: owner.email,
          name: owner.name,
          role: 'sme',
          what: `Owner of a member of the first proposal for “${lot.title}”: accepts or declines the lead’s invitation.`,
          firms: memberFirms.filter((f) => f.ownerId === owner.id).map((f) => f.name),
        });
      }
    }
    return { people: result, answerVersions };
  }

  let cached: { found: ReturnType<typeof people>; expiresAt: number } | undefined;
  /** Whether newer proposals were stored for a lot the cached list was worked out from. */
  const newerAnswers = async (entry: NonNullable<typeof cached>, answers: { lotId: string; revision: number }[]) => {
    const { answerVersions } = await entry.found;
    return answers.some(({ lotId, revision }) => revision > (answerVersions.get(lotId) ?? Infinity));
  };
  if (options.enabled) {
    app.onBroadcast((broadcast) => {
      const entry = cached;
      if (!entry) return;
      // A lot, firm or booking changed, or notifications may have been lost.
      if (broadcast.kind === 'lots' || broadcast.kind === 'resync') cached = undefined;
      // Answers stored for other lots, or the very ones this list asked for, change nothing.
      if (broadcast.kind === 'answers')
        void newerAnswers(entry, broadcast.answers).then(
          (newer) => {
            if (newer && cached === entry) cached = undefined;
          },
          () => undefined,
        );
    });
  }

  /** The list, worked out once per process until a change is published or CACHE_MS passes. */
  async function cachedPeople(): Promise<DemoSignIn[]> {
    const now = Date.now();
    if (!cached || cached.expiresAt <= now) {
      const entry = { found: people(), expiresAt: now + CACHE_MS };
      cached = entry;
      // A failure is not kept: the next request tries again.
      entry.found.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return (await cached.found).people;
  }

  app.get(
    '/sign-ins',
    {
      schema: {
        operationId: 'listDemoSignIns',
        summary: 'The demo’s showcase accounts, for one-click sign-in',
        description:
          'Only while the demo data is on (LEPA_DEMO_DATA): the lead contractor, the housing providers of the showcase lots and the owners of the members of those lots’ first proposals, with the shared demo password.',
        tags: ['demo'],
        security: [],
        response: {
          200: { ...DemoSignIns, description: 'Who to sign in as, and what to try as each.' },
          404: { ...ErrorBody, description: 'The demo data is off.' },
        },
      },
    },
    async (_request, reply) => {
      const found = options.enabled ? await cachedPeople() : [];
      if (found.length === 0)
        return reply
          .status(404)
          .send({ error: { code: 'not_found', message: 'There is no demo data on this server' } });
      return { password: DEMO_PASSWORD, people: found };
    },
  );
};

export default demoSignInRoutes;
