export * from './vocabulary.ts';
export * from './schemas/index.ts';
export * from './scoring.ts';
export * from './figure-words.ts';
