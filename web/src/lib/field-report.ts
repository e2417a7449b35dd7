// The meeting and expense report of one visit, as plain data: an expense typed in is checked here
// (item required, an amount in the currency that is not negative) before anything is written, and
// a next step becomes a task with these values. Pure, so the form and the tests agree.
import { parseMoney, type Money } from '@counterpart/model';

export type ExpenseProblem = 'item' | 'amount' | 'negative';

export type ExpenseDraft = { ok: true; item: string; amount: Money } | { ok: false; problems: ExpenseProblem[] };

/** Checks an expense as typed: "Taxi", "12,50" in EUR → 1250 cents. Every problem at once. */
export function checkExpense(item: string, amountText: string, currency: string): ExpenseDraft {
  const problems: ExpenseProblem[] = [];
  const name = item.trim();
  if (!name) problems.push('item');
  const amount = amountText.trim() ? parseMoney(amountText, currency) : undefined;
  if (!amount) problems.push('amount');
  else if (amount.amount < 0) problems.push('negative');
  return problems.length || !amount ? { ok: false, problems } : { ok: true, item: name, amount };
}

/** A price as typed into its box: plain digits, no grouping, so it reads back the same. */
export function amountText(m: Money, exponent: number): string {
  const sign = m.amount < 0 ? '-' : '';
  return sign + (Math.abs(m.amount) / 10 ** exponent).toFixed(exponent);
}

/** The task a next step becomes: due at 9:00 local on the chosen day, linked to the visit's account and contact. */
export function taskFromStep(
  step: { action: string },
  visit: Readonly<Record<string, unknown>>,
  choice: { assigneeId: string; dueOn: string },
): Record<string, unknown> {
  const [y, m, d] = choice.dueOn.split('-').map(Number);
  const due = y && m && d ? new Date(y, m - 1, d, 9, 0, 0, 0).getTime() : undefined;
  return {
    title: step.action,
    kind: 'todo',
    ...(due !== undefined ? { dueAt: due } : {}),
    ...(choice.assigneeId ? { assigneeId: choice.assigneeId } : {}),
    ...(typeof visit.accountId === 'string' ? { accountId: visit.accountId } : {}),
    ...(typeof visit.contactId === 'string' ? { contactId: visit.contactId } : {}),
    ...(typeof visit.dealId === 'string' ? { dealId: visit.dealId } : {}),
  };
}

/** The working day after `now` (Saturday and Sunday skipped), as YYYY-MM-DD: a next step's default due day. */
export function nextWorkingDay(now: number): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
