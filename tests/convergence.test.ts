// Convergence of record docs (SPEC R2–R5, R9) under a hostile network: N replicas, one Y.Doc
// per record each, seeded random edits of every field kind, random delivery order, duplicates,
// long delays and offline stretches. At the end every replica must hold the same record.
//
// CI runs a few seeds; more:   CONVERGENCE_RUNS=200 npx vitest run tests/convergence.test.ts
// replay one failing seed:     CONVERGENCE_SEED=1234 npx vitest run tests/convergence.test.ts
// longer runs:                 CONVERGENCE_OPS=2000 (operations per seed, default 150)
// print what each run did:     CONVERGENCE_VERBOSE=1
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  COLLECTION_NAMES,
  fieldsOf,
  makeId,
  readRecord,
  setDeleted,
  setText,
  toRow,
  validate,
  writeRecord,
  type CollectionName,
  type CustomFieldDef,
  type FieldDef,
  type RecordState,
  type Values,
} from '@counterpart/model';
import { Network, REMOTE, type Replica } from './support/crdt-network.ts';
import {
  SCALAR_KINDS,
  fieldsOfKind,
  randomAnswer,
  randomLine,
  randomLongText,
  randomRecord,
  randomSnippet,
  randomValue,
} from './support/record-values.ts';
import { Rng } from './support/rng.ts';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

const RUNS = envInt('CONVERGENCE_RUNS', 3);
const OPS = envInt('CONVERGENCE_OPS', 150);
const SEEDS: number[] =
  process.env.CONVERGENCE_SEED !== undefined && process.env.CONVERGENCE_SEED !== ''
    ? [envInt('CONVERGENCE_SEED', 1)]
    : Array.from({ length: Math.max(1, RUNS) }, (_, i) => i + 1);

/** Custom fields of the simulated workspace (R9): they must merge like built-in fields of their kind. */
const CUSTOM: Partial<Record<CollectionName, readonly CustomFieldDef[]>> = {
  accounts: [
    { key: 'region', label: 'Region', kind: 'text' },
    { key: 'plan_notes', label: 'Plan notes', kind: 'longtext' },
    { key: 'budget', label: 'Budget', kind: 'money' },
    { key: 'tier', label: 'Tier', kind: 'enum', options: ['gold', 'silver', 'bronze'] },
    { key: 'visited', label: 'Visited', kind: 'boolean' },
  ],
  deals: [
    { key: 'competitor', label: 'Competitor', kind: 'text' },
    { key: 'decided_at', label: 'Decided at', kind: 'datetime' },
    { key: 'seats', label: 'Seats', kind: 'integer' },
  ],
};
const customOf = (c: CollectionName): readonly CustomFieldDef[] => CUSTOM[c] ?? [];

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface World {
  readonly seed: number;
  readonly rng: Rng;
  readonly net: Network;
  readonly pool: Map<CollectionName, string[]>;
  readonly collectionOf: Map<string, CollectionName>;
  /** Records not created yet, created by some replica during the run. */
  readonly unborn: string[];
  ops: Record<string, number>;
  /** Docs yjs left with pending structs although they held every update (healed by settle()). */
  yjsStuck: number;
}

function say(w: World, what: string): string {
  return `seed ${w.seed} (replay: CONVERGENCE_SEED=${w.seed}): ${what}`;
}

function makeWorld(seed: number): World {
  const rng = new Rng(seed);
  const n = rng.int(3, 5);
  const ids = new Set<number>();
  while (ids.size < n) ids.add(rng.int(1, 0xffffffff));
  const net = new Network(rng.fork(), [...ids]);
  const pool = new Map<CollectionName, string[]>();
  const collectionOf = new Map<string, CollectionName>();
  for (const c of COLLECTION_NAMES) {
    const list: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = makeId(c, rng.chars(12, ID_ALPHABET));
      list.push(id);
      collectionOf.set(id, c);
    }
    pool.set(c, list);
  }
  return { seed, rng, net, pool, collectionOf, unborn: [], ops: {}, yjsStuck: 0 };
}

function collectionOfRecord(w: World, id: string): CollectionName {
  const c = w.collectionOf.get(id);
  if (!c) throw new Error(`unknown record ${id}`);
  return c;
}

function createRecord(w: World, r: Replica, id: string): void {
  const c = collectionOfRecord(w, id);
  const custom = customOf(c);
  const values = validate(c, randomRecord(w.rng, c, w.pool, custom), { custom });
  writeRecord(r.doc(id), c, values, { create: true, now: 1_700_000_000_000 + w.net.step, custom });
}

function count(w: World, op: string): void {
  w.ops[op] = (w.ops[op] ?? 0) + 1;
}

/** A validated single-field patch for `key`, retried until it differs from `current`. */
function freshValue(w: World, c: CollectionName, key: string, def: FieldDef, current: unknown, avoid: unknown[] = []): unknown {
  const custom = customOf(c);
  for (let tries = 0; tries < 200; tries++) {
    const v = validate(c, { [key]: randomValue(w.rng, def, w.pool) }, { partial: true, custom })[key];
    if (v === null || v === undefined) throw new Error(say(w, `generated an empty value for ${c}.${key}`));
    if (!same(v, current) && !avoid.some((a) => same(a, v))) return v;
  }
  throw new Error(say(w, `could not generate a new value for ${c}.${key}`));
}

// ---------------------------------------------------------------------------------------------
// Random operations

function opScalar(w: World, r: Replica, id: string, c: CollectionName): void {
  const custom = customOf(c);
  const scalars = fieldsOfKind(c, custom, (d) => SCALAR_KINDS.has(d.kind));
  const patch: Values = {};
  const n = w.rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    const [k, d] = w.rng.pick(scalars);
    patch[k] = !d.required && w.rng.chance(0.15) ? null : randomValue(w.rng, d, w.pool);
  }
  writeRecord(r.doc(id), c, validate(c, patch, { partial: true, custom }), { custom });
  count(w, 'scalar');
}

