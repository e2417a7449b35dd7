// The hub's fan-out: stock y-websocket peers of a doc get an update as soon as it is checked,
// app devices only once it is stored, with its seq; a y-websocket peer that joins while a write
// is being stored still gets it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredUpdate } from '@counterpart/protocol';
import { Hub, type Peer } from '../src/hub.ts';
import { Metrics } from '../src/metrics.ts';
import type { AppendResult, RelayStorage } from '../src/storage.ts';

/** A store whose writes finish when the test says so. */
function slowStorage(): { storage: RelayStorage; finish: () => void } {
  let head = 0;
  const waiting: (() => void)[] = [];
  const storage = {
    append: (_ws: string, items: readonly unknown[]) =>
      new Promise<AppendResult>((resolve) => {
        waiting.push(() => {
          const first = head + 1;
          head += items.length;
          resolve({ first, head });
        });
      }),
  } as unknown as RelayStorage;
  return { storage, finish: () => waiting.shift()?.() };
}

function peer(kind: 'y' | 'sync', docId?: string): Peer & { docUpdates: Uint8Array[]; stored: StoredUpdate[] } {
  const docUpdates: Uint8Array[] = [];
  const stored: StoredUpdate[] = [];
  return {
    kind,
    workspace: 'w',
    ...(docId ? { docId } : {}),
    live: true,
    controlled: new Set(),
    sendUpdates: (items) => stored.push(...items),
    sendDocUpdate: (u) => docUpdates.push(u),
    sendAwareness: () => undefined,
    docUpdates,
    stored,
  };
}

/** Lets the event loop run its immediates (the hub sends y-websocket updates from one). */
const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

describe('hub fan-out', () => {
  it('forwards to y-websocket peers at once, to app devices once stored, and to a peer that joined meanwhile', async () => {
    const { storage, finish } = slowStorage();
    const hub = new Hub(storage, new Metrics());
    const a = peer('y', 'con_1');
    const b = peer('y', 'con_1');
    const other = peer('y', 'con_2');
    const device = peer('sync');
    for (const p of [a, b, other, device]) hub.join(p);
    const update = Uint8Array.from([1, 2, 3]);
    const written = hub.append(a, [{ docId: 'con_1', update }]);
    await turn();
    expect(b.docUpdates).toEqual([update]);
    expect(device.stored).toEqual([]);
    // Joins while the write is being stored: it read the doc's state without the update.
    const late = peer('y', 'con_1');
    hub.join(late);
    finish();
    await written;
    await turn();
    expect(late.docUpdates).toEqual([update]);
    expect(b.docUpdates).toHaveLength(1);
    expect(a.docUpdates).toEqual([]);
    expect(other.docUpdates).toEqual([]);
    expect(device.stored).toEqual([{ seq: 1, docId: 'con_1', update }]);
  });

  it('merges the updates a doc received in one turn into one message for each of its peers', async () => {
    const { storage, finish } = slowStorage();
    const hub = new Hub(storage, new Metrics());
    const [a, b, c] = [peer('y', 'con_1'), peer('y', 'con_1'), peer('y', 'con_1')];
    for (const p of [a, b, c]) hub.join(p);
    const edit = (key: string): Uint8Array => {
      const doc = new Y.Doc({ guid: key });
      doc.getMap('f').set(key, 1);
      return Y.encodeStateAsUpdate(doc);
    };
    const writes = [hub.append(a, [{ docId: 'con_1', update: edit('x') }]), hub.append(b, [{ docId: 'con_1', update: edit('y') }])];
    await turn();
    expect(c.docUpdates).toHaveLength(1);
    const seen = new Y.Doc({ guid: 'con_1' });
    Y.applyUpdate(seen, c.docUpdates[0]!);
    expect(seen.getMap('f').toJSON()).toEqual({ x: 1, y: 1 });
    // Each sender gets the other's edit, in the same merged message.
    expect(a.docUpdates).toHaveLength(1);
    expect(b.docUpdates).toHaveLength(1);
    finish();
    finish();
    await Promise.all(writes);
  });
});
