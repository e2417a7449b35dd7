export * from './messages.ts';
export * from './token.ts';
export * from './blobs.ts';
