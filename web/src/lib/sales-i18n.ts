// The sales screens' strings in the UI language. Imported only by those screens, so neither
// catalogue weighs on the first screen; Russian comes from ru.ts, loaded already when chosen.
import { uiLocale } from './i18n.ts';
import { salesEn, type SalesMessages } from './locales/sales-en.ts';

export const st: SalesMessages = uiLocale === 'ru' ? (await import('./locales/ru.ts')).ruSales : salesEn;
