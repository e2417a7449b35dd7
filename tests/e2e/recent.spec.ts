// Recent records: with nothing typed, the header search offers the records this device opened
// last, newest first, and opens one with Enter.
import { expect, test } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

test('the search offers recently opened records before anything is typed', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await loadSmallDemo(page, 90_000);

  const search = page.getByRole('combobox', { name: 'Search' });
  await search.focus();
  await expect(page.getByRole('listbox', { name: 'Recently opened' })).toContainText('Records you open show up here.');
  await search.press('Escape');

  // Open two accounts from the list, one after the other.
  const links = page.locator('a[href^="#/accounts/"]');
  // A list row is one link; its first line is the record's title.
  const titleOf = async (i: number): Promise<string> => (await links.nth(i).innerText()).split('\n')[0]!.trim();
  const first = await titleOf(0);
  const second = await titleOf(1);
  await links.nth(0).click();
  await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible();
  await page.goBack();
  await page.locator('a[href^="#/accounts/"]').nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: second })).toBeVisible();

  await page.keyboard.press('Control+k');
  const recent = page.getByRole('listbox', { name: 'Recently opened' });
  await expect(recent.getByRole('option')).toHaveCount(2);
  await expect(recent.getByRole('option').nth(0)).toContainText(second);
  await expect(recent.getByRole('option').nth(1)).toContainText(first);
  // Typing turns it back into a search; clearing it shows the recent ones again.
  await search.fill(first.slice(0, 3));
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeVisible();
  await search.fill('');
  await search.blur();
  await search.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible();
  // Still there after a reload: the list is kept on the device.
  await page.reload();
  await search.focus();
  await expect(recent.getByRole('option').nth(0)).toContainText(first);
  expect(errors).toEqual([]);
});
