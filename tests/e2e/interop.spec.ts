// Import and export through the app: a Google Contacts CSV read with its preview, its contacts
// and the accounts made from their companies on the lists, the import undone as a whole; deals and
// activities from files of their own, linked to those accounts and contacts by name or e-mail; a
// filtered list downloaded as CSV; vCards imported (a re-import updates, never duplicates) and
// exported; a malformed file refused with nothing changed.
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { addMyself } from './team-support.ts';

const fixture = (name: string): string => new URL(`../fixtures/interop/${name}`, import.meta.url).pathname;

async function startEmpty(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Interop');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(page.getByText('No accounts yet.')).toBeVisible();
}

async function openImport(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Workspace:/ }).click();
  await page.getByRole('link', { name: 'Import and export…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
}

async function text(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

test('a Google Contacts CSV: preview, import, contacts with their accounts, undo', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await startEmpty(page);
  await openImport(page);

  await page.getByLabel('File to import').setInputFiles(fixture('google-contacts.csv'));
  await expect(page.getByText('Recognised as a Google Contacts export')).toBeVisible();
  await expect(page.getByText('5 records in the file')).toBeVisible();
  const preview = page.getByRole('region', { name: 'First records' });
  await expect(preview.getByRole('cell', { name: 'ada@analytical.example' })).toBeVisible();
  await expect(preview.getByRole('cell', { name: 'Петрова' })).toBeVisible();

  // The dry run says what would happen and writes nothing.
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('Contacts: 5 new, 0 updated')).toBeVisible();
  await expect(page.getByText('Accounts: 4 new, 0 updated')).toBeVisible();
  await expect(page.getByText('Line 2: a photo given only as a link')).toBeVisible();
  await expect(page.getByText('Line 5: the birthday “--12-09” (no year)')).toBeVisible();

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Import finished: 9 records created or updated')).toBeVisible();
  await expect(page.getByText(/^google-contacts\.csv — .*, 9 records$/)).toBeVisible();

  await page.goto('/#/contacts');
  await expect(page.getByText('5 records', { exact: true })).toBeVisible();
  const ada = page.getByRole('option', { name: /Ada Lovelace/ });
  await expect(ada).toContainText('Analytical Engines Ltd');
  await expect(page.getByRole('option', { name: /Ивана Петрова/ })).toContainText('Analytical Engines Ltd');
  await page.goto('/#/accounts');
  await expect(page.getByText('4 records', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: /Kernel Works/ })).toBeVisible();

  // Undo takes back the contacts and the accounts.
  await page.goto('/#/import');
  await page.getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByText('Import of google-contacts.csv undone')).toBeVisible();
  await expect(page.getByText('Undone', { exact: true })).toBeVisible();
  await page.goto('/#/contacts');
  await expect(page.getByText('No contacts yet.')).toBeVisible();
  await page.goto('/#/accounts');
  await expect(page.getByText('No accounts yet.')).toBeVisible();
  expect(errors).toEqual([]);
});