function opTextEdit(w: World, r: Replica, id: string, key: string): void {
  const t = r.doc(id).getText(`t.${key}`);
  if (t.length === 0 || w.rng.chance(0.6)) {
    t.insert(w.rng.int(0, t.length), randomSnippet(w.rng));
    count(w, 'text.insert');
  } else {
    const pos = w.rng.int(0, t.length - 1);
    t.delete(pos, w.rng.int(1, Math.min(12, t.length - pos)));
    count(w, 'text.delete');
  }
}

function opTextSave(w: World, r: Replica, id: string, c: CollectionName, key: string): void {
  const custom = customOf(c);
  const doc = r.doc(id);
  const cur = doc.getText(`t.${key}`).toString();
  const a = w.rng.int(0, cur.length);
  const b = w.rng.int(a, Math.min(cur.length, a + 15));
  const next = w.rng.chance(0.05) ? '' : cur.slice(0, a) + (w.rng.chance(0.7) ? randomSnippet(w.rng) : '') + cur.slice(b);
  if (w.rng.chance(0.5)) {
    // A form save: the whole record form goes through validate() and writeRecord().
    writeRecord(doc, c, validate(c, { [key]: next }, { partial: true, custom }), { custom });
    count(w, 'text.save.form');
  } else {
    setText(doc.getText(`t.${key}`), next);
    count(w, 'text.save.setText');
  }
}

function opMap(w: World, r: Replica, id: string, c: CollectionName, key: string): void {
  const custom = customOf(c);
  const state = readRecord(r.doc(id), custom);
  const cur = (state.values[key] ?? {}) as Record<string, string | number | boolean>;
  const next = { ...cur };
  const keys = Object.keys(next);
  if (keys.length > 0 && w.rng.chance(0.35)) {
    delete next[w.rng.pick(keys)];
    count(w, 'map.delete');
  } else {
    next[w.rng.pick(['budget', 'timeline', 'decision', 'employees', 'need', 'competitor'])] = randomAnswer(w.rng);
    count(w, 'map.set');
  }
  writeRecord(r.doc(id), c, validate(c, { [key]: next }, { partial: true, custom }), { custom });
}

function opLines(w: World, r: Replica, id: string, c: CollectionName, key: string, def: FieldDef): void {
  if (def.kind !== 'lines') throw new Error(`${c}.${key} is not a lines field`);
  const custom = customOf(c);
  const cur = ((readRecord(r.doc(id), custom).values[key] ?? []) as Record<string, unknown>[]).map((l) => ({ ...l }));
  // Updates arrive out of causal order here, so a replica can briefly see a line whose required
  // field was replaced elsewhere: Yjs applies the delete of the old value at once but holds the
  // new value until the updates it depends on arrive. A form would make the user fill it in.
  for (const line of cur) {
    for (const [lk, ld] of Object.entries(def.line)) {
      if (ld.required && line[lk] === undefined) {
        line[lk] = randomValue(w.rng, ld, w.pool);
        count(w, 'lines.transient-gap');
      }
    }
  }
  let action = cur.length === 0 ? 'add' : w.rng.pick(['add', 'add', 'edit', 'edit', 'remove', 'reorder'] as const);
  if (action === 'add' && cur.length >= 8) action = 'edit';
  const next = cur;
  if (action === 'add') {
    next.splice(w.rng.int(0, cur.length), 0, randomLine(w.rng, def.line, w.pool));
  } else if (action === 'edit') {
    const line = w.rng.pick(next);
    const [lk, ld] = w.rng.pick(Object.entries(def.line));
    if (!ld.required && w.rng.chance(0.25)) delete line[lk];
    else line[lk] = randomValue(w.rng, ld, w.pool);
  } else if (action === 'remove') {
    next.splice(w.rng.int(0, next.length - 1), 1);
  } else {
    const [moved] = next.splice(w.rng.int(0, next.length - 1), 1);
    next.splice(w.rng.int(0, next.length), 0, moved as Record<string, unknown>);
  }
  writeRecord(r.doc(id), c, validate(c, { [key]: next }, { partial: true, custom }), { custom });
  count(w, `lines.${action}`);
}

function randomOp(w: World): void {
  const { rng, net } = w;
  const r = rng.pick(net.replicas);
  if (w.unborn.length > 0 && rng.chance(0.08)) {
    const id = w.unborn.splice(rng.int(0, w.unborn.length - 1), 1)[0] as string;
    createRecord(w, r, id);
    count(w, 'create');
    return;
  }
  const known = r.knownRecords();
  if (known.length === 0) return;
  const want = rng.pick(['scalar', 'scalar', 'scalar', 'text', 'text', 'save', 'map', 'lines', 'lines', 'delete'] as const);
  const withField = (test: (d: FieldDef) => boolean) =>
    known.flatMap((id) => {
      const c = collectionOfRecord(w, id);
      return fieldsOfKind(c, customOf(c), test).map(([k, d]) => ({ id, c, k, d }));
    });
  const pickField = (test: (d: FieldDef) => boolean) => {
    const all = withField(test);
    return all.length > 0 ? rng.pick(all) : undefined;
  };
  if (want === 'text' || want === 'save') {
    const f = pickField((d) => d.kind === 'longtext');
    if (f) return want === 'text' ? opTextEdit(w, r, f.id, f.k) : opTextSave(w, r, f.id, f.c, f.k);
  } else if (want === 'map') {
    const f = pickField((d) => d.kind === 'map');
    if (f) return opMap(w, r, f.id, f.c, f.k);
  } else if (want === 'lines') {
    const f = pickField((d) => d.kind === 'lines');
    if (f) return opLines(w, r, f.id, f.c, f.k, f.d);
  } else if (want === 'delete') {
    const id = rng.pick(known);
    const doc = r.doc(id);
    const deleted = readRecord(doc).deleted;
    setDeleted(doc, !deleted);
    count(w, deleted ? 'restore' : 'delete');
    return;
  }
  const id = rng.pick(known);
  opScalar(w, r, id, collectionOfRecord(w, id));
}

