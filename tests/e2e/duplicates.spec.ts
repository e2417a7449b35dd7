// Duplicates (model SPEC R16): the demo workspace's planted duplicate accounts are found with
// their reasons; one pair is merged with a field chosen from the other record, its contacts move
// to the account kept, and Unmerge on the merged account's page takes it all back.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

// The demo generator plants acc_00496 as a near-duplicate of acc_00050 (packages/demo/src/duplicates.ts).
const KEPT = 'acc_00050';
const OTHER = 'acc_00496';

const contactsOf = (page: Page) => page.locator('aside[aria-labelledby="contacts-title"] li .name');

test('finds duplicates, merges a pair with a field choice, moves its contacts, and unmerges', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await loadSmallDemo(page, 150_000);

  // The contacts of the record that will be merged away.
  await page.goto(`/#/accounts/${OTHER}`);
  const otherName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await expect(contactsOf(page).first()).toBeVisible();
  const moved = await contactsOf(page).allTextContents();
  await page.goto(`/#/accounts/${KEPT}`);
  const keptName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  const keptContacts = await contactsOf(page).count();

  await page.getByText('More', { exact: false }).first().click();
  await page.getByRole('link', { name: 'Duplicates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Duplicates' })).toBeVisible();
  const pair = page.locator('li.pair').filter({ has: page.locator(`a[href="#/accounts/${OTHER}"]`) }).filter({ has: page.locator(`a[href="#/accounts/${KEPT}"]`) });
  await expect(pair).toBeVisible({ timeout: 60_000 });
  await expect(pair.locator('.chip').first()).toBeVisible();
  await expect(pair).toContainText(/Similar name|Same phone|Same e-mail/);
  await expect(page.getByRole('button', { name: /^Contacts \(\d+\)$/ })).toBeVisible();

  await pair.getByRole('link', { name: 'Review and merge' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge accounts' })).toBeVisible();
  await expect(page.getByText(`Contacts: ${moved.length}`)).toBeVisible();
  // Keep the other record's name.
  await page.locator('input[name="merge-name"][value="loser"]').check();
  await expect(page.locator('section[aria-labelledby="merge-preview"]')).toContainText(otherName);
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Merged into ${keptName}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Duplicates' })).toBeVisible();
  await expect(page.locator(`li.pair a[href="#/accounts/${OTHER}"]`)).toHaveCount(0);

  // The account kept has the chosen name and the other's contacts; the other is out of the list.
  await page.goto(`/#/accounts/${KEPT}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(otherName);
  await expect(contactsOf(page)).toHaveCount(keptContacts + moved.length);
  for (const name of moved) await expect(contactsOf(page).filter({ hasText: name }).first()).toBeVisible();

  // The merged account's page says where it went, and Unmerge takes the merge back.
  await page.goto(`/#/accounts/${OTHER}`);
  await expect(page.getByRole('note').filter({ hasText: 'This record was merged into' })).toBeVisible();
  await page.getByRole('button', { name: 'Unmerge' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The merge was taken back' })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'This record was merged into' })).toHaveCount(0);
  await expect(contactsOf(page)).toHaveCount(moved.length);
  await page.goto(`/#/accounts/${KEPT}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(keptName);
  await expect(contactsOf(page)).toHaveCount(keptContacts);
  expect(errors).toEqual([]);
});
