export * from './common.ts';
export * from './auth.ts';
export * from './smes.ts';
export * from './lots.ts';
export * from './rules.ts';
export * from './proposals.ts';
export * from './live.ts';
export * from './consortia.ts';