// ---------------------------------------------------------------------------------------------
// Checks

function stateOf(w: World, r: Replica, id: string): RecordState {
  const doc = r.docs.get(id);
  if (!doc) throw new Error(say(w, `replica ${r.index} never received record ${id}`));
  return readRecord(doc, customOf(collectionOfRecord(w, id)));
}

/**
 * Delivers every queued message, checks that every update reached every replica, then repairs
 * the docs yjs left stuck. yjs 13.6.33 can keep structs pending for good although every update
 * was delivered: after a retry it records the wrong missing clock and never retries again (see
 * the "[yjs] pending structs" test below). A real client recovers the way y-protocols does on
 * every (re)connect, by a state-vector exchange, so the harness does that here, but only after
 * proving the doc holds every update it needs; anything else fails the run.
 */
function settle(w: World): void {
  w.net.deliverAll();
  expect(w.net.undelivered(), say(w, 'every update reached every other replica')).toEqual([]);
  for (const id of w.net.recordIds()) {
    for (const r of w.net.replicas) {
      const doc = r.docs.get(id);
      if (!doc || (doc.store.pendingStructs === null && doc.store.pendingDs === null)) continue;
      const fresh = new Y.Doc({ guid: id });
      Y.applyUpdate(fresh, Y.mergeUpdates(w.net.updatesHeldBy(r, id)));
      expect(fresh.store.pendingStructs, say(w, `replica ${r.index} lacks updates of ${id}`)).toBeNull();
      for (const peer of w.net.replicas) {
        const other = peer.docs.get(id);
        if (other && peer !== r) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), REMOTE);
      }
      w.yjsStuck++;
    }
  }
}

function assertConverged(w: World, phase: string): void {
  const [first, ...others] = w.net.replicas;
  if (!first) throw new Error('no replicas');
  for (const id of w.net.recordIds()) {
    const c = collectionOfRecord(w, id);
    const custom = customOf(c);
    const ref = stateOf(w, first, id);
    const refDoc = first.docs.get(id) as Y.Doc;
    expect(ref.collection, say(w, `${phase}: ${id} names its collection`)).toBe(c);
    expect(ref.schemaVersion, say(w, `${phase}: ${id} schema version`)).toBeGreaterThanOrEqual(1);
    for (const r of w.net.replicas) {
      const doc = r.docs.get(id) as Y.Doc;
      expect(doc.store.pendingStructs, say(w, `${phase}: replica ${r.index} has updates waiting for ${id}`)).toBeNull();
      expect(doc.store.pendingDs, say(w, `${phase}: replica ${r.index} has deletes waiting for ${id}`)).toBeNull();
    }
    for (const r of others) {
      const label = `${phase}: replica ${r.index} (client ${r.clientID}) vs replica 0 (client ${first.clientID}), ${c} ${id}`;
      const s = stateOf(w, r, id);
      expect(s.values, say(w, `${label}: values`)).toEqual(ref.values);
      expect(s.deleted, say(w, `${label}: deleted`)).toBe(ref.deleted);
      expect(s, say(w, `${label}: whole record state`)).toEqual(ref);
      expect(Y.encodeStateVector(r.docs.get(id) as Y.Doc), say(w, `${label}: state vector`)).toEqual(
        Y.encodeStateVector(refDoc),
      );
      expect(toRow(c, s, custom), say(w, `${label}: row`)).toEqual(toRow(c, ref, custom));
    }
    // The merged record is still a valid record: required fields survive every merge.
    expect(() => validate(c, ref.values, { custom }), say(w, `${phase}: merged ${c} ${id} is valid`)).not.toThrow();
  }
}

function scalarFields(c: CollectionName): [string, FieldDef][] {
  return fieldsOfKind(c, customOf(c), (d) => SCALAR_KINDS.has(d.kind));
}

/** [R2] Each replica changes a different field of one record while partitioned: all changes survive. */
function checkDifferentFields(w: World): void {
  const n = w.net.replicas.length;
  const candidates = w.net.recordIds().filter((id) => scalarFields(collectionOfRecord(w, id)).length >= n);
  const id = w.rng.pick(candidates);
  const c = collectionOfRecord(w, id);
  const fields = w.rng.shuffle(scalarFields(c)).slice(0, n);
  w.net.partition();
  const expected: Values = {};
  w.net.replicas.forEach((r, i) => {
    const [k, d] = fields[i] as [string, FieldDef];
    const v = freshValue(w, c, k, d, stateOf(w, r, id).values[k]);
    writeRecord(r.doc(id), c, { [k]: v }, { custom: customOf(c) });
    expected[k] = v;
  });
  settle(w);
  for (const r of w.net.replicas) {
    const values = stateOf(w, r, id).values;
    for (const [k, v] of Object.entries(expected)) {
      expect(values[k], say(w, `[R2] replica ${r.index}: ${c}.${k} of ${id} keeps its concurrent edit`)).toEqual(v);
    }
  }
}

/** [R3] Every replica writes the same field while partitioned: the highest client id wins. */
function checkSameField(w: World, kinds: readonly FieldDef['kind'][]): void {
  const candidates = w.net
    .recordIds()
    .flatMap((id) => scalarFields(collectionOfRecord(w, id)).map(([k, d]) => ({ id, k, d })))
    .filter(({ d }) => kinds.includes(d.kind));
  const { id, k, d } = w.rng.pick(candidates);
  const c = collectionOfRecord(w, id);
  const current = stateOf(w, w.net.replicas[0] as Replica, id).values[k];
  w.net.partition();
  const written: unknown[] = [];
  for (const r of w.net.replicas) {
    const v = freshValue(w, c, k, d, current, written);
    writeRecord(r.doc(id), c, { [k]: v }, { custom: customOf(c) });
    written.push(v);
  }
  settle(w);
  let winner = 0;
  w.net.replicas.forEach((r, i) => {
    if (r.clientID > (w.net.replicas[winner] as Replica).clientID) winner = i;
  });
  for (const r of w.net.replicas) {
    expect(
      stateOf(w, r, id).values[k],
      say(w, `[R3] replica ${r.index}: ${c}.${k} (${d.kind}) of ${id} is the value of the highest client id (replica ${winner})`),
    ).toEqual(written[winner]);
  }
}

