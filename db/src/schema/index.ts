export * from './accounts.ts';
export * from './smes.ts';
export * from './lots.ts';
export * from './consortia.ts';
export * from './programmes.ts';
export * from './mail.ts';
export * from './matching.ts';
