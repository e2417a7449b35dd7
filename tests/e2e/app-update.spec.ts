// A new deploy reaches a device that runs the app: the new version installs in the background,
// a banner offers to reload into it, "Later" puts it off, and "Reload" starts the new version
// with the workspace still open.
//
// A relay of its own serves the app from a directory that is switched from the current build
// (web/dist) to a second build of the same sources with another build id, the way a deploy
// replaces the files. The second build is made here, once, while the first version loads
// (about ten seconds on two cores), so only this spec pays for it.
import { execFile } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startRelay } from '../../relay/src/index.ts';
import { collectErrors, waitForServiceWorker } from './support.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const webDir = join(repoRoot, 'web');

function buildNext(outDir: string, id: string): Promise<unknown> {
  return promisify(execFile)(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: webDir,
    env: { ...process.env, COUNTERPART_BUILD_ID: id },
  });
}

/** Points the served directory at another build in one step, as a deploy does. */
function deploy(live: string, build: string): void {
  symlinkSync(build, `${live}.next`);
  renameSync(`${live}.next`, live);
}

const buildOf = (page: Page) => page.locator('meta[name="counterpart-build"]');

test('a new version: the banner offers it, Later puts it off, Reload starts it', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'cp-e2e-update-'));
  const nextId = `next-${Date.now().toString(36)}`;
  const nextBuild = buildNext(join(dir, 'next'), nextId);
  const live = join(dir, 'live');
  symlinkSync(join(webDir, 'dist'), live);
  const relay = await startRelay({ port: 0, dataDir: join(dir, 'data'), staticDir: live, log: () => undefined });
  const context = await browser.newContext({ baseURL: relay.url });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto('/');
    await page.getByLabel('Workspace name').fill('Field team');
    await page.getByRole('button', { name: 'Start an empty workspace' }).click();
    await expect(page.getByText('No accounts yet.')).toBeVisible();
    await waitForServiceWorker(page);
    const currentId = await buildOf(page).getAttribute('content');
    expect(currentId).toBeTruthy();
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Counterpart is available.' });
    await expect(banner).toHaveCount(0);

    await nextBuild;
    deploy(live, join(dir, 'next'));

    // Opening the app again finds the new version; the one running stays until the user says so.
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(buildOf(page)).toHaveAttribute('content', currentId ?? '');
    await banner.getByRole('button', { name: 'Later' }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByText('No accounts yet.')).toBeVisible();

    // Put off, not dropped: it is offered again the next time the app opens.
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await banner.getByRole('button', { name: 'Reload' }).click();
    await expect(buildOf(page)).toHaveAttribute('content', nextId, { timeout: 30_000 });
    await expect(page.getByText('No accounts yet.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome to Counterpart' })).toHaveCount(0);
    await waitForServiceWorker(page);
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false);
    await expect(banner).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await relay.close();
    await nextBuild.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