/** [R4] Concurrent insertions at different places, plus a whole-string save elsewhere, all survive. */
function checkTextMerge(w: World): void {
  const candidates = w.net
    .recordIds()
    .flatMap((id) => {
      const c = collectionOfRecord(w, id);
      return fieldsOfKind(c, customOf(c), (d) => d.kind === 'longtext').map(([k]) => ({ id, c, k }));
    });
  const { id, c, k } = w.rng.pick(candidates);
  const n = w.net.replicas.length;
  const first = w.net.replicas[0] as Replica;
  let base = first.doc(id).getText(`t.${k}`).toString();
  if (base.length < 20 || base.includes('«') || base.includes('>')) {
    setText(first.doc(id).getText(`t.${k}`), randomLongText(w.rng) + randomLongText(w.rng) + 'and some more text here.');
    settle(w);
    base = first.doc(id).getText(`t.${k}`).toString();
  }
  // Replica 0 saves the whole text with its first three characters replaced (a form save);
  // the others insert markers at distinct places after that region.
  const positions = w.rng.shuffle(Array.from({ length: base.length - 3 }, (_, i) => i + 4)).slice(0, n - 1);
  w.net.partition();
  writeRecord(first.doc(id), c, validate(c, { [k]: `>>>${base.slice(3)}` }, { partial: true, custom: customOf(c) }), {
    custom: customOf(c),
  });
  w.net.replicas.slice(1).forEach((r, i) => r.doc(id).getText(`t.${k}`).insert(positions[i] as number, `«${i + 1}»`));
  settle(w);
  let expected = base;
  const inserts = positions.map((p, i) => ({ p, marker: `«${i + 1}»` })).sort((a, b) => b.p - a.p);
  for (const { p, marker } of inserts) expected = expected.slice(0, p) + marker + expected.slice(p);
  expected = `>>>${expected.slice(3)}`;
  for (const r of w.net.replicas) {
    expect(
      r.doc(id).getText(`t.${k}`).toString(),
      say(w, `[R4] replica ${r.index}: ${c}.${k} of ${id} keeps every concurrent insertion and the save`),
    ).toBe(expected);
  }
}

/** [R5] A delete concurrent with edits: the record stays deleted and keeps the edits; restore brings it back. */
function checkDeleteVsEdit(w: World): void {
  const n = w.net.replicas.length;
  const candidates = w.net.recordIds().filter((id) => scalarFields(collectionOfRecord(w, id)).length >= n);
  const id = w.rng.pick(candidates);
  const c = collectionOfRecord(w, id);
  const replicas = w.net.replicas;
  if (stateOf(w, replicas[0] as Replica, id).deleted) {
    setDeleted((replicas[0] as Replica).doc(id), false);
    settle(w);
  }
  const before = stateOf(w, replicas[0] as Replica, id).values;
  const deleter = w.rng.int(0, n - 1);
  const fields = w.rng.shuffle(scalarFields(c));
  w.net.partition();
  const expected: Values = {};
  replicas.forEach((r, i) => {
    if (i === deleter) {
      setDeleted(r.doc(id), true);
      return;
    }
    const [k, d] = fields[i] as [string, FieldDef];
    const v = freshValue(w, c, k, d, before[k]);
    writeRecord(r.doc(id), c, { [k]: v }, { custom: customOf(c) });
    expected[k] = v;
  });
  settle(w);
  for (const r of replicas) {
    const s = stateOf(w, r, id);
    expect(s.deleted, say(w, `[R5] replica ${r.index}: ${c} ${id} stays deleted after a concurrent edit`)).toBe(true);
    for (const [k, v] of Object.entries(expected)) {
      expect(s.values[k], say(w, `[R5] replica ${r.index}: edit of ${k} kept on deleted ${id}`)).toEqual(v);
    }
  }
  setDeleted(w.rng.pick(replicas).doc(id), false);
  settle(w);
  for (const r of replicas) {
    const s = stateOf(w, r, id);
    expect(s.deleted, say(w, `[R5] replica ${r.index}: ${id} restored`)).toBe(false);
    expect(s.values, say(w, `[R5] replica ${r.index}: restored ${id} has its fields and the concurrent edits`)).toEqual({
      ...before,
      ...expected,
    });
  }
}

function runSeed(seed: number): World {
  const w = makeWorld(seed);
  const { rng, net } = w;
  // Half the records exist and are synced before the run; the rest are created during it.
  for (const c of COLLECTION_NAMES) {
    const [synced, later] = w.pool.get(c) as [string, string];
    createRecord(w, rng.pick(net.replicas), synced);
    w.unborn.push(later);
  }
  settle(w);
  for (let op = 0; op < OPS; op++) {
    randomOp(w);
    net.tick(3, 0.02, [5, 60]);
  }
  for (const id of w.unborn.splice(0)) createRecord(w, rng.pick(net.replicas), id);
  settle(w);
  assertConverged(w, 'after random operations');

  checkDifferentFields(w);
  checkSameField(w, ['text', 'email', 'phone', 'url', 'integer', 'number', 'date', 'datetime', 'ref']);
  checkSameField(w, ['money']);
  checkTextMerge(w);
  checkDeleteVsEdit(w);
  assertConverged(w, 'after the rule checks');
  return w;
}

