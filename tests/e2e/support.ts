// Shared by the end-to-end specs.
import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of a page, collected from the first byte. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/** Loads the small demo workspace from the first-run screen and waits for its accounts list. */
export async function loadSmallDemo(page: Page, timeout: number): Promise<void> {
  await page.goto('/');
  await page.getByRole('radio', { name: /Small/ }).check();
  await page.getByRole('button', { name: 'Load the demo workspace' }).click();
  await expect(page.getByText('500 records', { exact: true })).toBeVisible({ timeout });
}

/** A new empty workspace with one customer account, whose page is then open. */
export async function emptyWorkspaceWithAccount(page: Page, workspace: string, account: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'New account' }).first().click();
  await page.getByRole('dialog').getByLabel('Name').fill(account);
  await page.getByRole('dialog').getByLabel('Kind').selectOption({ label: 'Customer' });
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: account })).toBeVisible();
}

/**
 * Waits until the app's service worker has finished activating and serves this page, so every
 * request the page makes from here on (a reload, a lazily loaded view or worker) goes through it.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 30_000 });
}
