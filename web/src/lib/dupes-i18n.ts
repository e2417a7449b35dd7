// The duplicates screen's strings in the UI language. Imported only by that screen and the
// merged-record note, so neither catalogue weighs on the first screen.
import { uiLocale } from './i18n.ts';
import { dupesEn, type DupesMessages } from './locales/dupes-en.ts';

export const dt: DupesMessages = uiLocale === 'ru' ? (await import('./locales/ru.ts')).ruDupes : dupesEn;