describe('convergence of record docs across replicas', () => {
  for (const seed of SEEDS) {
    it(`[R2][R3][R4][R5][R9] seed ${seed}: ${OPS} random operations on every collection converge under reordering, duplicates, delays and offline replicas`, () => {
      let w: World;
      try {
        w = runSeed(seed);
      } catch (e) {
        if (e instanceof Error && !e.message.includes('CONVERGENCE_SEED')) {
          e.message = `seed ${seed} (replay: CONVERGENCE_SEED=${seed}): ${e.message}`;
        }
        throw e;
      }
      if (process.env.CONVERGENCE_VERBOSE) {
        console.log(`seed ${seed}: ${w.net.replicas.length} replicas`, w.ops, w.net.stats, `yjs stuck docs healed: ${w.yjsStuck}`);
      }
      // The run really exercised what it claims to (guards against a generator that does nothing).
      const ops = w.ops;
      const total = Object.values(ops).reduce((a, b) => a + b, 0);
      expect(total, say(w, `operations ${JSON.stringify(ops)}`)).toBeGreaterThanOrEqual(Math.floor(OPS * 0.8));
      if (OPS >= 100) {
        for (const op of ['scalar', 'text.insert', 'lines.add', 'create', 'delete']) {
          expect(ops[op] ?? 0, say(w, `operation ${op} ran (${JSON.stringify(ops)})`)).toBeGreaterThan(0);
        }
        expect(w.net.stats.duplicates, say(w, 'duplicates were delivered')).toBeGreaterThan(0);
        expect(w.net.stats.heldBack, say(w, 'messages were held back')).toBeGreaterThan(0);
      }
      const collections = new Set(w.net.recordIds().map((id) => w.collectionOf.get(id)));
      expect([...collections].sort(), say(w, 'every collection took part')).toEqual([...COLLECTION_NAMES].sort());
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Targeted two-replica scenarios

interface Pair {
  readonly a: Y.Doc;
  readonly b: Y.Doc;
  /** Updates each replica made since the last sync. */
  readonly outA: Uint8Array[];
  readonly outB: Uint8Array[];
}

function pair(id: string, clientA: number, clientB: number, collection: CollectionName, values: Values, custom: readonly CustomFieldDef[] = []): Pair {
  const a = new Y.Doc({ guid: id });
  a.clientID = clientA;
  const b = new Y.Doc({ guid: id });
  b.clientID = clientB;
  writeRecord(a, collection, validate(collection, values, { custom }), { create: true, now: 1_700_000_000_000, custom });
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), REMOTE);
  const outA: Uint8Array[] = [];
  const outB: Uint8Array[] = [];
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && outA.push(u));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && outB.push(u));
  return { a, b, outA, outB };
}

/** Heals a partition: each side receives the other's updates in the given order (duplicates allowed). */
function heal(p: Pair, order: (updates: Uint8Array[]) => Uint8Array[]): void {
  const toB = order([...p.outA]);
  const toA = order([...p.outB]);
  for (const u of toB) Y.applyUpdate(p.b, u, REMOTE);
  for (const u of toA) Y.applyUpdate(p.a, u, REMOTE);
  p.outA.length = 0;
  p.outB.length = 0;
}

const ORDERS: Record<string, (u: Uint8Array[]) => Uint8Array[]> = {
  'in order': (u) => u,
  reversed: (u) => [...u].reverse(),
  'reversed with duplicates': (u) => [...u].reverse().concat(u),
};

function expectSameDocs(p: Pair, custom: readonly CustomFieldDef[] = []): RecordState {
  const ra = readRecord(p.a, custom);
  expect(readRecord(p.b, custom)).toEqual(ra);
  expect(Y.encodeStateVector(p.b)).toEqual(Y.encodeStateVector(p.a));
  expect(p.a.store.pendingStructs).toBeNull();
  expect(p.b.store.pendingStructs).toBeNull();
  return ra;
}

const DEAL = {
  name: 'Fleet renewal',
  stage: 'proposal',
  accountId: makeId('accounts', 'acme0001'),
  amount: { amount: 1_250_000, currency: 'EUR' },
  probability: 40,
  expectedClose: '2025-09-30',
  notes: 'Met the CFO. Wants a three-year term.',
};

describe('[R3] same-field conflicts between two partitioned replicas', () => {
  const cases: { field: string; kind: string; low: unknown; high: unknown; lowFirst?: unknown }[] = [
    { field: 'name', kind: 'text', low: 'Fleet renewal 2026', high: 'Fleet renewal (Nordwind)', lowFirst: 'Fleet renewal v2' },
    { field: 'stage', kind: 'enum', low: 'won', high: 'lost', lowFirst: 'negotiation' },
    { field: 'amount', kind: 'money', low: { amount: 990_000, currency: 'EUR' }, high: { amount: 1_300_000, currency: 'USD' } },
    { field: 'probability', kind: 'integer', low: 90, high: 10, lowFirst: 50 },
    { field: 'expectedClose', kind: 'date', low: '2025-12-01', high: '2026-01-15' },
    { field: 'accountId', kind: 'ref', low: makeId('accounts', 'nord0002'), high: makeId('accounts', 'zeta0003') },
    { field: 'x_seats', kind: 'integer (custom)', low: 12, high: 40 },
  ];
  const custom = CUSTOM.deals ?? [];
  for (const { field, kind, low, high, lowFirst } of cases) {
    for (const [orderName, order] of Object.entries(ORDERS)) {
      for (const highIsA of [false, true]) {
        it(`[R3] ${kind} field "${field}": the higher clientID's value wins on both replicas (${orderName}, higher client is ${highIsA ? 'A' : 'B'})`, () => {
          const [clientA, clientB] = highIsA ? [900_001, 17] : [17, 900_001];
          const p = pair('dea_r3conflict', clientA, clientB, 'deals', DEAL, custom);
          const [docLow, docHigh] = highIsA ? [p.b, p.a] : [p.a, p.b];
          // The lower client writes twice (its second write supersedes its first), the higher once.
          if (lowFirst !== undefined) writeRecord(docLow, 'deals', validate('deals', { [field]: lowFirst }, { partial: true, custom }), { custom });
          writeRecord(docLow, 'deals', validate('deals', { [field]: low }, { partial: true, custom }), { custom });
          writeRecord(docHigh, 'deals', validate('deals', { [field]: high }, { partial: true, custom }), { custom });
          expect(p.outA.length + p.outB.length).toBeGreaterThanOrEqual(2);
          heal(p, order);
          const merged = expectSameDocs(p, custom);
          expect(merged.values[field]).toEqual(high);
          // The other fields are untouched by the conflict.
          expect(merged.values.notes).toBe(DEAL.notes);
        });
      }
    }
  }

  it('[R3] the winner is the same for an observer that receives every update in any order', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 20; round++) {
      const clients = [rng.int(1, 1000), rng.int(1001, 2000), rng.int(2001, 3000)];
      const [cA, cB, cC] = rng.shuffle(clients) as [number, number, number];
      const base = pair('dea_r3observer', cA, cB, 'deals', DEAL);
      const c = new Y.Doc({ guid: 'dea_r3observer' });
      c.clientID = cC;
      const outC: Uint8Array[] = [];
      Y.applyUpdate(c, Y.encodeStateAsUpdate(base.a), REMOTE);
      c.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && outC.push(u));
      const values = new Map<number, unknown>();
      for (const [doc, client] of [[base.a, cA], [base.b, cB], [c, cC]] as const) {
        const amount = { amount: rng.int(1, 1_000_000), currency: rng.pick(['EUR', 'USD', 'JPY']) };
        writeRecord(doc, 'deals', { amount });
        values.set(client, amount);
      }
      const all = [...base.outA, ...base.outB, ...outC];
      const expected = values.get(Math.max(cA, cB, cC));
      for (const doc of [base.a, base.b, c]) {
        for (const u of rng.shuffle(all.concat(rng.chance(0.5) ? all : []))) Y.applyUpdate(doc, u, REMOTE);
        expect(readRecord(doc).values.amount, `round ${round}, clients ${cA}/${cB}/${cC}`).toEqual(expected);
      }
      expect(Y.encodeStateVector(base.b)).toEqual(Y.encodeStateVector(base.a));
      expect(Y.encodeStateVector(c)).toEqual(Y.encodeStateVector(base.a));
    }
  });

  it('[R3] money is one value: a concurrent amount change and currency change never pair up', () => {
    for (const highIsA of [false, true]) {
      const p = pair('dea_r3money', highIsA ? 500 : 5, highIsA ? 5 : 500, 'deals', DEAL);
      writeRecord(p.a, 'deals', { amount: { amount: 2_000_000, currency: 'EUR' } }); // A changes the amount
      writeRecord(p.b, 'deals', { amount: { amount: 1_250_000, currency: 'CHF' } }); // B changes the currency
      heal(p, ORDERS.reversed as (u: Uint8Array[]) => Uint8Array[]);
      const merged = expectSameDocs(p);
      expect(merged.values.amount).toEqual(highIsA ? { amount: 2_000_000, currency: 'EUR' } : { amount: 1_250_000, currency: 'CHF' });
      expect(merged.values.amount).not.toEqual({ amount: 2_000_000, currency: 'CHF' });
    }
  });
});

