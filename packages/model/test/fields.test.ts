import { describe, expect, it } from 'vitest';
import { checkValue, isIsoDate, type Checked, type FieldDef } from '../src/index.ts';

const okValue = (c: Checked): unknown => {
  if (!c.ok) throw new Error(`expected ok, got "${c.message}"`);
  return c.value;
};
const failMessage = (c: Checked): string => {
  if (c.ok) throw new Error(`expected a refusal, got ${JSON.stringify(c.value)}`);
  return c.message;
};

const def = <D extends FieldDef>(d: D): D => d;
const text = def({ kind: 'text', label: 'Name' });
const requiredText = def({ kind: 'text', label: 'Name', required: true });

describe('checkValue: empty values (R7)', () => {
  const kinds: FieldDef[] = [
    text,
    { kind: 'longtext', label: 'Notes' },
    { kind: 'email', label: 'E-mail' },
    { kind: 'phone', label: 'Phone' },
    { kind: 'url', label: 'Website' },
    { kind: 'integer', label: 'Stock' },
    { kind: 'number', label: 'Quantity' },
    { kind: 'boolean', label: 'Active' },
    { kind: 'date', label: 'Birthday' },
    { kind: 'datetime', label: 'When' },
    { kind: 'enum', label: 'Stage', options: ['a', 'b'] },
    { kind: 'currency', label: 'Currency' },
    { kind: 'money', label: 'Amount' },
    { kind: 'ref', label: 'Account', to: 'accounts' },
    { kind: 'map', label: 'Answers' },
    { kind: 'lines', label: 'Lines', line: { item: text } },
  ];

  it('[R7] null, undefined and "" clear an optional field of every kind', () => {
    for (const d of kinds) {
      for (const empty of [null, undefined, '']) expect(checkValue(d, empty), `${d.kind} ${String(empty)}`).toEqual({ ok: true, value: null });
    }
  });

  it('[R7] null, undefined and "" are refused for a required field of every kind', () => {
    for (const d of kinds) {
      for (const empty of [null, undefined, '']) {
        expect(checkValue({ ...d, required: true }, empty), `${d.kind} ${String(empty)}`).toEqual({ ok: false, message: 'is required' });
      }
    }
  });

  it('[R7] false and 0 are values, not empty', () => {
    expect(checkValue({ kind: 'boolean', label: 'Done', required: true }, false)).toEqual({ ok: true, value: false });
    expect(checkValue({ kind: 'integer', label: 'Stock', required: true }, 0)).toEqual({ ok: true, value: 0 });
    expect(checkValue({ kind: 'number', label: 'Quantity', required: true }, 0)).toEqual({ ok: true, value: 0 });
  });
});

