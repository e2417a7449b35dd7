// Values the workspace's rules derive when a record is written, on every device alike: a ticket's
// due date from its severity, a lead's score, territory and product line from its answers, a new
// campaign's cost per contact from its channel. Called
// with validated values; returns what to write besides them. Also refuses what the rules forbid
// (resolving a ticket without resolution notes) as issues naming the field, which the writer
// raises as a ValidationError. Imports nothing of the schema: it loads on first use.
import { currencyExponent } from './money.ts';
import type { CollectionName } from './names.ts';
import { ticketDue } from './deadlines.ts';
import { answerAttributes, scoreLead, type Answers } from './qualification.ts';
import type { CampaignChannel, SalesSettings, TicketSeverity } from './sales-settings.ts';
import type { Values } from './validate.ts';

export interface Derived {
  /** Values to write along with the patch. */
  readonly values: Values;
  /** What the rules refuse, by field (`message` worded like the model's validation). */
  readonly issues: readonly { readonly field: string; readonly message: string }[];
}

const filled = (v: unknown): boolean => v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '');

/**
 * `before` is the record's current values (undefined when it is being created), `patch` the
 * validated values being written, `currency` the workspace's (for money the rules set). Returns
 * the derived values to write along with the patch.
 */
export function deriveValues(
  collection: CollectionName,
  before: Values | undefined,
  patch: Values,
  rules: SalesSettings,
  now: number,
  currency = 'EUR',
): Derived {
  const out: Values = {};
  const issues: { field: string; message: string }[] = [];
  const next = { ...before, ...patch };
  if (collection === 'tickets') {
    if (!filled(next.openedAt)) out.openedAt = next.openedAt = now;
    const severityChanged = before === undefined || ('severity' in patch && patch.severity !== before.severity) || ('openedAt' in patch && patch.openedAt !== before.openedAt);
    const dueGiven = 'due' in patch && filled(patch.due) && (before === undefined || patch.due !== before.due);
    if (severityChanged && !dueGiven && typeof next.openedAt === 'number' && typeof next.severity === 'string') {
      out.due = ticketDue(next.openedAt, next.severity as TicketSeverity, rules.ticketHours);
    }
    const resolving = (next.status === 'resolved' || next.status === 'closed') && (before === undefined || 'status' in patch || 'resolution' in patch);
    if (resolving && !filled(next.resolution)) issues.push({ field: 'resolution', message: 'is required to resolve a ticket' });
  } else if (collection === 'leads') {
    if (!filled(next.receivedAt)) out.receivedAt = now;
    if (before === undefined || 'answers' in patch) {
      const answers = (next.answers ?? undefined) as Answers | undefined;
      const score = scoreLead(rules.questions, answers);
      if (score !== undefined && score !== before?.score) out.score = score;
      const attrs = answerAttributes(rules.questions, answers);
      if (attrs.territory !== undefined && !filled(next.territory)) out.territory = attrs.territory;
      if (attrs.productLine !== undefined && !filled(next.productLine)) out.productLine = attrs.productLine;
    }
  } else if (collection === 'campaigns' && before === undefined && !filled(next.costPerContact)) {
    // Q6: a new campaign without a typed cost per contact costs its channel's default.
    const cost = typeof next.channel === 'string' ? rules.channelCosts[next.channel as CampaignChannel] : undefined;
    if (cost !== undefined) out.costPerContact = { amount: Math.round(cost * 10 ** currencyExponent(currency)), currency };
  }
  return { values: out, issues };
}
