// The weekly field report (web/src/lib/field-week.ts) and the visit report's checks
// (field-report.ts). The web project runs in Europe/Berlin (vitest.config.ts): the week with the
// spring DST change below really is 167 hours long.
import { describe, expect, it } from 'vitest';
import type { Row } from '@counterpart/model';
import {
  addMoney, isoWeekOf, parseWeekKey, referencedIds, roleCoverage, shiftWeek, weekEnd, weekKey, weekReport, weekStart, weeksInYear,
  type WeekInput,
} from '../src/lib/field-week.ts';
import { amountText, checkExpense, nextWorkingDay, taskFromStep } from '../src/lib/field-report.ts';

const HOUR = 3_600_000;
const at = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

function row(id: string, values: Record<string, unknown>, title = id): Row {
  return { id, _title: title, _sort: title.toLowerCase(), _t: [], _created: 0, ...values };
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('ISO weeks in the device time zone', () => {
  it('starts a week at local midnight on Monday and finds the week of any instant', () => {
    // 2025-W13: Monday 24 March to Sunday 30 March (the night DST starts in Berlin).
    const w = { year: 2025, week: 13 };
    expect(weekStart(w)).toBe(at(2025, 3, 24));
    expect(weekEnd(w)).toBe(at(2025, 3, 31));
    expect(weekEnd(w) - weekStart(w)).toBe(167 * HOUR);
    expect(isoWeekOf(at(2025, 3, 24, 0, 0))).toEqual(w);
    expect(isoWeekOf(at(2025, 3, 30, 23, 59))).toEqual(w);
    expect(isoWeekOf(at(2025, 3, 23, 23, 59))).toEqual({ year: 2025, week: 12 });
    expect(isoWeekOf(at(2025, 3, 31, 0, 0))).toEqual({ year: 2025, week: 14 });
  });

  it('gives the first and last days of a year to the week with its Thursday', () => {
    expect(isoWeekOf(at(2024, 12, 30, 10))).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf(at(2021, 1, 3, 10))).toEqual({ year: 2020, week: 53 });
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weekStart({ year: 2026, week: 1 })).toBe(at(2025, 12, 29));
  });

  it('moves by weeks across years and DST, and reads and writes week keys', () => {
    expect(shiftWeek({ year: 2025, week: 52 }, 1)).toEqual({ year: 2026, week: 1 });
    expect(shiftWeek({ year: 2021, week: 1 }, -1)).toEqual({ year: 2020, week: 53 });
    expect(shiftWeek({ year: 2025, week: 13 }, 1)).toEqual({ year: 2025, week: 14 });
    expect(weekKey({ year: 2025, week: 7 })).toBe('2025-W07');
    expect(parseWeekKey('2025-W07')).toEqual({ year: 2025, week: 7 });
    expect(parseWeekKey('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(parseWeekKey('2025-W53')).toBeUndefined();
    expect(parseWeekKey('2025-W00')).toBeUndefined();
    expect(parseWeekKey('last week')).toBeUndefined();
  });
});

describe('buying-centre roles', () => {
  it('lists the roles present and missing in the schema order, ignoring unknown ones', () => {
    expect(roleCoverage(['buyer', 'decision_maker', undefined, 'buyer', 'boss'])).toEqual({
      present: ['decision_maker', 'buyer'],
      missing: ['influencer', 'user', 'gatekeeper'],
    });
    expect(roleCoverage([]).present).toEqual([]);
  });
});

describe('the week report', () => {
  const rep = 'usr_rep0000001';
  const other = 'usr_oth0000001';
  const contacts = new Map([
    ['con_anna', row('con_anna', { buyingRole: 'decision_maker' }, 'Anna Berg')],
    ['con_ben', row('con_ben', { buyingRole: 'buyer' }, 'Ben Ott')],
    ['con_cleo', row('con_cleo', {}, 'Cleo Falk')],
  ]);
  const tasks = new Map([['tsk_1', row('tsk_1', { done: true, dueAt: at(2025, 3, 28, 9), assigneeId: rep }, 'Send the quote')]]);
  const input = (activities: Row[]): WeekInput => ({
    week: { year: 2025, week: 13 }, repId: rep, activities, contacts, tasks, attachments: new Set(['att_r1']),
  });

  const visit = row('act_v1', {
    type: 'visit', at: at(2025, 3, 24, 10), userId: rep, subject: 'Oven line', accountId: 'acc_1', report: 'Talked price.',
    attendees: [{ id: 'a1', contactId: 'con_anna' }, { id: 'a2', contactId: 'con_ben' }, { id: 'a3', contactId: 'con_gone' }, { id: 'a4', contactId: 'con_anna' }],
    nextSteps: [{ id: 'n1', action: 'Send the quote', taskId: 'tsk_1' }, { id: 'n2', action: 'Book a demo' }, { id: 'n3', action: '' }],
    expenses: [
      { id: 'e1', item: 'Train', amount: eur(8_990), receiptId: 'att_r1' },
      { id: 'e2', item: 'Parking', amount: eur(1_200) },
      { id: 'e3', item: 'Lunch', amount: eur(2_500), receiptId: 'att_deleted' },
    ],
  });
  const meeting = row('act_m1', {
    type: 'meeting', at: at(2025, 3, 30, 23, 30), userId: rep, subject: 'Review',
    expenses: [{ id: 'e4', item: 'Taxi', amount: eur(1_810) }, { id: 'e5', item: 'Hotel', amount: { amount: 15_000, currency: 'CHF' } }],
  });
  const calls = [
    row('act_c1', { type: 'call', at: at(2025, 3, 24, 9), userId: rep }),
    row('act_c2', { type: 'call', at: at(2025, 3, 26, 9), userId: rep }),
    row('act_c3', { type: 'call', at: at(2025, 3, 26, 9), userId: other }),
    row('act_c4', { type: 'call', at: at(2025, 3, 31, 0, 0), userId: rep }),
    row('act_c5', { type: 'call', at: at(2025, 3, 23, 23, 59), userId: rep }),
  ];
  const elsewhere = row('act_v9', { type: 'visit', at: at(2025, 3, 25, 10), userId: other, expenses: [{ item: 'X', amount: eur(99_999) }] });

  const r = weekReport(input([meeting, ...calls, visit, elsewhere, row('act_n1', { type: 'note', at: at(2025, 3, 25), userId: rep })]));

  it('keeps only the rep’s visits and meetings of the week, in time order', () => {
    expect(r.visits.map((v) => v.id)).toEqual(['act_v1', 'act_m1']);
    expect(r.calls).toBe(2);
    expect(r.days.map((d) => d.day)).toEqual(['2025-03-24', '2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30']);
    expect(r.days.map((d) => d.calls)).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(r.days[6]?.visits.map((v) => v.id)).toEqual(['act_m1']);
  });

  it('names the attendees once each with their roles, and the roles missing', () => {
    const v = r.visits[0]!;
    expect(v.attendees).toEqual([
      { contactId: 'con_anna', name: 'Anna Berg', role: 'decision_maker' },
      { contactId: 'con_ben', name: 'Ben Ott', role: 'buyer' },
      { contactId: 'con_gone', name: '' },
    ]);
    expect(v.roles.missing).toEqual(['influencer', 'user', 'gatekeeper']);
  });

  it('lists next steps with the tasks they became', () => {
    const v = r.visits[0]!;
    expect(v.nextSteps).toEqual([
      { action: 'Send the quote', taskId: 'tsk_1', task: { title: 'Send the quote', done: true, dueAt: at(2025, 3, 28, 9), assigneeId: rep } },
      { action: 'Book a demo' },
    ]);
    expect(r.nextSteps).toEqual({ total: 2, withTask: 1, done: 1 });
  });

  it('totals expenses per visit, per day and for the week, per currency, and counts receipts', () => {
    expect(r.visits[0]?.expenseTotals).toEqual([eur(12_690)]);
    expect(r.days[0]?.expenseTotals).toEqual([eur(12_690)]);
    expect(r.days[1]?.expenseTotals).toEqual([]);
    expect(r.days[6]?.expenseTotals).toEqual([{ amount: 15_000, currency: 'CHF' }, eur(1_810)]);
    expect(r.expenseTotals).toEqual([{ amount: 15_000, currency: 'CHF' }, eur(14_500)]);
    expect(r.expenseCount).toBe(5);
    // A receipt whose attachment is gone counts as missing.
    expect(r.receipts).toEqual({ present: 1, missing: 4 });
  });

  it('an empty week has seven empty days and zero totals', () => {
    const empty = weekReport({ ...input([]), week: { year: 2025, week: 20 } });
    expect(empty.days).toHaveLength(7);
    expect(empty.visits).toEqual([]);
    expect(empty.expenseTotals).toEqual([]);
    expect(empty.receipts).toEqual({ present: 0, missing: 0 });
  });

  it('lists the records the activities refer to, once each', () => {
    expect(referencedIds([visit, meeting, visit])).toEqual({
      contacts: ['con_anna', 'con_ben', 'con_gone'],
      tasks: ['tsk_1'],
      attachments: ['att_r1', 'att_deleted'],
      accounts: ['acc_1'],
    });
  });

  it('adds money per currency in minor units', () => {
    expect(addMoney(addMoney([], eur(1)), eur(2))).toEqual([eur(3)]);
  });
});

describe('an expense as typed', () => {
  it('accepts an item and an amount in the currency', () => {
    expect(checkExpense(' Taxi ', '12,50', 'EUR')).toEqual({ ok: true, item: 'Taxi', amount: eur(1_250) });
    expect(checkExpense('Toll', '0', 'EUR')).toEqual({ ok: true, item: 'Toll', amount: eur(0) });
    expect(checkExpense('Taxi', '1500', 'JPY')).toEqual({ ok: true, item: 'Taxi', amount: { amount: 1500, currency: 'JPY' } });
  });

  it('names every problem: no item, no or unreadable amount, a negative amount', () => {
    expect(checkExpense('', '', 'EUR')).toEqual({ ok: false, problems: ['item', 'amount'] });
    expect(checkExpense('Taxi', '12.345', 'EUR')).toEqual({ ok: false, problems: ['amount'] });
    expect(checkExpense('Taxi', 'ten', 'EUR')).toEqual({ ok: false, problems: ['amount'] });
    expect(checkExpense(' ', '-5', 'EUR')).toEqual({ ok: false, problems: ['item', 'negative'] });
  });

  it('writes an amount back as it would be typed', () => {
    expect(amountText(eur(1_250), 2)).toBe('12.50');
    expect(amountText({ amount: 1500, currency: 'JPY' }, 0)).toBe('1500');
  });
});

describe('a next step as a task', () => {
  it('is due at 9:00 local on the chosen day, assigned and linked to the visit’s records', () => {
    expect(taskFromStep({ action: 'Send the quote' }, { accountId: 'acc_1', contactId: 'con_anna', dealId: null }, { assigneeId: 'usr_1', dueOn: '2025-03-30' })).toEqual({
      title: 'Send the quote', kind: 'todo', dueAt: at(2025, 3, 30, 9), assigneeId: 'usr_1', accountId: 'acc_1', contactId: 'con_anna',
    });
    expect(taskFromStep({ action: 'Call' }, {}, { assigneeId: '', dueOn: '' })).toEqual({ title: 'Call', kind: 'todo' });
  });

  it('is due the next working day by default', () => {
    expect(nextWorkingDay(at(2025, 3, 26, 17))).toBe('2025-03-27'); // Wednesday → Thursday
    expect(nextWorkingDay(at(2025, 3, 28, 17))).toBe('2025-03-31'); // Friday → Monday
    expect(nextWorkingDay(at(2025, 3, 29, 23, 30))).toBe('2025-03-31'); // Saturday night → Monday
  });
});
