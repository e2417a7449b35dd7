// Campaigns on the small demo workspace: a telemarketing campaign aimed at a segment gets the
// channel's default cost per contact; a contact logged from its tracking panel and an order
// registered from that call show up as its contacts, response and attributed order; the
// comparison lists it beside the channels; the rep scorecards show the caller and the reps
// with key accounts.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';
import { addMyself, saveField } from './team-support.ts';

/** Set to a directory to keep screenshots of the three screens. */
const shots = process.env.CAMPAIGN_SCREENSHOTS;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  const size = page.viewportSize();
  const height = await page.locator('main').evaluate((m) => m.scrollHeight + 80);
  await page.setViewportSize({ width: size?.width ?? 1280, height: Math.max(size?.height ?? 900, height) });
  await page.screenshot({ path: `${shots}/${name}.png` });
  if (size) await page.setViewportSize(size);
}

test('campaign tracking, campaign and channel comparison, rep scorecards', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadSmallDemo(page, 90_000);
  await addMyself(page, 'Nadia Caller');

  // The channel costs of the workspace: telemarketing 18, field visits 400, the rest unset.
  await page.locator('details.more summary').click();
  await page.getByRole('link', { name: 'Campaigns and channels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns and channels' })).toBeVisible();
  const costs = page.getByRole('region', { name: 'Cost per contact by channel' });
  await expect(costs.getByLabel('Telemarketing')).toHaveValue('18');
  await expect(costs.getByLabel('Field visit')).toHaveValue('400');
  await expect(costs.getByLabel('Direct mail')).toHaveValue('');
  // A negative cost is refused with a message and nothing is saved.
  await costs.getByLabel('Direct mail').fill('-2');
  await costs.getByRole('button', { name: 'Save' }).click();
  await expect(costs.getByText('Enter an amount of 0 or more.')).toBeVisible();
  await costs.getByLabel('Direct mail').fill('1.5');
  await costs.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Channel costs saved' })).toBeVisible();

  // A telemarketing campaign: no cost typed, so it costs the channel's 18 per contact.
  await page.goto('/#/campaigns');
  await page.getByRole('button', { name: 'New campaign' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Spring calls');
  await dialog.getByLabel('Channel').selectOption('telemarketing');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spring calls' })).toBeVisible();
  await expect(page.locator('#f-costPerContact')).toHaveValue(/^18([.,]00)?$/);
  // The demo pays for contacts in dollars: the cost per contact follows.
  await page.locator('#f-costPerContact').locator('xpath=..').getByLabel('Currency').selectOption('USD');
  await expect(page.locator('#f-costPerContact-status')).toContainText('Saved');
  await saveField(page, 'segment', 'Champions');

  const panel = page.getByRole('region', { name: 'Campaign tracking' });
  await expect(panel.getByTestId('tracking-customers')).toHaveText(/^[1-9][\d,\s]*$/, { timeout: 60_000 });
  await expect(panel.getByTestId('tracking-contacts')).toHaveText('0');

  // A contact with a customer, from the panel: the call is logged for this campaign, by me.
  await panel.getByLabel('Customer contacted').fill('a');
  const hit = panel.getByRole('list', { name: 'Customer contacted' }).getByRole('button').first();
  const customer = (await hit.innerText()).trim();
  await hit.click();
  await panel.getByRole('button', { name: 'Log a contact' }).click();
  const log = page.getByRole('dialog');
  await log.getByLabel('Outcome').selectOption('interested');
  await log.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const callUrl = page.url();
  expect(callUrl).toMatch(/#\/activities\//);

  // An order from that call, with a product on it: credited to the campaign by last touch.
  await page.getByRole('button', { name: 'Register an order from this call' }).click();
  await expect(page).toHaveURL(/#\/orders\//);
  const search = page.getByRole('searchbox', { name: 'Add a product' });
  await search.fill('a');
  await page.getByRole('list', { name: 'Products found' }).getByRole('button').first().click();
  await expect(page.locator('.editor table.lines tbody tr')).toHaveCount(1);

  // Back on the campaign: one contact, one response, one order, $18 of cost.
  await page.goto('/#/campaigns');
  await page.getByRole('option', { name: /Spring calls/ }).click();
  await expect(panel.getByTestId('tracking-contacts')).toHaveText('1', { timeout: 30_000 });
  await expect(panel.getByTestId('tracking-responses')).toHaveText(/^1 · 100\s?%$/);
  await expect(panel.getByTestId('tracking-orders')).toHaveText('1', { timeout: 30_000 });
  await expect(panel.getByTestId('tracking-cost')).toHaveText(/\$18\.00/);
  await expect(panel.getByTestId('tracking-revenue')).not.toHaveText(/^€0\.00$/);
  await screenshot(page, 'campaign');

  // The comparison: the campaign beside the others, sortable; the channels below.
  await panel.getByRole('link', { name: 'Compare campaigns and channels' }).click();
  const campaigns = page.getByRole('region', { name: 'Campaigns', exact: true });
  const row = campaigns.getByRole('row').filter({ has: page.getByRole('link', { name: 'Spring calls' }) });
  await expect(row).toContainText('$18.00');
  await expect(row).toContainText('100');
  const contactsHeader = campaigns.getByRole('columnheader', { name: /Contacts/ });
  await campaigns.getByRole('button', { name: 'Sort by Contacts' }).click();
  await expect(contactsHeader).toHaveAttribute('aria-sort', 'descending');
  await campaigns.getByRole('button', { name: 'Sort by Contacts' }).click();
  await expect(contactsHeader).toHaveAttribute('aria-sort', 'ascending');
  const channels = page.getByRole('region', { name: 'Channels', exact: true });
  await expect(channels.getByRole('rowheader', { name: /Telemarketing/ })).toBeVisible();
  await screenshot(page, 'compare');

  // Rep scorecards: the caller's mix is all calls; reps of the demo own key accounts with plans.
  await page.locator('details.more summary').click();
  await page.getByRole('link', { name: 'Rep scorecards' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rep scorecards' })).toBeVisible();
  const mine = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Nadia Caller' }) });
  await expect(mine.getByTestId('activity-mix')).toContainText(/Calls 100\s?%/, { timeout: 30_000 });
  await expect(mine.getByTestId('cost-of-sales')).toContainText('Telemarketing $18.00');
  const withKeyAccounts = page.getByTestId('key-accounts').filter({ hasText: /of [1-9]/ });
  await expect(withKeyAccounts.first()).toBeVisible();
  const rep = page.getByRole('listitem').filter({ has: withKeyAccounts.first() }).first();
  await expect(rep.getByTestId('coverage')).toHaveText(/\d+\s?%/);
  await rep.getByText(/^Key accounts of /).click();
  await expect(rep.getByRole('table')).toBeVisible();
  await screenshot(page, 'scorecards');
  await page.getByLabel('Period').selectOption('all');
  await expect(mine.getByTestId('activity-mix')).toContainText(/Calls 100\s?%/);

  expect(customer).not.toBe('');
  expect(errors).toEqual([]);
});
