import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  COLLECTIONS,
  COLLECTION_NAMES,
  ID_PREFIX,
  SCHEMA_VERSION,
  encodeNewRecord,
  fieldsOf,
  makeId,
  newRecordDoc,
  readRecord,
  setDeleted,
  setText,
  titleOf,
  toRow,
  validate,
  writeRecord,
  type CollectionName,
  type Values,
} from '../src/index.ts';
import { FIXTURES, IDS } from './fixtures.ts';

const NOW = Date.UTC(2025, 4, 1, 8, 0);
const LINE_ID = /^[0-9a-hjkmnp-tv-z]{10}$/;

function idFor(c: CollectionName): string {
  return `${ID_PREFIX[c]}_fixture0001`;
}

/** A record doc holding the fixture of `c`, and the validated values written into it. */
function fixtureDoc(c: CollectionName): { doc: Y.Doc; values: Values } {
  const doc = newRecordDoc(idFor(c));
  const values = validate(c, FIXTURES[c]);
  writeRecord(doc, c, values, { create: true, now: NOW });
  return { doc, values };
}

/** What readRecord should return for validated `values`: no cleared fields, generated line ids. */
function expectedRead(c: CollectionName, values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null) continue;
    if (fieldsOf(c)[k]?.kind === 'lines') {
      out[k] = (v as Record<string, unknown>[]).map((l) => ({ ...l, id: l.id ?? (expect.stringMatching(LINE_ID) as unknown) }));
    } else out[k] = v;
  }
  return out;
}

function countUpdates(doc: Y.Doc): { count: () => number; last: () => Uint8Array | undefined } {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { count: () => updates.length, last: () => updates.at(-1) };
}

/** The keys a change touched, as "f.city", "t.notes", "l.lines/<line id>.pos", "meta.deleted". */
function touched(doc: Y.Doc, change: () => void): string[] {
  const out: string[] = [];
  const nameOf = (t: object): string => {
    for (const [name, shared] of doc.share) if (shared === t) return name;
    const item = (t as { _item: Y.Item | null })._item;
    return item ? `${nameOf(item.parent as object)}/${String(item.parentSub)}` : '?';
  };
  const onTransaction = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) for (const k of keys) out.push(k === null ? nameOf(type) : `${nameOf(type)}.${k}`);
  };
  doc.on('afterTransaction', onTransaction);
  change();
  doc.off('afterTransaction', onTransaction);
  return out.sort();
}

/** A second replica of `doc` that received its state as one update (it never called getText/getMap). */
function replicaOf(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc({ guid: doc.guid });
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  const sa = Y.encodeStateVector(a);
  const sb = Y.encodeStateVector(b);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, sa));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sb));
}

describe('record docs: identity and layout (R1, R2, R4)', () => {
  it('[R1] a record doc has guid = record id', () => {
    const doc = newRecordDoc('acc_acme0001');
    expect(doc.guid).toBe('acc_acme0001');
    expect(readRecord(doc).id).toBe('acc_acme0001');
  });

  it('[R1] encodeNewRecord returns the doc and one update that rebuilds it elsewhere', () => {
    const values = validate('deals', FIXTURES.deals);
    const { doc, update } = encodeNewRecord('deals', IDS.deal, values, { now: NOW, clientID: 4242 });
    expect(doc.guid).toBe(IDS.deal);
    expect(doc.clientID).toBe(4242);
    expect([...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).keys()]).toEqual([4242]);
    const other = new Y.Doc({ guid: IDS.deal });
    Y.applyUpdate(other, update);
    expect(readRecord(other)).toEqual(readRecord(doc));
    expect(readRecord(other).created).toBe(NOW);
  });

  it('[R2][R4] scalars and money live under their own key of "f"; long text, maps and lines are top-level types', () => {
    const { doc } = fixtureDoc('leads');
    const f = doc.getMap('f');
    expect(f.get('name')).toBe('Jiří Dvořák');
    expect(f.get('receivedAt')).toBe(Date.UTC(2025, 1, 10, 12));
    expect(f.has('message')).toBe(false);
    expect(f.has('answers')).toBe(false);
    expect(doc.getText('t.message').toString()).toBe('We need a second oven before Easter.');
    expect(doc.getMap('m.answers').toJSON()).toEqual({ employees: 12, budget: '10-50k', hasOven: true });

    const { doc: order } = fixtureDoc('orders');
    expect(order.getMap('f').get('discountPct')).toBe(2.5);
    const lines = order.getMap('l.lines');
    expect(lines.size).toBe(3);
    const first = lines.get('ord0000001');
    expect(first).toBeInstanceOf(Y.Map);
    expect((first as Y.Map<unknown>).toJSON()).toEqual({
      productId: IDS.product,
      description: 'Deck oven',
      quantity: 1,
      unitPrice: { amount: 2_499_000, currency: 'EUR' },
      discountPct: 10,
      pos: 0,
    });
    const meta = order.getMap('meta');
    expect(meta.get('c')).toBe('orders');
    expect(meta.get('v')).toBe(SCHEMA_VERSION);
    expect(meta.get('created')).toBe(NOW);
    expect(meta.has('deleted')).toBe(false);
  });
});

