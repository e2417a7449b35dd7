export * from './messages.ts';
export * from './token.ts';
