import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { pennies } from './money.ts';
import { CONSORTIUM_STATUSES, INVITATION_STATES, SKILLS, type Skill } from '@lepa/shared';
import { users } from './accounts.ts';
import { lots } from './lots.ts';
import { smes } from './smes.ts';

export const consortia = pgTable(
  'consortia',
  {
    id: uuid().primaryKey().defaultRandom(),
    lotId: uuid()
      .notNull()
      .references(() => lots.id, { onDelete: 'cascade' }),
    leadSmeId: uuid()
      .notNull()
      .references(() => smes.id, { onDelete: 'restrict' }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text({ enum: CONSORTIUM_STATUSES }).notNull().default('forming'),
    /** GBP, stored as whole pennies. */
    cost: pennies().notNull(),
    /** The split, explanation and social value as computed when the member set was last set. */
    proposal: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [index().on(table.lotId), index().on(table.leadSmeId), index().on(table.createdBy)],
);

export const consortiumMembers = pgTable(
  'consortium_members',
  {
    consortiumId: uuid()
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
    smeId: uuid()
      .notNull()
      .references(() => smes.id, { onDelete: 'restrict' }),
    invitation: text({ enum: INVITATION_STATES }).notNull().default('pending'),
    assignments: jsonb().$type<{ skill: Skill; quantity: number; unitCost: number }[]>().notNull(),
    respondedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [primaryKey({ columns: [table.consortiumId, table.smeId] }), index().on(table.smeId)],
);

/** Units a firm has committed to a submitted bid for the lot's window [startDate, endDate). */
export const bookings = pgTable(
  'bookings',
  {
    id: serial().primaryKey(),
    consortiumId: uuid()
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
    smeId: uuid()
      .notNull()
      .references(() => smes.id, { onDelete: 'restrict' }),
    skill: text({ enum: SKILLS }).notNull(),
    units: integer().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
  },
  (table) => [index().on(table.consortiumId), index().on(table.smeId, table.skill)],
);
