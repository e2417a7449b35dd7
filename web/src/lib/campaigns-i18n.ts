// The campaign and scorecard screens' strings in the UI language. Imported only by those screens,
// so neither catalogue weighs on the first screen.
import { uiLocale } from './i18n.ts';
import { campaignsEn, type CampaignMessages } from './locales/campaigns-en.ts';

export const ct: CampaignMessages = uiLocale === 'ru' ? (await import('./locales/campaigns-ru.ts')).campaignsRu : campaignsEn;
