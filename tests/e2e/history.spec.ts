// Record history: each change names who made it and when; an earlier value can be restored
// (itself a change in the history); a colleague's edit on another device shows with their name;
// a viewer sees the history but cannot restore.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { badge, invite, join, newWorkspaceWithContact, openBadge, ownerToken, saveField, setName } from './team-support.ts';

const historyToggle = (page: Page) => page.getByRole('button', { name: /^History/ });
const entries = (page: Page) => page.locator('#history-list li');






async function openHistory(page: Page): Promise<void> {
  const toggle = historyToggle(page);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

test('each change is in the record history with author and time, and an earlier value can be restored', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = collectErrors(page);
  await newWorkspaceWithContact(page);
  await setName(page, 'Olena Koval');

  await openHistory(page);
  await expect(page.getByText('No changes since this record was created.')).toBeVisible();

  await saveField(page, 'phone', '+380 44 555 0101');
  await saveField(page, 'phone', '+380 44 555 0102');
  // A long text is one entry per editing session, not one per keystroke.
  await page.locator('#f-notes').pressSequentially('Wants samples.');
  await expect(page.locator('#f-notes-status')).toContainText('Saved');
  await page.locator('#f-notes').blur();

  await expect(historyToggle(page)).toContainText('3 changes');
  await expect(entries(page)).toHaveCount(3);
  await expect(entries(page).nth(0)).toContainText('Olena Koval set Notes to “Wants samples.” · just now');
  await expect(entries(page).nth(1)).toContainText('Olena Koval changed Phone from +380 44 555 0101 to +380 44 555 0102 · just now');
  await expect(entries(page).nth(2)).toContainText('Olena Koval set Phone to +380 44 555 0101 · just now');
  await expect(entries(page).nth(1).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

  // Restore the first value, from the keyboard.
  const restore = page.getByRole('button', { name: 'Restore Phone to +380 44 555 0101' });
  const box = await restore.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(44);
  await restore.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-phone')).toHaveValue('+380 44 555 0101');
  await expect(entries(page)).toHaveCount(4);
  await expect(entries(page).nth(0)).toContainText('Olena Koval changed Phone from +380 44 555 0102 to +380 44 555 0101');
  // Its value is the current one now: nothing to restore there; the restore itself can be undone.
  await expect(page.getByRole('button', { name: 'Restore Phone to +380 44 555 0101' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Restore Phone to +380 44 555 0102' })).toHaveCount(1);

  // A long text restores too, and the text box follows.
  await page.getByRole('button', { name: 'Restore Notes to —' }).click();
  await expect(page.locator('#f-notes')).toHaveValue('');
  await expect(entries(page).nth(0)).toContainText('Olena Koval cleared Notes (was “Wants samples.”)');

  // The history is kept with the record: it is there after a reload.
  await page.reload();
  await openHistory(page);
  await expect(entries(page)).toHaveCount(5);
  expect(errors).toEqual([]);
});



/** Joins, then opens the page `url` shows on the joining device. */
async function joinAt(browser: Browser, link: string, url: string): Promise<{ page: Page; errors: string[] }> {
  const joined = await join(browser, link);
  await joined.page.goto(url.replace(/^.*#/, `${new URL(link).origin}/#`));
  await expect(joined.page.getByRole('heading', { level: 1, name: 'Anna Petrova' })).toBeVisible();
  return joined;
}

test('a colleague’s edit on another device appears in the history with their name; a viewer cannot restore', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await newWorkspaceWithContact(page);
  await setName(page, 'Olena Koval');
  await saveField(page, 'jobTitle', 'Buyer');
  const contactUrl = page.url();

  const workspaceId = await page.evaluate(() => (JSON.parse(localStorage.getItem('counterpart:workspaces') ?? '[]') as { id: string }[])[0]?.id ?? '');
  await openBadge(page);
  await page.locator('#relay-token').fill(await ownerToken(workspaceId));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  await openHistory(page);
  await expect(entries(page)).toHaveCount(1);

  const b = await joinAt(browser, await invite(page, 'editor'), contactUrl);
  await setName(b.page, 'Ivan Shevchenko');
  await saveField(b.page, 'jobTitle', 'Head of purchasing');

  // Live on the owner's page, without a reload.
  await expect(entries(page)).toHaveCount(2, { timeout: 10_000 });
  await expect(entries(page).nth(0)).toContainText('Ivan Shevchenko changed Job title from Buyer to Head of purchasing');
  await expect(page.locator('#f-jobTitle')).toHaveValue('Head of purchasing');

  // The colleague sees the owner's entry too.
  await openHistory(b.page);
  await expect(entries(b.page).nth(1)).toContainText('Olena Koval set Job title to Buyer');

  const c = await joinAt(browser, await invite(page, 'viewer'), contactUrl);
  await openHistory(c.page);
  await expect(entries(c.page)).toHaveCount(2, { timeout: 10_000 });
  await expect(c.page.getByRole('button', { name: /^Restore/ })).toHaveCount(0);

  expect(errors).toEqual([]);
  expect(b.errors).toEqual([]);
  expect(c.errors).toEqual([]);
});
