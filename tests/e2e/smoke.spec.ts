import { expect, test } from '@playwright/test';

test('the app shell loads without console errors', async ({ page }) => {
  // Collected from the first byte: errors during boot (a missing chunk, a
  // failing service worker registration) are exactly what this test is for.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));

  await page.goto('/');
  await expect(page).toHaveTitle(/Counterpart/);
  await page.waitForLoadState('load');

  expect(errors).toEqual([]);
});
