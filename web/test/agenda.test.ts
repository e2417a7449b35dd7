// The day plan's rules (web/src/lib/agenda.ts). The web project runs in Europe/Berlin (see
// vitest.config.ts), so the daylight-saving days below are real 23- and 25-hour days.
import { describe, expect, it } from 'vitest';
import type { Row } from '@counterpart/model';
import {
  CATCH_UP_MS, EVERYONE, UNASSIGNED, addDays, agendaWindow, buildAgenda, checkFrom, defaultDue, dueReminders,
  keepsTask, memberNamed, nextReminder, parseReminderLog, recordShown, reminderAt, startOfDay, taskSection, toActivity,
  toMembers, toReminder, toTask,
  type AgendaActivity, type AgendaTask,
} from '../src/lib/agenda.ts';

const HOUR = 3_600_000;
/** Local wall-clock time, as the user reads it. */
const at = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

function task(id: string, dueAt: number, extra: Partial<AgendaTask> = {}): AgendaTask {
  return { id, title: id, dueAt, done: false, ...extra };
}

function activity(id: string, when: number, extra: Partial<AgendaActivity> = {}): AgendaActivity {
  return { id, type: 'call', subject: id, at: when, ...extra };
}

function row(values: Record<string, unknown>): Row {
  return { id: 'tsk_0001', _title: 'Title', _sort: 'title', _t: [], _created: 0, ...values };
}

describe('days', () => {
  it('runs in a zone with daylight saving', () => {
    expect(new Date(2026, 2, 29, 0).getTimezoneOffset()).not.toBe(new Date(2026, 2, 29, 12).getTimezoneOffset());
  });

  it('starts a day at local midnight', () => {
    expect(startOfDay(at(2026, 11, 27, 18, 45))).toBe(at(2026, 11, 27));
    expect(startOfDay(at(2026, 11, 27))).toBe(at(2026, 11, 27));
  });

  it('moves by calendar days across daylight-saving changes', () => {
    // 29 March 2026 has 23 hours in Berlin, 25 October 2026 has 25.
    expect(addDays(at(2026, 3, 29), 1) - at(2026, 3, 29)).toBe(23 * HOUR);
    expect(addDays(at(2026, 10, 25), 1) - at(2026, 10, 25)).toBe(25 * HOUR);
    expect(addDays(at(2026, 3, 28, 9), 1)).toBe(at(2026, 3, 29, 9));
  });

  it('covers today and the next seven days', () => {
    const w = agendaWindow(at(2026, 10, 24, 15));
    expect(w.today).toBe(at(2026, 10, 24));
    expect(w.tomorrow).toBe(at(2026, 10, 25));
    expect(w.horizon).toBe(at(2026, 11, 1));
  });

  it('puts a task in overdue, today or upcoming by its due day', () => {
    const w = agendaWindow(at(2026, 11, 27, 14));
    expect(taskSection(at(2026, 11, 26, 23, 59), w)).toBe('overdue');
    // Due this morning is late, but still today's work.
    expect(taskSection(at(2026, 11, 27, 9), w)).toBe('today');
    expect(taskSection(at(2026, 11, 27, 23, 59), w)).toBe('today');
    expect(taskSection(at(2026, 11, 28), w)).toBe('upcoming');
    expect(taskSection(at(2026, 12, 4, 23, 59), w)).toBe('upcoming');
    expect(taskSection(at(2026, 12, 5), w)).toBeUndefined();
  });
});

describe('rows', () => {
  it('reads a task row', () => {
    expect(toTask(row({ title: 'Call back', dueAt: 5, remindAt: 4, done: true, assigneeId: 'usr_0001', accountId: 'acc_0001', kind: 'call' }))).toEqual({
      id: 'tsk_0001', title: 'Call back', kind: 'call', dueAt: 5, remindAt: 4, done: true, assigneeId: 'usr_0001', accountId: 'acc_0001',
    });
    expect(toTask(row({ title: 'No day' }))).toBeUndefined();
    expect(toTask(row({ dueAt: 5 }))?.done).toBe(false);
  });

  it('reads calls, meetings and visits, not e-mails or notes', () => {
    expect(toActivity(row({ type: 'visit', at: 7, subject: 'Site visit' }))?.subject).toBe('Site visit');
    expect(toActivity(row({ type: 'email', at: 7 }))).toBeUndefined();
    expect(toActivity(row({ type: 'call' }))).toBeUndefined();
  });
});

