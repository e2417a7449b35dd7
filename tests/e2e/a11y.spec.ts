// Accessibility of every main screen, in English and in Russian: axe-core finds no serious or
// critical violation on the first run, the lists, an account with its timeline, the pipeline,
// My day, insights, members, the search palette and the new-record dialog; no console errors on the way.
// Also: the language follows the browser, is switched from the workspace menu and remembered.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './support.ts';

interface Words {
  readonly small: RegExp;
  readonly loadDemo: string;
  readonly loaded: string;
  readonly timeline: string;
  readonly pipeline: string;
  readonly overdue: string;
  readonly settings: string;
  readonly agenda: string;
  readonly insights: string;
  readonly questions: string;
  readonly importExport: string;
  readonly newAccount: string;
  readonly workspace: RegExp;
  readonly language: string;
  readonly members: string;
}

const WORDS: Readonly<Record<'en' | 'ru', Words>> = {
  en: {
    small: /Small/,
    loadDemo: 'Load the demo workspace',
    loaded: '500 records',
    timeline: 'Timeline',
    pipeline: 'Pipeline',
    agenda: 'My day',
    overdue: 'Overdue',
    settings: 'Workspace settings',
    insights: 'Insights',
    questions: 'Questions',
    importExport: 'Import and export',
    newAccount: 'New account',
    workspace: /^Workspace: /,
    language: 'Language',
    members: 'Members',
  },
  ru: {
    small: /Малое/,
    loadDemo: 'Загрузить демо',
    loaded: '500 записей',
    timeline: 'Хронология',
    pipeline: 'Воронка',
    agenda: 'Мой день',
    overdue: 'Просрочено',
    settings: 'Настройки рабочего пространства',
    insights: 'Аналитика',
    questions: 'Вопросы',
    importExport: 'Импорт и экспорт',
    newAccount: 'Добавить контрагент',
    workspace: /^Рабочее пространство: /,
    language: 'Язык',
    members: 'Участники',
  },
};

