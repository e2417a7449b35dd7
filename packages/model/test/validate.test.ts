import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES, ValidationError, fieldsOf, validate, type FieldIssue } from '../src/index.ts';
import { FIXTURES, IDS } from './fixtures.ts';

/** The ValidationError thrown by `fn` (fails the test when nothing or something else is thrown). */
function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

const issue = (field: string, label: string, message: string): FieldIssue => ({ field, label, message });

describe('validate (R7)', () => {
  it('[R7] accepts a complete record of every collection and returns normalised values', () => {
    for (const c of COLLECTION_NAMES) {
      expect(() => validate(c, FIXTURES[c]), c).not.toThrow();
    }
    const account = validate('accounts', FIXTURES.accounts);
    expect(account.email).toBe('info@baeckerei-mueller.de');
    expect(account.website).toBe('https://baeckerei-mueller.de/');
    const activity = validate('activities', FIXTURES.activities);
    expect(activity.at).toBe(Date.UTC(2025, 2, 14, 9, 30));
    expect(activity.durationMin).toBe(90);
    expect(validate('tickets', FIXTURES.tickets).openedAt).toBe(Date.UTC(2025, 5, 1, 5, 15));
  });

  it('[R7] returns only the fields given; an absent optional field is not invented', () => {
    expect(validate('users', { name: ' Ann ', role: 'owner' })).toEqual({ name: 'Ann', role: 'owner' });
  });

  it('[R7] null clears an optional field (kept in the output as null)', () => {
    expect(validate('accounts', { name: 'Acme', kind: 'customer', city: null, notes: '' })).toEqual({
      name: 'Acme',
      kind: 'customer',
      city: null,
      notes: null,
    });
  });

  it('[R7] refuses an unknown field and names it', () => {
    const e = refusal(() => validate('accounts', { name: 'Acme', kind: 'customer', vatNumber: 'DE123' }));
    expect(e.issues).toEqual([issue('vatNumber', 'vatNumber', 'is not a field of accounts')]);
    expect(e.collection).toBe('accounts');
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe('vatNumber is not a field of accounts');
    // Also in a partial patch, and also for a custom field's key when custom fields are not passed.
    expect(refusal(() => validate('users', { x_region: 'North' }, { partial: true })).issues).toEqual([
      issue('x_region', 'x_region', 'is not a field of members'),
    ]);
  });

  it('[R7] refuses a record without its required fields, one issue per field', () => {
    const e = refusal(() => validate('deals', { amount: { amount: 100, currency: 'EUR' } }));
    expect(e.issues).toEqual([issue('name', 'Name', 'is required'), issue('stage', 'Stage', 'is required')]);
  });

  it('[R7] refuses an invalid e-mail and names the field by its label', () => {
    const e = refusal(() => validate('contacts', { lastName: 'Ivanova', email: 'anna(at)acme.example' }));
    expect(e.issues).toEqual([issue('email', 'E-mail', '"anna(at)acme.example" is not an e-mail address')]);
    expect(e.message).toBe('E-mail "anna(at)acme.example" is not an e-mail address');
  });

  it('[R7] lists every problem at once, in a message naming each label', () => {
    const e = refusal(() =>
      validate('quotes', {
        number: '',
        accountId: IDS.anna,
        status: 'pending',
        currency: 'EUR',
        discountPct: 120,
        fax: '123',
        lines: [{ quantity: 1 }],
      }),
    );
    expect(e.issues).toEqual([
      issue('fax', 'fax', 'is not a field of quotes'),
      issue('number', 'Number', 'is required'),
      issue('accountId', 'Account', 'must refer to accounts, not contacts'),
      issue('status', 'Status', 'must be one of draft, sent, accepted, rejected, expired'),
      issue('discountPct', 'Discount %', 'must be at most 100'),
      issue('lines', 'Lines', 'line 1: Unit price is required'),
    ]);
    expect(e.message).toBe(
      'fax is not a field of quotes; Number is required; Account must refer to accounts, not contacts; ' +
        'Status must be one of draft, sent, accepted, rejected, expired; Discount % must be at most 100; ' +
        'Lines line 1: Unit price is required',
    );
  });

  it('[R7] a partial patch checks only the fields it contains', () => {
    expect(validate('deals', { probability: '75' }, { partial: true })).toEqual({ probability: 75 });
    expect(validate('deals', {}, { partial: true })).toEqual({});
    expect(refusal(() => validate('deals', { probability: 175 }, { partial: true })).issues).toEqual([
      issue('probability', 'Probability %', 'must be at most 100'),
    ]);
  });

  it('[R7] a partial patch can clear an optional field but not a required one', () => {
    expect(validate('deals', { lostReason: null, notes: '' }, { partial: true })).toEqual({ lostReason: null, notes: null });
    for (const empty of [null, '', '   ']) {
      expect(refusal(() => validate('deals', { name: empty }, { partial: true })).issues, JSON.stringify(empty)).toEqual([
        issue('name', 'Name', 'is required'),
      ]);
    }
    expect(refusal(() => validate('orders', { orderedOn: null, status: undefined }, { partial: true })).issues).toEqual([
      issue('status', 'Status', 'is required'),
      issue('orderedOn', 'Ordered', 'is required'),
    ]);
  });

  it('[R15] an expense needs an item and a non-negative amount; the line is named', () => {
    const expense = (item: unknown, amount: number) => ({ expenses: [{ item, amount: { amount, currency: 'EUR' } }] });
    expect(validate('activities', expense('Taxi', 0), { partial: true }).expenses).toEqual([{ item: 'Taxi', amount: { amount: 0, currency: 'EUR' } }]);
    expect(() => validate('activities', expense('Taxi', -100), { partial: true })).toThrow(/Expenses line 1: Amount must not be negative/);
    expect(() => validate('activities', expense('  ', 500), { partial: true })).toThrow(/Expenses line 1: Item is required/);
  });

  it('[R15] attendees refer to contacts and next steps to tasks; an activity without them stays valid', () => {
    expect(() => validate('activities', { attendees: [{ contactId: IDS.acme }] }, { partial: true })).toThrow(/must refer to contacts/);
    expect(() => validate('activities', { nextSteps: [{ action: 'Call back', taskId: IDS.anna }] }, { partial: true })).toThrow(/must refer to tasks/);
    expect(() => validate('activities', { nextSteps: [{ taskId: IDS.task }] }, { partial: true })).toThrow(/Next step is required/);
    const { attendees: _a, nextSteps: _n, ...before } = FIXTURES.activities;
    expect(validate('activities', before)).not.toHaveProperty('attendees');
  });

  it('[R7] fieldsOf lists the built-in fields of a collection', () => {
    for (const c of COLLECTION_NAMES) expect(fieldsOf(c)).toBe(COLLECTIONS[c].fields);
  });

  it('[R7] every field of every collection has a label, and titles name real fields', () => {
    for (const c of COLLECTION_NAMES) {
      const { title, label, singular } = COLLECTIONS[c];
      const fields = fieldsOf(c);
      expect(label.length, c).toBeGreaterThan(0);
      expect(singular.length, c).toBeGreaterThan(0);
      for (const k of title) expect(Object.hasOwn(fields, k), `${c} title ${k}`).toBe(true);
      for (const [k, d] of Object.entries(fields)) {
        expect(d.label.trim().length, `${c}.${k}`).toBeGreaterThan(0);
        expect(k.startsWith('x_'), `${c}.${k} would collide with custom fields`).toBe(false);
      }
    }
  });
});
