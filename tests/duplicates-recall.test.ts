// Duplicate detection (model SPEC R16) on the demo workspace: the near-duplicates the generator
// plants (packages/demo/src/duplicates.ts) are found, and the rest of the workspace, which has
// none, gives next to no pairs.
import { describe, expect, it } from 'vitest';
import { generateWorkspace, plantedDuplicates, type GeneratedRecord } from '@counterpart/demo';
import { findAccountDuplicates, findContactDuplicates, pairKey } from '@counterpart/model/duplicates';

function sample(seed: number): { accounts: GeneratedRecord[]; contacts: GeneratedRecord[] } {
  const accounts: GeneratedRecord[] = [];
  const contacts: GeneratedRecord[] = [];
  // Accounts and contacts come early in the stream: the rest is never generated.
  for (const r of generateWorkspace({ size: 's', seed })) {
    if (r.collection === 'accounts') accounts.push(r);
    else if (r.collection === 'contacts') contacts.push(r);
    else if (contacts.length) break;
  }
  return { accounts, contacts };
}

function detect(ws: ReturnType<typeof sample>) {
  const country = new Map(ws.accounts.map((a) => [a.id as string, a.values.country as string | undefined]));
  const accounts = findAccountDuplicates(ws.accounts.map((r) => ({ id: r.id, ...r.values })));
  const contacts = findContactDuplicates(ws.contacts.map((r) => ({ id: r.id, ...r.values })), { countryOf: (id) => country.get(id) });
  return [...accounts, ...contacts];
}

describe('[R16] duplicate detection on the demo workspace', () => {
  for (const seed of [42, 7]) {
    it(`finds the planted duplicates of size S (seed ${seed}) with few false alarms`, () => {
      const ws = sample(seed);
      const found = detect(ws);
      const planted = plantedDuplicates('s');
      const foundKeys = new Set(found.map((p) => pairKey(p.a, p.b)));
      const missed = planted.filter((p) => !foundKeys.has(pairKey(p.original, p.duplicate)));
      const plantedKeys = new Set(planted.map((p) => pairKey(p.original, p.duplicate)));
      const extra = found.filter((p) => !plantedKeys.has(pairKey(p.a, p.b)));
      const show = (id: string) => JSON.stringify([...ws.accounts, ...ws.contacts].find((r) => r.id === id)?.values);
      const report = [...missed.map((p) => `missed ${show(p.original)} ~ ${show(p.duplicate)}`), ...extra.map((p) => `extra ${p.reasons.join('+')} ${show(p.a)} ~ ${show(p.b)}`)];
      // Recall: every planted pair. Precision: at least 90 % of the pairs listed are planted ones
      // (the rest are real look-alikes, such as one name in one city with two web domains).
      expect(missed, report.join('\n')).toEqual([]);
      expect(extra.length, report.join('\n')).toBeLessThanOrEqual(Math.floor(found.length * 0.1));
    });
  }
});
