import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  HISTORY_BUDGET,
  HISTORY_KEY,
  HISTORY_LIMIT,
  HISTORY_VALUE_MAX,
  ValidationError,
  canRestore,
  makeId,
  newRecordDoc,
  readHistory,
  readRecord,
  recordTextEdit,
  restorePatch,
  setText,
  validate,
  writeRecord,
  type CollectionName,
  type CustomFieldDef,
  type HistoryEntry,
  type Values,
} from '../src/index.ts';

const T0 = Date.UTC(2025, 4, 1, 8, 0);
const ID = makeId('contacts', 'hist0001');

function contact(values: Values = { lastName: 'Petrova', phone: '+380 44 555 0100' }, custom: readonly CustomFieldDef[] = []): Y.Doc {
  const doc = newRecordDoc(ID);
  writeRecord(doc, 'contacts', validate('contacts', values, { custom }), { create: true, now: T0, custom });
  return doc;
}

function update(doc: Y.Doc, patch: Values, by: string, at: number, c: CollectionName = 'contacts', custom: readonly CustomFieldDef[] = []): void {
  writeRecord(doc, c, validate(c, patch, { partial: true, custom }), { by, now: at, custom });
}

/** Both docs receive each other's state, in both orders of delivery. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(a, ub);
  Y.applyUpdate(b, ua);
}

function replica(of: Y.Doc, clientID: number): Y.Doc {
  const doc = newRecordDoc(of.guid);
  doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of));
  return doc;
}

describe('record history (SPEC R11)', () => {
  it('[R11] a changed field appends one entry with the earlier and the new value, author and time', () => {
    const doc = contact();
    update(doc, { phone: '+380 44 555 0101' }, 'Anna', T0 + 1000);
    update(doc, { phone: '+380 44 555 0102', jobTitle: 'Buyer' }, 'Ivan', T0 + 2000);
    // One write's entries share a time; the later position comes first.
    expect(readHistory(doc)).toEqual([
      { f: 'phone', v: '+380 44 555 0101', n: '+380 44 555 0102', by: 'Ivan', at: T0 + 2000 },
      { f: 'jobTitle', v: null, n: 'Buyer', by: 'Ivan', at: T0 + 2000 },
      { f: 'phone', v: '+380 44 555 0100', n: '+380 44 555 0101', by: 'Anna', at: T0 + 1000 },
    ]);
  });

  it('[R11] creating a record and writing unchanged values append nothing', () => {
    const doc = contact();
    update(doc, { phone: '+380 44 555 0100', lastName: 'Petrova' }, 'Anna', T0 + 1000);
    update(doc, { email: null }, 'Anna', T0 + 2000);
    expect(doc.share.has(HISTORY_KEY)).toBe(false);
    expect(readHistory(doc)).toEqual([]);
  });

  it('[R11] clearing a field records null; the history is not a field of the record', () => {
    const doc = contact();
    update(doc, { phone: null }, '', T0 + 1000);
    expect(readHistory(doc)).toEqual([{ f: 'phone', v: '+380 44 555 0100', n: null, by: '', at: T0 + 1000 }]);
    expect(Object.keys(readRecord(doc).values)).toEqual(['lastName']);
  });

  it('[R11] money, answers and lines are recorded as the values readRecord gives', () => {
    const doc = newRecordDoc(makeId('orders', 'hist0002'));
    const product = makeId('products', 'prod0001');
    writeRecord(doc, 'orders', validate('orders', {
      number: 'O-1', accountId: makeId('accounts', 'acme0001'), status: 'registered', currency: 'EUR', orderedOn: '2025-05-01',
    }), { create: true, now: T0 });
    update(doc, { lines: [{ productId: product, quantity: 2, unitPrice: { amount: 500, currency: 'EUR' } }] }, 'Anna', T0 + 1, 'orders');
    const lines = readRecord(doc).values.lines as { id: string }[];
    update(doc, { lines: [{ ...lines[0], quantity: 3 }] }, 'Anna', T0 + 2, 'orders');
    const [second, first] = readHistory(doc);
    expect(first).toMatchObject({ f: 'lines', v: null, n: lines });
    expect(second).toMatchObject({ f: 'lines', v: lines, n: [{ ...lines[0], quantity: 3 }] });

    const deal = newRecordDoc(makeId('deals', 'hist0003'));
    writeRecord(deal, 'deals', validate('deals', { name: 'Ovens', stage: 'qualified', amount: { amount: 100, currency: 'EUR' } }), { create: true, now: T0 });
    update(deal, { amount: { amount: 250, currency: 'EUR' } }, 'Anna', T0 + 1, 'deals');
    expect(readHistory(deal)).toEqual([
      { f: 'amount', v: { amount: 100, currency: 'EUR' }, n: { amount: 250, currency: 'EUR' }, by: 'Anna', at: T0 + 1 },
    ]);

    const lead = newRecordDoc(makeId('leads', 'hist0004'));
    writeRecord(lead, 'leads', validate('leads', { name: 'Café', status: 'new', receivedAt: T0, answers: { employees: 12 } }), { create: true, now: T0 });
    update(lead, { answers: { employees: 12, budget: '10-50k' } }, 'Ivan', T0 + 2, 'leads');
    expect(readHistory(lead)).toEqual([
      { f: 'answers', v: { employees: 12 }, n: { employees: 12, budget: '10-50k' }, by: 'Ivan', at: T0 + 2 },
    ]);
  });

  it('[R11] a long text is one entry per save or editing session, never one per keystroke', () => {
    const doc = contact({ lastName: 'Petrova', notes: 'Met at the fair.' });
    const text = doc.getText('t.notes');
    const before = text.toJSON();
    for (const s of ['Met at the fair. W', 'Met at the fair. Wa', 'Met at the fair. Wants samples.']) setText(text, s);
    expect(readHistory(doc)).toEqual([]);
    recordTextEdit(doc, 'notes', before, { by: 'Anna', at: T0 + 1000 });
    expect(readHistory(doc)).toEqual([
      { f: 'notes', v: 'Met at the fair.', n: 'Met at the fair. Wants samples.', by: 'Anna', at: T0 + 1000 },
    ]);
    // A session that ends where it started changes nothing.
    recordTextEdit(doc, 'notes', text.toJSON(), { by: 'Anna', at: T0 + 2000 });
    update(doc, { notes: '' }, 'Ivan', T0 + 3000);
    expect(readHistory(doc).map((e) => [e.by, e.v, e.n])).toEqual([
      ['Ivan', 'Met at the fair. Wants samples.', null],
      ['Anna', 'Met at the fair.', 'Met at the fair. Wants samples.'],
    ]);
  });

  it('[R11] a value too large to keep is left out and cannot be restored', () => {
    const long = 'x'.repeat(HISTORY_VALUE_MAX);
    const doc = contact({ lastName: 'Petrova', notes: long });
    update(doc, { notes: 'short' }, 'Anna', T0 + 1000);
    const [e] = readHistory(doc) as [HistoryEntry];
    expect(e).toEqual({ f: 'notes', n: 'short', by: 'Anna', at: T0 + 1000 });
    expect(canRestore(e)).toBe(false);
    expect(() => restorePatch(e)).toThrow(RangeError);
  });

  it('[R11] edits made concurrently on two devices keep both entries, in the same order on both', () => {
    const a = contact();
    const b = replica(a, 2);
    a.clientID = 1;
    update(a, { phone: '+380 44 555 0111' }, 'Anna', T0 + 1000);
    update(b, { phone: '+380 44 555 0222' }, 'Ivan', T0 + 1000);
    update(b, { jobTitle: 'Buyer' }, 'Ivan', T0 + 500);
    exchange(a, b);
    const history = readHistory(a);
    expect(history).toEqual(readHistory(b));
    expect(history.map((e) => `${e.by}:${e.f}:${String(e.n)}`).sort()).toEqual([
      'Anna:phone:+380 44 555 0111', 'Ivan:jobTitle:Buyer', 'Ivan:phone:+380 44 555 0222',
    ]);
    // Newest first by time.
    expect(history.at(-1)?.f).toBe('jobTitle');
    expect(readRecord(a).values).toEqual(readRecord(b).values);
  });

  it(`[R11] the history keeps the newest ${HISTORY_LIMIT} entries`, () => {
    const doc = contact();
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) update(doc, { jobTitle: `Title ${i}` }, 'Anna', T0 + i);
    const history = readHistory(doc);
    expect(doc.getArray(HISTORY_KEY).length).toBe(HISTORY_LIMIT);
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]).toMatchObject({ v: `Title ${HISTORY_LIMIT + 4}`, n: `Title ${HISTORY_LIMIT + 5}` });
    expect(history.at(-1)).toMatchObject({ v: 'Title 5', n: 'Title 6' });
  });

  it('[R11] the history stays within its size budget, always keeping the newest entry', () => {
    const doc = contact();
    const big = (i: number): string => `${i} ${'y'.repeat(HISTORY_VALUE_MAX / 2 - 8)}`;
    for (let i = 0; i < 40; i++) update(doc, { notes: big(i) }, 'Anna', T0 + i);
    const size = JSON.stringify(doc.getArray(HISTORY_KEY).toJSON()).length;
    expect(size).toBeLessThanOrEqual(HISTORY_BUDGET + 2);
    expect(readHistory(doc)[0]).toMatchObject({ n: big(39) });
    expect(readHistory(doc).length).toBeLessThan(40);
  });

  it('[R11] two devices trimming at once converge', () => {
    const a = contact();
    a.clientID = 1;
    for (let i = 1; i <= HISTORY_LIMIT; i++) update(a, { jobTitle: `Title ${i}` }, 'Anna', T0 + i);
    const b = replica(a, 2);
    update(a, { phone: '+380 44 555 0111' }, 'Anna', T0 + 1000);
    update(b, { phone: '+380 44 555 0222' }, 'Ivan', T0 + 1001);
    update(b, { email: 'ivan@example.com' }, 'Ivan', T0 + 1002);
    exchange(a, b);
    expect(a.getArray(HISTORY_KEY).toJSON()).toEqual(b.getArray(HISTORY_KEY).toJSON());
    expect(readHistory(a)).toEqual(readHistory(b));
    expect(readHistory(a).slice(0, 3).map((e) => e.f)).toEqual(['email', 'phone', 'phone']);
    // Both deleted the oldest entry; b also the second oldest: 200 - 2 + 3 entries, over the cap.
    expect(a.getArray(HISTORY_KEY).length).toBe(HISTORY_LIMIT + 1);
    expect(readHistory(a)).toHaveLength(HISTORY_LIMIT);
    // The next edit trims back to the cap, and the other device follows.
    update(a, { jobTitle: 'Head of purchasing' }, 'Anna', T0 + 2000);
    exchange(a, b);
    expect(a.getArray(HISTORY_KEY).length).toBe(HISTORY_LIMIT);
    expect(b.getArray(HISTORY_KEY).toJSON()).toEqual(a.getArray(HISTORY_KEY).toJSON());
  });

  it('[R11] replicas editing at random and syncing in random order converge on one history', () => {
    // A small seeded generator (mulberry32): the same run every time.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const origin = contact();
    const replicas = [1, 2, 3].map((n) => replica(origin, n));
    const names = ['Anna', 'Ivan', 'Olena'];
    const titles = ['Buyer', 'Owner', 'Head of purchasing', null];
    const phones = ['+380 44 555 0101', '+380 44 555 0102', null];
    for (let step = 0; step < 400; step++) {
      const i = Math.floor(random() * replicas.length);
      const doc = replicas[i] as Y.Doc;
      if (random() < 0.25) {
        exchange(doc, pick(replicas));
        continue;
      }
      const patch = random() < 0.5 ? { jobTitle: pick(titles) } : { phone: pick(phones) };
      update(doc, patch, names[i] as string, T0 + Math.floor(random() * 1000));
    }
    for (const a of replicas) for (const b of replicas) exchange(a, b);
    const [first, ...rest] = replicas as [Y.Doc, ...Y.Doc[]];
    for (const doc of rest) {
      expect(readHistory(doc)).toEqual(readHistory(first));
      expect(readRecord(doc).values).toEqual(readRecord(first).values);
    }
    expect(readHistory(first).length).toBeGreaterThan(0);
  });

  it('[R11] entries sort newest first by time, ties by position; malformed entries are skipped', () => {
    const doc = contact();
    doc.getArray<unknown>(HISTORY_KEY).push([
      { f: 'phone', v: null, n: '1', by: 'A', at: 5 },
      'junk',
      { f: 'phone', n: '2', at: 9 },
      { v: 1, at: 7 },
      { f: 'email', v: null, n: null, by: 'B', at: 5 },
      { f: 'x', at: Number.NaN },
    ]);
    expect(readHistory(doc)).toEqual([
      { f: 'phone', n: '2', by: '', at: 9 },
      { f: 'email', v: null, n: null, by: 'B', at: 5 },
      { f: 'phone', v: null, n: '1', by: 'A', at: 5 },
    ]);
  });

  it('[R11] restoring writes the earlier value as an ordinary edit, itself recorded', () => {
    const doc = contact();
    update(doc, { phone: '+380 44 555 0101' }, 'Anna', T0 + 1000);
    update(doc, { phone: '+380 44 555 0102' }, 'Anna', T0 + 2000);
    const oldest = readHistory(doc).at(-1) as HistoryEntry;
    update(doc, restorePatch(oldest), 'Ivan', T0 + 3000);
    expect(readRecord(doc).values.phone).toBe('+380 44 555 0100');
    expect(readHistory(doc)[0]).toEqual({ f: 'phone', v: '+380 44 555 0102', n: '+380 44 555 0100', by: 'Ivan', at: T0 + 3000 });
    // An earlier empty value restores as a cleared field.
    update(doc, { jobTitle: 'Buyer' }, 'Anna', T0 + 4000);
    update(doc, restorePatch(readHistory(doc)[0] as HistoryEntry), 'Anna', T0 + 5000);
    expect(readRecord(doc).values.jobTitle).toBeUndefined();
  });

  it('[R11] restoring a value the schema no longer allows is refused with the field named', () => {
    const region: CustomFieldDef = { key: 'region', label: 'Region', kind: 'enum', options: ['north', 'south'] };
    const doc = contact({ lastName: 'Petrova' }, [region]);
    update(doc, { x_region: 'north' }, 'Anna', T0 + 1000, 'contacts', [region]);
    update(doc, { x_region: 'south' }, 'Anna', T0 + 2000, 'contacts', [region]);
    const north = readHistory(doc)[0] as HistoryEntry;
    expect(north.v).toBe('north');
    // The option was removed since.
    const narrowed: CustomFieldDef = { ...region, options: ['south', 'east'] };
    const refused = (): Values => validate('contacts', restorePatch(north), { partial: true, custom: [narrowed] });
    expect(refused).toThrow(ValidationError);
    try {
      refused();
    } catch (err) {
      expect((err as ValidationError).issues).toEqual([{ field: 'x_region', label: 'Region', message: 'must be one of south, east' }]);
    }
    // The field itself was removed since.
    expect(() => validate('contacts', restorePatch(north), { partial: true })).toThrow(/x_region is not a field of contacts/);
    // A field that became required cannot be restored to empty.
    const required: CustomFieldDef = { ...region, required: true };
    const first = readHistory(doc).at(-1) as HistoryEntry;
    expect(first).toMatchObject({ v: null, n: 'north' });
    expect(() => validate('contacts', restorePatch(first), { partial: true, custom: [required] })).toThrow(/Region is required/);
  });
});
