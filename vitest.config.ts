import { readdirSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One Vitest run for the whole monorepo. Each workspace is its own project so
 * `vitest run --project store` works and failures are labelled by package;
 * shared settings live at the top and are inherited via `extends: true`.
 * Browser-level tests (tests/e2e) belong to Playwright, not Vitest.
 */

// Discovered rather than listed, so a new package under packages/ is tested
// without touching this file.
// Vitest 5 groups failed attempts with Map.groupBy when it reports a failure; Node 20 has no
// Map.groupBy, so without this a failing test crashes the reporter instead of being shown.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const groups = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

const packages = readdirSync(new URL('./packages/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export default defineConfig({
  test: {
    environment: 'node',
    // Convergence and store tests replay many operations; the default 5s is
    // tuned for unit tests and would make CI flaky on slow machines.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    exclude: [...configDefaults.exclude, '**/.tsbuild/**', 'tests/e2e/**'],
    projects: [
      ...packages.map((name) => ({
        extends: true,
        test: { name, include: [`packages/${name}/test/**/*.test.ts`] },
      })),
      { extends: true, test: { name: 'relay', include: ['relay/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'tests', include: ['tests/**/*.test.ts'] } },
      // The app's pure logic (agenda days, filters, sorting, saved views, list queries); its
      // screens are tested in Chromium by Playwright. A zone with daylight saving, so day
      // arithmetic meets 23- and 25-hour days whatever zone the machine running the tests is in.
      { extends: true, test: { name: 'web', include: ['web/test/**/*.test.ts'], env: { TZ: 'Europe/Berlin' } } },
    ],
  },
});
