// Fields of quotes and orders that only their workflow writes (model SPEC R13, R14): the record
// page shows them but offers no input, so a status cannot skip a step or lose its date.
import type { Row } from '@counterpart/model';

const WORKFLOW_FIELDS: Readonly<Partial<Record<string, ReadonlySet<string>>>> = {
  quotes: new Set(['status', 'approval', 'approvedPct', 'approvalBy', 'approvalAt', 'sentOn', 'decidedOn', 'orderId']),
  orders: new Set(['status', 'confirmedOn', 'shippedOn', 'deliveredOn', 'paidOn', 'cancelledOn']),
};

/** What a sent quote no longer lets anyone change: the customer has seen it. */
const FIXED_ONCE_SENT = new Set(['lines', 'discountPct', 'currency']);

/** Whether a field of a record is shown read-only because the workflow owns it. */
export function lockedField(collection: string, field: string, row: Row | null | undefined): boolean {
  if (WORKFLOW_FIELDS[collection]?.has(field)) return true;
  return collection === 'quotes' && FIXED_ONCE_SENT.has(field) && typeof row?.status === 'string' && row.status !== 'draft';
}