describe('checkValue per field kind (R7)', () => {
  it('[R7] text: trimmed, whitespace only is empty, at most 500 characters or the field max', () => {
    expect(okValue(checkValue(text, '  Müller GmbH \n'))).toBe('Müller GmbH');
    expect(okValue(checkValue(text, '   '))).toBeNull();
    expect(failMessage(checkValue(requiredText, '   '))).toBe('is required');
    expect(okValue(checkValue(text, 'x'.repeat(500)))).toBe('x'.repeat(500));
    expect(failMessage(checkValue(text, 'x'.repeat(501)))).toBe('must be at most 500 characters');
    expect(okValue(checkValue({ kind: 'text', label: 'Country', max: 2 }, ' DE '))).toBe('DE');
    expect(failMessage(checkValue({ kind: 'text', label: 'Country', max: 2 }, 'DEU'))).toBe('must be at most 2 characters');
    expect(failMessage(checkValue(text, 42))).toBe('must be text');
    expect(failMessage(checkValue(text, ['a']))).toBe('must be text');
  });

  it('[R7] longtext: kept exactly as typed (line breaks, surrounding spaces)', () => {
    const d = def({ kind: 'longtext', label: 'Notes' });
    expect(okValue(checkValue(d, '  line one\nline two  '))).toBe('  line one\nline two  ');
    expect(okValue(checkValue(d, 'x'.repeat(100_000)))).toHaveLength(100_000);
    expect(failMessage(checkValue(d, 5))).toBe('must be text');
  });

  it('[R7] email: trimmed and lower-cased; refuses what is not an address', () => {
    const d = def({ kind: 'email', label: 'E-mail' });
    expect(okValue(checkValue(d, ' Anna.Ivanova@ACME.Example '))).toBe('anna.ivanova@acme.example');
    expect(okValue(checkValue(d, 'анна@пример.рф'))).toBe('анна@пример.рф');
    expect(failMessage(checkValue(d, 'anna@acme'))).toBe('"anna@acme" is not an e-mail address');
    for (const bad of ['anna', 'an na@acme.de', '@acme.de', 'anna@@acme.de', 'anna@acme.']) expect(checkValue(d, bad).ok, bad).toBe(false);
    expect(failMessage(checkValue(d, 42))).toBe('must be an e-mail address');
  });

  it('[R7] phone: digits with + ( ) . - / and spaces, 3 to 20 digits, kept as typed', () => {
    const d = def({ kind: 'phone', label: 'Phone' });
    for (const good of ['+49 30 1234567', '(030) 123-4567', '030/1234567', '+7 495 123.45.67', '112']) {
      expect(okValue(checkValue(d, ` ${good} `)), good).toBe(good);
    }
    expect(failMessage(checkValue(d, '12'))).toBe('"12" is not a phone number');
    for (const bad of ['+1 555 0100 ext 12', 'call me', '1'.repeat(21), '+49 30 12#34']) expect(checkValue(d, bad).ok, bad).toBe(false);
    expect(failMessage(checkValue(d, 4930123))).toBe('must be a phone number');
  });

  it('[R7] url: gains https:// when typed without a scheme; only http(s)', () => {
    const d = def({ kind: 'url', label: 'Website' });
    expect(okValue(checkValue(d, 'acme.de'))).toBe('https://acme.de/');
    expect(okValue(checkValue(d, ' www.Acme.de/Shop?q=1 '))).toBe('https://www.acme.de/Shop?q=1');
    expect(okValue(checkValue(d, 'http://acme.de'))).toBe('http://acme.de/');
    expect(okValue(checkValue(d, 'HTTPS://acme.de/a'))).toBe('https://acme.de/a');
    expect(failMessage(checkValue(d, 'ftp://acme.de'))).toBe('must be an http(s) address');
    expect(failMessage(checkValue(d, 'not a url'))).toBe('"not a url" is not a web address');
    expect(checkValue(d, 'https://').ok).toBe(false);
    expect(failMessage(checkValue(d, 42))).toBe('must be a web address');
  });

  it('[R7] integer: whole numbers, also typed as strings, within min and max', () => {
    const d = def({ kind: 'integer', label: 'Probability %', min: 0, max: 100 });
    expect(okValue(checkValue(d, 42))).toBe(42);
    expect(okValue(checkValue(d, ' 42 '))).toBe(42);
    expect(okValue(checkValue(d, 0))).toBe(0);
    expect(okValue(checkValue(d, 100))).toBe(100);
    expect(failMessage(checkValue(d, 4.5))).toBe('must be a whole number');
    expect(failMessage(checkValue(d, -1))).toBe('must be at least 0');
    expect(failMessage(checkValue(d, 101))).toBe('must be at most 100');
    expect(failMessage(checkValue(d, 'forty'))).toBe('must be a number');
    expect(failMessage(checkValue(d, true))).toBe('must be a number');
    expect(failMessage(checkValue({ kind: 'integer', label: 'Stock' }, 2 ** 53))).toBe('must be a whole number');
    expect(okValue(checkValue({ kind: 'integer', label: 'Stock' }, -7))).toBe(-7);
  });

  it('[R7] number: decimals allowed, finite only, within min and max', () => {
    const d = def({ kind: 'number', label: 'Discount %', min: 0, max: 100 });
    expect(okValue(checkValue(d, 12.5))).toBe(12.5);
    expect(okValue(checkValue(d, '2.5'))).toBe(2.5);
    expect(failMessage(checkValue(d, 100.01))).toBe('must be at most 100');
    expect(failMessage(checkValue(d, -0.5))).toBe('must be at least 0');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'Infinity', '12,5', 'abc', {}]) {
      expect(failMessage(checkValue(d, bad)), JSON.stringify(bad)).toBe('must be a number');
    }
  });

  it('[R7] integer and number: a string of spaces is empty, not zero', () => {
    // Number('  ') is 0: a blank form input must clear the field (or be refused when required).
    expect(checkValue({ kind: 'integer', label: 'Stock' }, '   ')).toEqual({ ok: true, value: null });
    expect(checkValue({ kind: 'number', label: 'Quantity' }, ' ')).toEqual({ ok: true, value: null });
    expect(checkValue({ kind: 'integer', label: 'Size (bytes)', required: true }, '  ')).toEqual({ ok: false, message: 'is required' });
  });

  it('[R7] boolean: only true and false', () => {
    const d = def({ kind: 'boolean', label: 'Active' });
    expect(okValue(checkValue(d, true))).toBe(true);
    expect(okValue(checkValue(d, false))).toBe(false);
    for (const bad of ['true', 'yes', 1, 0]) expect(failMessage(checkValue(d, bad)), String(bad)).toBe('must be yes or no');
  });

  it('[R7] date: a real calendar day as YYYY-MM-DD', () => {
    const d = def({ kind: 'date', label: 'Birthday' });
    expect(okValue(checkValue(d, '2024-02-29'))).toBe('2024-02-29');
    expect(okValue(checkValue(d, '1999-12-31'))).toBe('1999-12-31');
    for (const bad of ['2023-02-29', '2025-13-01', '2025-04-31', '2025-4-1', '01.04.2025', '2025-04-01T00:00:00Z', 20250401]) {
      expect(failMessage(checkValue(d, bad)), String(bad)).toBe('must be a date (YYYY-MM-DD)');
    }
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('[R7] datetime: epoch milliseconds, ISO strings converted to milliseconds', () => {
    const d = def({ kind: 'datetime', label: 'When' });
    expect(okValue(checkValue(d, '2025-03-14T09:30:00.000Z'))).toBe(Date.UTC(2025, 2, 14, 9, 30));
    expect(okValue(checkValue(d, '2025-03-14T09:30:00+01:00'))).toBe(Date.UTC(2025, 2, 14, 8, 30));
    expect(okValue(checkValue(d, '2025-03-14T09:30:00.5Z'))).toBe(Date.UTC(2025, 2, 14, 9, 30, 0, 500));
    expect(okValue(checkValue(d, 1_741_944_600_000))).toBe(1_741_944_600_000);
    expect(okValue(checkValue(d, 0))).toBe(0);
    for (const bad of ['yesterday', 1.5, Number.NaN, true, {}]) expect(failMessage(checkValue(d, bad)), JSON.stringify(bad)).toBe('must be a date and time');
  });

  it('[R7] datetime: an impossible calendar day is refused, not moved to the next month', () => {
    // Date.parse('2025-02-30T10:00:00Z') is 2 March in V8; the date kind refuses 2023-02-29.
    const d = def({ kind: 'datetime', label: 'When' });
    expect(checkValue(d, '2025-02-30T10:00:00Z').ok).toBe(false);
    expect(checkValue(d, '2025-04-31T00:00:00Z').ok).toBe(false);
  });

  it('[R7] enum: one of the options, and the message lists them', () => {
    const d = def({ kind: 'enum', label: 'Stage', options: ['lead', 'won', 'lost'] });
    expect(okValue(checkValue(d, 'won'))).toBe('won');
    expect(failMessage(checkValue(d, 'Won'))).toBe('must be one of lead, won, lost');
    expect(checkValue(d, 'maybe').ok).toBe(false);
    expect(checkValue(d, 1).ok).toBe(false);
  });

  it('[R7] currency: a three-letter upper-case ISO code', () => {
    const d = def({ kind: 'currency', label: 'Currency' });
    expect(okValue(checkValue(d, 'JPY'))).toBe('JPY');
    for (const bad of ['eur', 'EURO', '€', 978]) expect(failMessage(checkValue(d, bad))).toBe('must be a three-letter ISO currency code');
  });

  it('[R8] money: an integer amount of minor units with a currency, normalised to { amount, currency }', () => {
    const d = def({ kind: 'money', label: 'Amount' });
    expect(okValue(checkValue(d, { currency: 'EUR', amount: 1999, note: 'x' }))).toEqual({ amount: 1999, currency: 'EUR' });
    expect(JSON.stringify(okValue(checkValue(d, { currency: 'EUR', amount: 1999 })))).toBe('{"amount":1999,"currency":"EUR"}');
    expect(okValue(checkValue(d, { amount: -500, currency: 'JPY' }))).toEqual({ amount: -500, currency: 'JPY' });
    expect(failMessage(checkValue(d, { amount: 19.99, currency: 'EUR' }))).toBe('must be a whole number of minor units (cents)');
    expect(failMessage(checkValue(d, { amount: '1999', currency: 'EUR' }))).toBe('must be a whole number of minor units (cents)');
    expect(failMessage(checkValue(d, { amount: 2 ** 53, currency: 'EUR' }))).toBe('must be a whole number of minor units (cents)');
    expect(failMessage(checkValue(d, { amount: 1999 }))).toBe('must have a three-letter ISO currency code');
    expect(failMessage(checkValue(d, { amount: 1999, currency: 'eur' }))).toBe('must have a three-letter ISO currency code');
    expect(failMessage(checkValue(d, 1999))).toBe('must be an amount with a currency');
    expect(failMessage(checkValue(d, '19.99 EUR'))).toBe('must be an amount with a currency');
  });

  it('[R1] ref: an id of the target collection; "any" takes every collection', () => {
    const d = def({ kind: 'ref', label: 'Account', to: 'accounts' });
    expect(okValue(checkValue(d, 'acc_acme0001'))).toBe('acc_acme0001');
    expect(failMessage(checkValue(d, 'con_anna0001'))).toBe('must refer to accounts, not contacts');
    expect(failMessage(checkValue(d, 'acme'))).toBe('"acme" is not a record id');
    expect(failMessage(checkValue(d, 42))).toBe('must be a record id');
    const any = def({ kind: 'ref', label: 'Attached to', to: 'any' });
    for (const id of ['acc_acme0001', 'con_anna0001', 'tkt_0001']) expect(okValue(checkValue(any, id))).toBe(id);
    expect(checkValue(any, 'xyz_0001').ok).toBe(false);
  });

  it('[R4] map: answers that are text, numbers or yes/no', () => {
    const d = def({ kind: 'map', label: 'Answers' });
    expect(okValue(checkValue(d, { budget: '10k', employees: 12, hasOven: false }))).toEqual({ budget: '10k', employees: 12, hasOven: false });
    expect(okValue(checkValue(d, {}))).toEqual({});
    expect(failMessage(checkValue(d, { nested: { a: 1 } }))).toBe('answer "nested" must be text, a number or yes/no');
    expect(failMessage(checkValue(d, { none: null }))).toBe('answer "none" must be text, a number or yes/no');
    expect(failMessage(checkValue(d, ['a']))).toBe('must be a set of answers');
    expect(failMessage(checkValue(d, 'a'))).toBe('must be a set of answers');
  });

  it('[R4] lines: each line checked field by field, empty fields dropped, ids kept; errors name the line and the field', () => {
    const d = def({
      kind: 'lines',
      label: 'Lines',
      line: {
        description: { kind: 'text', label: 'Description' },
        quantity: { kind: 'number', label: 'Quantity', min: 0, required: true },
        unitPrice: { kind: 'money', label: 'Unit price', required: true },
      },
    });
    expect(
      okValue(
        checkValue(d, [
          { id: 'line000001', description: ' Oven ', quantity: '2', unitPrice: { amount: 100, currency: 'EUR' } },
          { description: '', quantity: 1, unitPrice: { amount: 5, currency: 'EUR' } },
        ]),
      ),
    ).toEqual([
      { id: 'line000001', description: 'Oven', quantity: 2, unitPrice: { amount: 100, currency: 'EUR' } },
      { quantity: 1, unitPrice: { amount: 5, currency: 'EUR' } },
    ]);
    expect(okValue(checkValue(d, []))).toEqual([]);
    expect(failMessage(checkValue(d, [{ quantity: 1, unitPrice: { amount: 5, currency: 'EUR' } }, { quantity: 1 }]))).toBe(
      'line 2: Unit price is required',
    );
    expect(failMessage(checkValue(d, [{ quantity: -1, unitPrice: { amount: 5, currency: 'EUR' } }]))).toBe('line 1: Quantity must be at least 0');
    expect(failMessage(checkValue(d, [{ id: 'BAD ID', quantity: 1, unitPrice: { amount: 5, currency: 'EUR' } }]))).toBe('line 1 has an invalid id');
    expect(failMessage(checkValue(d, [null]))).toBe('line 1 must be an object');
    expect(failMessage(checkValue(d, { quantity: 1 }))).toBe('must be a list of lines');
  });
});
