// Two people on a real relay: an owner connects a workspace, invites a colleague, both work
// offline on the same contact (different fields, and the same note), come back online, and
// both see both edits. A viewer sees everything and can change nothing.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { Auth } from '../../relay/src/auth.ts';

async function ownerToken(workspaceId: string): Promise<string> {
  const dir = process.env.COUNTERPART_E2E_DATA_DIR;
  if (!dir) throw new Error('COUNTERPART_E2E_DATA_DIR is not set (see playwright.config.ts)');
  const auth = await Auth.open(dir);
  return auth.issue({ workspace: workspaceId, role: 'owner' });
}


const badge = (page: Page) => page.getByTestId('sync-badge');

async function openBadge(page: Page): Promise<void> {
  await badge(page).click();
  await expect(page.getByRole('dialog', { name: 'Sync' })).toBeVisible();
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function setOffline(page: Page, offline: boolean): Promise<void> {
  await openBadge(page);
  await page.getByRole('button', { name: offline ? 'Work offline' : 'Go online' }).click();
  await closeDialog(page);
  await expect(badge(page)).toContainText(offline ? 'Paused' : 'Online', { timeout: 10_000 });
}

async function invite(page: Page, role: 'editor' | 'viewer'): Promise<string> {
  await openBadge(page);
  await page.getByText('Invite someone…').click();
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.locator('#invite-link').inputValue();
  await closeDialog(page);
  expect(link).toMatch(/\/#\/join\/cp1\./);
  return link;
}

async function join(browser: Browser, link: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join a workspace' })).toBeVisible();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  return { page, errors };
}

async function setName(page: Page, name: string): Promise<void> {
  await openBadge(page);
  await page.getByLabel('Your name (shown to others)').fill(name);
  await page.getByLabel('Your name (shown to others)').press('Tab');
  await closeDialog(page);
}

async function saveField(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`#f-${field}`);
  await input.fill(value);
  await input.press('Tab');
  await expect(page.locator(`#f-${field}-status`)).toContainText('Saved');
}

test('two users edit one contact offline, reconnect, and both keep both edits; a viewer cannot edit', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);

  // The owner: a workspace with one contact, connected to the relay that serves the app.
  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Sales team');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await page.getByRole('dialog').getByLabel('Last name').fill('Petrova');
  await page.getByRole('dialog').getByLabel('First name').fill('Anna');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  const notes = page.locator('#f-notes');
  await notes.fill('Met at the fair.');
  await expect(page.locator('#f-notes-status')).toContainText('Saved');
  const contactUrl = page.url();

  await expect(badge(page)).toContainText('This device only');
  const workspaceId = await page.evaluate(() => (JSON.parse(localStorage.getItem('counterpart:workspaces') ?? '[]') as { id: string }[])[0]?.id ?? '');
  await openBadge(page);
  await page.locator('#relay-token').fill(await ownerToken(workspaceId));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });

  // A colleague joins from an invite link and finds the contact.
  const editorLink = await invite(page, 'editor');
  const b = await join(browser, editorLink);
  await b.page.goto(contactUrl.replace(/^.*#/, `${new URL(editorLink).origin}/#`));
  await expect(b.page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  await expect(b.page.locator('#f-notes')).toHaveValue('Met at the fair.');

  // Presence: each sees the other on the record, and which field the other is editing.
  await setName(page, 'Olena Koval');
  await setName(b.page, 'Ivan Shevchenko');
  await expect(page.getByRole('img', { name: 'Ivan Shevchenko' })).toBeVisible({ timeout: 10_000 });
  await expect(b.page.getByRole('img', { name: 'Olena Koval' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('link', { name: 'Ivan Shevchenko: open their record' })).toBeVisible();
  await b.page.locator('#f-jobTitle').focus();
  await expect(page.getByText('Ivan Shevchenko is editing')).toBeVisible({ timeout: 10_000 });
  await b.page.locator('#f-jobTitle').blur();
  await expect(page.getByText('Ivan Shevchenko is editing')).toHaveCount(0, { timeout: 10_000 });

  // Live: an edit on one device appears on the other without a reload.
  await saveField(page, 'email', 'anna.petrova@example.com');
  await expect(b.page.locator('#f-email')).toHaveValue('anna.petrova@example.com', { timeout: 10_000 });

  // Both offline; each edits a different field and the same note.
  await setOffline(page, true);
  await setOffline(b.page, true);
  await saveField(page, 'jobTitle', 'Head of purchasing');
  await page.locator('#f-notes').fill('Met at the fair. Wants samples.');
  await expect(page.locator('#f-notes-status')).toContainText('Saved');
  await saveField(b.page, 'phone', '+380 44 555 0101');
  await b.page.locator('#f-notes').fill('Met at the Kyiv fair.');
  await expect(b.page.locator('#f-notes-status')).toContainText('Saved');
  await expect(badge(page)).toContainText('Paused');

  await setOffline(page, false);
  await setOffline(b.page, false);
  for (const p of [page, b.page]) {
    await expect(p.locator('#f-jobTitle')).toHaveValue('Head of purchasing', { timeout: 10_000 });
    await expect(p.locator('#f-phone')).toHaveValue('+380 44 555 0101', { timeout: 10_000 });
    await expect(p.locator('#f-notes')).toHaveValue('Met at the Kyiv fair. Wants samples.', { timeout: 10_000 });
  }
  await expect(badge(page)).toHaveText('Online');

  // A viewer sees the same contact and cannot change it.
  const viewerLink = await invite(page, 'viewer');
  const c = await join(browser, viewerLink);
  await c.page.goto(contactUrl.replace(/^.*#/, `${new URL(viewerLink).origin}/#`));
  await expect(c.page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  await expect(c.page.getByText('You can view this workspace but not change it.')).toBeVisible();
  // Values are shown as text, not as inputs.
  await expect(c.page.locator('#f-phone')).toHaveText('+380 44 555 0101');
  await expect(c.page.locator('input#f-phone')).toHaveCount(0);
  await expect(c.page.locator('#f-notes')).toHaveAttribute('readonly', '');
  await expect(c.page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await c.page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await expect(c.page.getByRole('button', { name: 'New contact' })).toHaveCount(0);

  expect(errors).toEqual([]);
  expect(b.errors).toEqual([]);
  expect(c.errors).toEqual([]);
});
