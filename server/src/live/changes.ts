import fp from 'fastify-plugin';
import type { Skill } from '@lepa/shared';

/** Where a firm can work: what the live board needs to know which lots a change can reach. */
export interface FirmFootprint {
  lat: number;
  lon: number;
  serviceRadiusKm: number;
  skills: Skill[];
}

export type ChangeEvent =
  | { type: 'sme'; smeId: string; before: FirmFootprint | null; after: FirmFootprint | null }
  | { type: 'lot'; lotId: string }
  | { type: 'booking'; smeIds: string[]; startDate: string; endDate: string };

export const CHANGES_CHANNEL = 'lepa_changes';

declare module 'fastify' {
  interface FastifyInstance {
    /** Announce a committed change to every instance (never call inside a transaction). */
    publishChange: (event: ChangeEvent) => Promise<void>;
  }
}

export default fp(
  async (app) => {
    app.decorate('publishChange', async (event: ChangeEvent) => {
      await app.database.notify(CHANGES_CHANNEL, JSON.stringify(event));
    });
  },
  { name: 'changes', dependencies: ['database'] },
);
