import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AFTER, RelayStorage } from '../src/storage.ts';

const dirs: string[] = [];
const opened: RelayStorage[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cp-relay-store-'));
  dirs.push(d);
  return d;
}
function openStore(dir: string): RelayStorage {
  const s = RelayStorage.open(dir);
  opened.push(s);
  return s;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** n updates of one doc, each setting a field. */
function edits(guid: string, n: number, from = 0): Uint8Array[] {
  const doc = new Y.Doc({ guid });
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = from; i < from + n; i++) doc.getMap('f').set(`k${i % 10}`, i);
  return out;
}

function stateOf(updates: readonly Uint8Array[]): unknown {
  const doc = new Y.Doc({ guid: 'x' });
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('f').toJSON();
}

describe('relay storage', () => {
  it('gives every update a per-workspace seq and serves "everything since N" in order', async () => {
    const s = openStore(tempDir());
    const [a, b, c] = edits('acc_1', 3);
    expect(await s.append('w1', [{ docId: 'acc_1', update: a! }, { docId: 'acc_1', update: b! }])).toEqual({ first: 1, head: 2 });
    expect(await s.append('w2', [{ docId: 'con_1', update: c! }])).toEqual({ first: 1, head: 1 });
    expect(await s.append('w1', [{ docId: 'con_9', update: c! }])).toEqual({ first: 3, head: 3 });
    expect(s.since('w1', 0).map((u) => [u.seq, u.docId])).toEqual([[1, 'acc_1'], [2, 'acc_1'], [3, 'con_9']]);
    expect(s.since('w1', 2).map((u) => u.seq)).toEqual([3]);
    expect(s.since('w1', 3)).toEqual([]);
    expect(s.since('w1', 0, 2).map((u) => u.seq)).toEqual([1, 2]);
    expect(s.since('w1', 0)[0]!.update).toEqual(a);
    expect(s.head('w1')).toBe(3);
    expect(s.head('nobody')).toBe(0);
    expect(s.workspaces().sort()).toEqual(['w1', 'w2']);
  });

  it('appends made without waiting get seqs in call order and resolve in call order (the hub relies on it)', async () => {
    const s = openStore(tempDir());
    const ups = edits('acc_1', 600);
    const resolved: number[] = [];
    const results = await Promise.all(
      ups.map((update, i) => s.append(i % 3 ? 'a' : 'b', [{ docId: `acc_${i % 40}`, update }]).then((r) => {
        resolved.push(i);
        return r;
      })),
    );
    expect(resolved).toEqual(ups.map((_, i) => i));
    for (const ws of ['a', 'b']) {
      const firsts = results.filter((_, i) => (i % 3 ? 'a' : 'b') === ws).map((r) => r.first);
      expect(firsts).toEqual([...firsts].sort((x, y) => x - y));
      expect(new Set(firsts).size).toBe(firsts.length);
    }
  });

  it('keeps everything across a reopen', async () => {
    const dir = tempDir();
    const s = RelayStorage.open(dir);
    const ups = edits('acc_1', 5);
    await s.append('w', ups.map((update) => ({ docId: 'acc_1', update })));
    await s.close();
    const again = openStore(dir);
    expect(again.head('w')).toBe(5);
    expect(stateOf(again.since('w', 0).map((u) => u.update))).toEqual(stateOf(ups));
  });

  it('compacts a doc past COMPACT_AFTER updates into one merged update at a new seq', async () => {
    const s = openStore(tempDir());
    const ups = edits('acc_1', COMPACT_AFTER + 1);
    const other = edits('con_1', 1)[0]!;
    await s.append('w', [{ docId: 'con_1', update: other }]);
    for (const update of ups) await s.append('w', [{ docId: 'acc_1', update }]);
    expect(s.docUpdateCount('w', 'acc_1')).toBe(1);
    const head = s.head('w');
    expect(head).toBe(COMPACT_AFTER + 3);
    // A device that had seen only the first few gets the merged update: the same state.
    const late = s.since('w', 5);
    expect(late.map((u) => [u.seq, u.docId])).toEqual([[head, 'acc_1']]);
    expect(stateOf(late.map((u) => u.update))).toEqual(stateOf(ups));
    expect(stateOf([s.docState('w', 'acc_1')!])).toEqual(stateOf(ups));
    expect(s.since('w', 0).map((u) => u.docId)).toEqual(['con_1', 'acc_1']);
  });

  it('compaction collects overwritten values: a field set 2,000 times is stored as about its last value', async () => {
    const s = openStore(tempDir());
    const doc = new Y.Doc({ guid: 'acc_1' });
    const ups: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => ups.push(u));
    for (let i = 0; i < 2_000; i++) doc.getMap('f').set('note', `value ${i}`);
    for (let i = 0; i < ups.length; i += 50) await s.append('w', ups.slice(i, i + 50).map((update) => ({ docId: 'acc_1', update })));
    const stored = s.since('w', 0, 1_000_000, Number.MAX_SAFE_INTEGER);
    const bytes = stored.reduce((n, u) => n + u.update.byteLength, 0);
    expect(stateOf(stored.map((u) => u.update))).toEqual(stateOf(ups));
    // One live value, the delete set and the updates since the last compaction; merging the raw
    // updates would keep all 2,000 values.
    expect(bytes).toBeLessThan(Y.mergeUpdates(ups).byteLength / 10);
    expect(stored.length).toBeLessThanOrEqual(COMPACT_AFTER + 1);
  });

  it('a doc whose updates do not merge is left as it is: compaction never loses data', async () => {
    const s = openStore(tempDir());
    await s.append('w', [{ docId: 'bad', update: Uint8Array.from([255, 255, 255]) }]);
    await s.append('w', edits('bad', 3).map((update) => ({ docId: 'bad', update })));
    await s.compact('w', 'bad');
    expect(s.docUpdateCount('w', 'bad')).toBe(4);
    expect(s.since('w', 0)).toHaveLength(4);
  });

  it('kill -9 during writes: every acknowledged write is there after a restart', async () => {
    const dir = tempDir();
    const writer = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let lastI = -1;
    let buf = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) {
          const [head, i] = l.split(' ').map(Number);
          acked = Math.max(acked, head ?? 0);
          lastI = Math.max(lastI, i ?? -1);
        }
        if (acked >= 1000) {
          child.removeAllListeners('exit');
          child.kill('SIGKILL');
          child.on('exit', () => resolve());
        }
      });
    });
    expect(acked).toBeGreaterThanOrEqual(1000);
    const s = openStore(dir);
    expect(s.head('ws1')).toBeGreaterThanOrEqual(acked);
    // Every seq up to the last acknowledged one is readable (compaction moves, never drops).
    const all = s.since('ws1', 0, 1_000_000, Number.MAX_SAFE_INTEGER);
    const doc = new Y.Doc({ guid: 'check' });
    for (const u of all) Y.applyUpdate(doc, u.update);
    const f = doc.getMap('f').toJSON() as Record<string, number>;
    // Write i set k(i mod 50) = i: each of the last 50 acknowledged writes is there (or a later one).
    for (let i = Math.max(0, lastI - 49); i <= lastI; i++) expect(f[`k${i % 50}`], `write ${i}`).toBeGreaterThanOrEqual(i);
  }, 60_000);
});
