// Quotes and orders with two people on a real relay: a rep (editor) builds a quote at the
// customer's price-list price with a discount above the workspace threshold; sending is refused
// until the owner, in a browser of their own, approves it; the proposal prints with the
// company's header and totals; the accepted quote becomes an order with the same lines, which
// warns that the quantity is above stock, and steps on from registered with its date.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { badge, invite, join, openBadge, ownerToken } from './team-support.ts';

/** A product, a wholesale price list and a wholesale customer, written through the app's store. */
async function seed(page: Page): Promise<{ accountId: string }> {
  return page.evaluate(async () => {
    const store = (window as unknown as { __cpStore: { create: (c: string, v: unknown) => Promise<string> } }).__cpStore;
    const productId = await store.create('products', {
      sku: 'ESP-01', name: 'Espresso machine', category: 'Machines', price: { amount: 100_000, currency: 'EUR' },
      stock: 3, availableOn: '2030-01-15', unit: 'pcs',
    });
    await store.create('products', { sku: 'GRN-02', name: 'Coffee grinder', category: 'Grinders', price: { amount: 20_000, currency: 'EUR' }, stock: 40 });
    await store.create('priceLists', {
      name: 'Wholesale 2020s', currency: 'EUR', customerGroup: 'Wholesale', validFrom: '2020-01-01', validTo: '2039-12-31',
      items: [{ productId, price: { amount: 90_000, currency: 'EUR' } }],
    });
    const accountId = await store.create('accounts', { name: 'Kofi Trade', kind: 'customer', segment: 'Wholesale', address: '5 Harbour Road', city: 'Odesa' });
    return { accountId };
  });
}

