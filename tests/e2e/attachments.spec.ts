// Attachments shared by two people on the real relay: a file attached on one device is listed
// on the other, opens there with the same bytes, and keeps opening after the network is gone; a
// file attached while sync is paused reaches the other device once it resumes.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, emptyWorkspaceWithAccount, waitForServiceWorker } from './support.ts';
import { badge, closeDialog, invite, join, newWorkspaceWithContact, openBadge, ownerToken } from './team-support.ts';

async function setPaused(page: Page, paused: boolean): Promise<void> {
  await openBadge(page);
  await page.getByRole('button', { name: paused ? 'Work offline' : 'Go online' }).click();
  await closeDialog(page);
  await expect(badge(page)).toContainText(paused ? 'Paused' : 'Online', { timeout: 10_000 });
}

const item = (page: Page, name: string) => page.getByTestId('attachment').filter({ hasText: name });

/** Downloads an attachment from its row and returns the bytes the browser saved. */
async function downloaded(page: Page, name: string): Promise<Buffer> {
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${name}` }).click();
  const download = await saving;
  expect(download.suggestedFilename()).toBe(name);
  return readFile(await download.path());
}

// A 1×1 PNG: small enough to be fetched ahead of time, and shown as a thumbnail.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('a file attached on one device opens on another with the same bytes, also offline; one attached while paused arrives after resuming', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);

  // Owner A: a contact in a workspace connected to the relay. Editor B joins and opens it.
  await newWorkspaceWithContact(page);
  const contactUrl = page.url();
  const workspaceId = await page.evaluate(() => (JSON.parse(localStorage.getItem('counterpart:workspaces') ?? '[]') as { id: string }[])[0]?.id ?? '');
  await openBadge(page);
  await page.locator('#relay-token').fill(await ownerToken(workspaceId));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  const b = await join(browser, await invite(page, 'editor'));
  await b.page.goto(contactUrl.replace(/^.*#/, `${new URL(b.page.url()).origin}/#`));
  await expect(b.page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  await expect(b.page.getByText('No files yet.')).toBeVisible();

  // A attaches a proposal and a photo; both are uploaded.
  const proposal = Buffer.from('Commercial proposal for Anna Petrova: 40 pallets at 12.50 EUR.\n'.repeat(50));
  await page.getByTestId('attach-input').setInputFiles([
    { name: 'proposal.txt', mimeType: 'text/plain', buffer: proposal },
    { name: 'shelf.png', mimeType: 'image/png', buffer: PNG },
  ]);
  await expect(page.getByText('2 files attached')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (2)' })).toBeVisible();
  await expect(item(page, 'proposal.txt').getByTestId('attachment-state')).toHaveText('Available offline', { timeout: 10_000 });
  await expect(item(page, 'proposal.txt')).toContainText('text/plain');
  await expect(page.getByRole('img', { name: 'Preview of shelf.png' })).toBeVisible();

  // A caption written on A shows on B.
  await page.getByLabel('Caption for shelf.png').fill('Shelf at the Lviv store');
  await page.getByLabel('Caption for shelf.png').press('Tab');

  // B sees both, fetches the small ones ahead of time, and opens them with the same bytes.
  await expect(b.page.getByRole('heading', { level: 2, name: 'Attachments (2)' })).toBeVisible({ timeout: 10_000 });
  await expect(item(b.page, 'proposal.txt').getByTestId('attachment-state')).toHaveText('Available offline', { timeout: 10_000 });
  await expect(b.page.getByRole('img', { name: 'Preview of shelf.png' })).toBeVisible();
  await expect(b.page.getByLabel('Caption for shelf.png')).toHaveValue('Shelf at the Lviv store', { timeout: 10_000 });
  expect((await downloaded(b.page, 'proposal.txt')).equals(proposal)).toBe(true);
  const popup = b.page.waitForEvent('popup');
  await b.page.getByRole('button', { name: 'Open proposal.txt' }).click();
  const tab = await popup;
  await expect.poll(() => tab.url()).toMatch(/^blob:/);
  expect(await tab.evaluate(async () => (await (await fetch(location.href)).text()).length)).toBe(proposal.length);
  await tab.close();

  // A file over the limit is refused with a clear error; nothing is attached.
  await page.getByTestId('attach-input').setInputFiles({ name: 'video.mov', mimeType: 'video/quicktime', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) });
  await expect(page.getByRole('alert')).toContainText('“video.mov” is larger than 25 MB and was not attached.');
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (2)' })).toBeVisible();

  // A pauses sync and attaches a contract and a large scan: they wait on A's device.
  await setPaused(page, true);
  const contract = Buffer.from('%PDF-1.4 signed supply contract');
  const scan = Buffer.alloc(3 * 1024 * 1024, 7); // over the size fetched ahead of time
  await page.getByTestId('attach-input').setInputFiles([
    { name: 'contract.pdf', mimeType: 'application/pdf', buffer: contract },
    { name: 'scan.tiff', mimeType: 'image/tiff', buffer: scan },
  ]);
  await expect(item(page, 'contract.pdf').getByTestId('attachment-state')).toHaveText('Waiting to upload');
  await expect(b.page.getByRole('heading', { level: 2, name: 'Attachments (2)' })).toBeVisible();

  // Back online: B gets the records and the content.
  await setPaused(page, false);
  await expect(item(page, 'contract.pdf').getByTestId('attachment-state')).toHaveText('Available offline', { timeout: 15_000 });
  await expect(item(page, 'scan.tiff').getByTestId('attachment-state')).toHaveText('Available offline', { timeout: 15_000 });
  await expect(b.page.getByRole('heading', { level: 2, name: 'Attachments (4)' })).toBeVisible({ timeout: 10_000 });
  await expect(item(b.page, 'contract.pdf').getByTestId('attachment-state')).toHaveText('Available offline', { timeout: 10_000 });
  await expect(item(b.page, 'scan.tiff').getByTestId('attachment-state')).toHaveText('Not downloaded yet');
  expect((await downloaded(b.page, 'contract.pdf')).equals(contract)).toBe(true);

  // B loses the network and reloads from the service worker: what it has opens; the large scan
  // it never opened says it is not available offline.
  await waitForServiceWorker(b.page);
  await b.page.context().setOffline(true);
  await b.page.reload();
  await expect(b.page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible({ timeout: 30_000 });
  await expect(item(b.page, 'proposal.txt').getByTestId('attachment-state')).toHaveText('Available offline');
  expect((await downloaded(b.page, 'proposal.txt')).equals(proposal)).toBe(true);
  expect((await downloaded(b.page, 'contract.pdf')).equals(contract)).toBe(true);
  await b.page.getByRole('button', { name: 'Download scan.tiff' }).click();
  await expect(item(b.page, 'scan.tiff').getByTestId('attachment-state')).toHaveText('Not available offline — connect to download it');

  // Delete with undo on A; B follows.
  await b.page.context().setOffline(false);
  await page.getByRole('button', { name: 'Delete contract.pdf' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (3)' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('“contract.pdf” restored')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (4)' })).toBeVisible();

  expect(errors).toEqual([]);
  expect(b.errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('on one device without a relay: empty state, files on an account and on its contact, caption, delete with undo', async ({ page }) => {
  const errors = collectErrors(page);
  await emptyWorkspaceWithAccount(page, 'Field sales', 'Acme Trading');
  const accountUrl = page.url();

  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (0)' })).toBeVisible();
  await expect(page.getByText('No files yet.')).toBeVisible();
  await page.getByTestId('attach-input').setInputFiles({ name: 'price-agreement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 price agreement 2026') });
  await expect(item(page, 'price-agreement.pdf').getByTestId('attachment-state')).toHaveText('On this device only');
  await expect(item(page, 'price-agreement.pdf')).toContainText('application/pdf');
  // An empty file is refused with a reason.
  await page.getByTestId('attach-input').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText('“empty.txt” is empty and was not attached.');

  // A contact of the account gets a photo; the account page lists it with a link to the contact.
  await page.getByRole('button', { name: 'New contact' }).click();
  await page.getByRole('dialog').getByLabel('Last name').fill('Koval');
  await page.getByRole('dialog').getByLabel('First name').fill('Olena');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Olena Koval' })).toBeVisible();
  await page.getByTestId('attach-input').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByRole('img', { name: 'Preview of card.png' })).toBeVisible();
  await page.getByLabel('Caption for card.png').fill('Business card');
  await page.getByLabel('Caption for card.png').press('Tab');

  await page.goto(accountUrl);
  await expect(page.getByRole('heading', { level: 3, name: 'On this account\'s records (1)' })).toBeVisible();
  await expect(item(page, 'card.png')).toContainText('Business card');
  await expect(item(page, 'card.png').getByRole('button', { name: 'Delete card.png' })).toHaveCount(0);
  await item(page, 'card.png').getByRole('link', { name: 'On contact: Olena Koval' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Olena Koval' })).toBeVisible();

  // Delete and undo; then delete for good, and the empty state is back.
  await page.getByRole('button', { name: 'Delete card.png' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (0)' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Attachments (1)' })).toBeVisible();
  await expect(page.getByLabel('Caption for card.png')).toHaveValue('Business card');
  await page.reload();
  await expect(page.getByRole('img', { name: 'Preview of card.png' })).toBeVisible({ timeout: 15_000 });
  expect((await downloaded(page, 'card.png')).equals(PNG)).toBe(true);

  expect(errors).toEqual([]);
});
