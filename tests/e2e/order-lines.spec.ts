// Order entry on the small demo workspace: line items edited in place (quantity, removal, a
// product added by search), kept after a reload, and the suggestions beside them — what the
// customer usually buys, added with one tap, and what customers buy next once insights are in.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

function lineRows(page: Page) {
  return page.locator('.editor table.lines tbody tr');
}

test('order lines: edit, remove, add by search and from suggestions, kept after a reload', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  await loadSmallDemo(page, 90_000);

  await page.goto('/#/orders');
  await page.locator('a[href^="#/orders/"]').first().click();
  await expect(page.getByRole('textbox', { name: 'Quantity, line 1' })).toBeVisible();
  const url = page.url();
  const before = await lineRows(page).count();
  expect(before).toBeGreaterThan(0);

  // Quantity of the first line to 7: the line and the order total follow, and stay after a reload.
  const total = page.locator('.editor tfoot .total');
  const totalBefore = await total.innerText();
  const qty = page.getByRole('textbox', { name: 'Quantity, line 1' });
  await qty.fill('7');
  await qty.press('Tab');
  await expect(total).not.toHaveText(totalBefore);
  // A quantity that is not a number is refused with a message and changes nothing.
  await qty.fill('lots');
  await qty.press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Quantity must be a number of 0 or more.');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Quantity, line 1' })).toHaveValue('7');

  // A product found by search becomes a new line; then the last line is removed again.
  const search = page.getByRole('searchbox', { name: 'Add a product' });
  await search.fill('a');
  const found = page.getByRole('list', { name: 'Products found' }).getByRole('button');
  await expect(found.first()).toBeVisible();
  await found.first().click();
  await expect(lineRows(page)).toHaveCount(before + 1);
  await page.getByRole('button', { name: `Remove line ${before + 1}` }).click();
  await expect(lineRows(page)).toHaveCount(before);

  // Suggestions: the customer's usual products, one added with a tap.
  const suggest = page.getByRole('region', { name: 'Suggested for this order' });
  await expect(suggest.getByRole('heading', { name: 'Usually buys' })).toBeVisible();
  const usual = suggest.getByRole('button', { name: /^Add .* to the order$/ });
  await expect(usual.first()).toBeEnabled();
  await usual.first().click();
  await expect(lineRows(page)).toHaveCount(before + 1);
  // What customers buy next appears once the insights have run (rules, or a plain "none yet").
  await expect(suggest.getByText(/buy it after|No next-product pattern/).first()).toBeVisible({ timeout: 60_000 });

  await page.goto(url);
  await page.reload();
  await expect(lineRows(page)).toHaveCount(before + 1);
  expect(errors).toEqual([]);
});
