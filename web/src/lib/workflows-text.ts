// The workflow screens' strings in the UI language, loaded with those screens.
import { uiLocale } from './i18n.ts';
import type { WorkflowMessages } from './locales/workflows-en.ts';

let loaded: Promise<WorkflowMessages> | undefined;

export function workflowText(): Promise<WorkflowMessages> {
  loaded ??= uiLocale === 'ru'
    ? import('./locales/workflows-ru.ts').then((m) => m.workflowsRu)
    : import('./locales/workflows-en.ts').then((m) => m.workflowsEn);
  return loaded;
}