test('a quote over the discount threshold waits for an owner on another device, prints, and becomes an order', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  await page.addInitScript(() => localStorage.setItem('counterpart:debug', '1'));

  // The owner: an empty workspace on the relay, with a catalog.
  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Coffee sales');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(badge(page)).toContainText('This device only');
  const workspaceId = await page.evaluate(() => (JSON.parse(localStorage.getItem('counterpart:workspaces') ?? '[]') as { id: string }[])[0]?.id ?? '');
  await openBadge(page);
  await page.locator('#relay-token').fill(await ownerToken(workspaceId));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  const { accountId } = await seed(page);

  // The catalog: by category, with the wholesale price today, stock and availability.
  await page.goto('/#/catalog');
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  await page.getByLabel('Customer group').selectOption('Wholesale');
  await page.getByRole('button', { name: /^Machines/ }).click();
  const row = page.getByRole('row', { name: /Espresso machine/ });
  await expect(row).toContainText('€900.00');
  await expect(row).toContainText('Wholesale 2020s');
  await expect(row).toContainText('3 pcs');
  await expect(row).toContainText('Jan 15, 2030');
  await expect(page.getByRole('row', { name: /Coffee grinder/ })).toHaveCount(0);
  await page.getByLabel('Search products').fill('grind');
  await expect(page.getByText('No products match.')).toBeVisible();
  await page.getByRole('button', { name: /^All categories/ }).click();
  await expect(page.getByRole('row', { name: /Coffee grinder/ })).toContainText('€200.00');

  // The company on proposals and the threshold (15 % unless set), owners only.
  await page.getByLabel('Company name').fill('Counterpart Coffee Ltd');
  await page.getByLabel('Company address').fill('1 Market Street, Kyiv');
  await page.getByLabel('Logo text').fill('CCL');
  await page.getByLabel('Discount that needs approval, above (%)').fill('150');
  // The channel costs below have a Save of their own.
  const saveSales = page.locator('form', { has: page.getByLabel('Company name') }).getByRole('button', { name: 'Save' });
  await saveSales.click();
  await expect(page.getByText('Enter a percentage from 0 to 100.')).toBeVisible();
  await page.getByLabel('Discount that needs approval, above (%)').fill('15');
  await saveSales.click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  // A rep joins and builds a quote for the customer.
  const link = await invite(page, 'editor');
  const rep = await join(browser, link);
  const origin = new URL(link).origin;
  await rep.page.goto(`${origin}/#/accounts/${accountId}`);
  const history = rep.page.getByRole('region', { name: 'Purchase history' });
  await expect(history.getByText('No orders yet.')).toBeVisible();
  await history.getByRole('button', { name: 'New quote' }).click();
  const dialog = rep.page.getByRole('dialog');
  await expect(dialog.locator('#new-number')).toHaveValue(/^Q-\d{4}-00001$/);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(rep.page.getByTestId('quote-status')).toContainText('Status: Draft');
  const quoteUrl = rep.page.url();

  // The product comes in at the customer's price-list price, not the list price.
  await rep.page.getByRole('searchbox', { name: 'Add a product' }).fill('Espresso');
  await rep.page.getByRole('list', { name: 'Products found' }).getByRole('button').first().click();
  await expect(rep.page.getByRole('textbox', { name: 'Unit price, line 1' })).toHaveValue('900.00');
  const qty = rep.page.getByRole('textbox', { name: 'Quantity, line 1' });
  await qty.fill('5');
  await qty.press('Tab');
  await expect(rep.page.getByRole('status').filter({ hasText: 'Espresso machine: 5 wanted, 3 on hand' })).toContainText('more from Jan 15, 2030');
  const disc = rep.page.getByRole('textbox', { name: 'Discount %, line 1' });
  await disc.fill('20');
  await disc.press('Tab');
  await expect(rep.page.getByTestId('approval')).toContainText('A discount above 15 % needs an owner’s approval');

  // Sending is refused until approved: the button says so, and a tap on it tells why.
  await expect(rep.page.getByRole('button', { name: 'Mark as sent' })).toBeDisabled();
  await rep.page.getByRole('button', { name: 'Mark as sent' }).click({ force: true });
  await expect(rep.page.getByRole('alert').filter({ hasText: 'needs an owner’s approval before the quote is sent' })).toBeVisible();
  await expect(rep.page.getByTestId('quote-status')).toContainText('Status: Draft');
  await rep.page.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(rep.page.getByTestId('approval')).toContainText('Waiting for an owner’s approval');
  await expect(rep.page.getByRole('button', { name: 'Approve discount' })).toHaveCount(0);

  // The owner approves from their own device.
  await page.goto(quoteUrl.replace(/^.*#/, `${origin}/#`));
  await expect(page.getByTestId('approval')).toContainText('Waiting for an owner’s approval', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Approve discount' }).click();
  await expect(page.getByTestId('approval')).toContainText('Discount up to 20 % approved');

  // The rep sees the approval arrive and sends the quote.
  await expect(rep.page.getByTestId('approval')).toContainText('Discount up to 20 % approved', { timeout: 15_000 });
  await rep.page.getByRole('button', { name: 'Mark as sent' }).click();
  await expect(rep.page.getByTestId('quote-status')).toContainText('Status: Sent');

  // The printable proposal: the company's header, the customer, lines and totals.
  await rep.page.getByRole('link', { name: 'Printable proposal' }).click();
  await expect(rep.page.getByRole('heading', { level: 1, name: /^Commercial proposal Q-\d{4}-00001$/ })).toBeVisible();
  await expect(rep.page.getByTestId('company-name')).toHaveText('Counterpart Coffee Ltd');
  await expect(rep.page.getByText('1 Market Street, Kyiv')).toBeVisible();
  await expect(rep.page.getByText('Kofi Trade')).toBeVisible();
  const totals = rep.page.getByTestId('print-totals');
  await expect(totals.getByRole('row', { name: /Subtotal/ })).toContainText('€4,500.00');
  await expect(totals.getByRole('row', { name: /Line discounts/ })).toContainText('€900.00');
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText('€3,600.00');
  await rep.page.emulateMedia({ media: 'print' });
  await expect(rep.page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(rep.page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
  await rep.page.emulateMedia({ media: 'screen' });
  await rep.page.getByRole('link', { name: 'Back to the quote' }).click();

  // Accepted: an order with the same line, linked to the quote, warning about stock.
  await rep.page.getByRole('button', { name: 'Customer accepted' }).click();
  await expect(rep.page.getByRole('heading', { level: 1, name: /^SO-\d{4}-000001$/ })).toBeVisible();
  await expect(rep.page.getByRole('textbox', { name: 'Quantity, line 1' })).toHaveValue('5');
  await expect(rep.page.getByRole('textbox', { name: 'Unit price, line 1' })).toHaveValue('900.00');
  await expect(rep.page.getByRole('textbox', { name: 'Discount %, line 1' })).toHaveValue('20');
  await expect(rep.page.getByRole('status').filter({ hasText: 'Espresso machine: 5 wanted, 3 on hand' })).toBeVisible();
  await expect(rep.page.getByText('From quote:')).toBeVisible();

  // Its steps, one at a time, each with its date.
  const steps = rep.page.getByTestId('order-steps');
  await expect(steps.locator('[aria-current="step"]')).toContainText('Registered');
  await rep.page.getByRole('button', { name: 'Mark as confirmed' }).click();
  await expect(steps.locator('[aria-current="step"]')).toContainText('Confirmed');
  await expect(steps.locator('[aria-current="step"]')).not.toContainText('—');
  await expect(rep.page.getByRole('button', { name: 'Mark as shipped' })).toBeVisible();

  // The customer's purchase history lists it with its total; the quote links to it.
  await rep.page.goto(`${origin}/#/accounts/${accountId}`);
  const bought = rep.page.getByRole('region', { name: 'Purchase history' });
  await expect(bought.getByRole('row', { name: /SO-\d{4}-000001/ })).toContainText('€3,600.00');
  await rep.page.goto(quoteUrl);
  await expect(rep.page.getByTestId('quote-status')).toContainText('Status: Accepted');
  await expect(rep.page.getByRole('button', { name: 'Customer accepted' })).toHaveCount(0);

  expect(errors).toEqual([]);
  expect(rep.errors).toEqual([]);
});
