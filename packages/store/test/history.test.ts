// The store names the device's user in record history, saves it with the record, and restores
// earlier values as ordinary, validated edits (model SPEC R11).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readHistory, restorePatch, ValidationError, type HistoryEntry } from '@counterpart/model';
import { WorkspaceStore } from '../src/index.ts';

let n = 0;
const open: WorkspaceStore[] = [];
async function freshStore(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`history-${process.pid}-${n++}`);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function historyOf(s: WorkspaceStore, id: string): Promise<HistoryEntry[]> {
  const doc = await s.acquire(id);
  try {
    return readHistory(doc);
  } finally {
    s.release(id);
  }
}

describe('record history through the store', () => {
  it('[R11] updates are recorded with the device user as author and survive a reopen', async () => {
    const s = await freshStore();
    const id = await s.create('contacts', { lastName: 'Petrova', phone: '+380 44 555 0100' });
    expect(await historyOf(s, id)).toEqual([]);
    s.author = 'Anna';
    await s.update('contacts', id, { phone: '+380 44 555 0101' });
    await s.update('contacts', id, { phone: '+380 44 555 0101' });
    s.author = '';
    await s.update('contacts', id, { jobTitle: 'Buyer' });
    const workspaceId = s.workspaceId;
    await s.close();
    const again = await WorkspaceStore.open(workspaceId);
    open.push(again);
    expect((await historyOf(again, id)).map((e) => [e.by, e.f, e.v, e.n])).toEqual([
      ['', 'jobTitle', null, 'Buyer'],
      ['Anna', 'phone', '+380 44 555 0100', '+380 44 555 0101'],
    ]);
  });

  it('[R11] restoring is an edit: recorded, and refused with the field named when no longer valid', async () => {
    const s = await freshStore();
    await s.defineCustomField('contacts', { key: 'region', label: 'Region', kind: 'enum', options: ['north', 'south'] });
    const id = await s.create('contacts', { lastName: 'Petrova', x_region: 'north' });
    s.author = 'Anna';
    await s.update('contacts', id, { x_region: 'south' });
    const [toNorth] = (await historyOf(s, id)) as [HistoryEntry];
    await s.update('contacts', id, restorePatch(toNorth));
    expect((await s.get('contacts', id))?.x_region).toBe('north');
    expect((await historyOf(s, id))[0]).toMatchObject({ f: 'x_region', v: 'south', n: 'north', by: 'Anna' });

    await s.update('contacts', id, { x_region: 'south' });
    await s.defineCustomField('contacts', { key: 'region', label: 'Region', kind: 'enum', options: ['south', 'east'] });
    const before = await historyOf(s, id);
    await expect(s.update('contacts', id, restorePatch(before[0] as HistoryEntry))).rejects.toThrow(ValidationError);
    await expect(s.update('contacts', id, restorePatch(before[0] as HistoryEntry))).rejects.toThrow(/Region must be one of south, east/);
    expect((await s.get('contacts', id))?.x_region).toBe('south');
    expect(await historyOf(s, id)).toEqual(before);
  });
});
