// Field reports on a tablet: a meeting logged at a customer gets its report (two attendees from
// the buying centre, what was discussed, a next step turned into a task) and an expense with a
// receipt photo; the weekly report adds it up. The second half runs with sync paused (offline):
// the expense, its receipt and the task are kept on the device and reach the relay on resuming.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { addMyself, badge, closeDialog, connectAsOwner, openBadge } from './team-support.ts';

// A 1×1 PNG: the receipt photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

async function setPaused(page: Page, paused: boolean): Promise<void> {
  await openBadge(page);
  await page.getByRole('button', { name: paused ? 'Work offline' : 'Go online' }).click();
  await closeDialog(page);
  await expect(badge(page)).toContainText(paused ? 'Paused' : 'Online', { timeout: 10_000 });
}

async function newContact(page: Page, first: string, last: string, role: string): Promise<void> {
  await page.getByRole('button', { name: 'New contact' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(first);
  await dialog.getByLabel('Last name').fill(last);
  await dialog.getByLabel('Buying-centre role').selectOption({ label: role });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${first} ${last}` })).toBeVisible();
  await page.goBack();
}

test('a visit gets its meeting and expense report, a next step becomes a task, and the weekly report adds it up, online and offline', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1024, height: 1366 });

  // A workspace on the relay, its rep, a customer with three contacts of the buying centre.
  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Field team');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(badge(page)).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('counterpart:current'))).toBeTruthy();
  await connectAsOwner(page);
  await addMyself(page, 'Rita Rep');
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'New account' }).first().click();
  await page.getByRole('dialog').getByLabel('Name').fill('Bäckerei Müller');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bäckerei Müller' })).toBeVisible();
  await newContact(page, 'Anna', 'Berg', 'Decision maker');
  await newContact(page, 'Ben', 'Ott', 'Buyer');
  await newContact(page, 'Cleo', 'Falk', 'Gatekeeper');
  await expect(page.getByRole('heading', { name: 'Contacts (3)' })).toBeVisible();

  // Log the meeting from the account; it opens with its report panel.
  await page.getByRole('button', { name: 'Log a meeting' }).click();
  await page.getByRole('dialog').getByLabel('Subject').fill('Oven line');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  const report = page.getByRole('region', { name: 'Meeting report' });
  await expect(report).toBeVisible();
  await report.getByRole('button', { name: 'Mine (Rita Rep)' }).click();
  await expect(report.getByText('This visit has no rep yet')).toHaveCount(0);

  // Two attendees from the account's contacts, with the roles present and missing.
  await report.getByLabel('Add an attendee').selectOption({ label: 'Anna Berg — Decision maker' });
  await expect(report.getByRole('link', { name: 'Anna Berg' })).toBeVisible();
  await report.getByLabel('Add an attendee').selectOption({ label: 'Ben Ott — Buyer' });
  await expect(report.getByRole('link', { name: 'Ben Ott' })).toBeVisible();
  const roles = report.getByTestId('roles-summary');
  await expect(roles).toContainText('Roles present Decision maker, Buyer');
  await expect(roles).toContainText('Roles missing Influencer, User, Gatekeeper');

  // What was discussed, and a next step.
  await report.getByLabel('What was discussed').fill('Price of the deck oven; delivery in May.');
  await expect(page.locator('#f-report-status')).toContainText('Saved');
  await report.getByLabel('New next step').fill('Send the quote');
  await report.getByRole('button', { name: 'Add step' }).click();
  await expect(report.getByText('Send the quote')).toBeVisible();
  // An empty step is refused with a clear error.
  await report.getByRole('button', { name: 'Add step' }).click();
  await expect(report.getByRole('alert')).toHaveText('Describe the next step first.');

  // Offline from here on.
  await setPaused(page, true);

  // The next step becomes a task, for the rep, in one tap.
  await expect(report.getByLabel('New tasks go to')).toHaveValue(/^usr_/);
  await report.getByRole('button', { name: 'Make a task of “Send the quote”' }).click();
  await expect(page.getByText('Task “Send the quote” created')).toBeVisible();
  await expect(report.getByRole('link', { name: 'Send the quote' })).toBeVisible();
  await expect(report.getByText(/open · due .* · for Rita Rep/)).toBeVisible();

  // Expenses: bad input is refused with clear errors and adds nothing.
  await report.getByRole('button', { name: 'Add expense' }).click();
  await expect(report.getByText('Enter what the expense was for.')).toBeVisible();
  await expect(report.getByText('Enter the amount in EUR, for example 12.50.')).toBeVisible();
  await report.getByLabel('Item', { exact: true }).fill('Taxi');
  await report.getByLabel('Amount (EUR)').fill('-5');
  await report.getByRole('button', { name: 'Add expense' }).click();
  await expect(report.getByText('The amount cannot be negative.')).toBeVisible();
  await expect(report.getByText('No expenses yet.')).toBeVisible();

  // A taxi with its receipt photo, and parking without one.
  await report.getByLabel('Amount (EUR)').fill('18,40');
  await report.getByLabel('Receipt photo or file').setInputFiles({ name: 'taxi.png', mimeType: 'image/png', buffer: PNG });
  await report.getByRole('button', { name: 'Add expense' }).click();
  await expect(report.getByRole('img', { name: 'Receipt for “Taxi”' })).toBeVisible();
  await report.getByLabel('Item', { exact: true }).fill('Parking');
  await report.getByLabel('Amount (EUR)').fill('6');
  await report.getByRole('button', { name: 'Add expense' }).click();
  await expect(report.getByTestId('expenses-total')).toHaveText('€24.40');
  await expect(report.getByRole('button', { name: 'Add a receipt for “Parking”' })).toBeVisible();
  // The receipt is one of the visit's files too.
  await expect(page.getByRole('img', { name: 'Preview of taxi.png' })).toBeVisible();

  // The weekly report, offline: this device's rep and this week by default.
  await page.getByText('More ▾').click();
  await page.getByRole('link', { name: 'Weekly report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weekly report' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Rep' })).toHaveValue(/^usr_/);
  await expect(page.getByTestId('week-visits')).toHaveText('1');
  await expect(page.getByTestId('week-calls')).toHaveText('0');
  await expect(page.getByTestId('week-expenses')).toHaveText('€24.40');
  await expect(page.getByTestId('week-total')).toHaveText('€24.40');
  await expect(page.getByTestId('day-total')).toHaveText('Expenses of the day: €24.40');
  await expect(page.getByTestId('week-receipts')).toHaveText('1 present, 1 missing');
  await expect(page.getByTestId('week-steps')).toHaveText('1, 1 as tasks');
  await expect(page.getByText('Anna Berg (Decision maker), Ben Ott (Buyer)')).toBeVisible();
  await expect(page.getByText('Price of the deck oven; delivery in May.')).toBeVisible();

  // The CSV has the meeting, its expenses and the week's total.
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await saving).createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv).toContain('Oven line');
  expect(csv).toMatch(/expense,Taxi,Bäckerei Müller,,,,,18\.40,EUR,yes/);
  expect(csv).toMatch(/expense,Parking,Bäckerei Müller,,,,,6\.00,EUR,no/);
  expect(csv).toMatch(/total,Week total,,,,,,24\.40,EUR/);

  // The previous week is empty; back to this one.
  await page.getByRole('button', { name: '← Previous week' }).click();
  await expect(page.getByText('No visits, meetings or calls this week.')).toBeVisible();
  await page.getByRole('button', { name: 'This week' }).click();
  await expect(page.getByTestId('week-visits')).toHaveText('1');

  // Back online, everything written offline reaches the relay.
  await setPaused(page, false);
  await expect(badge(page)).toContainText('Online');
  await expect(badge(page)).not.toContainText('unsent', { timeout: 15_000 });
  expect(errors).toEqual([]);
});