describe('writeRecord / readRecord round trip (R2, R4, R6)', () => {
  it('fixtures fill every field of every collection', () => {
    for (const c of COLLECTION_NAMES) {
      expect(Object.keys(FIXTURES[c]).sort(), c).toEqual(Object.keys(COLLECTIONS[c].fields).sort());
    }
  });

  for (const c of COLLECTION_NAMES) {
    it(`[R2][R4] ${c}: every field written is read back, on this replica and on another one`, () => {
      const { doc, values } = fixtureDoc(c);
      const state = readRecord(doc);
      expect(state).toEqual({
        id: idFor(c),
        collection: c,
        collectionName: c,
        schemaVersion: SCHEMA_VERSION,
        created: NOW,
        deleted: false,
        values: expectedRead(c, values),
      });
      expect(readRecord(replicaOf(doc))).toEqual(state);
      // What was read validates again and writes nothing new.
      const updates = countUpdates(doc);
      writeRecord(doc, c, validate(c, state.values));
      expect(updates.count()).toBe(0);
    });
  }

  it('[R4] long text keeps line breaks and surrounding spaces; money keeps its currency and exponent', () => {
    const { doc } = fixtureDoc('quotes');
    const v = readRecord(doc).values;
    expect(v.terms).toBe('Payment 30 days net.\nDelivery ex works.');
    expect(v.currency).toBe('KWD');
    expect(v.lines).toEqual([
      { id: 'quo0000001', productId: IDS.product, description: 'Deck oven', quantity: 2, unitPrice: { amount: 1_250_500, currency: 'KWD' }, discountPct: 10 },
      { id: 'quo0000002', description: 'Installation', quantity: 1.5, unitPrice: { amount: 99_999, currency: 'KWD' } },
    ]);
    const { doc: priceList } = fixtureDoc('priceLists');
    expect((readRecord(priceList).values.items as { price: unknown }[]).map((l) => l.price)).toEqual([
      { amount: 398_000, currency: 'JPY' },
      { amount: 12_800, currency: 'JPY' },
    ]);
  });

  it('[R4] lines without an id get a fresh line id, kept by later writes', () => {
    const { doc } = fixtureDoc('orders');
    const lines = readRecord(doc).values.lines as { id: string; description?: string }[];
    const freight = lines[2];
    expect(freight?.description).toBe('Freight');
    expect(freight?.id).toMatch(LINE_ID);
    writeRecord(doc, 'orders', validate('orders', { lines: [...lines].reverse() }, { partial: true }));
    const after = readRecord(doc).values.lines as { id: string }[];
    expect(after.map((l) => l.id)).toEqual([freight?.id, 'ord0000002', 'ord0000001']);
  });

  it('[R2] writeRecord writes only fields of the schema and leaves absent fields alone', () => {
    const { doc } = fixtureDoc('accounts');
    writeRecord(doc, 'accounts', { city: 'Hamburg', bogus: 'x' });
    const v = readRecord(doc).values;
    expect(v.city).toBe('Hamburg');
    expect(v.name).toBe('Bäckerei Müller GmbH');
    expect(v.bogus).toBeUndefined();
    expect(doc.getMap('f').has('bogus')).toBe(false);
  });

  it('[R7] null clears a scalar, a long text, a map and lines', () => {
    const { doc: lead } = fixtureDoc('leads');
    writeRecord(lead, 'leads', validate('leads', { company: null, message: null, answers: null }, { partial: true }));
    const lv = readRecord(lead).values;
    expect('company' in lv).toBe(false);
    expect('message' in lv).toBe(false);
    expect('answers' in lv).toBe(false);
    expect(lead.getMap('f').has('company')).toBe(false);
    expect(lead.getText('t.message').length).toBe(0);
    expect(lead.getMap('m.answers').size).toBe(0);

    const { doc: order } = fixtureDoc('orders');
    writeRecord(order, 'orders', validate('orders', { lines: null }, { partial: true }));
    expect('lines' in readRecord(order).values).toBe(false);
    expect(order.getMap('l.lines').size).toBe(0);
  });

  it('[R2] writing unchanged values produces no update at all', () => {
    for (const c of COLLECTION_NAMES) {
      const { doc } = fixtureDoc(c);
      const read = readRecord(doc).values;
      const updates = countUpdates(doc);
      writeRecord(doc, c, read);
      writeRecord(doc, c, validate(c, read));
      // The form's input again, with the line ids the record got (lines without an id are new lines).
      writeRecord(doc, c, validate(c, { ...FIXTURES[c], ...Object.fromEntries(Object.entries(read).filter(([k]) => fieldsOf(c)[k]?.kind === 'lines')) }));
      setDeleted(doc, false);
      expect(updates.count(), c).toBe(0);
    }
  });

  it('[R2] changing one field writes one small update touching only that key and the history (R11)', () => {
    const { doc } = fixtureDoc('deals');
    const updates = countUpdates(doc);
    const keys = touched(doc, () => writeRecord(doc, 'deals', validate('deals', { ...FIXTURES.deals, probability: 80 })));
    expect(keys).toEqual(['f.probability', 'h']);
    expect(updates.count()).toBe(1);
    const { structs, ds } = Y.decodeUpdate(updates.last() as Uint8Array);
    expect(structs).toHaveLength(2); // the value and its history entry
    expect(ds.clients.size).toBe(1); // the old value is deleted
    expect(readRecord(doc).values.probability).toBe(80);
  });

  it('[R2] a write carries its transaction origin', () => {
    const doc = newRecordDoc('tsk_origin0001');
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    writeRecord(doc, 'tasks', { title: 'Call back' }, { create: true, now: NOW, origin: 'form' });
    setDeleted(doc, true, 'list');
    expect(origins).toEqual(['form', 'list']);
  });

  it('[R6] meta.v records the schema version that wrote the record and never goes down', () => {
    const doc = newRecordDoc('acc_version0001');
    doc.getMap('meta').set('c', 'accounts');
    writeRecord(doc, 'accounts', { name: 'Acme' });
    expect(readRecord(doc).schemaVersion).toBe(SCHEMA_VERSION);
    doc.getMap('meta').set('v', 99);
    writeRecord(doc, 'accounts', { name: 'Acme AG' });
    expect(readRecord(doc).schemaVersion).toBe(99);
  });

  it('[R1] titleOf joins the title fields, skipping empty ones', () => {
    expect(titleOf('contacts', { firstName: 'Анна', lastName: 'Иванова' })).toBe('Анна Иванова');
    expect(titleOf('contacts', { lastName: 'Иванова' })).toBe('Иванова');
    expect(titleOf('activities', { type: 'visit', subject: 'Quarterly review' })).toBe('visit Quarterly review');
    expect(titleOf('leads', { name: 'Jiří Dvořák', company: '' })).toBe('Jiří Dvořák');
    expect(titleOf('accounts', {})).toBe('(untitled)');
  });
});

