// Insights on the small demo workspace: the overview (segments, CLV, win-back, next products,
// channels) computed in the analytics worker, the four sales questions with links to records,
// and the customer-value card on an account page.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

/** Set to a directory to keep screenshots of the three pages (the page scrolls inside <main>, so
 * the viewport is made tall enough to hold each one). */
const shots = process.env.INSIGHTS_SCREENSHOTS;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  const size = page.viewportSize();
  const height = await page.locator('main').evaluate((m) => m.scrollHeight + 80);
  await page.setViewportSize({ width: size?.width ?? 1280, height: Math.max(size?.height ?? 900, height) });
  await page.screenshot({ path: `${shots}/${name}.png` });
  if (size) await page.setViewportSize(size);
}

test('insights and questions on the small demo workspace', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadSmallDemo(page, 90_000);

  // The overview: progress while the worker computes, then the figures.
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  const segments = page.getByRole('region', { name: 'Customer segments' });
  await expect(segments.getByRole('row')).not.toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
  // A header row and at least three segments, each with its customers and spend.
  expect(await segments.getByRole('row').count()).toBeGreaterThanOrEqual(4);
  await expect(segments.getByRole('rowheader', { name: 'Champions' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Customer lifetime value' })).toBeVisible();

  const winBack = page.getByRole('region', { name: 'Win back' });
  const winBackLinks = winBack.locator('a[href^="#/accounts/"]');
  await expect(winBackLinks.first()).toBeVisible();
  expect(await winBackLinks.count()).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'What customers buy next' }).locator('a[href^="#/products/"]').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Channel return' }).getByRole('rowheader').first()).toBeVisible();
  await screenshot(page, 'insights-overview');

  // A segment becomes a campaign's target: a planned campaign opens, aimed at it.
  await segments.getByRole('button', { name: 'New campaign aimed at Champions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Champions: campaign' })).toBeVisible();
  await expect(page.locator('#f-segment')).toHaveValue('Champions');
  // Its call list is the segment's customers, from the same analysis.
  await page.getByRole('link', { name: 'Call list' }).click();
  await expect(page.getByRole('region', { name: 'Call list' }).locator('.row .name').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(segments.getByRole('rowheader', { name: 'Champions' })).toBeVisible();

  // The questions, each answered with links to records.
  await page.getByRole('link', { name: 'Questions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questions' })).toBeVisible();
  const mix = page.getByRole('region', { name: 'What does each customer usually buy in a month?' });
  await expect(mix.locator('a[href^="#/accounts/"]').first()).toBeVisible();
  await expect(mix.locator('a[href^="#/products/"]').first()).toBeVisible();
  const next = page.getByRole('region', { name: 'What do customers buy next?' });
  await expect(next.locator('a[href^="#/products/"]').first()).toBeVisible();
  const contacted = page.getByRole('region', { name: 'Who was contacted but did not order?' });
  await expect(contacted.getByLabel('From')).not.toHaveValue('');
  await expect(contacted.locator('a[href^="#/accounts/"]').first()).toBeVisible({ timeout: 15_000 });
  const notify = page.getByRole('region', { name: 'Whom to tell about a new product?' });
  await expect(notify.locator('tbody a[href^="#/accounts/"]').first()).toBeVisible({ timeout: 15_000 });
  // Another product gives another answer, still with accounts.
  const product = notify.getByLabel('Product');
  const options = await product.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await product.selectOption(options[1] ?? '');
  await expect(notify.locator('tbody a[href^="#/accounts/"]').first()).toBeVisible({ timeout: 15_000 });
  await screenshot(page, 'insights-questions');

  // An account from the win-back list: its customer-value card.
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const account = winBack.locator('a[href^="#/accounts/"]').first();
  const accountName = (await account.innerText()).trim();
  await account.click();
  await expect(page.getByRole('heading', { level: 1, name: accountName })).toBeVisible();
  const card = page.getByRole('region', { name: 'Customer value' });
  await expect(card.getByText('Segment', { exact: true })).toBeVisible();
  await expect(card.getByText('Still active', { exact: true })).toBeVisible();
  await expect(card.getByText('Expected orders (12 months)')).toBeVisible();
  await expect(card.getByText('Expected value (12 months)')).toBeVisible();
  await expect(card.getByText(/chance they still buy; expect about [\d.,]+ orders worth/)).toBeVisible();
  await screenshot(page, 'insights-account');

  // A call logged now reaches the answers once the worker has recomputed: the account is among
  // those contacted around today without an order.
  await page.getByRole('button', { name: 'Log a call' }).click();
  await page.getByRole('dialog').getByLabel('Subject').fill('Checking in after a quiet spell');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Checking in after a quiet spell/ })).toBeVisible();
  // In-app navigation: the worker started earlier keeps running and learns of the change.
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await page.getByRole('link', { name: 'Questions', exact: true }).click();
  const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const around = page.getByRole('region', { name: 'Who was contacted but did not order?' });
  await around.getByLabel('From').fill(day(-1));
  await around.getByLabel('To').fill(day(1));
  await expect(around.getByRole('link', { name: accountName })).toBeVisible({ timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('a workspace without orders says what insights will show', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByLabel('Workspace name').fill('Empty');
  await page.getByRole('button', { name: 'Start an empty workspace' }).click();
  await expect(page.getByText('No accounts yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByText(/^No orders yet\. Insights appear here/)).toBeVisible();
  await page.getByRole('link', { name: 'Questions', exact: true }).click();
  await expect(page.getByText(/^No orders yet\. Insights appear here/)).toBeVisible();
  expect(errors).toEqual([]);
});