describe('[R2] different fields edited on two partitioned replicas', () => {
  it('[R2] both edits survive, for built-in and custom fields, in either delivery order', () => {
    const custom = CUSTOM.accounts ?? [];
    for (const [orderName, order] of Object.entries(ORDERS)) {
      const p = pair('acc_r2fields', 11, 22, 'accounts', { name: 'Acme GmbH', kind: 'customer', city: 'Berlin' }, custom);
      writeRecord(p.a, 'accounts', validate('accounts', { city: 'München', x_region: 'South' }, { partial: true, custom }), { custom });
      writeRecord(p.b, 'accounts', validate('accounts', { phone: '+49 89 1234567', x_budget: { amount: 50_000_00, currency: 'EUR' } }, { partial: true, custom }), { custom });
      heal(p, order);
      const merged = expectSameDocs(p, custom);
      expect(merged.values, orderName).toEqual({
        name: 'Acme GmbH',
        kind: 'customer',
        city: 'München',
        phone: '+49 89 1234567',
        x_region: 'South',
        x_budget: { amount: 50_000_00, currency: 'EUR' },
      });
    }
  });

  it('[R2] concurrent map answers under different keys and edits to different lines both survive', () => {
    const lead = {
      name: 'Ivana Horvat',
      status: 'new',
      receivedAt: Date.UTC(2025, 2, 3, 9, 30),
      answers: { budget: 'unknown', employees: 40 },
    };
    const p = pair('led_r2answers', 3, 4, 'leads', lead);
    writeRecord(p.a, 'leads', { answers: { budget: '10-50k', employees: 40 } });
    writeRecord(p.b, 'leads', { answers: { budget: 'unknown', employees: 40, timeline: 'Q3' } });
    heal(p, ORDERS['in order'] as (u: Uint8Array[]) => Uint8Array[]);
    expect(expectSameDocs(p).values.answers).toEqual({ budget: '10-50k', employees: 40, timeline: 'Q3' });

    const order = {
      number: 'SO-1001',
      accountId: makeId('accounts', 'acme0001'),
      status: 'registered',
      currency: 'EUR',
      orderedOn: '2025-05-02',
      lines: [
        { id: 'line000001', description: 'Brackets', quantity: 10, unitPrice: { amount: 250, currency: 'EUR' } },
        { id: 'line000002', description: 'Bolts', quantity: 200, unitPrice: { amount: 12, currency: 'EUR' } },
      ],
    };
    const q = pair('ord_r2lines', 3, 4, 'orders', order);
    const lines = order.lines;
    writeRecord(q.a, 'orders', validate('orders', { lines: [{ ...lines[0], quantity: 12 }, lines[1]] }, { partial: true }));
    writeRecord(q.b, 'orders', validate('orders', { lines: [{ ...lines[0], discountPct: 5 }, { ...lines[1], description: 'Hex bolts M8' }] }, { partial: true }));
    heal(q, ORDERS.reversed as (u: Uint8Array[]) => Uint8Array[]);
    expect(expectSameDocs(q).values.lines).toEqual([
      { id: 'line000001', description: 'Brackets', quantity: 12, unitPrice: { amount: 250, currency: 'EUR' }, discountPct: 5 },
      { id: 'line000002', description: 'Hex bolts M8', quantity: 200, unitPrice: { amount: 12, currency: 'EUR' } },
    ]);
  });
});

