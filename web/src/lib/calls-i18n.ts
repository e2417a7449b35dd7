// The telemarketing screens' strings in the UI language, loaded with those screens only.
import { uiLocale } from './i18n.ts';
import { callsEn, type CallsMessages } from './locales/calls-en.ts';

export const ct: CallsMessages = uiLocale === 'ru' ? (await import('./locales/calls-ru.ts')).callsRu : callsEn;
