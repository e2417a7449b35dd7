// A real relay on port 0 for the tests that span packages, and the clean-up list that goes with
// it: everything a test adds there (relays, data directories, devices) is undone after the test,
// newest first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startRelay, type Relay } from '@counterpart/relay';

const SECRET = 'cross-package-test-secret-0123456789';

export interface RelayFixture {
  /** Undone after each test, newest first. */
  readonly cleanups: (() => Promise<void> | void)[];
  /**
   * Starts a relay on `port` (any free one by default) with its data in `dataDir`, or in a new
   * directory named from `prefix` that goes with the test.
   */
  readonly start: (dataDir?: string, port?: number) => Promise<{ relay: Relay; dataDir: string }>;
}

export function relayFixture(prefix: string): RelayFixture {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    cleanups,
    start: async (dataDir, port = 0) => {
      const dir = dataDir ?? mkdtempSync(join(tmpdir(), prefix));
      if (!dataDir) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const relay = await startRelay({ port, dataDir: dir, secret: SECRET, log: () => undefined });
      cleanups.push(() => relay.close());
      return { relay, dataDir: dir };
    },
  };
}
