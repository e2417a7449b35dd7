// Tablet and laptop layouts: every main screen at tablet portrait (768×1024) and landscape
// (1024×768) with touch, and at a laptop (1366×768). On each: the page never scrolls sideways,
// the main navigation is on screen, and on touch layouts every visible control is at least
// 44×44 px. A deal is carried to another pipeline column with a finger.
//
// Documented exception: a link inside running text (a <p>) is as tall as its line, as text links
// are everywhere; the sentence around it is the target.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, loadSmallDemo } from './support.ts';

const TOUCH = 44;

interface Layout {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly touch: boolean;
}

const LAYOUTS: readonly Layout[] = [
  { name: 'tablet portrait', width: 768, height: 1024, touch: true },
  { name: 'tablet landscape', width: 1024, height: 768, touch: true },
  { name: 'laptop', width: 1366, height: 768, touch: false },
];

interface Problem {
  readonly what: string;
  readonly size: string;
}

/** Controls smaller than the touch minimum, and whether anything overflows sideways. */
async function measure(page: Page): Promise<{ small: Problem[]; overflow: string[]; navOff: string[] }> {
  return page.evaluate((min) => {
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1) return false; // visually hidden (for screen readers)
      if (r.width === 0 || r.height === 0) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      // Off screen on purpose (the skip link until focused).
      if (r.bottom < 0 || r.right < 0) return false;
      return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    const describe = (el: Element): string => {
      const label = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim().slice(0, 40) ?? '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${label}"`;
    };
    const small: { what: string; size: string }[] = [];
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el)) continue;
      // The documented exception: a link in running text.
      if (el.tagName === 'A' && el.parentElement?.tagName === 'P') continue;
      let box = el.getBoundingClientRect();
      // A checkbox or radio is hit through its label.
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      if (box.width < min - 0.5 || box.height < min - 0.5) small.push({ what: describe(el), size: `${Math.round(box.width)}×${Math.round(box.height)}` });
    }
    const overflow: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > window.innerWidth) overflow.push(`page ${root.scrollWidth} > ${window.innerWidth}`);
    for (const el of document.querySelectorAll('main, .screen, .shell, header')) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'hidden' && el.scrollWidth > el.clientWidth + 1) overflow.push(`${describe(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const navOff: string[] = [];
    const nav = document.querySelector('header nav');
    if (!nav) navOff.push('no main navigation');
    for (const a of nav?.querySelectorAll('a, summary') ?? []) {
      if (!visible(a)) continue;
      const r = a.getBoundingClientRect();
      if (r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight) navOff.push(describe(a));
    }
    return { small, overflow, navOff };
  }, TOUCH);
}

async function check(page: Page, layout: Layout, screen: string): Promise<void> {
  const { small, overflow, navOff } = await measure(page);
  expect.soft(overflow, `${layout.name}, ${screen}: sideways overflow`).toEqual([]);
  expect.soft(navOff, `${layout.name}, ${screen}: navigation off screen`).toEqual([]);
  if (layout.touch) expect.soft(small.map((p) => `${p.what} ${p.size}`), `${layout.name}, ${screen}: controls under ${TOUCH}px`).toEqual([]);
}

/** Every main screen of the demo workspace. */
async function checkScreens(page: Page, layout: Layout): Promise<void> {
  await page.goto('/#/accounts');
  await expect(page.locator('main a[href^="#/accounts/"]').first()).toBeVisible();
  await check(page, layout, 'accounts list');

  await page.locator('main a[href^="#/accounts/"]').first().click();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(page.locator('main li a[href^="#/activities/"], main li a[href^="#/orders/"]').first()).toBeVisible();
  await check(page, layout, 'account page');

  await page.goto('/#/contacts');
  await expect(page.locator('main a[href^="#/contacts/"]').first()).toBeVisible();
  await check(page, layout, 'contacts list');

  await page.goto('/#/deals');
  await expect(page.locator('main a[href^="#/deals/"]').first()).toBeVisible();
  await check(page, layout, 'deals list');

  await page.goto('/#/pipeline');
  await expect(page.locator('main a[href^="#/deals/"]').first()).toBeVisible();
  await check(page, layout, 'pipeline');

  await page.goto('/#/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await check(page, layout, 'my day');

  await page.goto('/#/insights');
  await expect(page.getByRole('rowheader').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await check(page, layout, 'insights');

  await page.goto('/#/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await expect(page.locator('li.person').first()).toBeVisible();
  await check(page, layout, 'members');

  await page.goto('/#/accounts');
  await expect(page.locator('main a[href^="#/accounts/"]').first()).toBeVisible();
  await page.getByRole('combobox').first().click();
  await page.keyboard.type('a');
  await expect(page.getByRole('option').first()).toBeVisible();
  await check(page, layout, 'search');
  await page.keyboard.press('Escape');
}

/** Carries the first card of `from` to the column `to` with one finger on its grip. */
async function touchDrag(page: Page, from: string, to: string): Promise<string> {
  const card = page.locator(`[data-stage="${from}"] [data-deal-id]`).first();
  const target = page.locator(`[data-stage="${to}"] .column-head`);
  await target.scrollIntoViewIfNeeded();
  await card.scrollIntoViewIfNeeded();
  const id = await card.getAttribute('data-deal-id');
  const a = await card.locator('.grip').boundingBox();
  const b = await target.boundingBox();
  if (!a || !b || !id) throw new Error('the board is not laid out');
  const view = page.viewportSize();
  if (view && (b.x + b.width / 2 > view.width || b.y + b.height / 2 > view.height || b.y < 0)) {
    throw new Error(`the ${to} column is off screen: ${JSON.stringify(b)}`);
  }
  const cdp = await page.context().newCDPSession(page);
  const at = (x: number, y: number) => [{ x: Math.round(x), y: Math.round(y), id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(a.x + a.width / 2, a.y + a.height / 2) });
  for (let i = 1; i <= 12; i++) {
    const x = a.x + a.width / 2 + ((b.x + b.width / 2 - (a.x + a.width / 2)) * i) / 12;
    const y = a.y + a.height / 2 + ((b.y + b.height / 2 - (a.y + a.height / 2)) * i) / 12;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x, y) });
  }
  await expect(page.locator(`[data-stage="${to}"]`)).toHaveClass(/over/);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  return id;
}

for (const layout of LAYOUTS) {
  test.describe(layout.name, () => {
    test.use({ viewport: { width: layout.width, height: layout.height }, hasTouch: layout.touch, isMobile: layout.touch });

    test(`${layout.name} (${layout.width}×${layout.height}): every main screen fits${layout.touch ? ', touch targets are 44 px, a deal moves by touch' : ''}`, async ({ page }) => {
      test.setTimeout(300_000);
      const errors = collectErrors(page);
      await loadSmallDemo(page, 120_000);
      await check(page, layout, 'after loading');
      await checkScreens(page, layout);

      if (layout.touch) {
        await page.goto('/#/pipeline');
        await expect(page.locator('[data-stage="proposal"] [data-deal-id]').first()).toBeVisible();
        const id = await touchDrag(page, 'proposal', 'negotiation');
        await expect(page.locator(`[data-stage="negotiation"] [data-deal-id="${id}"]`)).toBeVisible();
        await expect(page.locator(`[data-stage="proposal"] [data-deal-id="${id}"]`)).toHaveCount(0);
      }
      expect(errors).toEqual([]);
    });
  });
}
