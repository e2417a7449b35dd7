import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, ID_PREFIX, collectionOfId, isRecordId, makeId, newId, newLineId } from '../src/index.ts';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

describe('record ids (R1)', () => {
  it('[R1] every collection has its own three-letter prefix', () => {
    const prefixes = COLLECTION_NAMES.map((c) => ID_PREFIX[c]);
    for (const p of prefixes) expect(p).toMatch(/^[a-z]{3}$/);
    expect(new Set(prefixes).size).toBe(COLLECTION_NAMES.length);
    expect(Object.keys(ID_PREFIX).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  it('[R1] newId is the collection prefix, "_" and 16 Crockford base32 characters (80 bits)', () => {
    for (const c of COLLECTION_NAMES) {
      const id = newId(c);
      expect(id).toMatch(new RegExp(`^${ID_PREFIX[c]}_[${CROCKFORD}]{16}$`));
      expect(collectionOfId(id)).toBe(c);
      expect(isRecordId(c, id)).toBe(true);
    }
    expect(newId('accounts').startsWith('acc_')).toBe(true);
    expect(newId('priceLists').startsWith('prl_')).toBe(true);
  });

  it('[R1] newId draws from the whole alphabet and never repeats (offline devices need no coordination)', () => {
    const ids = new Set<string>();
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = newId('contacts');
      ids.add(id);
      for (const ch of id.slice(4)) seen.add(ch);
    }
    expect(ids.size).toBe(20_000);
    expect([...seen].sort().join('')).toBe(CROCKFORD);
  });

  it('[R1] makeId builds an id from a caller-chosen suffix and refuses a bad one', () => {
    expect(makeId('accounts', 'acme0001')).toBe('acc_acme0001');
    expect(makeId('users', '0001')).toBe('usr_0001');
    expect(makeId('tickets', 'a'.repeat(40))).toBe(`tkt_${'a'.repeat(40)}`);
    for (const bad of ['', 'abc', 'a'.repeat(41), 'ACME0001', 'acme-0001', 'acme 001', 'müll3r']) {
      expect(() => makeId('accounts', bad), bad).toThrow(/Invalid id suffix/);
    }
  });

  it('[R1] collectionOfId names the collection of an id, and nothing for other strings', () => {
    expect(collectionOfId('acc_acme0001')).toBe('accounts');
    expect(collectionOfId('prl_2025list')).toBe('priceLists');
    expect(collectionOfId('usr_0001')).toBe('users');
    for (const s of ['', 'acme0001', 'xyz_acme0001', 'acc_abc', 'acc_ACME0001', 'ACC_acme0001', 'acc-acme0001', ' acc_acme0001', 'acc_acme0001 ', `acc_${'a'.repeat(41)}`]) {
      expect(collectionOfId(s), JSON.stringify(s)).toBeUndefined();
    }
  });

  it('[R1] isRecordId checks both the shape and the collection', () => {
    expect(isRecordId('accounts', 'acc_acme0001')).toBe(true);
    expect(isRecordId('contacts', 'acc_acme0001')).toBe(false);
    expect(isRecordId('accounts', 42)).toBe(false);
    expect(isRecordId('accounts', null)).toBe(false);
    expect(isRecordId('accounts', { id: 'acc_acme0001' })).toBe(false);
    expect(isRecordId('accounts', 'acc_x')).toBe(false);
  });

  it('[R4] line ids are 10 base32 characters and unique', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const id = newLineId();
      expect(id).toMatch(new RegExp(`^[${CROCKFORD}]{10}$`));
      ids.add(id);
    }
    expect(ids.size).toBe(5_000);
  });
});
