// Lead intake to service, on a workspace connected to the relay the tests run against: an owner
// publishes a web form; a visitor fills it in on the relay (no app, no account); the lead reaches
// the owner's device, is routed to the rep of its territory and shows its response countdown; it
// converts into an account, contact and deal with one click. Tickets get their due date from
// their severity, an overdue ticket is on the Overdue page, and an account's first order starts
// the welcome cadence in My day.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { badge, openBadge, ownerToken } from './team-support.ts';

async function create(page: Page, collection: string, button: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.goto(`/#/${collection}`);
  await page.getByRole('button', { name: button }).first().click();
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

/** A datetime-local value `hours` from the page's now, in its local time. */
function localInput(page: Page, hours: number): Promise<string> {
  return page.evaluate((h) => {
    const d = new Date(Date.now() + h * 3_600_000);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, hours);
}

test('web form lead is routed with a countdown and converted; ticket deadlines and overdue; first order starts the welcome cadence', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  // The store is reachable from the page for posting an order as a till or an import would.
  await page.addInitScript(() => localStorage.setItem('counterpart:debug', '1'));

  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Pumps & Co');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(badge(page)).toContainText('This device only');

  // Two reps: leads from the South go to Boris.
  await create(page, 'users', 'New member', async (d) => {
    await d.getByLabel('Name').fill('Anna North');
    await d.getByLabel('Role').selectOption('editor');
    await d.getByLabel('Territory').fill('North');
  });
  await create(page, 'users', 'New member', async (d) => {
    await d.getByLabel('Name').fill('Boris South');
    await d.getByLabel('Role').selectOption('editor');
    await d.getByLabel('Territory').fill('South');
  });

  // The questionnaire: a region question that sets the territory, and a budget question.
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Workspace settings' })).toBeVisible();
  const questions = page.getByRole('form', { name: 'Qualification questionnaire' });
  await questions.getByRole('button', { name: 'Add a question' }).click();
  await questions.getByLabel('Question 1', { exact: true }).fill('Where are you based?');
  await questions.getByLabel('The answer also sets').first().selectOption({ label: 'Territory' });
  await questions.getByLabel('Answer 1', { exact: true }).fill('North');
  await questions.getByLabel('Answer 2', { exact: true }).fill('South');
  await questions.getByRole('button', { name: 'Add a question' }).click();
  await questions.getByLabel('Question 2', { exact: true }).fill('What is your budget?');
  await questions.getByLabel('Answer 1', { exact: true }).nth(1).fill('Small');
  await questions.getByLabel('Answer 2', { exact: true }).nth(1).fill('Large');
  await questions.getByLabel('Points').nth(3).fill('40');
  await questions.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // Web forms need the relay: connect with an owner token, then publish one.
  const forms = page.getByRole('region', { name: 'Web forms' });
  await expect(forms).toContainText('Connect this workspace to a relay');
  const workspaceId = await page.evaluate(() => (JSON.parse(localStorage.getItem('counterpart:workspaces') ?? '[]') as { id: string }[])[0]?.id ?? '');
  await openBadge(page);
  await page.locator('#relay-token').fill(await ownerToken(workspaceId));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(badge(page)).toContainText('Online', { timeout: 15_000 });
  await page.keyboard.press('Escape');
  await forms.getByLabel('Form name').fill('Contact page');
  await forms.getByRole('button', { name: 'Publish a web form' }).click();
  const link = await forms.getByTestId('form-link').inputValue();
  expect(link).toMatch(new RegExp(`/forms/${workspaceId}/cp1\\.`));

  // A visitor on the company website: no app, just the relay's form.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Contact Pumps & Co' })).toBeVisible();
  await visitor.getByLabel('Your name').fill('Olga Ivanova');
  await visitor.getByRole('button', { name: 'Send' }).click();
  await expect(visitor.getByRole('alert')).toContainText('Give an e-mail address or a phone number.');
  await visitor.getByLabel('Company').fill('Volga Mills');
  await visitor.getByLabel('E-mail').fill('olga@volga.example');
  await visitor.getByRole('group', { name: 'Where are you based?' }).getByLabel('South').check();
  await visitor.getByRole('group', { name: 'What is your budget?' }).getByLabel('Large').check();
  await visitor.getByLabel('Message').fill('We need forty pumps by May.');
  await visitor.getByRole('button', { name: 'Send' }).click();
  await expect(visitor.getByRole('status')).toContainText('We have received your inquiry');
  await visitor.context().close();

  // The lead arrives on the owner's device, scored, routed to the South rep, with its countdown.
  await page.goto('/#/leads');
  await page.getByRole('option', { name: /Olga Ivanova/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Olga Ivanova Volga Mills' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Response deadline' })).toContainText('Assigned to Boris South', { timeout: 15_000 });
  await expect(page.getByTestId('response-timer')).toContainText(/left|Overdue by/);
  await expect(page.getByText('Score 100 of 100')).toBeVisible();
  await page.getByRole('button', { name: 'Mark responded' }).click();
  await expect(page.getByRole('region', { name: 'Response deadline' })).toContainText('Responded');

  // Convert: account, contact and deal, linked from the lead.
  await page.getByRole('button', { name: 'Convert to account, contact and deal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lead converted' })).toBeVisible();
  const converted = page.getByRole('region', { name: 'Convert to account, contact and deal' });
  await expect(converted.getByRole('link', { name: 'Volga Mills' }).first()).toBeVisible();
  await expect(converted.getByRole('link', { name: 'Olga Ivanova' })).toBeVisible();
  await page.goto('/#/accounts');
  await expect(page.getByRole('option', { name: /Volga Mills/ })).toBeVisible();

  // A high-severity ticket is due 24 hours after it opened.
  await create(page, 'tickets', 'New ticket', async (d) => {
    await d.getByLabel('Subject').fill('Pump leaks at the seal');
    await d.getByLabel('Severity').selectOption('high');
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Pump leaks at the seal' })).toBeVisible();
  await expect(page.getByTestId('ticket-timer')).toContainText(/Due in 23h 5\d min|Due in 1d/);
  // Resolving needs resolution notes.
  await page.locator('#f-status').selectOption('resolved');
  await expect(page.getByText('is required to resolve a ticket')).toBeVisible();

  // A critical ticket opened yesterday is overdue and listed on the Overdue page.
  const yesterday = await localInput(page, -30);
  await create(page, 'tickets', 'New ticket', async (d) => {
    await d.getByLabel('Subject').fill('Line stopped');
    await d.getByLabel('Severity').selectOption('critical');
    await d.getByLabel('Opened').fill(yesterday);
  });
  await expect(page.getByTestId('ticket-timer')).toContainText('late');
  await page.getByRole('link', { name: 'Overdue', exact: true }).click();
  const late = page.getByRole('region', { name: 'Open tickets past due' });
  await expect(late.getByRole('link', { name: 'Line stopped' })).toBeVisible();
  await expect(late.getByRole('link', { name: 'Pump leaks at the seal' })).toHaveCount(0);

  // The converted account's first order starts the welcome cadence: two tasks in My day.
  const accountId = await page.evaluate(async () => {
    const store = (window as unknown as { __cpStore: { where(c: string, f: string, v: string): Promise<{ id: string }[]> } }).__cpStore;
    return (await store.where('accounts', 'name', 'Volga Mills'))[0]?.id ?? '';
  });
  expect(accountId).toMatch(/^acc_/);
  await page.evaluate(async (account) => {
    const store = (window as unknown as { __cpStore: { create(c: string, v: Record<string, unknown>): Promise<string> } }).__cpStore;
    await store.create('orders', { number: 'W-1001', accountId: account, status: 'registered', currency: 'EUR', orderedOn: new Date().toISOString().slice(0, 10) });
  }, accountId);
  await page.getByRole('link', { name: 'My day', exact: true }).click();
  await expect(page.getByText('Welcome call: how was the first order?')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Welcome letter with the key phone numbers')).toBeVisible();

  expect(errors).toEqual([]);
});
