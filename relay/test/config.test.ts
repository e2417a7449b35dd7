import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config.ts';

describe('configFromEnv', () => {
  it('defaults to loopback:8080, ./data and web/dist next to relay/', () => {
    const config = configFromEnv({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe(resolve('data'));
    expect(config.staticDir).toBe(fileURLToPath(new URL('../../web/dist', import.meta.url)));
  });

  it('reads HOST, PORT, DATA_DIR and STATIC_DIR', () => {
    const config = configFromEnv({ HOST: '0.0.0.0', PORT: '0', DATA_DIR: '/tmp/d', STATIC_DIR: '/tmp/s' });
    expect(config).toEqual({ host: '0.0.0.0', port: 0, dataDir: '/tmp/d', staticDir: '/tmp/s' });
  });

  it('reads RELAY_SECRET, and leaves it out when unset or blank', () => {
    expect(configFromEnv({ RELAY_SECRET: 'a-long-enough-secret-value' }).secret).toBe('a-long-enough-secret-value');
    expect(configFromEnv({ RELAY_SECRET: '  ' })).not.toHaveProperty('secret');
  });

  it('rejects a malformed PORT', () => {
    for (const PORT of ['80a', '-1', '70000', '1.5']) {
      expect(() => configFromEnv({ PORT }), PORT).toThrow(/PORT/);
    }
  });
});
