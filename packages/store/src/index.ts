export * from './db.ts';
export * from './errors.ts';
export * from './ingest.ts';
export * from './queries.ts';
export * from './settings.ts';
export * from './store.ts';
export * from './import.ts';
export * from './search-index.ts';
