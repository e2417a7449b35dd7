import { readFileSync } from 'node:fs';

/**
 * The relay's version as published in relay/package.json, read once at
 * startup. Read from disk rather than imported because the shared tsconfig
 * does not enable `resolveJsonModule`.
 */
function readVersion(): string {
  const raw: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  if (typeof raw === 'object' && raw !== null && 'version' in raw && typeof raw.version === 'string') {
    return raw.version;
  }
  return '0.0.0';
}

export const RELAY_VERSION: string = readVersion();