describe('setText (R4)', () => {
  /** The changes setText makes (one delta per transaction), the number of updates and the result. */
  function spliceOf(before: string, after: string): { deltas: unknown[][]; updates: number; text: string } {
    const doc = new Y.Doc();
    const t = doc.getText('t.notes');
    t.insert(0, before);
    const deltas: unknown[][] = [];
    t.observe((e) => deltas.push(e.delta));
    const updates = countUpdates(doc);
    setText(t, after);
    return { deltas, updates: updates.count(), text: t.toString() };
  }
  const deltaOf = (before: string, after: string) => {
    const { deltas, updates, text } = spliceOf(before, after);
    return { delta: deltas.flat(), updates, text };
  };

  it('[R4] an insertion keeps the common prefix and suffix', () => {
    expect(deltaOf('Hello world', 'Hello brave world')).toEqual({ delta: [{ retain: 6 }, { insert: 'brave ' }], updates: 1, text: 'Hello brave world' });
    expect(deltaOf('Привет мир', 'Привет, мир')).toEqual({ delta: [{ retain: 6 }, { insert: ',' }], updates: 1, text: 'Привет, мир' });
    expect(deltaOf('', 'Müller')).toEqual({ delta: [{ insert: 'Müller' }], updates: 1, text: 'Müller' });
    expect(deltaOf('aaa', 'aaaa')).toEqual({ delta: [{ retain: 3 }, { insert: 'a' }], updates: 1, text: 'aaaa' });
  });

  it('[R4] a deletion removes only the characters that went away', () => {
    expect(deltaOf('abcdef', 'abef')).toEqual({ delta: [{ retain: 2 }, { delete: 2 }], updates: 1, text: 'abef' });
    expect(deltaOf('aaaa', 'aa')).toEqual({ delta: [{ retain: 2 }, { delete: 2 }], updates: 1, text: 'aa' });
    expect(deltaOf('Crème brûlée', '')).toEqual({ delta: [{ delete: 12 }], updates: 1, text: '' });
  });

  it('[R4] a replacement is one splice between the common prefix and suffix', () => {
    const { deltas, text } = spliceOf('The quick fox', 'The slow fox');
    expect(text).toBe('The slow fox');
    const ops = deltas.flat() as { retain?: number; insert?: string; delete?: number }[];
    expect(ops.filter((o) => o.retain !== undefined)).toEqual(deltas.map(() => ({ retain: 4 })));
    expect(ops.filter((o) => o.insert !== undefined)).toEqual([{ insert: 'slow' }]);
    expect(ops.filter((o) => o.delete !== undefined)).toEqual([{ delete: 5 }]);
  });

  it('[R4] a whole-string save is one change: one update, one observer event', () => {
    // writeRecord wraps setText in its transaction; a direct call (an editor's save) must be
    // atomic too, or peers and observers see the text with the old words gone and no new ones.
    const { deltas, updates } = spliceOf('The quick fox', 'The slow fox');
    expect(updates).toBe(1);
    expect(deltas).toHaveLength(1);
  });

  it('[R4] saving the same string writes nothing', () => {
    expect(deltaOf('unchanged', 'unchanged')).toEqual({ delta: [], updates: 0, text: 'unchanged' });
  });

  it('[R4] a whole-string save keeps a concurrent edit elsewhere in the text', () => {
    const a = new Y.Doc();
    a.clientID = 1;
    const b = new Y.Doc();
    b.clientID = 2;
    a.getText('t.notes').insert(0, 'Met the CFO. Wants a three-year term.');
    sync(a, b);
    setText(a.getText('t.notes'), 'Met the CEO. Wants a three-year term.');
    b.getText('t.notes').insert(12, ' Budget approved.');
    sync(a, b);
    expect(a.getText('t.notes').toString()).toBe('Met the CEO. Budget approved. Wants a three-year term.');
    expect(b.getText('t.notes').toString()).toBe(a.getText('t.notes').toString());
  });

  it('[R4] replacing one emoji with another keeps the text intact (no split surrogate pair)', () => {
    // 😀 is \uD83D\uDE00 and 😃 is \uD83D\uDE03: the common prefix ends inside the pair.
    expect(deltaOf('Deal 😀 done', 'Deal 😃 done').text).toBe('Deal 😃 done');
    // 😀 (\uD83D\uDE00) and 🨀 (\uD83E\uDE00): the common suffix starts inside the pair.
    expect(deltaOf('x😀', 'x🨀').text).toBe('x🨀');
    expect(deltaOf('👍 ok', '👎 ok').text).toBe('👎 ok');
  });
});