describe('members', () => {
  const members = toMembers([
    row({ id: 'usr_b', _title: 'Olena Koval', name: 'Olena Koval' }),
    row({ id: 'usr_a', _title: 'Anna Berg', name: 'Anna Berg' }),
  ]);

  it('are listed by name', () => {
    expect(members.map((m) => m.id)).toEqual(['usr_a', 'usr_b']);
  });

  it('include the device user when their presence name is a member’s name', () => {
    expect(memberNamed(members, '  olena KOVAL ')?.id).toBe('usr_b');
    expect(memberNamed(members, 'Olena')).toBeUndefined();
    expect(memberNamed(members, '')).toBeUndefined();
  });
});

describe('the agenda', () => {
  const now = at(2026, 11, 27, 14);
  const w = agendaWindow(now);
  const tasks = [
    task('old', at(2026, 11, 2, 10), { assigneeId: 'usr_a' }),
    task('older', at(2026, 10, 30, 10), { assigneeId: 'usr_b' }),
    task('old-done', at(2026, 11, 20, 10), { done: true }),
    task('today-late', at(2026, 11, 27, 16)),
    task('today-early', at(2026, 11, 27, 9), { assigneeId: 'usr_a' }),
    task('today-done', at(2026, 11, 27, 11), { done: true }),
    task('monday', at(2026, 11, 30, 10), { assigneeId: 'usr_a' }),
    task('monday-done', at(2026, 11, 30, 11), { done: true }),
    task('far', at(2026, 12, 24, 10)),
  ];
  const activities = [
    activity('visit', at(2026, 11, 27, 9), { type: 'visit', userId: 'usr_a' }),
    activity('yesterday', at(2026, 11, 26, 9)),
    activity('tuesday', at(2026, 12, 1, 8), { type: 'meeting', userId: 'usr_b' }),
  ];

  it('sorts overdue latest first and leaves done tasks out', () => {
    const view = buildAgenda(tasks, activities, w);
    expect(view.overdue.map((t) => t.id)).toEqual(['old', 'older']);
  });

  it('lists today by time, tasks before appointments at the same minute, done ones included', () => {
    const view = buildAgenda(tasks, activities, w);
    expect(view.today.map((i) => (i.type === 'task' ? i.task.id : i.activity.id))).toEqual(['today-early', 'visit', 'today-done', 'today-late']);
  });

  it('groups the next days by day and leaves later tasks out', () => {
    const view = buildAgenda(tasks, activities, w);
    expect(view.upcoming.map((g) => g.day)).toEqual([at(2026, 11, 30), at(2026, 12, 1)]);
    expect(view.upcoming[0]?.items.map((i) => (i.type === 'task' ? i.task.id : i.activity.id))).toEqual(['monday']);
    expect(view.openCount).toBe(5);
  });

  it('filters by member: a task by its assignee, an appointment by its rep', () => {
    const mine = buildAgenda(tasks, activities, w, 'usr_a');
    expect(mine.overdue.map((t) => t.id)).toEqual(['old']);
    expect(mine.today.map((i) => (i.type === 'task' ? i.task.id : i.activity.id))).toEqual(['today-early', 'visit']);
    expect(mine.upcoming.flatMap((g) => g.items).length).toBe(1);
    const nobody = buildAgenda(tasks, activities, w, UNASSIGNED);
    expect(nobody.today.map((i) => (i.type === 'task' ? i.task.id : i.activity.id))).toEqual(['today-done', 'today-late']);
    expect(buildAgenda(tasks, activities, w, EVERYONE).today.length).toBe(4);
  });

  it('keeps a task ticked on screen where it was', () => {
    const ticked = new Set(['old', 'monday-done']);
    const done = tasks.map((t) => (t.id === 'old' ? { ...t, done: true } : t));
    const view = buildAgenda(done, [], w, EVERYONE, ticked);
    expect(view.overdue.map((t) => [t.id, t.done])).toEqual([['old', true], ['older', false]]);
    expect(view.upcoming[0]?.items.map((i) => (i.type === 'task' ? i.task.id : ''))).toEqual(['monday', 'monday-done']);
    expect(keepsTask({ ...task('x', at(2026, 11, 1)), done: true }, w)).toBe(false);
    expect(keepsTask({ ...task('x', at(2026, 11, 1)), done: true }, w, new Set(['x']))).toBe(true);
    expect(keepsTask(task('x', at(2027, 1, 1)), w)).toBe(false);
  });
});