/** Runs axe on the page as it is and fails on any serious or critical violation, listing them. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(grave, grave.join('\n')).toEqual([]);
}

async function loadDemo(page: Page, w: Words): Promise<void> {
  await page.getByRole('radio', { name: w.small }).check();
  await page.getByRole('button', { name: w.loadDemo }).click();
  await expect(page.getByText(w.loaded, { exact: true })).toBeVisible({ timeout: 120_000 });
}

/** Every main screen of a workspace holding the small demo, in the UI's current language. */
async function checkScreens(page: Page, w: Words): Promise<void> {
  await page.goto('/#/accounts');
  await expect(page.getByText(w.loaded, { exact: true })).toBeVisible();
  await expect(page.locator('main a[href^="#/accounts/"]').first()).toBeVisible();
  await expectAccessible(page, 'accounts list');

  await page.locator('main a[href^="#/accounts/"]').first().click();
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.getByRole('heading', { name: w.timeline })).toBeVisible();
  await expect(page.locator('main li a[href^="#/activities/"], main li a[href^="#/orders/"]').first()).toBeVisible();
  await expectAccessible(page, 'account page');

  await page.goto('/#/contacts');
  await expect(page.locator('main a[href^="#/contacts/"]').first()).toBeVisible();
  await expectAccessible(page, 'contacts list');

  await page.goto('/#/pipeline');
  await expect(page.getByRole('heading', { level: 1, name: w.pipeline })).toBeVisible();
  await expect(page.locator('main a[href^="#/deals/"]').first()).toBeVisible();
  await expectAccessible(page, 'pipeline');

  await page.goto('/#/agenda');
  await expect(page.getByRole('heading', { level: 1, name: w.agenda })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expectAccessible(page, 'my day');

  await page.goto('/#/overdue');
  await expect(page.getByRole('heading', { level: 1, name: w.overdue })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 }).nth(1)).toBeVisible();
  await expectAccessible(page, 'overdue');

  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: w.settings })).toBeVisible();
  await expectAccessible(page, 'workspace settings');

  await page.goto('/#/leads');
  await page.locator('main a[href^="#/leads/"]').first().click();
  await expect(page.locator('#lead-deadline-title')).toBeVisible();
  await expectAccessible(page, 'lead page');

  await page.goto('/#/tickets');
  await page.locator('main a[href^="#/tickets/"]').first().click();
  await expect(page.locator('#ticket-due-title')).toBeVisible();
  await expectAccessible(page, 'ticket page');

  await page.goto('/#/insights');
  await expect(page.getByRole('heading', { level: 1, name: w.insights })).toBeVisible();
  await expect(page.getByRole('rowheader').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expectAccessible(page, 'insights');

  await page.goto('/#/insights/questions');
  await expect(page.getByRole('heading', { level: 1, name: w.questions })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('main table a').first()).toBeVisible();
  await expectAccessible(page, 'questions');

  await page.goto('/#/catalog');
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main table a[href^="#/products/"]').first()).toBeVisible();
  await expectAccessible(page, 'catalog');

  // Telemarketing: the campaigns to call for, and a campaign's call list with its call session.
  await page.goto('/#/calls');
  await expect(page.locator('main h1')).toBeVisible();
  await expectAccessible(page, 'call lists');
  await page.goto('/#/campaigns');
  await page.locator('main a[href^="#/campaigns/"]').first().click();
  await page.locator('main a[href^="#/calls/"]').click();
  await expect(page.locator('main h2').first()).toBeVisible();
  await expect(page.locator('main [role="status"]')).toHaveCount(0, { timeout: 60_000 });
  await expectAccessible(page, 'call list');

  await page.goto('/#/quotes');
  await page.locator('main a[href^="#/quotes/"]').first().click();
  await expect(page.getByTestId('quote-status')).toBeVisible();
  await expectAccessible(page, 'quote page');
  await page.locator('main a[href^="#/print/"]').click();
  await expect(page.getByTestId('print-totals')).toBeVisible();
  await expectAccessible(page, 'printable proposal');

  // Import and export, with a file read: its column mapping and first records on screen, and the
  // same file read as sales (its column mapping), beside Back up and restore.
  await page.goto('/#/import');
  await expect(page.getByRole('heading', { level: 1, name: w.importExport })).toBeVisible();
  const files = page.locator('main input[type="file"]');
  await expect(files).toHaveCount(3);
  const csv = new URL('../fixtures/interop/contacts-with-errors.csv', import.meta.url).pathname;
  await files.nth(0).setInputFiles(csv);
  await files.nth(1).setInputFiles(csv);
  await expect(page.locator('main table')).toHaveCount(3);
  await expectAccessible(page, 'import and export');

  // Campaign tracking, the comparison of campaigns and channels, the rep scorecards.
  await page.goto('/#/campaigns');
  await page.locator('main a[href^="#/campaigns/"]').first().click();
  await expect(page.getByTestId('tracking-contacts')).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'campaign page');
  await page.goto('/#/compare');
  await expect(page.locator('main table').first()).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'campaigns and channels');
  await page.goto('/#/scorecards');
  await expect(page.getByTestId('key-accounts').first()).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'rep scorecards');

  await page.goto('/#/members');
  await expect(page.getByRole('heading', { level: 1, name: w.members })).toBeVisible();
  await expect(page.locator('main li a[href^="#/users/"]').first()).toBeVisible();
  await expectAccessible(page, 'members');

  // Duplicates found on this device, and the merge of the first pair.
  await page.goto('/#/duplicates');
  await expect(page.locator('main li.pair').first()).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'duplicates');
  await page.locator('main li.pair a[href^="#/duplicates/"]').first().click();
  await expect(page.locator('main input[type="radio"]').first()).toBeVisible();
  await expectAccessible(page, 'merge');

  await page.goto('/#/accounts');
  await expect(page.locator('main a[href^="#/accounts/"]').first()).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('a');
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectAccessible(page, 'search palette');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: w.newAccount }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'new record dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

test('English: every main screen is accessible, and the language is switched in the workspace menu', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const en = WORDS.en;
  const ru = WORDS.ru;

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Counterpart' })).toBeVisible();
  await expectAccessible(page, 'first run');
  await loadDemo(page, en);
  await checkScreens(page, en);

  // Switching reloads the app in Russian; the choice outlives another reload.
  await page.getByRole('button', { name: en.workspace }).click();
  await page.getByRole('dialog').getByLabel(en.language).selectOption('ru');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByText(ru.loaded, { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Контрагенты', exact: true })).toBeVisible();
  await checkScreens(page, ru);

  await page.getByRole('button', { name: ru.workspace }).click();
  await page.getByRole('dialog').getByLabel(ru.language).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Accounts', exact: true })).toBeVisible();

  expect(errors).toEqual([]);
});

test.describe('with a Russian browser', () => {
  test.use({ locale: 'ru-RU' });

  test('Russian: the app starts in Russian and every main screen is accessible', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const ru = WORDS.ru;

    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Добро пожаловать в Counterpart' })).toBeVisible();
    await expectAccessible(page, 'first run (ru)');
    await loadDemo(page, ru);
    // Counts, dates and money in Russian formats: "Записи: 12 345 из 27 939" style numbers.
    await expect(page.getByText(/^Демо загружено: записей — \d{1,3}(\s\d{3})*, за [\d,]+ с$/)).toBeVisible();
    await checkScreens(page, ru);

    expect(errors).toEqual([]);
  });
});
