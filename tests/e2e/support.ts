// Shared by the end-to-end specs.
import type { Page } from '@playwright/test';

/** Console errors and uncaught exceptions of a page, collected from the first byte. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}
