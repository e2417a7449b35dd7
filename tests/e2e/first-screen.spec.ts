// The first screen end to end: first run, an empty workspace, records created and edited through
// the record page, persistence across reloads, delete with undo, refused values, and the demo
// workspace with its lists and search. Each test gets a fresh browser context, so a fresh
// IndexedDB and a first run.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';


async function startEmpty(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Counterpart' })).toBeVisible();
  await page.getByLabel('Workspace name').fill(name);
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(page.getByText('No accounts yet.')).toBeVisible();
}

test('an empty workspace: create an account, edit it, and find it again after a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await startEmpty(page, 'Field team');

  await page.getByRole('button', { name: 'New account' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: false }).first().fill('Northwind Traders');
  await dialog.getByRole('button', { name: 'Create' }).click();

  // The new record's page opens.
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeVisible();
  const city = page.locator('#f-city');
  await city.fill('Kyiv');
  await city.press('Tab');
  await expect(page.getByText('✓ Saved').first()).toBeVisible();

  // A refused value names the field and is not saved.
  const email = page.locator('#f-email');
  await email.fill('not-an-address');
  await email.press('Tab');
  await expect(page.getByText(/E-?mail "not-an-address" is not an e-mail address/i)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeVisible();
  await expect(page.locator('#f-city')).toHaveValue('Kyiv');
  await expect(page.locator('#f-email')).toHaveValue('');

  // The timeline: log a call from the account page; it is listed there, newest first.
  await expect(page.getByRole('heading', { level: 2, name: 'Timeline' })).toBeVisible();
  await expect(page.getByText('No calls, meetings, notes, orders or tickets yet.')).toBeVisible();
  const accountUrl = page.url();
  await page.getByRole('button', { name: 'Log a call' }).click();
  await page.getByRole('dialog').getByLabel('Subject').fill('Intro call with purchasing');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Intro call with purchasing/ })).toBeVisible();
  await page.goto(accountUrl);
  await expect(page.getByRole('link', { name: 'Intro call with purchasing' })).toBeVisible();

  await page.getByRole('link', { name: /Back to accounts/ }).click();
  await expect(page.getByText('1 record', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: /Northwind Traders/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a reference is set by finding the record, changed and cleared on the record page', async ({ page }) => {
  const errors = collectErrors(page);
  await startEmpty(page, 'Group');
  for (const name of ['Contoso Holding', 'Northwind Traders']) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'New account' }).first().click();
    await page.getByRole('dialog').getByLabel('Name', { exact: false }).first().fill(name);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
  // Northwind's parent: found by name, saved, shown as a link after a reload.
  await page.getByRole('searchbox', { name: 'Parent account' }).fill('conto');
  await page.getByRole('button', { name: 'Contoso Holding' }).click();
  await expect(page.getByRole('link', { name: 'Contoso Holding' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Contoso Holding' })).toBeVisible();
  // Cleared again.
  await page.getByRole('button', { name: 'Change Parent account' }).click();
  await page.getByRole('button', { name: 'Clear Parent account' }).click();
  await expect(page.getByRole('searchbox', { name: 'Parent account' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Contoso Holding' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('delete a record and undo it', async ({ page }) => {
  const errors = collectErrors(page);
  await startEmpty(page, 'Undo test');
  await page.getByRole('button', { name: 'New account' }).first().click();
  await page.getByRole('dialog').getByLabel('Name', { exact: false }).first().fill('Contoso Pharma');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso Pharma' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No accounts yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso Pharma' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso Pharma' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the small demo workspace: lists, keyboard search, and a record page with its contacts', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByRole('radio', { name: /Small/ }).check();
  await page.getByRole('button', { name: 'Load the demo workspace' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  // The accounts list, virtualised: far fewer row links in the DOM than accounts.
  await expect(page.getByText('500 records', { exact: true })).toBeVisible({ timeout: 150_000 });
  await expect(page.getByText(/Demo workspace loaded: [\d,]+ records/)).toBeVisible();
  const rows = page.locator('main a[href^="#/accounts/"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(100);

  // Search from the keyboard: Ctrl-K, type a name taken from the contacts list, Enter opens it.
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  const firstContact = page.locator('main a[href^="#/contacts/"]').first();
  const contactName = (await firstContact.locator('.title').innerText()).trim();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox')).toBeFocused();
  await page.keyboard.type(contactName.split(' ')[0] ?? contactName);
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.getByRole('combobox').fill(contactName);
  await expect(page.getByRole('option', { name: new RegExp(contactName) }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: contactName })).toBeVisible();

  // The contact's account, and the account's contacts beside its fields.
  await page.locator('main a[href^="#/accounts/"]').first().click();
  await expect(page.getByRole('heading', { level: 2, name: /Contacts \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole('complementary').getByRole('link', { name: contactName })).toBeVisible();

  // Every collection has a list and record pages: deals with their account, an order's lines.
  await page.getByRole('link', { name: 'Deals', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
  await expect(page.getByText('800 records', { exact: true })).toBeVisible();
  await expect(page.getByRole('option').first()).toContainText(/\S+/);
  await page.locator('nav summary').click();
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await page.locator('main a[href^="#/orders/"]').first().click();
  await expect(page.getByRole('columnheader', { name: 'Unit price' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /^Total/ })).toBeVisible();
  await expect(page.locator('nav summary')).toHaveText(/Orders/);
  expect(errors).toEqual([]);
});
