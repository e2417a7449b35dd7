export * from './engine.ts';
export * from './blobs.ts';
