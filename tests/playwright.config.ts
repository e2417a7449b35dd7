import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';

/**
 * Browser tests against the real relay serving the production PWA build.
 * `npm run test:e2e` builds web/dist first; this config only starts the relay.
 *
 * Chromium comes from the system package (/usr/bin/chromium, installed by
 * .ci/run), never from `playwright install`: no browser downloads in CI.
 */

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** E2E_PORT lets two checkouts run their browser tests side by side. */
const PORT = Number(process.env.E2E_PORT ?? 8091);
const baseURL = `http://127.0.0.1:${PORT}`;

// Every run starts the relay on empty state. Playwright evaluates this file
// in the runner and again in each worker; only the runner (which has not set
// the variable yet) wipes, and workers inherit the path through the env. One
// dir per port is enough: with a fixed port, runs cannot overlap anyway.
if (process.env.COUNTERPART_E2E_DATA_DIR === undefined) {
  const dataDir = join(tmpdir(), `counterpart-e2e-${PORT}`);
  rmSync(dataDir, { recursive: true, force: true });
  process.env.COUNTERPART_E2E_DATA_DIR = dataDir;
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: 'node --import tsx relay/src/main.ts',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    env: {
      HOST: '127.0.0.1',
      PORT: String(PORT),
      DATA_DIR: process.env.COUNTERPART_E2E_DATA_DIR,
      STATIC_DIR: join(repoRoot, 'web', 'dist'),
    },
    // A stray relay on this port would be serving some other build.
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
