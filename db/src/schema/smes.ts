import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { pennies } from './money.ts';
import { CERTIFICATION_SCHEMES, OWNERSHIPS, SKILLS } from '@lepa/shared';
import { users } from './accounts.ts';

export const smes = pgTable(
  'smes',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    postcode: text(),
    lat: doublePrecision().notNull(),
    lon: doublePrecision().notNull(),
    serviceRadiusKm: doublePrecision().notNull(),
    employees: integer().notNull(),
    ownership: text({ enum: OWNERSHIPS }).notNull(),
    realLivingWage: boolean().notNull(),
    apprentices: integer().notNull(),
    localEmployeesPct: doublePrecision().notNull(),
    charterSignatory: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // The lat/lon index serves the bounding-box prefilter of "firms near a place".
  (table) => [index().on(table.ownerId), index().on(table.lat, table.lon)],
);

export const smeCapabilities = pgTable(
  'sme_capabilities',
  {
    smeId: uuid()
      .notNull()
      .references(() => smes.id, { onDelete: 'cascade' }),
    skill: text({ enum: SKILLS }).notNull(),
    capacityPerMonth: integer().notNull(),
    /** GBP, stored as whole pennies. */
    unitPrice: pennies().notNull(),
  },
  // (skill, sme_id) answers "firms offering skill k" from the index alone.
  (table) => [primaryKey({ columns: [table.smeId, table.skill] }), index().on(table.skill, table.smeId)],
);

export const smeCertifications = pgTable(
  'sme_certifications',
  {
    id: serial().primaryKey(),
    smeId: uuid()
      .notNull()
      .references(() => smes.id, { onDelete: 'cascade' }),
    scheme: text({ enum: CERTIFICATION_SCHEMES }).notNull(),
    reference: text(),
    expires: date({ mode: 'string' }).notNull(),
  },
  (table) => [index().on(table.smeId)],
);
