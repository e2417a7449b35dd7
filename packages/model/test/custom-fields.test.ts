import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CUSTOM_FIELD_KINDS,
  CUSTOM_PREFIX,
  ValidationError,
  customFieldDef,
  customFieldKey,
  fieldsOf,
  newRecordDoc,
  parseCustomFieldDef,
  readRecord,
  searchTerms,
  toRow,
  validate,
  writeRecord,
  type CustomFieldDef,
} from '../src/index.ts';

const CUSTOM: CustomFieldDef[] = [
  { key: 'region', label: 'Region', kind: 'text' },
  { key: 'visit_report', label: 'Visit report', kind: 'longtext' },
  { key: 'budget', label: 'Budget', kind: 'money' },
  { key: 'tier', label: 'Tier', kind: 'enum', options: ['gold', 'silver'], required: true },
  { key: 'founded', label: 'Founded', kind: 'date' },
  { key: 'last_audit', label: 'Last audit', kind: 'datetime' },
  { key: 'employees', label: 'Employees', kind: 'integer' },
  { key: 'billing_email', label: 'Billing e-mail', kind: 'email' },
  { key: 'name', label: 'Legal name', kind: 'text' },
];

const ACCOUNT = { name: 'Acme', kind: 'customer' } as const;

function errorOf(input: unknown): string {
  const r = parseCustomFieldDef(input);
  if (!('error' in r)) throw new Error(`expected an error for ${JSON.stringify(input)}`);
  return r.error;
}

describe('custom field definitions (R9)', () => {
  it('[R9] parses a good definition, trimming the label and de-duplicating options', () => {
    expect(parseCustomFieldDef({ key: 'region', label: '  Region ', kind: 'text' })).toEqual({
      def: { key: 'region', label: 'Region', kind: 'text' },
    });
    expect(parseCustomFieldDef({ key: 'tier', label: 'Tier', kind: 'enum', options: ['gold', 'silver', 'gold'], required: true })).toEqual({
      def: { key: 'tier', label: 'Tier', kind: 'enum', options: ['gold', 'silver'], required: true },
    });
    // required: false is the default and is not stored; options are ignored for other kinds.
    expect(parseCustomFieldDef({ key: 'a1_b', label: 'A', kind: 'money', required: false, options: ['x'] })).toEqual({
      def: { key: 'a1_b', label: 'A', kind: 'money' },
    });
    expect(parseCustomFieldDef({ key: 'k'.repeat(40), label: 'L'.repeat(80), kind: 'date' })).toEqual({
      def: { key: 'k'.repeat(40), label: 'L'.repeat(80), kind: 'date' },
    });
    for (const kind of CUSTOM_FIELD_KINDS) {
      const input = { key: 'f', label: 'F', kind, ...(kind === 'enum' ? { options: ['a'] } : {}) };
      expect('def' in parseCustomFieldDef(input), kind).toBe(true);
    }
  });

  it('[R9] refuses a definition that is not an object', () => {
    for (const bad of [null, undefined, 'region', 42, true]) expect(errorOf(bad)).toBe('A custom field must be an object');
  });

  it('[R9] refuses a bad key with a message saying what a key may contain', () => {
    const message = 'Custom field key must start with a letter and use only a-z, 0-9 and _ (at most 40)';
    for (const key of [undefined, '', 'Region', '1region', '_region', 're-gion', 'ré', 'region name', 'k'.repeat(41), 7]) {
      expect(errorOf({ key, label: 'Region', kind: 'text' }), String(key)).toBe(message);
    }
  });

  it('[R9] refuses a missing, blank or too long label, naming the field', () => {
    for (const label of [undefined, '', '   ', 'L'.repeat(81), 5]) {
      expect(errorOf({ key: 'region', label, kind: 'text' }), String(label)).toBe('Custom field "region" needs a label of 1–80 characters');
    }
  });

  it('[R9] refuses a kind custom fields cannot have', () => {
    for (const kind of ['ref', 'lines', 'map', 'currency', 'TEXT', '', undefined]) {
      expect(errorOf({ key: 'region', label: 'Region', kind }), String(kind)).toBe(`Custom field "region" has unknown kind "${String(kind)}"`);
    }
  });

  it('[R9] refuses a choice field without a proper list of options', () => {
    for (const options of [undefined, [], 'gold,silver', ['gold', ''], ['gold', 3], [null]]) {
      expect(errorOf({ key: 'tier', label: 'Tier', kind: 'enum', options }), JSON.stringify(options)).toBe(
        'Custom field "tier" is a choice field and needs a list of options',
      );
    }
  });

  it('[R9] refuses a "required" that is not a boolean', () => {
    expect(errorOf({ key: 'tier', label: 'Tier', kind: 'text', required: 'yes' })).toBe('Custom field "tier": required must be true or false');
  });

  it('[R9] a custom field is stored under x_<key> with a FieldDef of its kind', () => {
    expect(CUSTOM_PREFIX).toBe('x_');
    expect(customFieldKey({ key: 'region' })).toBe('x_region');
    expect(customFieldDef({ key: 'region', label: 'Region', kind: 'text' })).toEqual({ kind: 'text', label: 'Region', required: false, searchable: true });
    expect(customFieldDef({ key: 'tier', label: 'Tier', kind: 'enum', options: ['a'], required: true })).toEqual({
      kind: 'enum',
      label: 'Tier',
      options: ['a'],
      required: true,
      searchable: false,
    });
    const fields = fieldsOf('accounts', CUSTOM);
    expect(fields.x_region?.kind).toBe('text');
    expect(fields.x_budget?.kind).toBe('money');
    // A custom key equal to a built-in field's name cannot shadow it.
    expect(fields.name?.label).toBe('Name');
    expect(fields.x_name?.label).toBe('Legal name');
  });
});

