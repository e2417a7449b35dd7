// Duplicate detection off the main thread (model SPEC R16): the rows of accounts and contacts
// come in, pairs with their reasons go out, with progress on the way.
import * as Comlink from 'comlink';
import { findAccountDuplicates, findContactDuplicates, type AccountInput, type ContactInput, type DuplicatePair } from '@counterpart/model/duplicates';

export interface DetectInput {
  readonly accounts: readonly AccountInput[];
  readonly contacts: readonly ContactInput[];
  readonly defaultCountry?: string;
  readonly dismissed: readonly string[];
}

const api = {
  detect(input: DetectInput, progress: (share: number) => void): DuplicatePair[] {
    const dismissed = new Set(input.dismissed);
    const country = new Map(input.accounts.map((a) => [a.id, typeof a.country === 'string' ? a.country : undefined]));
    const base = { dismissed, ...(input.defaultCountry ? { defaultCountry: input.defaultCountry } : {}) };
    const accounts = findAccountDuplicates(input.accounts, { ...base, onProgress: (p) => progress(p * 0.3) });
    const contacts = findContactDuplicates(input.contacts, { ...base, countryOf: (id) => country.get(id), onProgress: (p) => progress(0.3 + p * 0.7) });
    progress(1);
    return [...accounts, ...contacts];
  },
};

export type DupesWorkerApi = typeof api;
Comlink.expose(api);
