// What the relay serves to other programs, against the app: a person's subscribable calendar
// (interop SPEC I11, I12) and sales posted by a till to the order endpoint (model SPEC T1–T3).
import { expect, test, type Page } from '@playwright/test';
import { Auth } from '../../relay/src/auth.ts';
import { collectErrors, emptyWorkspaceWithAccount } from './support.ts';
import { addMyself, connectAsOwner } from './team-support.ts';

async function openImport(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/import'));
  await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
}

/** An ingest token for the till, as `counterpart-relay token --role ingest` prints it. */
async function ingestToken(workspaceId: string): Promise<string> {
  const dir = process.env.COUNTERPART_E2E_DATA_DIR;
  if (!dir) throw new Error('COUNTERPART_E2E_DATA_DIR is not set (see playwright.config.ts)');
  return (await Auth.open(dir)).issue({ workspace: workspaceId, role: 'ingest' });
}

test('subscribe to my calendar: the link serves the meeting made in the app, and stops when revoked', async ({ page, request }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await emptyWorkspaceWithAccount(page, 'Field team', 'Bäckerei Müller');
  const accountUrl = page.url();

  // Not connected yet: the section says what is missing.
  await openImport(page);
  const calendar = page.getByRole('region', { name: 'Subscribe to my calendar' });
  await expect(calendar.getByRole('note')).toHaveText(/connect this workspace to a relay first/);
  await expect(calendar.getByRole('button', { name: 'Subscribe to my calendar' })).toHaveCount(0);

  await connectAsOwner(page);
  await addMyself(page, 'Rita Rep');

  // A meeting with the customer, Rita its rep.
  await page.goto(accountUrl);
  await page.getByRole('button', { name: 'Log a meeting' }).click();
  await page.getByRole('dialog').getByLabel('Subject').fill('Oven line');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  const report = page.getByRole('region', { name: 'Meeting report' });
  await report.getByRole('button', { name: 'Mine (Rita Rep)' }).click();
  await expect(report.getByText('This visit has no rep yet')).toHaveCount(0);

  await openImport(page);
  await expect(calendar.getByText('You have no calendar links.')).toBeVisible();
  await calendar.getByRole('button', { name: 'Subscribe to my calendar' }).click();
  const link = await calendar.getByTestId('calendar-link').inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[^/]+\/cp1\.[\w-]+\.[\w-]+\.ics$/);
  await expect(calendar.getByRole('listitem')).toHaveCount(1);

  // A calendar program fetches it: a plain GET, no header, the meeting in it.
  await expect.poll(async () => {
    const res = await request.get(link);
    return res.status() === 200 && res.headers()['content-type'] === 'text/calendar; charset=utf-8' ? await res.text() : `status ${res.status()}`;
  }, { timeout: 15_000 }).toContain('SUMMARY:Oven line');
  const ics = await (await request.get(link)).text();
  expect(ics).toContain('X-WR-CALNAME:Counterpart: Rita Rep');
  expect(ics).toMatch(/BEGIN:VEVENT\r\nUID:act_[0-9a-z]+@counterpart\r\n/);

  // Revoked: the same link opens nothing.
  await calendar.getByRole('button', { name: /^Revoke the calendar link created/ }).click();
  await expect(page.getByText('Calendar link revoked: it opens nothing any more.')).toBeVisible();
  await expect(calendar.getByText('You have no calendar links.')).toBeVisible();
  const gone = await request.get(link);
  expect(gone.status()).toBe(401);
  expect(await gone.text()).not.toContain('Oven line');
  expect(errors).toEqual([]);
});

test('a sale posted by a till appears live on its customer’s page; sending it again is a duplicate', async ({ page, request }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await emptyWorkspaceWithAccount(page, 'Shop', 'Acme Trading');
  await page.locator('#f-email').fill('office@acme.test');
  await page.locator('#f-email').press('Tab');
  await expect(page.locator('#f-email-status')).toContainText('Saved');
  const workspaceId = await connectAsOwner(page);
  const purchases = page.getByRole('region', { name: 'Purchase history' });
  await expect(purchases.getByText('No orders yet')).toBeVisible();

  // The till knows the customer by e-mail only; the app is open on the account meanwhile.
  const token = await ingestToken(workspaceId);
  const sale = { externalId: 'TILL-1042', source: 'till', customer: { email: 'OFFICE@acme.test' }, date: '2026-03-02', lines: [{ description: 'Tea', quantity: 2, price: '3.50' }] };
  const post = (): ReturnType<typeof request.post> =>
    request.post(`/api/workspaces/${workspaceId}/orders`, { headers: { Authorization: `Bearer ${token}` }, data: sale });
  const first = await post();
  expect(first.status()).toBe(201);
  const created = (await first.json()) as { results: { externalId: string; id: string; status: string }[] };
  expect(created.results.map((r) => [r.externalId, r.status])).toEqual([['TILL-1042', 'created']]);
  expect(created.results[0]!.id).toMatch(/^ord_/);

  // Live: the open page shows it without a reload.
  await expect(purchases.getByRole('link', { name: 'TILL-1042' })).toBeVisible({ timeout: 15_000 });
  await expect(purchases.getByRole('row', { name: /TILL-1042/ })).toContainText('Paid');

  const again = await post();
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { results: { status: string; id: string }[] }).results).toEqual([{ externalId: 'TILL-1042', id: created.results[0]!.id, status: 'duplicate' }]);
  await page.reload();
  await expect(purchases.getByRole('link', { name: 'TILL-1042' })).toHaveCount(1);
  expect(errors).toEqual([]);
});
