// Telemarketing on a real relay, on a fixed Wednesday morning (Playwright's clock, running on): a
// campaign made in the app with a branching script and a customer group as its segment; its call
// list from the More menu and from the campaign page; the script's branches; one-tap outcomes
// (a chosen call-back that shows as a task, a no-answer by key that is undone, a not-interested
// that takes the account off the list) and, with sync paused and the network gone, an order
// registered from the call and linked to it. A broken script shows its mistake and calls can
// still be logged.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';
import { addMyself, badge, closeDialog, connectAsOwner, openBadge } from './team-support.ts';

const SCRIPT = `1. Good morning, this is Counterpart Foods. May I speak to the person who buys your groceries?
- Speaking -> 2
- Not available -> 4
- Not interested -> end
2. We have autumn prices on olive oil and pasta. Shall I tell you more?
- Yes -> 3
- No -> end
3. A pallet of olive oil is 8% off until Friday. Shall I take an order?
4. When is a good time to call back?`;

async function setPaused(page: Page, paused: boolean): Promise<void> {
  await openBadge(page);
  await page.getByRole('button', { name: paused ? 'Work offline' : 'Go online' }).click();
  await closeDialog(page);
  await expect(badge(page)).toContainText(paused ? 'Paused' : 'Online', { timeout: 10_000 });
}

/** Three wholesale customers (one with an order), and one retail customer who is not targeted. */
async function seed(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const store = (window as unknown as { __cpStore: { create: (c: string, v: unknown) => Promise<string> } }).__cpStore;
    const alpha = await store.create('accounts', { name: 'Alpha Foods', kind: 'customer', segment: 'Wholesale' });
    const bravo = await store.create('accounts', { name: 'Bravo Market', kind: 'customer', segment: 'Wholesale' });
    const charlie = await store.create('accounts', { name: 'Charlie Deli', kind: 'customer', segment: 'Wholesale' });
    await store.create('accounts', { name: 'Delta Retail', kind: 'customer', segment: 'Retail' });
    await store.create('contacts', { firstName: 'Petr', lastName: 'Sidorov', accountId: alpha, buyingRole: 'gatekeeper' });
    await store.create('contacts', { firstName: 'Olga', lastName: 'Ivanova', accountId: alpha, buyingRole: 'decision_maker', phone: '+380 44 123 4567', jobTitle: 'Purchasing' });
    await store.create('contacts', { firstName: 'Ivan', lastName: 'Bravo', accountId: bravo, buyingRole: 'buyer', phone: '+380 44 765 4321' });
    await store.create('contacts', { firstName: 'Maria', lastName: 'Charlie', accountId: charlie, buyingRole: 'decision_maker', mobile: '+380 67 000 1122' });
    await store.create('orders', {
      number: 'ORD-7', accountId: alpha, status: 'delivered', currency: 'EUR', orderedOn: '2026-10-01',
      lines: [{ description: 'Olive oil', quantity: 10, unitPrice: { amount: 1_250, currency: 'EUR' } }],
    });
  });
}

function entry(page: Page, name: string): Locator {
  return page.getByRole('region', { name: 'Call list' }).getByRole('button', { name: new RegExp(`^${name}`) });
}

async function listNames(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Call list' }).locator('.row .name').allInnerTexts();
}

