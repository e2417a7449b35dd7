// Lead actions on the record page: mark the first response, save questionnaire answers, and
// convert a lead into a linked account, contact and deal in one step (undone in one step too).
import type { Row } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { conversionOf } from './workflows.ts';

export interface Conversion {
  readonly leadId: string;
  readonly accountId: string;
  readonly contactId: string;
  readonly dealId: string;
  readonly statusBefore: string;
}

export async function markResponded(store: WorkspaceStore, leadId: string, now = Date.now()): Promise<void> {
  const lead = await store.get('leads', leadId);
  const patch: Record<string, unknown> = { firstResponseAt: now };
  if (lead?.status === 'new') patch.status = 'contacted';
  await store.update('leads', leadId, patch);
}

/**
 * Creates the account, then the contact at it, then the deal for both, and links them to the
 * lead, which becomes converted. Whatever was created before a failure is removed again.
 */
export async function convertLead(store: WorkspaceStore, lead: Row, dealName: (account: string) => string): Promise<Conversion> {
  const plan = conversionOf(lead, dealName);
  const made: [ 'accounts' | 'contacts' | 'deals', string][] = [];
  try {
    const accountId = await store.create('accounts', plan.account);
    made.push(['accounts', accountId]);
    const contactId = await store.create('contacts', { ...plan.contact, accountId });
    made.push(['contacts', contactId]);
    const dealId = await store.create('deals', { ...plan.deal, accountId, contactId });
    made.push(['deals', dealId]);
    await store.update('leads', lead.id, { status: 'converted', accountId, contactId, dealId });
    return { leadId: lead.id, accountId, contactId, dealId, statusBefore: typeof lead.status === 'string' ? lead.status : 'qualified' };
  } catch (err) {
    for (const [c, id] of made.reverse()) await store.remove(c, id).catch(() => undefined);
    throw err;
  }
}

/** Takes a conversion back: the three records deleted, the lead as it was. */
export async function undoConversion(store: WorkspaceStore, c: Conversion): Promise<void> {
  await store.update('leads', c.leadId, { status: c.statusBefore, accountId: null, contactId: null, dealId: null });
  await store.remove('deals', c.dealId);
  await store.remove('contacts', c.contactId);
  await store.remove('accounts', c.accountId);
}
