import type { Random } from './random.ts';

/** Names that reflect the region's mix of communities. */
const FIRST_NAMES = [
  'Amina', 'Priya', 'Tom', 'Gurpreet', 'Sarah', 'Mohammed', 'Jason', 'Leanne', 'Darren', 'Aisha',
  'Craig', 'Harjit', 'Emma', 'Kwame', 'Joanne', 'Imran', 'Stuart', 'Rachel', 'Wayne', 'Fatima',
  'Lee', 'Sunita', 'Kevin', 'Nadia', 'Gareth', 'Chloe', 'Marcus', 'Zainab', 'Paul', 'Karen',
  'Tomasz', 'Delroy', 'Hannah', 'Bilal', 'Michelle', 'Ravinder', 'Dean', 'Shanice', 'Adrian', 'Yasmin',
] as const;

export const SURNAMES = [
  'Patel', 'Khan', 'Singh', 'Hussain', 'Ahmed', 'Smith', 'Jones', 'Davies', 'Evans', 'Hughes',
  'Walker', 'Wright', 'Taylor', 'Thompson', 'Begum', 'Kaur', 'Bennett', 'Cartwright', 'Price', 'Mills',
  "O'Connor", 'Murphy', 'Brown', 'Clarke', 'Okafor', 'Mensah', 'Campbell', 'Robinson', 'Baker', 'Griffiths',
  'Sandhu', 'Gill', 'Chowdhury', 'Kowalski', 'Nowak', 'Harris', 'Morgan', 'Edwards', 'Shaw', 'Wood',
] as const;

export function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}
