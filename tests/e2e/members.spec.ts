// Members and roles on a real relay: the owner says who they are and invites a colleague; the
// colleague joins and adds themselves; the owner sees them online with the link they joined
// with, makes them a viewer (their device at once becomes read-only), and revokes the link.
import { expect, test } from '@playwright/test';
import { collectErrors } from './support.ts';
import { addMyself, badge, connectAsOwner, invite, join, newWorkspaceWithContact } from './team-support.ts';

test('an owner invites, the colleague joins and says who they are, the owner makes them a viewer who then cannot edit', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await newWorkspaceWithContact(page);
  const contactHash = new URL(page.url()).hash;

  // Device-only: the members page has nobody yet and says how to invite.
  await page.goto('/#/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await expect(page.getByText('No members yet.')).toBeVisible();
  await expect(page.getByText('This workspace is on this device only.')).toBeVisible();

  await connectAsOwner(page);
  await addMyself(page, 'Olena Koval');
  const link = await invite(page, 'editor');

  // The colleague joins and, asked who they are, adds themselves.
  const b = await join(browser, link, { newMember: 'Ivan Shevchenko' });
  await expect(b.page.getByTestId('me-button')).toHaveAccessibleName('You: Ivan Shevchenko');

  // The owner sees both members, Ivan online, and the link he joined with.
  await page.goto('/#/members');
  const ivan = page.locator('li.person', { hasText: 'Ivan Shevchenko' });
  await expect(ivan).toBeVisible({ timeout: 15_000 });
  await expect(ivan.getByText('Online now')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('li.person', { hasText: 'Olena Koval' })).toContainText('(you)');
  const links = page.locator('li.link');
  await expect(links).toHaveCount(1);
  await expect(links.first()).toContainText('Joined with it: Ivan Shevchenko');
  await expect(links.first()).toContainText('Active');

  // Owners cannot lower their own access.
  await page.getByLabel('Role of Olena Koval').selectOption('viewer');
  await expect(page.getByRole('alert')).toContainText('You cannot lower your own access');
  await expect(page.getByLabel('Role of Olena Koval')).toHaveValue('owner');

  // Ivan becomes a viewer: his device reconnects read-only.
  await page.getByLabel('Role of Ivan Shevchenko').selectOption('viewer');
  await expect(page.getByText('Ivan Shevchenko is now Viewer')).toBeVisible();
  await b.page.goto(`${new URL(link).origin}/${contactHash}`);
  await expect(b.page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  await expect(b.page.getByText('You can view this workspace but not change it.')).toBeVisible({ timeout: 15_000 });
  await expect(b.page.locator('input#f-jobTitle')).toHaveCount(0);
  await expect(b.page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(badge(b.page)).toContainText('Online');

  // Ivan's members page is read-only: no role controls, no invite links.
  await b.page.goto(`${new URL(link).origin}/#/members`);
  await expect(b.page.locator('li.person', { hasText: 'Ivan Shevchenko' })).toContainText('Role: viewer (read-only)');
  await expect(b.page.getByLabel('Role of Olena Koval')).toHaveCount(0);
  await expect(b.page.getByText('Only owners see and manage invite links.')).toBeVisible();
  await expect(b.page.getByRole('button', { name: 'Add member' })).toHaveCount(0);

  // The owner revokes the link: nobody new can join with it; Ivan keeps his (viewer) access.
  await links.first().getByRole('button', { name: /^Revoke the editor link/ }).click();
  await expect(links.first()).toContainText('Revoked');
  await expect(links.first().getByRole('button')).toHaveCount(0);
  await b.page.reload();
  await expect(badge(b.page)).toContainText('Online', { timeout: 15_000 });

  expect(errors).toEqual([]);
  expect(b.errors).toEqual([]);
});