describe('maps and lines (R4)', () => {
  it('[R4] map answers are written per key: unchanged keys are not rewritten, removed keys deleted', () => {
    const { doc } = fixtureDoc('leads');
    const updates = countUpdates(doc);
    const keys = touched(doc, () =>
      writeRecord(doc, 'leads', validate('leads', { answers: { employees: 12, budget: '50k+', timeline: 'Q3' } }, { partial: true })),
    );
    expect(keys).toEqual(['h', 'm.answers.budget', 'm.answers.hasOven', 'm.answers.timeline']);
    expect(updates.count()).toBe(1);
    expect(readRecord(doc).values.answers).toEqual({ employees: 12, budget: '50k+', timeline: 'Q3' });
  });

  it('[R4] concurrent answers under different keys both survive', () => {
    const { doc: a } = fixtureDoc('leads');
    a.clientID = 11;
    const b = replicaOf(a);
    b.clientID = 12;
    writeRecord(a, 'leads', { answers: { employees: 14, budget: '10-50k', hasOven: true } });
    writeRecord(b, 'leads', { answers: { employees: 12, budget: '10-50k', hasOven: true, timeline: 'Easter' } });
    sync(a, b);
    expect(readRecord(a).values.answers).toEqual({ employees: 14, budget: '10-50k', hasOven: true, timeline: 'Easter' });
    expect(readRecord(b)).toEqual(readRecord(a));
  });

  it('[R4] lines are read in position order; reordering rewrites only positions', () => {
    const { doc } = fixtureDoc('quotes');
    const lines = readRecord(doc).values.lines as Record<string, unknown>[];
    const updates = countUpdates(doc);
    const keys = touched(doc, () => writeRecord(doc, 'quotes', validate('quotes', { lines: [lines[1], lines[0]] }, { partial: true })));
    expect(keys).toEqual(['h', 'l.lines/quo0000001.pos', 'l.lines/quo0000002.pos']);
    expect(updates.count()).toBe(1);
    expect((readRecord(doc).values.lines as { id: string }[]).map((l) => l.id)).toEqual(['quo0000002', 'quo0000001']);
  });

  it('[R4] editing a line sets only the changed fields; a field left out of the line is cleared', () => {
    const { doc } = fixtureDoc('quotes');
    const [l1, l2] = readRecord(doc).values.lines as Record<string, unknown>[];
    const { discountPct: _dropped, ...l1WithoutDiscount } = l1 as Record<string, unknown>;
    const keys = touched(doc, () =>
      writeRecord(doc, 'quotes', validate('quotes', { lines: [{ ...l1WithoutDiscount, quantity: 3 }, l2] }, { partial: true })),
    );
    expect(keys).toEqual(['h', 'l.lines/quo0000001.discountPct', 'l.lines/quo0000001.quantity']);
    const [r1] = readRecord(doc).values.lines as Record<string, unknown>[];
    expect(r1).toEqual({ id: 'quo0000001', productId: IDS.product, description: 'Deck oven', quantity: 3, unitPrice: { amount: 1_250_500, currency: 'KWD' } });
  });

  it('[R4] lines sharing a position (added concurrently) are ordered by id, the same on every replica', () => {
    const doc = newRecordDoc('quo_tie0001');
    writeRecord(doc, 'quotes', validate('quotes', FIXTURES.quotes), { create: true, now: NOW });
    const lines = doc.getMap<Y.Map<unknown>>('l.lines');
    doc.transact(() => {
      for (const id of ['zzzz000001', 'aaaa000001']) {
        const m = new Y.Map<unknown>();
        lines.set(id, m);
        m.set('description', id);
        m.set('quantity', 1);
        m.set('unitPrice', { amount: 1, currency: 'KWD' });
        m.set('pos', 1);
      }
    });
    const ids = (readRecord(doc).values.lines as { id: string }[]).map((l) => l.id);
    expect(ids).toEqual(['quo0000001', 'aaaa000001', 'quo0000002', 'zzzz000001']);
    expect((readRecord(replicaOf(doc)).values.lines as { id: string }[]).map((l) => l.id)).toEqual(ids);
  });

  it('[R4] concurrent edits to different lines and to different fields of one line merge; removal beats a concurrent edit', () => {
    const { doc: a } = fixtureDoc('orders');
    a.clientID = 21;
    const b = replicaOf(a);
    b.clientID = 22;
    const [l1, l2, l3] = readRecord(a).values.lines as Record<string, unknown>[];
    writeRecord(a, 'orders', validate('orders', { lines: [{ ...l1, quantity: 2 }, { ...l2, description: 'Trays 60×40' }] }, { partial: true })); // removes l3
    writeRecord(b, 'orders', validate('orders', { lines: [{ ...l1, discountPct: 12 }, l2, { ...l3, quantity: 2 }] }, { partial: true }));
    sync(a, b);
    expect(readRecord(a).values.lines).toEqual([
      { ...l1, quantity: 2, discountPct: 12 },
      { ...l2, description: 'Trays 60×40' },
    ]);
    expect(readRecord(b)).toEqual(readRecord(a));
  });
});

