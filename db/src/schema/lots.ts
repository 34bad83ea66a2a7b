import { date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { pennies } from './money.ts';
import { LOT_STATUSES, SKILLS, type CertificationScheme } from '@lepa/shared';
import { users } from './accounts.ts';

export const lots = pgTable(
  'lots',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    postcode: text(),
    lat: doublePrecision().notNull(),
    lon: doublePrecision().notNull(),
    homes: integer().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    maxMembers: integer().notNull(),
    maxDistanceKm: doublePrecision(),
    socialValueWeight: doublePrecision().notNull(),
    /** GBP, stored as whole pennies. */
    travelCostPerUnitKm: pennies().notNull(),
    /** GBP, stored as whole pennies. */
    coordinationCostPerMember: pennies().notNull(),
    status: text({ enum: LOT_STATUSES }).notNull().default('open'),
    /** Grows on every edit of the lot, so caches and live boards can tell an answer is stale. */
    version: integer().notNull().default(1),
    /**
     * Grows whenever anything that can alter this lot's proposals changes: the
     * lot, a firm within reach, a booking in its window. Proposal answers carry it.
     */
    revision: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index().on(table.ownerId), index().on(table.status)],
);

export const lotRequirements = pgTable(
  'lot_requirements',
  {
    lotId: uuid()
      .notNull()
      .references(() => lots.id, { onDelete: 'cascade' }),
    skill: text({ enum: SKILLS }).notNull(),
    quantity: integer().notNull(),
    /** Schemes this lot asks for on top of the skill's defaults. */
    certifications: text().array().$type<CertificationScheme[]>().notNull().default([]),
  },
  (table) => [primaryKey({ columns: [table.lotId, table.skill] }), index().on(table.skill)],
);
