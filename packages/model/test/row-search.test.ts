import { describe, expect, it } from 'vitest';
import { fold, matchesAll, newRecordDoc, queryTerms, readRecord, searchTerms, toRow, validate, words, writeRecord } from '../src/index.ts';
import { FIXTURES, IDS } from './fixtures.ts';

const NOW = Date.UTC(2025, 4, 1);

function rowOf<C extends keyof typeof FIXTURES>(c: C, id: string) {
  const doc = newRecordDoc(id);
  writeRecord(doc, c, validate(c, FIXTURES[c]), { create: true, now: NOW });
  return toRow(c, readRecord(doc));
}

/** True when a user typing `query` finds a record with these search terms. */
const finds = (terms: readonly string[], query: string) => matchesAll(terms, queryTerms(query));

describe('fold and words', () => {
  it('[R10] fold lower-cases and strips diacritics', () => {
    expect(fold('Müller')).toBe('muller');
    expect(fold('Crème Brûlée')).toBe('creme brulee');
    expect(fold('São Paulo')).toBe('sao paulo');
    expect(fold('Jiří Dvořák')).toBe('jiri dvorak');
    expect(fold('ÉCOLE')).toBe('ecole');
    // Decomposed input (e + combining acute) folds the same as precomposed.
    expect(fold('Cre\u0300me')).toBe(fold('Crème'));
    // Compatibility forms are unified: the "ﬁ" ligature and full-width letters.
    expect(fold('ﬁne')).toBe('fine');
    expect(fold('ＡＢＣ')).toBe('abc');
  });

  it('[R10] fold keeps Cyrillic (and Greek, CJK) letters, lower-cased', () => {
    expect(fold('МОСКВА')).toBe('москва');
    expect(fold('Иванова')).toBe('иванова');
    expect(fold('Ελλάδα')).toBe('ελλαδα');
    expect(fold('東京')).toBe('東京');
    // Й and Ё lose their marks like Latin letters do, on both sides of a search.
    expect(fold('Йошкар-Ола')).toBe(fold('йошкар-ола'));
    expect(fold('Ёлка')).toBe(fold('ёлка'));
  });

  it('[R10] words splits on everything that is not a letter or a digit', () => {
    expect(words('Bäckerei Müller GmbH, Berlin-Mitte (Haus 5)')).toEqual(['backerei', 'muller', 'gmbh', 'berlin', 'mitte', 'haus', '5']);
    expect(words('Санкт-Петербург, ул. Ленина 7')).toEqual(['санкт', 'петербург', 'ул', 'ленина', '7']);
    expect(words('  ')).toEqual([]);
    expect(words('— / —')).toEqual([]);
  });
});

