// The app as an installed, offline PWA: Chromium's own installability check passes, and once the
// service worker controls the page a workspace opens with the network gone, records are read and
// edited, and the edit is still there after another offline reload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { collectErrors, loadSmallDemo, waitForServiceWorker } from './support.ts';

test('Chromium finds the app installable: manifest, icons, and a service worker serving the page', async ({ playwright, baseURL }) => {
  // Installability is only assessed for a regular profile, never an incognito-like context.
  const profile = mkdtempSync(join(tmpdir(), 'cp-e2e-install-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    ...(baseURL ? { baseURL } : {}),
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = collectErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Welcome to Counterpart' })).toBeVisible();
    await waitForServiceWorker(page);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    expect(errors).toEqual([]);

    // The relay's own pages are not taken over by the app shell.
    const health = await page.goto('/healthz');
    expect(health?.fromServiceWorker()).toBe(false);
    expect(await health?.json()).toMatchObject({ status: 'ok' });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('offline: a reload starts the app from the service worker with every record, and an offline edit survives another reload', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await loadSmallDemo(page, 150_000);
  await expect(page.getByText(/Demo workspace loaded: [\d,]+ records/)).toBeVisible();
  await waitForServiceWorker(page);
  const firstRow = page.locator('main a[href^="#/accounts/"]').first();
  const name = (await firstRow.locator('.title').innerText()).trim();

  await context.setOffline(true);
  // The network is really gone: a request no cache answers fails (and the browser logs it).
  const logged = errors.length;
  expect(await page.evaluate(() => fetch('/healthz').then(() => 'reached', () => 'failed'))).toBe('failed');
  expect(errors.splice(logged)).toEqual(['console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);

  const offlineLoad = await page.reload();
  expect(offlineLoad?.fromServiceWorker()).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // The whole workspace is there: the list, a record page, and a view (and its worker) that is
  // loaded only when opened.
  await expect(page.getByText('500 records', { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('option', { name: new RegExp(name) }).first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Contacts \(\d+\)/ })).toBeVisible();

  const city = page.locator('#f-city');
  await city.fill('Offline Bay');
  await city.press('Tab');
  await expect(page.locator('#f-city-status')).toContainText('Saved');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#f-city')).toHaveValue('Offline Bay');

  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Customer segments' }).getByRole('rowheader', { name: 'Champions' })).toBeVisible({ timeout: 30_000 });
  expect(errors).toEqual([]);
});
