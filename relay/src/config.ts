import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RelayOptions } from './server.ts';

/**
 * Where `npm run build -w web` puts the PWA, found from this file rather than
 * the working directory: `npm start -w relay` runs in relay/, the root
 * scripts and Playwright run from the repo root, and both must find it.
 */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type RelayConfig = Required<Pick<RelayOptions, 'host' | 'port' | 'dataDir' | 'staticDir'>> & Pick<RelayOptions, 'secret'>;

/**
 * Relay options from environment variables (HOST, PORT, DATA_DIR,
 * STATIC_DIR, RELAY_SECRET). Throws on invalid values so a typo fails at startup instead
 * of binding somewhere unexpected.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): RelayConfig {
  const secret = nonEmpty(env.RELAY_SECRET);
  return {
    ...(secret ? { secret } : {}),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    port: parsePort(nonEmpty(env.PORT) ?? '8080'),
    // Relative paths are the operator's, so they resolve against the cwd.
    dataDir: resolve(nonEmpty(env.DATA_DIR) ?? './data'),
    staticDir: resolve(nonEmpty(env.STATIC_DIR) ?? DEFAULT_STATIC_DIR),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}
