// "My day" on the small demo workspace, on a fixed Monday morning (Playwright's clock, running
// on from there): the device user's day by default, a task added for today and ticked off with
// one click (and undone), a task due yesterday under Overdue, reassigning with undo, the member
// filter, and a reminder that goes off once, in the app and as a system notification.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

const MINUTE = 60_000;

/** The value a datetime-local input takes for `offset` ms from the page's now, in its local time. */
function localInput(page: Page, offset: number): Promise<string> {
  return page.evaluate((ms) => {
    const d = new Date(Date.now() + ms);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, offset);
}

async function addTask(page: Page, title: string, due: string, reminder?: string): Promise<void> {
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task', { exact: true }).fill(title);
  await form.getByLabel('Due', { exact: true }).fill(due);
  if (reminder) await form.getByLabel('Reminder').selectOption({ label: reminder });
  await form.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Task added: ${title}` })).toBeVisible();
}

function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^${name}`) });
}

test('my day: add, tick off and undo, overdue, assign, filter by member, reminders', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await context.grantPermissions(['notifications']);
  // System notifications are counted as they are shown.
  await page.addInitScript(() => {
    const shown: string[] = [];
    const Native = window.Notification;
    class Counted extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(title);
      }
    }
    Object.defineProperty(window, 'Notification', { value: Counted, configurable: true, writable: true });
    Object.defineProperty(window, 'shownNotifications', { value: shown });
  });
  await page.clock.install({ time: new Date('2026-11-02T10:00:00') });
  await loadSmallDemo(page, 150_000);

  await page.getByRole('link', { name: 'My day', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  for (const name of ['Overdue', 'Today', 'Next 7 days']) await expect(section(page, name)).toBeVisible();
  const filter = page.getByLabel('Whose day');
  await expect(filter).toHaveValue('');
  const members = filter.locator('option');
  const anna = (await members.nth(2).innerText()).trim();
  const boris = (await members.nth(3).innerText()).trim();

  // Saying who this device's user is makes My day theirs.
  await page.getByTestId('sync-badge').click();
  await page.getByLabel('Your name (shown to others)').fill(anna);
  await page.getByLabel('Your name (shown to others)').press('Tab');
  await page.keyboard.press('Escape');
  await expect(filter.locator('option:checked')).toHaveText(`${anna} (you)`);

  // A task for today, for the member whose day is shown.
  const today = section(page, 'Today');
  await addTask(page, 'Call Northwind about the renewal', await localInput(page, 5 * 60 * MINUTE));
  const row = today.locator('li', { hasText: 'Call Northwind about the renewal' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('combobox')).toHaveValue(await filter.inputValue());

  // Ticked off with one click, on a target big enough for a finger; undone from the notice.
  const tick = row.getByRole('checkbox', { name: 'Done: Call Northwind about the renewal' });
  const box = await row.locator('label.tick').boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(44);
  expect(box?.height).toBeGreaterThanOrEqual(44);
  await row.locator('label.tick').click();
  await expect(tick).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Done: Call Northwind about the renewal' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(tick).not.toBeChecked();
  // And from the keyboard; it stays done after a reload.
  await tick.focus();
  await page.keyboard.press('Space');
  await expect(tick).toBeChecked();
  // The notice comes once the change is saved.
  await expect(page.getByRole('status').filter({ hasText: 'Done: Call Northwind about the renewal' })).toBeVisible();
  await page.reload();
  await expect(section(page, 'Today').getByRole('checkbox', { name: 'Done: Call Northwind about the renewal' })).toBeChecked();

  // Due yesterday and not done: overdue.
  await addTask(page, 'Send the signed contract', await localInput(page, -24 * 60 * MINUTE));
  await expect(section(page, 'Overdue').locator('li', { hasText: 'Send the signed contract' })).toBeVisible();
  await expect(section(page, 'Overdue').locator('li', { hasText: 'Send the signed contract' })).toContainText('late');

  // Set AGENDA_SCREENSHOT to a file path to keep a picture of the day.
  if (process.env.AGENDA_SCREENSHOT) {
    // The page scrolls inside <main>: a tall window shows all of it.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 3000 });
    await page.screenshot({ path: process.env.AGENDA_SCREENSHOT });
    if (size) await page.setViewportSize(size);
  }

  // Given to someone else it leaves this day; undo brings it back.
  const overdueRow = section(page, 'Overdue').locator('li', { hasText: 'Send the signed contract' });
  await overdueRow.getByRole('combobox').selectOption({ label: boris });
  await expect(overdueRow).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: `assigned to ${boris}` }).getByRole('button', { name: 'Undo' }).click();
  await expect(overdueRow).toBeVisible();

  // The member filter: everyone's day has the tasks too, another member's day does not.
  await filter.selectOption({ label: 'Everyone' });
  await expect(section(page, 'Overdue').locator('li', { hasText: 'Send the signed contract' })).toBeVisible();
  await filter.selectOption({ label: boris });
  await expect(section(page, 'Today').locator('li', { hasText: 'Call Northwind' })).toHaveCount(0);
  await expect(section(page, 'Overdue').locator('li', { hasText: 'Send the signed contract' })).toHaveCount(0);
  await filter.selectOption({ label: `${anna} (you)` });
  await expect(section(page, 'Overdue').locator('li', { hasText: 'Send the signed contract' })).toBeVisible();

  // A call logged for now is on today's plan too, by its time.
  await page.getByRole('link', { name: 'Activities', exact: true }).click();
  await page.getByRole('button', { name: 'New activity' }).first().click();
  await page.getByRole('dialog').getByLabel('Subject').fill('Quarterly review with Contoso');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Quarterly review with Contoso/ })).toBeVisible();
  await page.getByRole('link', { name: 'My day', exact: true }).click();
  await filter.selectOption({ label: 'Unassigned' });
  await expect(section(page, 'Today').getByRole('link', { name: 'Quarterly review with Contoso' })).toBeVisible();
  await filter.selectOption({ label: `${anna} (you)` });

  // A reminder a quarter of an hour ahead goes off when its time comes, once.
  await addTask(page, 'Prepare the visit to Contoso', await localInput(page, 30 * MINUTE), '15 minutes before');
  const reminder = page.getByRole('status').filter({ hasText: 'Reminder: Prepare the visit to Contoso' });
  await expect(reminder).toHaveCount(0);
  await page.clock.fastForward('20:00');
  await expect(reminder).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications)).toContain('Prepare the visit to Contoso');
  await reminder.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prepare the visit to Contoso' })).toBeVisible();

  // What was shown is remembered: after a reload, checks go on and the reminder stays quiet.
  const taskId = decodeURIComponent(page.url().split('/').pop() ?? '');
  const log = (): Promise<{ checkedUntil: number; shown: Record<string, number> }> =>
    page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('counterpart:reminders:'));
      return JSON.parse((key && localStorage.getItem(key)) || '{}') as { checkedUntil: number; shown: Record<string, number> };
    });
  const before = await log();
  expect(Object.keys(before.shown)).toContain(taskId);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Prepare the visit to Contoso' })).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect.poll(async () => (await log()).checkedUntil).toBeGreaterThan(before.checkedUntil);
  await expect(reminder).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications)).toEqual([]);

  expect(errors).toEqual([]);
});
