// Backup and restore, and sales imported from a till's CSV, through the Import and export screen:
// a workspace with a contact, an edit in its history and an attachment is backed up to one file,
// a damaged copy of the file is refused with nothing created, and the file restores as a new
// workspace with the contact, its history and the attachment's bytes. Sales in a CSV become
// orders of the account they name; importing the file again adds nothing.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, emptyWorkspaceWithAccount } from './support.ts';
import { newWorkspaceWithContact } from './team-support.ts';

async function openImport(page: Page): Promise<void> {
  await page.goto('/#/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
}

test('a workspace backs up to one file and restores as a new workspace; a damaged file is refused', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await newWorkspaceWithContact(page);
  const contactPath = new URL(page.url()).hash;
  await page.getByLabel('Job title').fill('Head of purchasing');
  await page.getByLabel('Job title').blur();
  const proposal = Buffer.from('Commercial proposal: 40 pallets at 12.50 EUR.\n'.repeat(40));
  await page.getByTestId('attach-input').setInputFiles({ name: 'proposal.txt', mimeType: 'text/plain', buffer: proposal });
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (1)' })).toBeVisible();

  await openImport(page);
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up workspace' }).click();
  const download = await saving;
  expect(download.suggestedFilename()).toMatch(/^sales-team-backup-\d{4}-\d{2}-\d{2}\.zip$/);
  await expect(page.getByText(/^Backup saved: 2 records$/)).toBeVisible();
  const backup = await readFile(await download.path());

  // A copy cut short in transfer is refused, and no workspace is created.
  await page.getByLabel('Backup file to restore').setInputFiles({ name: 'cut.zip', mimeType: 'application/zip', buffer: backup.subarray(0, Math.floor(backup.length / 2)) });
  await expect(page.getByRole('alert')).toContainText('it is damaged or incomplete');
  await expect(page.getByRole('button', { name: 'Restore as a new workspace' })).toHaveCount(0);
  expect(await page.evaluate(() => (JSON.parse(localStorage.getItem('counterpart:workspaces') ?? '[]') as unknown[]).length)).toBe(1);

  await page.getByLabel('Backup file to restore').setInputFiles({ name: 'backup.zip', mimeType: 'application/zip', buffer: backup });
  await expect(page.getByText(/^“Sales team”, backed up .*: 2 records, 1 attachments\. The checksum matches\.$/)).toBeVisible();
  await expect(page.getByText('it is not connected to any relay')).toBeVisible();
  await page.getByRole('button', { name: 'Restore as a new workspace' }).click();
  await expect(page.getByText('Restored as the workspace “Sales team (restored)”')).toBeVisible();
  await page.getByRole('button', { name: 'Open it' }).click();
  await expect(page.getByRole('button', { name: /^Workspace: Sales team \(restored\)/ })).toBeVisible();

  await page.goto(`/${contactPath}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  await expect(page.getByLabel('Job title')).toHaveValue('Head of purchasing');
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (1)' })).toBeVisible();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download proposal.txt' }).click();
  expect(await readFile(await (await saved).path())).toEqual(proposal);
  await page.getByRole('button', { name: /History/ }).first().click();
  await expect(page.getByText('Head of purchasing').last()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a CSV of till sales becomes orders of the account it names; a second import adds nothing', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await emptyWorkspaceWithAccount(page, 'Shop', 'Acme Trading');
  const accountId = /acc_[0-9a-z]+/.exec(page.url())?.[0] ?? '';
  expect(accountId).not.toBe('');

  const csv = `Receipt,Customer id,Date,Product,Qty,Price\nR-1001,${accountId},2026-02-03,Tea,2,3.50\nR-1001,${accountId},2026-02-03,Cake,1,4.00\nR-1002,${accountId},2026-02-04,Coffee,1,2.20\n`;
  const bad = `${csv}R-1003,acc_0000nobody,2026-02-05,Tea,1,3.50\n`;
  await openImport(page);
  const sales = page.getByRole('region', { name: 'Sales from a till, web shop or call centre' });
  const file = sales.getByLabel('CSV file of sales');
  await file.setInputFiles({ name: 'till-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(sales.getByLabel('Receipt')).toHaveValue('externalId');
  await sales.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('Line 5: Customer id (account or contact) no account or contact with id acc_0000nobody')).toBeVisible();

  await file.setInputFiles({ name: 'till.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await sales.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('2 sales: 2 new orders, 0 already in the workspace')).toBeVisible();
  await sales.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('2 orders added')).toBeVisible();

  await page.goto('/#/orders');
  await expect(page.getByText('2 records', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: /R-1001/ })).toContainText('Acme Trading');

  await openImport(page);
  await sales.getByLabel('CSV file of sales').setInputFiles({ name: 'till.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await sales.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('2 sales: 0 new orders, 2 already in the workspace')).toBeVisible();
  expect(errors).toEqual([]);
});