test('deals and activities from their own files arrive linked to the accounts, contacts and rep they name', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await startEmpty(page);
  await addMyself(page, 'Rita Rep');
  await openImport(page);
  const file = page.getByLabel('File to import');
  await file.setInputFiles(fixture('google-contacts.csv'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Import finished: 9 records created or updated')).toBeVisible();

  // Deals exported from another CRM: the organisation by name, the contact by e-mail or name.
  await file.setInputFiles(fixture('pipedrive-deals.csv'));
  await page.getByLabel('Import into').selectOption({ label: 'Deals' });
  await expect(page.getByLabel('Deal - Organization')).toHaveValue('ref.accountId');
  await expect(page.getByLabel('Deal - Organization').locator('option:checked')).toHaveText('Account (name, e-mail or id)');
  await expect(page.getByLabel('Deal - Owner')).toHaveValue('ref.ownerId');
  const preview = page.getByRole('region', { name: 'First records' });
  await expect(preview.getByRole('cell', { name: 'Tranquility Base Inc' })).toBeVisible();
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('Deals: 4 new, 0 updated')).toBeVisible();
  await expect(page.getByText('Line 6: Account: nothing in the workspace matches “Tranquility Base Inc”')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await page.getByLabel('Import the other records and leave these out').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Import finished: 4 records created or updated')).toBeVisible();

  // Their activities: the contact by e-mail brings its account, the deal is found in it.
  await file.setInputFiles(fixture('hubspot-activities.csv'));
  await page.getByLabel('Import into').selectOption({ label: 'Activities' });
  await expect(page.getByLabel('Contact email')).toHaveValue('ref.contactId');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('Activities: 4 new, 0 updated')).toBeVisible();
  await expect(page.getByText('Line 7: When must be a date and time')).toBeVisible();
  await expect(page.getByText('Line 7: Contact: nothing in the workspace matches “nobody@nowhere.example”')).toBeVisible();
  await page.getByLabel('Import the other records and leave these out').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Import finished: 4 records created or updated')).toBeVisible();

  await page.goto('/#/deals');
  await expect(page.getByRole('option', { name: /Engine upgrade/ })).toContainText('Analytical Engines Ltd');
  await page.getByRole('option', { name: /Engine upgrade/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Engine upgrade' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ada Lovelace' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rita Rep' }).first()).toBeVisible();
  await page.goto('/#/activities');
  await expect(page.getByText('4 records', { exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: /Engine upgrade review/ })).toContainText('Analytical Engines Ltd');
  await expect(page.getByRole('option', { name: /Licence renewal/ })).toContainText('Cobol Systems');

  // Undone, the activities go and the deals and contacts stay.
  await page.goto('/#/import');
  await page.getByRole('button', { name: 'Undo import' }).first().click();
  await expect(page.getByText('Import of hubspot-activities.csv undone')).toBeVisible();
  await page.goto('/#/activities');
  await expect(page.getByText('No activities yet.')).toBeVisible();
  await page.goto('/#/deals');
  await expect(page.getByText('4 records', { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a filtered list downloads as CSV; a bad CSV shows its problems by line and changes nothing', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await startEmpty(page);
  await openImport(page);
  await page.getByLabel('File to import').setInputFiles(fixture('outlook-contacts.csv'));
  await expect(page.getByText('Recognised as a Outlook export')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Import finished/)).toBeVisible();

  // A CSV with mistakes: each listed with its line; Import stays off until they are left out.
  await page.getByLabel('File to import').setInputFiles(fixture('contacts-with-errors.csv'));
  await expect(page.getByRole('heading', { name: 'Map the columns' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('fullName');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('Line 3: E-mail "not-an-email" is not an e-mail address')).toBeVisible();
  await expect(page.getByText('Line 4: no name (first or last name)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await page.getByLabel('File to import').setInputFiles(fixture('malformed.csv'));
  await expect(page.getByText('This file cannot be imported: A quoted value that starts on line 3 is never closed')).toBeVisible();

  // The contacts list filtered to one account, its CSV downloaded.
  await page.goto('/#/contacts');
  await expect(page.getByText('3 records', { exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter this list' }).fill('contoso');
  await expect(page.getByText('1 of 3')).toBeVisible();
  await page.locator('summary', { hasText: 'All records' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await text(download);
  expect(csv.startsWith('\uFEFFName,Job title,Buying-centre role,E-mail,Phone,Account,Account id\r\n')).toBe(true);
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^John Smith,Purchasing Manager,,john\.smith@contoso\.example,\(425\) 555-0100,Contoso Ltd\.,acc_[0-9a-z]+$/);
  expect(errors).toEqual([]);
});

test('vCards: import from iOS and Outlook, re-import updates, export, a broken file changes nothing', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await startEmpty(page);
  await openImport(page);
  await page.getByLabel('File to import').setInputFiles(fixture('ios-contacts.vcf'));
  await expect(page.getByText('2 records in the file')).toBeVisible();
  await expect(page.getByText('Photos in vCards are kept as attachments of their contact.')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // 2 contacts, 2 accounts and Ada's photo.
  await expect(page.getByText('Import finished: 5 records created or updated')).toBeVisible();

  // The same file again: the UIDs match, so the two contacts are updated, not doubled.
  await page.getByLabel('File to import').setInputFiles(fixture('ios-contacts.vcf'));
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByText('Contacts: 0 new, 2 updated')).toBeVisible();

  await page.getByLabel('File to import').setInputFiles(fixture('malformed.vcf'));
  await expect(page.getByText('This file cannot be imported: The card that starts on line 1 has no END:VCARD')).toBeVisible();
  await page.getByLabel('File to import').setInputFiles(fixture('outlook-contacts.vcf'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Import finished: 2 records created or updated')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'All contacts as vCard (.vcf)' }).click()]);
  const vcf = await text(download);
  expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(3);
  expect(vcf).toContain('UID:5F1E8C32-9A2B-4C1D-8E3F-0A1B2C3D4E5F');
  expect(vcf).toContain('ORG:Contoso Ltd.');
  expect(vcf).toContain('NOTE:Prefers e-mail.\\nCall after 10 am. Budget season runs from October to');

  // A calendar: its events become meetings, and go out again with the calendar export.
  await page.getByLabel('File to import').setInputFiles(fixture('google-calendar.ics'));
  await expect(page.getByText('Changed occurrences of repeating events left out: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Import finished: 4 records created or updated')).toBeVisible();
  const [ics] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Meetings and open tasks as a calendar (.ics)' }).click()]);
  const calendar = await text(ics);
  expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(4);
  expect(calendar).toContain('UID:7kukuqrfedlm2f9t0vdurb2jcn@google.com');
  expect(calendar).toContain('DTSTART:20240612T080000Z');

  await page.goto('/#/contacts');
  await expect(page.getByText('3 records', { exact: true })).toBeVisible();
  // One contact from its page, with the UID it came with.
  await page.getByRole('option', { name: /Ada Lovelace/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  const [card] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download vCard' }).click()]);
  expect(card.suggestedFilename()).toMatch(/^ada-lovelace-\d{4}-\d{2}-\d{2}\.vcf$/);
  const one = await text(card);
  expect(one.match(/BEGIN:VCARD/g)).toHaveLength(1);
  expect(one).toContain('FN:Ada Lovelace');
  expect(one).toContain('UID:5F1E8C32-9A2B-4C1D-8E3F-0A1B2C3D4E5F');
  await page.goto('/#/activities');
  await expect(page.getByText('4 records', { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
