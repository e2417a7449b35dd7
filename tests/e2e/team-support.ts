// Shared by the end-to-end specs where several people share a workspace through the relay the
// tests run against: tokens, the sync dialog, invites, joining, names and field saves.
import { expect, type Browser, type Page } from '@playwright/test';
import { Auth } from '../../relay/src/auth.ts';
import { collectErrors } from './support.ts';

/** An owner token for `workspaceId`, signed by the test relay's secret. */
export async function ownerToken(workspaceId: string): Promise<string> {
  const dir = process.env.COUNTERPART_E2E_DATA_DIR;
  if (!dir) throw new Error('COUNTERPART_E2E_DATA_DIR is not set (see playwright.config.ts)');
  const auth = await Auth.open(dir);
  return auth.issue({ workspace: workspaceId, role: 'owner' });
}

export const badge = (page: Page) => page.getByTestId('sync-badge');

export async function openBadge(page: Page): Promise<void> {
  await badge(page).click();
  await expect(page.getByRole('dialog', { name: 'Sync' })).toBeVisible();
}

export async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

/** An invite link for `role`, created from the sync dialog. */
export async function invite(page: Page, role: 'editor' | 'viewer'): Promise<string> {
  await openBadge(page);
  await page.getByText('Invite someone…').click();
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.locator('#invite-link').inputValue();
  await closeDialog(page);
  expect(link).toMatch(/\/#\/join\/cp1\./);
  return link;
}

/**
 * A second person, in a browser context of their own, joins from an invite link. Asked who they
 * are, they pick the member `as`, add themselves as the new member `newMember`, or skip.
 */
export async function join(
  browser: Browser,
  link: string,
  who: { as?: string; newMember?: string; context?: Parameters<Browser['newContext']>[0] } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(who.context);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join a workspace' })).toBeVisible();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Who are you?' })).toBeVisible();
  if (who.as) {
    await page.getByRole('button', { name: `I am ${who.as}` }).click();
  } else if (who.newMember) {
    const name = page.getByLabel('Your name', { exact: true });
    // The form shows at once in a workspace with no members, else behind "I'm not on the list".
    await expect(name.or(page.getByRole('button', { name: 'I’m not on the list' }))).toBeVisible({ timeout: 15_000 });
    if (!(await name.isVisible())) await page.getByRole('button', { name: 'I’m not on the list' }).click();
    await name.fill(who.newMember);
    await page.getByRole('button', { name: 'Add me' }).click();
  } else {
    await page.getByRole('button', { name: 'Skip for now' }).click();
  }
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  return { page, errors };
}

/** This device's user says who they are from the header: a new member named `name`. */
export async function addMyself(page: Page, name: string): Promise<void> {
  await page.getByTestId('me-button').click();
  const dialog = page.getByRole('dialog', { name: 'Who are you?' });
  const field = dialog.getByLabel('Your name', { exact: true });
  await expect(field.or(dialog.getByRole('button', { name: 'I’m not on the list' }))).toBeVisible();
  if (!(await field.isVisible())) await dialog.getByRole('button', { name: 'I’m not on the list' }).click();
  await field.fill(name);
  await dialog.getByRole('button', { name: 'Add me' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('me-button')).toHaveAccessibleName(`You: ${name}`);
}

/** Connects the open (device-only) workspace to the test relay with an owner token. */
export async function connectAsOwner(page: Page): Promise<string> {
  const workspaceId = await page.evaluate(() => localStorage.getItem('counterpart:current') ?? '');
  await openBadge(page);
  await page.locator('#relay-token').fill(await ownerToken(workspaceId));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  return workspaceId;
}

export async function setName(page: Page, name: string): Promise<void> {
  await openBadge(page);
  await page.getByLabel('Your name (shown to others)').fill(name);
  await page.getByLabel('Your name (shown to others)').press('Tab');
  await closeDialog(page);
}

/** Types a value into a record page field and waits until it is saved. */
export async function saveField(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`#f-${field}`);
  await input.fill(value);
  await input.press('Tab');
  await expect(page.locator(`#f-${field}-status`)).toContainText('Saved');
}

/** An empty workspace "Sales team" with one contact, Anna Petrova, whose page is then open. */
export async function newWorkspaceWithContact(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Sales team');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await page.getByRole('dialog').getByLabel('Last name').fill('Petrova');
  await page.getByRole('dialog').getByLabel('First name').fill('Anna');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
}