describe('tombstones (R5)', () => {
  it('[R5] deleting sets meta.deleted and keeps every field; restoring clears it', () => {
    const { doc, values } = fixtureDoc('contacts');
    const before = readRecord(doc).values;
    setDeleted(doc, true);
    expect(doc.getMap('meta').get('deleted')).toBe(true);
    const deleted = readRecord(doc);
    expect(deleted.deleted).toBe(true);
    expect(deleted.values).toEqual(before);
    expect(deleted.values).toEqual(expectedRead('contacts', values));
    setDeleted(doc, false);
    expect(doc.getMap('meta').has('deleted')).toBe(false);
    expect(readRecord(doc)).toEqual({ ...deleted, deleted: false });
  });

  it('[R5] the tombstone syncs like any change, and so does the restore', () => {
    const { doc: a } = fixtureDoc('tickets');
    const b = replicaOf(a);
    setDeleted(a, true);
    sync(a, b);
    expect(readRecord(b).deleted).toBe(true);
    setDeleted(b, false);
    sync(a, b);
    expect(readRecord(a).deleted).toBe(false);
  });

  it('[R5] an edit concurrent with a delete is kept and the record stays deleted', () => {
    const { doc: a } = fixtureDoc('tasks');
    a.clientID = 2;
    const b = replicaOf(a);
    b.clientID = 1;
    setDeleted(a, true);
    writeRecord(b, 'tasks', { done: true, notes: 'Include the trays and the oven manual.' });
    sync(a, b);
    for (const d of [a, b]) {
      const s = readRecord(d);
      expect(s.deleted).toBe(true);
      expect(s.values.done).toBe(true);
      expect(s.values.notes).toBe('Include the trays and the oven manual.');
    }
    setDeleted(b, false);
    sync(a, b);
    expect(readRecord(a).deleted).toBe(false);
    expect(readRecord(a).values.done).toBe(true);
  });
});