describe('custom field values (R9)', () => {
  it('[R9] are validated like a field of their kind and returned under x_<key>', () => {
    const v = validate(
      'accounts',
      {
        ...ACCOUNT,
        x_region: '  North ',
        x_tier: 'gold',
        x_budget: { amount: 5_000_000, currency: 'EUR' },
        x_billing_email: 'Billing@ACME.example',
        x_last_audit: '2025-01-31T12:00:00Z',
        x_employees: '250',
      },
      { custom: CUSTOM },
    );
    expect(v).toEqual({
      ...ACCOUNT,
      x_region: 'North',
      x_tier: 'gold',
      x_budget: { amount: 5_000_000, currency: 'EUR' },
      x_billing_email: 'billing@acme.example',
      x_last_audit: Date.UTC(2025, 0, 31, 12),
      x_employees: 250,
    });
  });

  it('[R9] an invalid custom value is refused with the custom label; a required custom field is required', () => {
    let error: unknown;
    try {
      validate('accounts', { ...ACCOUNT, x_budget: { amount: 1.5, currency: 'EUR' }, x_founded: '2025-02-30' }, { custom: CUSTOM });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'x_budget', label: 'Budget', message: 'must be a whole number of minor units (cents)' },
      { field: 'x_tier', label: 'Tier', message: 'is required' },
      { field: 'x_founded', label: 'Founded', message: 'must be a date (YYYY-MM-DD)' },
    ]);
    expect(() => validate('accounts', { x_tier: null }, { partial: true, custom: CUSTOM })).toThrow('Tier is required');
  });

  it('[R9] values are written beside built-in fields and read back; long text becomes a Y.Text', () => {
    const doc = newRecordDoc('acc_custom0001');
    const values = validate(
      'accounts',
      { ...ACCOUNT, x_region: 'North', x_tier: 'silver', x_budget: { amount: 100, currency: 'CHF' }, x_visit_report: 'Good visit.' },
      { custom: CUSTOM },
    );
    writeRecord(doc, 'accounts', values, { create: true, now: 1, custom: CUSTOM });
    expect(doc.getMap('f').get('x_region')).toBe('North');
    expect(doc.getMap('f').get('x_budget')).toEqual({ amount: 100, currency: 'CHF' });
    expect(doc.getText('t.x_visit_report').toString()).toBe('Good visit.');
    expect(readRecord(doc, CUSTOM).values).toEqual(values);
    // A reader that no longer knows the custom fields still reports them (R6).
    expect(readRecord(doc).values).toEqual(values);
    // Without the definitions, writeRecord has no FieldDef for them and writes nothing.
    const other = newRecordDoc('acc_custom0002');
    writeRecord(other, 'accounts', values, { create: true, now: 1 });
    expect(readRecord(other).values).toEqual(ACCOUNT);
  });

  it('[R9] custom text is searchable and rows carry custom values', () => {
    const values = { ...ACCOUNT, x_region: 'Nordrhein-Westfalen', x_tier: 'gold' };
    expect(searchTerms('accounts', values, CUSTOM)).toEqual(expect.arrayContaining(['acme', 'nordrhein', 'westfalen']));
    expect(searchTerms('accounts', values, CUSTOM)).not.toContain('gold');
    expect(toRow('accounts', { id: 'acc_custom0001', created: 0, values }, CUSTOM).x_region).toBe('Nordrhein-Westfalen');
  });

  it('[R9][R2][R3] custom scalar fields merge per field; the same field resolves like any field', () => {
    const a = new Y.Doc({ guid: 'acc_custommerge' });
    a.clientID = 1;
    const b = new Y.Doc({ guid: 'acc_custommerge' });
    b.clientID = 2;
    writeRecord(a, 'accounts', { ...ACCOUNT, x_tier: 'gold' }, { create: true, now: 1, custom: CUSTOM });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const sa = Y.encodeStateVector(a);
    const sb = Y.encodeStateVector(b);
    writeRecord(a, 'accounts', { x_region: 'North', x_tier: 'silver' }, { custom: CUSTOM });
    writeRecord(b, 'accounts', { x_budget: { amount: 7, currency: 'EUR' }, x_region: 'South' }, { custom: CUSTOM });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, sa));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sb));
    const merged = readRecord(a, CUSTOM).values;
    expect(readRecord(b, CUSTOM).values).toEqual(merged);
    // Different custom fields both survive; on x_region the higher client id (b) wins.
    expect(merged).toEqual({ ...ACCOUNT, x_region: 'South', x_budget: { amount: 7, currency: 'EUR' }, x_tier: 'silver' });
  });

  it('[R9][R4] custom long text merges by character like built-in long text', () => {
    const a = new Y.Doc({ guid: 'acc_customtext' });
    a.clientID = 1;
    const b = new Y.Doc({ guid: 'acc_customtext' });
    b.clientID = 2;
    writeRecord(a, 'accounts', { ...ACCOUNT, x_tier: 'gold', x_visit_report: 'Met the owner.' }, { create: true, now: 1, custom: CUSTOM });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const sa = Y.encodeStateVector(a);
    const sb = Y.encodeStateVector(b);
    writeRecord(a, 'accounts', { x_visit_report: 'Met the new owner.' }, { custom: CUSTOM });
    writeRecord(b, 'accounts', { x_visit_report: 'Met the owner. Order expected.' }, { custom: CUSTOM });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, sa));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sb));
    expect(readRecord(a, CUSTOM).values.x_visit_report).toBe('Met the new owner. Order expected.');
    expect(readRecord(b, CUSTOM).values.x_visit_report).toBe('Met the new owner. Order expected.');
  });
});
