// Two people on a real relay: an owner connects a workspace, invites a colleague, both work
// offline on the same contact (different fields, and the same note), come back online, and
// both see both edits. A viewer sees everything and can change nothing.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { badge, closeDialog, invite, join, newWorkspaceWithContact, openBadge, ownerToken, saveField, setName } from './team-support.ts';

async function setOffline(page: Page, offline: boolean): Promise<void> {
  await openBadge(page);
  await page.getByRole('button', { name: offline ? 'Work offline' : 'Go online' }).click();
  await closeDialog(page);
  await expect(badge(page)).toContainText(offline ? 'Paused' : 'Online', { timeout: 10_000 });
}

test('two users edit one contact offline, reconnect, and both keep both edits; a viewer cannot edit', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);

  // The owner: a workspace with one contact, connected to the relay that serves the app.
  await newWorkspaceWithContact(page);
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