test('a telemarketing campaign: call list, script branches, one-tap outcomes with undo, a call-back task, an order from the call offline', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.addInitScript(() => localStorage.setItem('counterpart:debug', '1'));
  await page.clock.install({ time: new Date('2026-11-04T10:00:00') });

  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Phone sales');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(badge(page)).toContainText('This device only');
  await connectAsOwner(page);
  await addMyself(page, 'Tanya Caller');
  await seed(page);

  // The campaign, made in the app: telemarketing, active, the wholesale group, $18 a contact.
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: 'New campaign' }).first().click();
  await page.getByRole('dialog').getByLabel('Name').fill('Autumn wholesale');
  await page.getByRole('dialog').getByLabel('Channel').selectOption('telemarketing');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn wholesale' })).toBeVisible();
  await page.locator('#f-segment').fill('Wholesale');
  await page.locator('#f-segment').press('Tab');
  await expect(page.locator('#f-segment-status')).toContainText('Saved');
  await page.locator('#f-status').selectOption('active');
  await expect(page.locator('#f-status-status')).toContainText('Saved');
  await page.locator('#f-costPerContact').fill('18');
  await page.locator('#f-costPerContact').press('Tab');
  await expect(page.locator('#f-costPerContact-status')).toContainText('Saved');
  await page.locator('#f-script').fill(SCRIPT);
  await page.locator('#f-script').blur();
  await expect(page.locator('#f-script-status')).toContainText('Saved');
  const campaignUrl = page.url();

  // The More menu lists it among the active telemarketing campaigns.
  await page.locator('details.more summary').click();
  await page.getByRole('link', { name: 'Call lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Call lists' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Autumn wholesale/ })).toContainText('Segment: Wholesale');

  // The campaign page opens its call list: the group's accounts, nobody called yet.
  await page.goto(campaignUrl);
  await page.getByRole('link', { name: 'Call list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn wholesale' })).toBeVisible();
  await expect.poll(() => listNames(page)).toEqual(['Alpha Foods', 'Bravo Market', 'Charlie Deli']);
  await expect(page.getByText('Segment: Wholesale · 3 to call')).toBeVisible();
  await expect(entry(page, 'Alpha Foods')).toContainText('Not called yet');

  // The first one is open: the decision maker with a phone before the gatekeeper without one.
  const session = page.getByRole('region', { name: 'Calling Alpha Foods' });
  await expect(session.getByRole('link', { name: 'Olga Ivanova' })).toBeVisible();
  await expect(session).toContainText('Decision maker');
  await expect(session.getByRole('link', { name: /\+380 44 123 4567/ })).toHaveAttribute('href', 'tel:+380441234567');
  await expect(session.getByRole('link', { name: 'ORD-7' })).toBeVisible();

  // The script: a branch, back, another branch to its end.
  const say = session.getByTestId('script-step');
  await expect(say).toContainText('May I speak to the person who buys your groceries?');
  await session.getByRole('button', { name: 'Not available', exact: true }).click();
  await expect(say).toHaveText('When is a good time to call back?');
  await session.getByRole('button', { name: 'Back', exact: true }).click();
  await session.getByRole('button', { name: 'Speaking', exact: true }).click();
  await expect(say).toContainText('autumn prices');
  await session.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(say).toContainText('8% off until Friday');
  await session.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(say).toHaveText('When is a good time to call back?');
  await session.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(say).toHaveText('End of the script.');

  // Call back on Friday afternoon: logged, and the next call is a task for that time.
  await session.getByLabel('Call back at').fill('2026-11-06T15:30');
  await session.getByRole('button', { name: /Call back$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Call back: Olga Ivanova, next call' })).toBeVisible();
  await expect(entry(page, 'Alpha Foods')).toContainText('Next call');
  await expect(entry(page, 'Alpha Foods')).toContainText('Call back');
  await expect.poll(() => listNames(page)).toEqual(['Bravo Market', 'Charlie Deli', 'Alpha Foods']);
  // On to the next one on the list.
  await expect(page.getByRole('region', { name: 'Calling Bravo Market' })).toBeVisible();

  // Key 1: no answer, tried again tomorrow at 9:00; undone from the notice.
  await page.keyboard.press('1');
  await expect(page.getByRole('status').filter({ hasText: 'No answer: Ivan Bravo, next call' })).toBeVisible();
  await expect(entry(page, 'Bravo Market')).toContainText('Next call');
  await page.getByRole('status').filter({ hasText: 'No answer: Ivan Bravo' }).getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Call taken back' })).toBeVisible();
  await expect(entry(page, 'Bravo Market')).toContainText('Not called yet');
  await expect(page.getByRole('region', { name: 'Calling Bravo Market' })).toBeVisible();

  // Key 5: not interested takes Bravo off the list.
  await page.keyboard.press('5');
  await expect(entry(page, 'Bravo Market')).toHaveCount(0);
  await expect(page.getByText('1 not interested, off the list')).toBeVisible();

  // Offline (sync paused and no network): an order from the call with Charlie Deli.
  await setPaused(page, true);
  await context.setOffline(true);
  const charlie = page.getByRole('region', { name: 'Calling Charlie Deli' });
  await expect(charlie.getByRole('link', { name: /\+380 67 000 1122/ })).toHaveAttribute('href', 'tel:+380670001122');
  await expect(charlie).toContainText('No orders yet');
  await page.clock.runFor(3 * 60_000);
  await expect(charlie.getByRole('timer')).toHaveText(/^3:0\d$/);
  await charlie.getByRole('button', { name: /Order$/ }).click();
  await expect(page).toHaveURL(/#\/orders\/ord_/);
  await expect(page.getByRole('status').filter({ hasText: 'Order registered from the call with Maria Charlie' })).toBeVisible();
  const { order, call, contactId } = await page.evaluate(async (id) => {
    const store = (window as unknown as { __cpStore: {
      get: (c: string, id: string) => Promise<Record<string, unknown> | undefined>;
      where: (c: string, f: string, v: string) => Promise<Record<string, unknown>[]>;
    } }).__cpStore;
    const o = await store.get('orders', id);
    const [maria] = await store.where('contacts', 'lastName', 'Charlie');
    return { order: o, call: o ? await store.get('activities', o.activityId as string) : undefined, contactId: maria?.id };
  }, decodeURIComponent(page.url().replace(/^.*#\/orders\//, '')));
  expect(order).toMatchObject({ source: 'phone', status: 'registered', contactId });
  expect(call).toMatchObject({ type: 'call', outcome: 'order', durationMin: 4, contactId, cost: { amount: 1800 } });
  expect(typeof call?.userId).toBe('string');

  // Back on the list: Charlie called with an order; Alpha's call-back is a task on the tasks list.
  await page.goBack();
  await expect(entry(page, 'Charlie Deli')).toContainText('Order');
  await expect(entry(page, 'Charlie Deli')).toContainText('Tanya Caller');
  await page.goto('/#/tasks');
  await expect(page.getByText('Call Olga Ivanova (Autumn wholesale)')).toBeVisible();
  await context.setOffline(false);
  await setPaused(page, false);

  // A broken script: the mistake is shown, and calls can still be logged.
  await page.goto(campaignUrl);
  await page.locator('#f-script').fill('Hello there\n1. Hi');
  await page.locator('#f-script').blur();
  await expect(page.locator('#f-script-status')).toContainText('Saved');
  await page.getByRole('link', { name: 'Call list' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The call script has a mistake on line 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Interested$/ })).toBeEnabled();

  expect(errors).toEqual([]);
});
