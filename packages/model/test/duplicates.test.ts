import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  companyCore, companySimilarity, findAccountDuplicates, findContactDuplicates, normalizeEmail, normalizePhone, pairKey,
  personSimilarity, transliterate, typoDistance,
} from '../src/duplicates.ts';
import { COLLECTIONS, fieldsOf, resolveMerged } from '../src/index.ts';
import { defaultChoices, mergePatch, readMergeEntry, referencingFields, survivorOf, writeMergeEntry } from '../src/merge.ts';

describe('[R16] normalisation', () => {
  it('e-mail: case and spaces always; Gmail dots and +tags; other +tags only when asked', () => {
    expect(normalizeEmail('  Anna.Petrova@Example.COM ')).toBe('anna.petrova@example.com');
    expect(normalizeEmail('Anna.Petrova+crm@googlemail.com')).toBe('annapetrova@gmail.com');
    expect(normalizeEmail('anna+crm@example.com')).toBe('anna+crm@example.com');
    expect(normalizeEmail('anna+crm@example.com', { plusTags: true })).toBe('anna@example.com');
  });

  it('phone: international digits, with the country code of the record or the workspace', () => {
    expect(normalizePhone('+7 (916) 123-45-67')).toBe('79161234567');
    expect(normalizePhone('8 916 123 45 67', 'RU')).toBe('79161234567');
    expect(normalizePhone('0049 30 1234567')).toBe('49301234567');
    expect(normalizePhone('030 1234567', 'DE')).toBe('49301234567');
    expect(normalizePhone('020 7946 0123', 'GB')).toBe('442079460123');
    expect(normalizePhone('044 123 45 67', 'UA')).toBe('380441234567');
    expect(normalizePhone('12-34')).toBeUndefined();
  });

  it('company names lose legal forms at either end, quotes, punctuation and case', () => {
    expect(companyCore('ООО «Ромашка»')).toBe('romashka');
    expect(companyCore('Romashka LLC')).toBe('romashka');
    expect(companyCore('Acme Widgets, Inc.')).toBe('acme widgets');
    expect(companyCore('Müller GmbH & Co. KG')).toBe('muller');
    expect(companyCore('Société Générale S.A.')).toBe('societe generale');
    expect(companyCore('ПАО Сбербанк')).toBe('sberbank');
    expect(companyCore('ИП Иванов И. И.')).toBe('ivanov i i');
    // A name that is only a legal form keeps it.
    expect(companyCore('AG')).toBe('ag');
  });

  it('transliterates Russian and Ukrainian letters', () => {
    expect(transliterate('Щукин Йосип Їжак')).toBe('shchukin yosip yizhak');
    expect(personSimilarity('Иван', 'Петров', 'Ivan', 'Petrov')).toBe(1);
  });

  it('typo distance counts a swap of neighbours as one', () => {
    expect(typoDistance('petrov', 'eptrov')).toBe(1);
    expect(typoDistance('petrov', 'petrova')).toBe(1);
    expect(typoDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('company similarity: one typo, not other numbers or initials', () => {
    expect(companySimilarity('northwind logistics', 'northwind logsitics')).toBeGreaterThan(0.9);
    expect(companySimilarity('alfa 2', 'alfa 3')).toBe(0);
    expect(companySimilarity('tarasova s a', 'tarasova e a')).toBe(0);
    expect(companySimilarity('acme', 'zeta')).toBe(0);
  });

  it('people: first names agree (or initial), last names one typo apart', () => {
    expect(personSimilarity('Anna', 'Petrova', 'Anna', 'Petorva')).toBeGreaterThan(0.8);
    expect(personSimilarity('A.', 'Petrova', 'Anna', 'Petrova')).toBeGreaterThan(0.8);
    expect(personSimilarity('Ivan', 'Ivanov', 'Maria', 'Ivanova')).toBe(0);
  });
});

describe('[R16] detection', () => {
  it('lists account pairs with their reasons and a score, skipping dismissed pairs', () => {
    const accounts = [
      { id: 'acc_1', name: 'ООО «Ромашка»', email: 'info@romashka.ru', phone: '+7 495 123-45-67', country: 'RU', city: 'Москва' },
      { id: 'acc_2', name: 'Ромашка', phone: '8 (495) 123 45 67', country: 'RU', city: 'Москва' },
      { id: 'acc_3', name: 'Romashka LLC', email: 'INFO@romashka.ru' },
      { id: 'acc_4', name: 'Ромашка', country: 'KZ', city: 'Алматы' },
      { id: 'acc_5', name: 'Northwind' },
    ];
    const pairs = findAccountDuplicates(accounts);
    const by = new Map(pairs.map((p) => [pairKey(p.a, p.b), p]));
    expect(by.get('acc_1|acc_2')?.reasons).toEqual(['name', 'phone']);
    expect(by.get('acc_1|acc_3')?.reasons).toEqual(['email', 'name']);
    expect(by.get('acc_2|acc_3')?.reasons).toEqual(['name']);
    // Same name in another country and city, nothing else shared: another company.
    expect(by.has('acc_1|acc_4')).toBe(false);
    expect(by.get('acc_1|acc_3')!.score).toBeGreaterThan(by.get('acc_2|acc_3')!.score);
    const again = findAccountDuplicates(accounts, { dismissed: new Set(['acc_1|acc_2']) });
    expect(again.some((p) => p.a === 'acc_1' && p.b === 'acc_2')).toBe(false);
  });

  it('contacts: e-mail or phone anywhere, a near name only within one account', () => {
    const contacts = [
      { id: 'con_1', firstName: 'Анна', lastName: 'Петрова', accountId: 'acc_1', mobile: '+7 916 000-11-22' },
      { id: 'con_2', firstName: 'Анна', lastName: 'Петорва', accountId: 'acc_1' },
      { id: 'con_3', firstName: 'Анна', lastName: 'Петрова', accountId: 'acc_2' },
      { id: 'con_4', firstName: 'Boris', lastName: 'Orlov', accountId: 'acc_2', phone: '8 916 000 11 22' },
      { id: 'con_5', firstName: 'Anna', lastName: 'Petrova', accountId: 'acc_3', email: 'Anna.Petrova@gmail.com' },
      { id: 'con_6', firstName: 'A', lastName: 'Petrova', accountId: 'acc_4', email: 'annapetrova+work@gmail.com' },
    ];
    const pairs = findContactDuplicates(contacts, { countryOf: () => 'RU' });
    const keys = pairs.map((p) => `${pairKey(p.a, p.b)}:${p.reasons.join('+')}`).sort();
    // con_1/con_4 share a phone but not a name: a switchboard, not a match.
    expect(keys).toEqual(['con_1|con_2:name', 'con_5|con_6:email']);
  });
});

describe('[R16] merge entries', () => {
  it('the survivor is the smaller id either way round; chains resolve downwards only', () => {
    expect(survivorOf('acc_b', 'acc_a')).toBe('acc_a');
    expect(survivorOf('acc_a', 'acc_b')).toBe('acc_a');
    const into = new Map([['acc_c', 'acc_b'], ['acc_b', 'acc_a'], ['acc_x', 'acc_z']]);
    expect(resolveMerged('acc_c', (id) => into.get(id))).toBe('acc_a');
    expect(resolveMerged('acc_x', (id) => into.get(id))).toBe('acc_x');
  });

  it('references to accounts are found in every collection, attachments included', () => {
    const refs = referencingFields('accounts').map((r) => `${r.collection}.${r.field}`);
    expect(refs).toEqual(expect.arrayContaining(['contacts.accountId', 'orders.accountId', 'accounts.parentId', 'attachments.parentId', 'leads.accountId']));
    expect(refs).not.toContain('accounts.mergedInto');
  });

  it('two devices writing the entry of one merge keep both lists of moved references', () => {
    const a = new Y.Doc({ guid: 'acc_2' });
    const b = new Y.Doc({ guid: 'acc_2' });
    writeMergeEntry(a, { into: 'acc_1', at: 1, by: 'A', moved: [{ collection: 'contacts', id: 'con_1', field: 'accountId' }], replaced: { phone: { before: null, after: '1' } } });
    writeMergeEntry(b, { into: 'acc_1', at: 2, by: 'B', moved: [{ collection: 'deals', id: 'dea_1', field: 'accountId' }], replaced: {} });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMergeEntry(a)).toEqual(readMergeEntry(b));
    expect(readMergeEntry(a)!.moved.map((m) => m.id)).toEqual(['con_1', 'dea_1']);
  });

  it('field choices: the non-empty value, of two the newer record’s; long texts can be joined', () => {
    const fields = fieldsOf('accounts');
    const survivor = { name: 'Acme', phone: '+1 555 0100', notes: 'Old', _created: 1 };
    const loser = { name: 'Acme Inc', email: 'a@acme.com', phone: '+1 555 0199', notes: 'New', _created: 2 };
    const choices = defaultChoices(['name', 'email', 'phone', 'city', 'notes'], survivor, loser);
    expect(choices).toEqual({ name: 'loser', email: 'loser', phone: 'loser', city: 'survivor', notes: 'loser' });
    expect(mergePatch(fields, survivor, loser, { ...choices, name: 'survivor', notes: 'both' })).toEqual({
      email: 'a@acme.com', phone: '+1 555 0199', notes: 'Old\n\nNew',
    });
    expect(() => mergePatch(fields, survivor, loser, { name: 'both' })).toThrow(/long text/);
    expect(COLLECTIONS.accounts.fields.mergedInto.system).toBe(true);
  });
});
