import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsError, ValidationError, cadenceTaskId } from '@counterpart/model';
import { WorkspaceStore } from '../src/index.ts';

let n = 0;
const open: WorkspaceStore[] = [];
async function freshStore(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`rules-${process.pid}-${n++}`);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const HOUR = 3_600_000;

describe('workspace rules on write', () => {
  it('[S14] ticket due dates follow the workspace\'s hours per severity, on create and on a severity change', async () => {
    const s = await freshStore();
    await s.setSalesSetting('ticketHours', { critical: 2, high: 10, medium: 30, low: 100 });
    expect((await s.salesSettings()).ticketHours.high).toBe(10);
    const openedAt = Date.UTC(2026, 4, 4, 9);
    const id = await s.create('tickets', { subject: 'Pump leaks', severity: 'high', status: 'new', openedAt });
    expect((await s.get('tickets', id))?.due).toBe(openedAt + 10 * HOUR);
    await s.update('tickets', id, { severity: 'critical' });
    expect((await s.get('tickets', id))?.due).toBe(openedAt + 2 * HOUR);
  });

  it('[S14] refuses to resolve a ticket without resolution notes and changes nothing', async () => {
    const s = await freshStore();
    const id = await s.create('tickets', { subject: 'Pump leaks', severity: 'low', status: 'open' });
    await expect(s.update('tickets', id, { status: 'resolved' })).rejects.toThrow(ValidationError);
    expect((await s.get('tickets', id))?.status).toBe('open');
    await s.update('tickets', id, { status: 'resolved', resolution: 'Seal replaced' });
    expect((await s.get('tickets', id))?.status).toBe('resolved');
  });

  it('[S14] a lead is scored from its answers with the workspace questionnaire', async () => {
    const s = await freshStore();
    await s.setSalesSetting('questions', [
      { id: 'budget', text: 'Budget?', options: [{ id: 'no', label: 'No', points: 0 }, { id: 'yes', label: 'Yes', points: 50 }] },
    ]);
    const id = await s.create('leads', { name: 'Ivan', status: 'new', receivedAt: Date.now(), answers: { budget: 'yes' } });
    expect(await s.get('leads', id)).toMatchObject({ score: 100 });
    await s.update('leads', id, { answers: { budget: 'no' } });
    expect((await s.get('leads', id))?.score).toBe(0);
  });

  it('[S14] a rule set that does not parse is refused and the stored one kept', async () => {
    const s = await freshStore();
    await expect(s.setSalesSetting('response', { hours: -1 })).rejects.toThrow(SettingsError);
    expect((await s.salesSettings()).response.hours).toBe(4);
  });

  it('[S15] ensure creates a record with a derived id once; again (even after a delete) it creates nothing', async () => {
    const s = await freshStore();
    const id = cadenceTaskId('acc_abcdabcdabcd', 'call2');
    expect(await s.ensure('tasks', id, { title: 'Welcome call', kind: 'call' })).toBe(true);
    expect(await s.ensure('tasks', id, { title: 'Something else' })).toBe(false);
    expect((await s.get('tasks', id))?.title).toBe('Welcome call');
    await s.remove('tasks', id);
    expect(await s.ensure('tasks', id, { title: 'Welcome call' })).toBe(false);
    expect(await s.get('tasks', id)).toBeUndefined();
  });
});