describe('records from a newer schema (R6)', () => {
  /** A doc as a future version would write it: unknown keys in f, new long text, map and lines, v 99. */
  function newerDoc(): Uint8Array {
    const doc = new Y.Doc({ guid: 'acc_future0001' });
    doc.clientID = 77;
    doc.transact(() => {
      const meta = doc.getMap('meta');
      meta.set('c', 'accounts');
      meta.set('v', 99);
      meta.set('created', NOW);
      meta.set('archivedBy', 'usr_0001');
      const f = doc.getMap('f');
      f.set('name', 'Acme Future');
      f.set('kind', 'customer');
      f.set('legalForm', 'GmbH');
      f.set('rating', { stars: 4, by: 'usr_0001' });
      f.set('vatExempt', false);
      doc.getText('t.notes').insert(0, 'Known long text.');
      doc.getText('t.summary').insert(0, 'A long text field this version does not know.');
      const socials = doc.getMap('m.socials');
      socials.set('mastodon', '@acme@social.example');
      socials.set('followers', 1200);
      const contracts = doc.getMap<Y.Map<unknown>>('l.contracts');
      for (const [id, pos, title] of [['c000000002', 1, 'Maintenance'], ['c000000001', 0, 'Supply']] as const) {
        const line = new Y.Map<unknown>();
        contracts.set(id, line);
        line.set('title', title);
        line.set('pos', pos);
      }
    });
    return Y.encodeStateAsUpdate(doc);
  }

  const FUTURE_VALUES = {
    name: 'Acme Future',
    kind: 'customer',
    legalForm: 'GmbH',
    rating: { stars: 4, by: 'usr_0001' },
    vatExempt: false,
    notes: 'Known long text.',
    summary: 'A long text field this version does not know.',
    socials: { mastodon: '@acme@social.example', followers: 1200 },
    contracts: [
      { id: 'c000000001', title: 'Supply' },
      { id: 'c000000002', title: 'Maintenance' },
    ],
  };

  it('[R6] readRecord returns every field of a doc written by a newer schema (meta.v 99)', () => {
    const doc = new Y.Doc({ guid: 'acc_future0001' });
    Y.applyUpdate(doc, newerDoc());
    expect(readRecord(doc)).toEqual({
      id: 'acc_future0001',
      collection: 'accounts',
      collectionName: 'accounts',
      schemaVersion: 99,
      created: NOW,
      deleted: false,
      values: FUTURE_VALUES,
    });
    const row = toRow('accounts', readRecord(doc));
    expect(row.legalForm).toBe('GmbH');
    expect(row.summary).toBe('A long text field this version does not know.');
  });

  it('[R6] an edit by this version keeps the unknown fields and does not lower meta.v', () => {
    const doc = new Y.Doc({ guid: 'acc_future0001' });
    Y.applyUpdate(doc, newerDoc());
    writeRecord(doc, 'accounts', validate('accounts', { city: 'Köln', notes: 'Known long text, edited.' }, { partial: true }));
    const s = readRecord(doc);
    expect(s.schemaVersion).toBe(99);
    expect(s.values).toEqual({ ...FUTURE_VALUES, city: 'Köln', notes: 'Known long text, edited.' });
    expect(doc.getMap('meta').get('archivedBy')).toBe('usr_0001');
    // And the newer client sees this version's edit next to its own fields.
    const future = new Y.Doc({ guid: 'acc_future0001' });
    Y.applyUpdate(future, newerDoc());
    Y.applyUpdate(future, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(future)));
    expect(readRecord(future).values).toEqual(s.values);
  });

  it('[R6] a record of a collection this version does not know is still read, not dropped', () => {
    const src = new Y.Doc({ guid: 'inv_0001' });
    src.getMap('meta').set('c', 'invoices');
    src.getMap('meta').set('v', 7);
    src.getMap('f').set('number', 'INV-1');
    src.getText('t.memo').insert(0, 'Paid in cash.');
    const doc = new Y.Doc({ guid: 'inv_0001' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src));
    const s = readRecord(doc);
    expect(s.collection).toBeUndefined();
    expect(s.collectionName).toBe('invoices');
    expect(s.schemaVersion).toBe(7);
    expect(s.values).toEqual({ number: 'INV-1', memo: 'Paid in cash.' });
  });

  it('[R6] an empty doc reads as an empty record, not an error', () => {
    const s = readRecord(new Y.Doc({ guid: makeId('accounts', 'empty0001') }));
    expect(s).toEqual({
      id: 'acc_empty0001',
      collection: undefined,
      collectionName: undefined,
      schemaVersion: 0,
      created: 0,
      deleted: false,
      values: {},
    });
  });
});
