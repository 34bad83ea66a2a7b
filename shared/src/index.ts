export * from './vocabulary.ts';
export * from './schemas/index.ts';
export * from './scoring.ts';
