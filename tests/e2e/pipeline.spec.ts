// The pipeline board on the small demo workspace: columns with counts and totals, a deal moved
// with the keyboard menu and another dragged across columns (both kept after a reload), and a
// deal marked lost with a reason that its page then shows.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

function column(page: Page, stage: string): Locator {
  return page.locator(`[data-stage="${stage}"]`);
}

async function countOf(page: Page, stage: string): Promise<number> {
  const text = await column(page, stage).locator('.count').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

test('pipeline: columns, keyboard and drag moves, lost with a reason', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await loadSmallDemo(page, 90_000);

  await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
  for (const stage of ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']) {
    await expect(page.getByRole('heading', { level: 2, name: stage, exact: true })).toBeVisible();
  }
  for (const stage of ['lead', 'qualified', 'proposal', 'negotiation']) {
    await expect(column(page, stage).locator('.count')).toHaveText(/^\d+ deals$/);
    await expect(column(page, stage).locator('.total')).toHaveText(/^Total .*\d/);
    await expect(column(page, stage).locator('.weighted')).toHaveText(/^Weighted .*\d/);
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Forecast by rep' })).toBeVisible();
  await expect(page.locator('.reps tbody tr').first()).toBeVisible();
  // Set PIPELINE_SCREENSHOT to a file path to keep a picture of the board.
  if (process.env.PIPELINE_SCREENSHOT) await page.screenshot({ path: process.env.PIPELINE_SCREENSHOT });

  // The keyboard alternative: the first lead goes to Qualified with its "Move to" menu.
  const leads = await countOf(page, 'lead');
  const qualified = await countOf(page, 'qualified');
  expect(leads).toBeGreaterThan(0);
  const lead = column(page, 'lead').locator('[data-deal-id]').first();
  const leadId = await lead.getAttribute('data-deal-id');
  await lead.getByRole('combobox').selectOption('qualified');
  await expect(column(page, 'qualified').locator(`[data-deal-id="${leadId}"]`)).toBeVisible();
  await expect(column(page, 'lead').locator(`[data-deal-id="${leadId}"]`)).toHaveCount(0);
  expect(await countOf(page, 'lead')).toBe(leads - 1);
  expect(await countOf(page, 'qualified')).toBe(qualified + 1);

  // Dragging: a proposal card carried by the mouse over to the Negotiation column.
  const proposal = column(page, 'proposal').locator('[data-deal-id]').first();
  const proposalId = await proposal.getAttribute('data-deal-id');
  const from = await proposal.locator('.facts').boundingBox();
  const to = await column(page, 'negotiation').locator('.column-head').boundingBox();
  if (!from || !to) throw new Error('the board is not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await expect(column(page, 'negotiation')).toHaveClass(/over/);
  await page.mouse.up();
  await expect(column(page, 'negotiation').locator(`[data-deal-id="${proposalId}"]`)).toBeVisible();
  await expect(column(page, 'proposal').locator(`[data-deal-id="${proposalId}"]`)).toHaveCount(0);

  // Both moves were saved.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
  await expect(column(page, 'qualified').locator(`[data-deal-id="${leadId}"]`)).toBeVisible();
  await expect(column(page, 'negotiation').locator(`[data-deal-id="${proposalId}"]`)).toBeVisible();

  // Lost asks why; the reason is on the deal's page.
  const lost = await countOf(page, 'lost');
  const card = column(page, 'negotiation').locator(`[data-deal-id="${proposalId}"]`);
  await card.getByRole('combobox').selectOption('lost');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Lost reason').fill('Budget frozen until next year');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-deal-id="${proposalId}"]`)).toHaveCount(0);
  await expect.poll(() => countOf(page, 'lost')).toBe(lost + 1);

  await page.goto(`/#/deals/${proposalId ?? ''}`);
  await expect(page.locator('#f-lostReason')).toHaveValue('Budget frozen until next year');
  await expect(page.locator('#f-stage')).toHaveValue('lost');
  expect(errors).toEqual([]);
});