describe('new tasks', () => {
  it('are due at the next full hour, or tomorrow at nine late in the evening', () => {
    expect(defaultDue(at(2026, 11, 27, 14, 20))).toBe(at(2026, 11, 27, 15));
    expect(defaultDue(at(2026, 11, 27, 21, 59))).toBe(at(2026, 11, 27, 22));
    expect(defaultDue(at(2026, 11, 27, 22, 30))).toBe(at(2026, 11, 28, 9));
    expect(defaultDue(at(2026, 12, 31, 23, 30))).toBe(at(2027, 1, 1, 9));
  });

  it('remind a chosen number of minutes before they are due', () => {
    expect(reminderAt(at(2026, 11, 27, 15), 15)).toBe(at(2026, 11, 27, 14, 45));
    expect(reminderAt(at(2026, 11, 27, 15), 0)).toBe(at(2026, 11, 27, 15));
  });
});

describe('reminders', () => {
  const now = at(2026, 11, 27, 14);
  const list = [
    task('a', at(2026, 11, 27, 15), { remindAt: now - 60_000 }),
    task('b', at(2026, 11, 27, 15), { remindAt: now - 30_000, assigneeId: 'usr_other' }),
    task('c', at(2026, 11, 27, 15), { remindAt: now - 10_000, done: true }),
    task('d', at(2026, 11, 27, 15), { remindAt: now + 60_000 }),
    task('e', at(2026, 11, 27, 15), { remindAt: now - 5 * 60_000 }),
    task('f', at(2026, 11, 27, 15)),
  ];

  it('fire for open tasks whose time passed since the last check, oldest first', () => {
    expect(dueReminders(list, now - 10 * 60_000, now, {})).toEqual(['e', 'a', 'b']);
    expect(dueReminders(list, now - 2 * 60_000, now, {})).toEqual(['a', 'b']);
  });

  it('fire once per task and reminder time', () => {
    expect(dueReminders(list, now - 10 * 60_000, now, { e: now - 5 * 60_000, a: now - 120_000 })).toEqual(['a', 'b']);
  });

  it('fire only for the device user’s tasks and unassigned ones when the user is known', () => {
    const mine = (id: string | undefined): boolean => id === undefined || id === 'usr_me';
    expect(dueReminders(list, now - 10 * 60_000, now, {}, mine)).toEqual(['e', 'a']);
  });

  it('are read from task rows with a reminder time, due time or not', () => {
    expect(toReminder(row({ title: 'Send samples', remindAt: 9 }))).toEqual({ id: 'tsk_0001', title: 'Send samples', remindAt: 9, dueAt: undefined, done: false, assigneeId: undefined });
    expect(toReminder(row({ title: 'Send samples', dueAt: 9 }))).toBeUndefined();
  });

  it('know when the next one is due', () => {
    expect(nextReminder(list, now)).toBe(now + 60_000);
    expect(nextReminder(list, now + 60_000)).toBeUndefined();
  });

  it('catch up on what was missed while closed, at most half a day back, and never on first use', () => {
    expect(checkFrom(undefined, now)).toBe(now);
    expect(checkFrom({ checkedUntil: now - HOUR, shown: {} }, now)).toBe(now - HOUR);
    expect(checkFrom({ checkedUntil: now - 7 * 24 * HOUR, shown: {} }, now)).toBe(now - CATCH_UP_MS);
    // A clock set back since the last check does not make reminders wait.
    expect(checkFrom({ checkedUntil: now + HOUR, shown: {} }, now)).toBe(now);
  });

  it('remember what was shown, forgetting what can no longer come up', () => {
    const log = recordShown({ checkedUntil: 0, shown: { old: now - 3 * CATCH_UP_MS, recent: now - HOUR } }, ['a'], (id) => (id === 'a' ? now - 60_000 : undefined), now);
    expect(log).toEqual({ checkedUntil: now, shown: { recent: now - HOUR, a: now - 60_000 } });
  });

  it('read a stored log and ignore a damaged one', () => {
    expect(parseReminderLog(JSON.stringify({ checkedUntil: 5, shown: { a: 4, b: 'x' } }))).toEqual({ checkedUntil: 5, shown: { a: 4 } });
    expect(parseReminderLog(null)).toBeUndefined();
    expect(parseReminderLog('{not json')).toBeUndefined();
    expect(parseReminderLog('[]')).toBeUndefined();
    expect(parseReminderLog(JSON.stringify({ shown: {} }))).toBeUndefined();
  });
});