describe('search terms (R10)', () => {
  it('[R10] folded words of searchable fields, e-mails whole, phone digits', () => {
    const terms = searchTerms('accounts', validate('accounts', FIXTURES.accounts));
    expect(terms).toEqual(
      expect.arrayContaining(['backerei', 'muller', 'gmbh', 'berlin', 'info@baeckerei-mueller.de', '49301234567']),
    );
    // Fields that are not searchable contribute nothing.
    expect(terms).not.toContain('food'); // industry
    expect(terms).not.toContain('hauptstraße'); // address
    expect(terms).not.toContain('prefers'); // notes (long text)
    expect(terms).not.toContain('customer'); // kind
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('[R10] contacts are found by Cyrillic name prefixes, in any case', () => {
    const terms = searchTerms('contacts', validate('contacts', FIXTURES.contacts));
    expect(terms).toEqual(expect.arrayContaining(['анна', 'иванова', 'head', 'purchasing', 'anna.ivanova@acme.example', '74951234567', '79167654321']));
    expect(finds(terms, 'Иван')).toBe(true);
    expect(finds(terms, 'АННА ив')).toBe(true);
    expect(finds(terms, 'анна петрова')).toBe(false);
  });

  it('[R10] diacritics do not matter in either direction', () => {
    const terms = searchTerms('leads', validate('leads', FIXTURES.leads));
    expect(finds(terms, 'dvorak')).toBe(true);
    expect(finds(terms, 'Dvořák')).toBe(true);
    expect(finds(terms, 'JIRI pek')).toBe(true);
    expect(finds(terms, 'pekárna')).toBe(true);
    const user = searchTerms('users', validate('users', FIXTURES.users));
    expect(finds(user, 'soren aberg')).toBe(true);
    expect(finds(user, 'Sören Åb')).toBe(true);
  });

  it('[R10] a whole e-mail address, a phone number typed as digits and a plain word all find the record', () => {
    const terms = searchTerms('contacts', validate('contacts', FIXTURES.contacts));
    expect(finds(terms, 'anna.ivanova@acme.example')).toBe(true);
    expect(finds(terms, 'ANNA.IVANOVA@ACME')).toBe(true);
    expect(finds(terms, '7495')).toBe(true);
    expect(finds(terms, '74951234567')).toBe(true);
    expect(finds(terms, 'acme')).toBe(true);
    expect(finds(terms, 'globex')).toBe(false);
  });

  it('[R10] matchesAll needs every query prefix to start some term', () => {
    expect(matchesAll(['acme', 'berlin'], ['ac', 'ber'])).toBe(true);
    expect(matchesAll(['acme', 'berlin'], ['ac', 'mun'])).toBe(false);
    expect(matchesAll(['acme'], ['cme'])).toBe(false);
    expect(matchesAll(['acme'], [])).toBe(true);
    expect(matchesAll([], ['a'])).toBe(false);
    expect(queryTerms('  Müller   Berlin ')).toEqual(['muller', 'berlin']);
  });

  it('[R10] empty and non-text values add no terms', () => {
    expect(searchTerms('accounts', {})).toEqual([]);
    expect(searchTerms('accounts', { name: '', email: null, phone: 42 })).toEqual([]);
  });
});

describe('rows (R10)', () => {
  it('[R10] a row carries the values, the id, the title, a lower-case sort key, search terms and the creation time', () => {
    const row = rowOf('contacts', 'con_row0001');
    expect(row.id).toBe('con_row0001');
    expect(row._title).toBe('Анна Иванова');
    expect(row._sort).toBe('анна иванова');
    expect(row._created).toBe(NOW);
    expect(row.lastName).toBe('Иванова');
    expect(row.accountId).toBe(IDS.acme);
    expect(row.notes).toBe('Met at the Moscow trade fair.');
    expect(row._t).toEqual(searchTerms('contacts', validate('contacts', FIXTURES.contacts)));
    expect(row._total).toBeUndefined();
  });

  it('[R10] the title of a record without title values is "(untitled)"', () => {
    const row = toRow('contacts', { id: 'con_row0002', created: 0, values: {} });
    expect(row._title).toBe('(untitled)');
    expect(row._sort).toBe('(untitled)');
    expect(row._t).toEqual([]);
  });

  it('[R10][R8] orders carry _total: line discounts, then the order discount, in minor units', () => {
    const row = rowOf('orders', 'ord_row0001');
    // 2 499 000 − 10 % = 2 249 100; 12 × 1 999 = 23 988; 15 000; sum 2 288 088; − 2.5 % = 2 230 885.8 → 2 230 886.
    expect(row._total).toBe(2_230_886);
    expect(row._title).toBe('SO-10017');
    expect(row._sort).toBe('so-10017');
    expect(row._t).toEqual(['so', '10017']);
  });

  it('[R10][R8] quotes carry _total in the quote currency (KWD, three decimals)', () => {
    const row = rowOf('quotes', 'quo_row0001');
    // 2 × 1 250 500 − 10 % = 2 250 900; 1.5 × 99 999 = 149 998.5 → 149 999; sum 2 400 899; − 5 % = 2 280 854.05 → 2 280 854.
    expect(row._total).toBe(2_280_854);
  });

  it('[R10] an order without lines totals 0; other collections have no _total', () => {
    expect(toRow('orders', { id: 'ord_row0002', created: 0, values: { number: 'SO-1' } })._total).toBe(0);
    expect('_total' in rowOf('accounts', 'acc_row0001')).toBe(false);
    expect('_total' in rowOf('priceLists', 'prl_row0001')).toBe(false);
  });
});
