// The field reports' strings in the UI language. Imported only by those screens, so neither
// catalogue weighs on the first screen; Russian comes from ru.ts, loaded already when chosen.
import { uiLocale } from './i18n.ts';
import { reportsEn, type ReportMessages } from './locales/reports-en.ts';

export const rt: ReportMessages = uiLocale === 'ru' ? (await import('./locales/ru.ts')).ruReports : reportsEn;
