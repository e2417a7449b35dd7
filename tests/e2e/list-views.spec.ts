// List views on the small demo workspace: accounts sorted by a column both ways, filtered by kind,
// a column hidden, the quick filter's empty state, and the result saved as a view that is still
// there and applied after a reload, then deleted.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

/** The text of one column in the rendered rows (the window the virtual list shows). */
async function columnTexts(page: Page, column: number): Promise<string[]> {
  return page.locator('main a[role="option"]').evaluateAll(
    (rows, i) => rows.map((r) => (r.querySelectorAll('.cell')[i] as HTMLElement | undefined)?.innerText.trim() ?? ''),
    column,
  );
}

/** Rendered cities, once their rows are loaded: at least a few, in the given order, empties last. */
async function citiesSorted(page: Page, dir: 'asc' | 'desc'): Promise<boolean> {
  const cities = await columnTexts(page, 2);
  const filled = cities.filter(Boolean);
  if (filled.length < 5 || cities.slice(0, filled.length).some((c) => !c)) return false;
  const sorted = [...filled].sort();
  if (dir === 'desc') sorted.reverse();
  return filled.every((c, i) => c === sorted[i]);
}

test('list views: sort, filter, columns, a saved view kept across a reload, then deleted', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  await loadSmallDemo(page, 120_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();

  // Sort by city: ascending, then descending, shown in the header's aria-sort.
  const city = page.getByRole('columnheader', { name: 'City' });
  await expect(city).toHaveAttribute('aria-sort', 'none');
  await city.getByRole('button').click();
  await expect(city).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => citiesSorted(page, 'asc')).toBe(true);
  // Keyboard: the header's button works from the keyboard as well.
  await city.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(city).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'none');
  await expect.poll(() => citiesSorted(page, 'desc')).toBe(true);

  // Filter: kind is supplier. The count shows how many of the 500 match.
  await page.getByRole('button', { name: 'Add filter' }).click();
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters.getByLabel('Field')).toHaveValue('kind');
  await filters.getByLabel('Value').selectOption('supplier');
  await expect(page.getByText(/^\d+ of 500$/)).toBeVisible();
  const matched = Number((await page.getByText(/^\d+ of 500$/).innerText()).split(' ')[0]);
  expect(matched).toBeGreaterThan(0);
  expect(matched).toBeLessThan(500);
  await expect.poll(async () => {
    const kinds = await columnTexts(page, 1);
    return kinds.length > 0 && kinds.every((k) => k === 'Supplier');
  }).toBe(true);
  await expect.poll(() => citiesSorted(page, 'desc')).toBe(true);

  // A bad value is named, and the quick filter's empty state offers to clear the filters.
  const quick = page.getByRole('searchbox', { name: 'Filter this list' });
  await quick.fill('zzqqxx');
  await expect(page.getByText('No records match these filters')).toBeVisible();
  await quick.fill('');
  await expect(page.getByText(`${matched} of 500`, { exact: true })).toBeVisible();

  // Hide a column.
  await page.locator('summary', { hasText: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Customer group' }).uncheck();
  await expect(page.getByRole('columnheader', { name: 'Customer group' })).toHaveCount(0);
  await page.locator('summary', { hasText: 'Columns' }).click();

  // Save as a view.
  const views = page.locator('summary', { hasText: 'Views:' });
  await expect(views).toContainText('All records');
  await expect(views).toContainText('changed');
  await views.click();
  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('View name').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('A view needs a name')).toBeVisible();
  await dialog.getByLabel('View name').fill('Suppliers by city');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(views).toContainText('Suppliers by city');
  await expect(views).not.toContainText('changed');
  // Set LIST_VIEWS_SCREENSHOT to a file path to keep a picture of the filtered list.
  if (process.env.LIST_VIEWS_SCREENSHOT) await page.screenshot({ path: process.env.LIST_VIEWS_SCREENSHOT });

  // After a reload the view is still chosen and applies: filter, order and columns.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await expect(views).toContainText('Suppliers by city');
  await expect(page.getByText(`${matched} of 500`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('columnheader', { name: 'City' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('columnheader', { name: 'Customer group' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Filters' }).getByLabel('Value')).toHaveValue('supplier');
  await expect.poll(() => citiesSorted(page, 'desc')).toBe(true);

  // Back to all records and to the view from the menu.
  await views.click();
  await page.getByRole('button', { name: 'All records' }).click();
  await expect(page.getByText('500 records', { exact: true })).toBeVisible();
  await views.click();
  await page.getByRole('button', { name: 'Suppliers by city' }).click();
  await expect(page.getByText(`${matched} of 500`, { exact: true })).toBeVisible();

  // Delete it.
  await views.click();
  await page.getByRole('button', { name: 'Delete view' }).click();
  await page.getByRole('dialog', { name: 'Delete view' }).getByRole('button', { name: 'Delete' }).click();
  await expect(views).toContainText('All records');
  await views.click();
  await expect(page.getByRole('button', { name: 'Suppliers by city' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('500 records', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(views).toContainText('All records');

  expect(errors).toEqual([]);
});