describe('[R4] long text and lines merge', () => {
  it('[R4] concurrent text insertions at different positions both survive', () => {
    for (const [orderName, order] of Object.entries(ORDERS)) {
      const p = pair('dea_r4text', 8, 9, 'deals', DEAL);
      p.a.getText('t.notes').insert(0, 'Call on Monday. ');
      p.b.getText('t.notes').insert(DEAL.notes.length, ' Send the revised quote.');
      p.b.getText('t.notes').insert(DEAL.notes.indexOf('Wants'), 'He ');
      heal(p, order);
      expect(expectSameDocs(p).values.notes, orderName).toBe(
        'Call on Monday. Met the CFO. He Wants a three-year term. Send the revised quote.',
      );
    }
  });

  it('[R4] a whole-string save (setText, writeRecord) does not clobber a concurrent edit elsewhere', () => {
    const p = pair('dea_r4save', 8, 9, 'deals', DEAL);
    // A's form saves the whole notes field with a word changed near the start.
    writeRecord(p.a, 'deals', validate('deals', { notes: 'Met the CEO. Wants a three-year term.' }, { partial: true }));
    // B types at the end meanwhile.
    p.b.getText('t.notes').insert(DEAL.notes.length, ' Budget is approved.');
    heal(p, ORDERS.reversed as (u: Uint8Array[]) => Uint8Array[]);
    expect(expectSameDocs(p).values.notes).toBe('Met the CEO. Wants a three-year term. Budget is approved.');

    const q = pair('dea_r4save2', 9, 8, 'deals', DEAL);
    setText(q.a.getText('t.notes'), 'Met the CFO twice. Wants a three-year term.');
    setText(q.b.getText('t.notes'), 'Met the CFO. Wants a three-year term, maybe five.');
    heal(q, ORDERS['in order'] as (u: Uint8Array[]) => Uint8Array[]);
    expect(expectSameDocs(q).values.notes).toBe('Met the CFO twice. Wants a three-year term, maybe five.');
  });

  const QUOTE = {
    number: 'Q-2025-017',
    accountId: makeId('accounts', 'acme0001'),
    status: 'draft',
    currency: 'EUR',
    lines: [
      { id: 'aaaaaaaaaa', description: 'Licence', quantity: 5, unitPrice: { amount: 10_000, currency: 'EUR' } },
      { id: 'bbbbbbbbbb', description: 'Support', quantity: 1, unitPrice: { amount: 2_000, currency: 'EUR' } },
    ],
  };
  const TRAINING = { id: 'zzzzzzzzzz', description: 'Training', quantity: 2, unitPrice: { amount: 800, currency: 'EUR' } };
  const ONBOARDING = { id: 'cccccccccc', description: 'Onboarding', quantity: 1, unitPrice: { amount: 1_500, currency: 'EUR' } };

  it('[R4] lines added concurrently at the same position are ordered by (pos, id) on both replicas', () => {
    for (const [orderName, order] of Object.entries(ORDERS)) {
      for (const [ca, cb] of [[31, 32], [32, 31]] as const) {
        const p = pair('quo_r4lines', ca, cb, 'quotes', QUOTE);
        const [l1, l2] = QUOTE.lines;
        writeRecord(p.a, 'quotes', validate('quotes', { lines: [l1, l2, TRAINING] }, { partial: true }));
        writeRecord(p.b, 'quotes', validate('quotes', { lines: [l1, l2, ONBOARDING] }, { partial: true }));
        heal(p, order);
        const lines = expectSameDocs(p).values.lines as { id: string }[];
        // Both new lines have pos 2: the id breaks the tie, whichever client wrote which.
        expect(lines.map((l) => l.id), orderName).toEqual(['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'zzzzzzzzzz']);
      }
    }
  });

  it('[R4] a removed line stays removed despite a concurrent edit of it; a concurrent reorder keeps the other lines', () => {
    for (const [orderName, order] of Object.entries(ORDERS)) {
      const p = pair('quo_r4remove', 41, 42, 'quotes', { ...QUOTE, lines: [...QUOTE.lines, TRAINING] });
      const [l1, l2] = QUOTE.lines;
      // A removes "Support"; B edits "Support" and moves "Training" to the top.
      writeRecord(p.a, 'quotes', validate('quotes', { lines: [l1, TRAINING] }, { partial: true }));
      writeRecord(p.b, 'quotes', validate('quotes', { lines: [TRAINING, l1, { ...l2, quantity: 3, description: 'Support (3 years)' }] }, { partial: true }));
      heal(p, order);
      const lines = expectSameDocs(p).values.lines as { id: string }[];
      expect(lines.map((l) => l.id), orderName).toEqual(['zzzzzzzzzz', 'aaaaaaaaaa']);
    }
  });
});

describe('[R5] deletes are tombstones', () => {
  it('[R5] a delete concurrent with an edit keeps the record deleted and the edit present; restore brings both back', () => {
    for (const [orderName, order] of Object.entries(ORDERS)) {
      for (const deleterIsHigh of [false, true]) {
        const p = pair('dea_r5delete', deleterIsHigh ? 99 : 1, deleterIsHigh ? 1 : 99, 'deals', DEAL);
        setDeleted(p.a, true);
        writeRecord(p.b, 'deals', validate('deals', { stage: 'negotiation', probability: 60 }, { partial: true }));
        p.b.getText('t.notes').insert(0, 'Urgent: ');
        heal(p, order);
        const merged = expectSameDocs(p);
        expect(merged.deleted, orderName).toBe(true);
        expect(merged.values).toMatchObject({ stage: 'negotiation', probability: 60, name: DEAL.name, notes: `Urgent: ${DEAL.notes}` });
        expect(toRow('deals', merged).stage).toBe('negotiation');

        setDeleted(p.b, false);
        heal(p, order);
        const restored = expectSameDocs(p);
        expect(restored.deleted).toBe(false);
        expect(restored.values).toEqual({ ...DEAL, stage: 'negotiation', probability: 60, notes: `Urgent: ${DEAL.notes}` });
      }
    }
  });

  it('[R5] the tombstone syncs like any change and a restore concurrent with an edit keeps both', () => {
    const p = pair('tsk_r5restore', 5, 6, 'tasks', { title: 'Call Mr. Ivanov', done: false });
    setDeleted(p.a, true);
    heal(p, ORDERS['in order'] as (u: Uint8Array[]) => Uint8Array[]);
    expect(readRecord(p.b).deleted).toBe(true);
    setDeleted(p.b, false);
    writeRecord(p.a, 'tasks', { done: true });
    heal(p, ORDERS.reversed as (u: Uint8Array[]) => Uint8Array[]);
    const merged = expectSameDocs(p);
    expect(merged.deleted).toBe(false);
    expect(merged.values).toEqual({ title: 'Call Mr. Ivanov', done: true });
  });
});

// Guards for the generators the random run relies on: every generated value is valid for its
// field, for every field of every collection (a generator bug would otherwise hide as a
// ValidationError deep in a seed).
describe('value generators used by the convergence run', () => {
  it('generate valid records and valid values for every field of every collection', () => {
    const rng = new Rng(99);
    const pool = new Map(COLLECTION_NAMES.map((c) => [c, [makeId(c, 'pool0001')]] as const));
    for (const c of COLLECTION_NAMES) {
      const custom = customOf(c);
      for (let i = 0; i < 30; i++) {
        expect(() => validate(c, randomRecord(rng, c, pool, custom), { custom }), c).not.toThrow();
        for (const [k, d] of Object.entries(fieldsOf(c, custom))) {
          expect(() => validate(c, { [k]: randomValue(rng, d, pool) }, { partial: true, custom }), `${c}.${k}`).not.toThrow();
        }
      }
    }
  });
});

// The harness above delivers raw updates in any order. yjs keeps an update whose dependencies
// have not arrived as "pending" and retries it when they do, but yjs 13.6.33 can lose track of
// what a pending struct waits for and never retry: the doc stays behind although it received
// every update. The store and relay must therefore not rely on update broadcast alone; a
// state-vector exchange (y-protocols sync step 1/2, on every (re)connect) repairs the doc.
describe('[yjs] pending structs under out-of-order delivery', () => {
  it('a record doc that received every update out of order is repaired by a state-vector exchange', () => {
    const id = 'acc_pendingstuck';
    const high = new Y.Doc({ guid: id });
    high.clientID = 2000; // the retry processes the highest client first
    const low = new Y.Doc({ guid: id });
    low.clientID = 1000;
    const capture = (d: Y.Doc) => {
      const out: Uint8Array[] = [];
      d.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && out.push(u));
      return out;
    };
    const outH = capture(high);
    const outL = capture(low);
    const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
    writeRecord(high, 'accounts', { name: 'Acme', kind: 'customer', notes: 'hello world' }, { create: true, now: 1 });
    sync(high, low);
    const tl = low.getText('t.notes');
    const th = high.getText('t.notes');
    tl.insert(5, ' big'); // uL1
    sync(low, high);
    th.insert(0, '> '); // uH1
    th.insert(th.toString().indexOf('big') + 3, ' bright'); // uH2, placed after low's insertion
    sync(high, low);
    tl.insert(tl.toString().indexOf('bright') + 6, ' new'); // uL2, placed after high's insertion
    tl.insert(0, '!'); // uL3
    const [uH0, uH1, uH2] = outH;
    const [uL1, uL2, uL3] = outL;
    const expected = '!> hello big bright new world';
    expect(tl.toString()).toBe(expected);

    const observer = new Y.Doc({ guid: id });
    observer.clientID = 3000;
    for (const u of [uH0, uL3, uH2, uH1, uL1, uL2]) Y.applyUpdate(observer, u as Uint8Array, REMOTE);
    // Every update arrived: together they make the whole doc...
    const fresh = new Y.Doc({ guid: id });
    Y.applyUpdate(fresh, Y.mergeUpdates([uH0, uL3, uH2, uH1, uL1, uL2] as Uint8Array[]));
    expect(readRecord(fresh).values.notes).toBe(expected);
    // ...but yjs 13.6.33 leaves the observer stuck with part of them pending. (If a yjs upgrade
    // fixes this, these two expectations fail: delete them; the repair below must still hold.)
    expect(observer.store.pendingStructs).not.toBeNull();
    expect(readRecord(observer).values.notes).toBe('> hello big world');

    // The repair a reconnecting client performs.
    sync(low, observer);
    expect(observer.store.pendingStructs).toBeNull();
    expect(readRecord(observer)).toEqual(readRecord(low));
    expect(Y.encodeStateVector(observer)).toEqual(Y.encodeStateVector(low));
  });
});
