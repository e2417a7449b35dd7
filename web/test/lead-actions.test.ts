import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceStore } from '@counterpart/store';
import { convertLead, markResponded, undoConversion } from '../src/lib/lead-actions.ts';

const open: WorkspaceStore[] = [];
let n = 0;
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function storeWithLead(): Promise<{ store: WorkspaceStore; leadId: string }> {
  const store = await WorkspaceStore.open(`lead-actions-${process.pid}-${n++}`);
  open.push(store);
  const rep = await store.create('users', { name: 'Boris', role: 'editor' });
  const leadId = await store.create('leads', { name: 'Olga Ivanova', company: 'Volga Mills', email: 'olga@volga.example', status: 'new', receivedAt: Date.now(), assigneeId: rep });
  return { store, leadId };
}

describe('lead actions', () => {
  it('mark responded sets the first response and moves a new lead on to contacted', async () => {
    const { store, leadId } = await storeWithLead();
    await markResponded(store, leadId, 1_700_000_000_000);
    expect(await store.get('leads', leadId)).toMatchObject({ firstResponseAt: 1_700_000_000_000, status: 'contacted' });
  });

  it('converts a lead into a linked account, contact and deal, and undo takes all of it back', async () => {
    const { store, leadId } = await storeWithLead();
    const lead = (await store.get('leads', leadId))!;
    const c = await convertLead(store, lead, (a) => `${a} deal`);
    const account = await store.get('accounts', c.accountId);
    const contact = await store.get('contacts', c.contactId);
    const deal = await store.get('deals', c.dealId);
    expect(account).toMatchObject({ name: 'Volga Mills', kind: 'prospect', ownerId: lead.assigneeId });
    expect(contact).toMatchObject({ firstName: 'Olga', lastName: 'Ivanova', accountId: c.accountId });
    expect(deal).toMatchObject({ name: 'Volga Mills deal', stage: 'qualified', accountId: c.accountId, contactId: c.contactId });
    expect(await store.get('leads', leadId)).toMatchObject({ status: 'converted', accountId: c.accountId, contactId: c.contactId, dealId: c.dealId });

    await undoConversion(store, c);
    const back = await store.get('leads', leadId);
    expect(back?.status).toBe('new');
    expect(back?.accountId).toBeUndefined();
    expect(await store.get('accounts', c.accountId)).toBeUndefined();
    expect(await store.get('contacts', c.contactId)).toBeUndefined();
    expect(await store.get('deals', c.dealId)).toBeUndefined();
  });
});
