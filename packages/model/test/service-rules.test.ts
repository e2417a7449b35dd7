import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SALES_SETTINGS,
  SettingsError,
  ValidationError,
  addWorkingHours,
  answerAttributes,
  cadenceTaskId,
  cadenceTasks,
  checkAnswers,
  collectionOfId,
  deriveValues,
  firstOrder,
  parseSalesSetting,
  responseDue,
  routeLead,
  scoreLead,
  ticketDue,
  type Question,
  type RoutingRule,
  type SalesSettings,
} from '../src/index.ts';

const HOUR = 3_600_000;

const QUESTIONS: Question[] = [
  { id: 'budget', text: 'Budget?', options: [{ id: 'none', label: 'None', points: 0 }, { id: 'some', label: 'Some', points: 10 }, { id: 'big', label: 'Big', points: 30 }] },
  { id: 'when', text: 'When?', options: [{ id: 'now', label: 'Now', points: 20 }, { id: 'later', label: 'Later', points: 5 }] },
  { id: 'region', text: 'Region?', sets: 'territory', options: [{ id: 'n', label: 'North', points: 0 }, { id: 's', label: 'South', points: 0 }] },
  { id: 'line', text: 'Product?', sets: 'productLine', options: [{ id: 'pumps', label: 'Pumps', points: 0 }, { id: 'valves', label: 'Valves', points: 0 }] },
];

describe('qualification score', () => {
  it('[Q1] is the share of the most points the questionnaire gives, 0–100', () => {
    expect(scoreLead(QUESTIONS, { budget: 'big', when: 'now' })).toBe(100);
    expect(scoreLead(QUESTIONS, { budget: 'some', when: 'later' })).toBe(30);
    expect(scoreLead(QUESTIONS, { budget: 'none', when: 'later' })).toBe(10);
    expect(scoreLead(QUESTIONS, {})).toBe(0);
  });
  it('[Q1] counts unknown answers as 0 and has no score without points to give', () => {
    expect(scoreLead(QUESTIONS, { budget: 'gone', when: 'now' })).toBe(40);
    expect(scoreLead([], { budget: 'big' })).toBeUndefined();
  });
  it('[Q2] answers to marked questions give the territory and product line', () => {
    expect(answerAttributes(QUESTIONS, { region: 's', line: 'valves' })).toEqual({ territory: 'South', productLine: 'Valves' });
    expect(answerAttributes(QUESTIONS, { budget: 'big' })).toEqual({});
  });
  it('[Q3] submitted answers must be offered answers of known questions', () => {
    expect(checkAnswers(QUESTIONS, { budget: 'big', when: '' })).toEqual({ answers: { budget: 'big' } });
    expect(checkAnswers(QUESTIONS, { budget: 'huge' })).toEqual({ error: '"huge" is not an answer to "Budget?"' });
    expect(checkAnswers(QUESTIONS, { colour: 'red' })).toEqual({ error: '"colour" is not a question of this form' });
  });
});

describe('settings parsing', () => {
  it('[Q4] refuses a question with fewer than two answers, points out of range and duplicate ids', () => {
    expect(() => parseSalesSetting('questions', [{ id: 'a', text: 'A', options: [{ id: 'x', label: 'X', points: 1 }] }])).toThrow(SettingsError);
    expect(() => parseSalesSetting('questions', [{ id: 'a', text: 'A', options: [{ id: 'x', label: 'X', points: 101 }, { id: 'y', label: 'Y', points: 0 }] }])).toThrow(/between 0 and 100/);
    expect(() => parseSalesSetting('cadence', [{ id: 's', delayDays: 1, kind: 'call', title: 'a' }, { id: 's', delayDays: 2, kind: 'call', title: 'b' }])).toThrow(/used twice/);
    expect(() => parseSalesSetting('routing', [{ id: 'r', territory: '', productLine: '', repIds: ['usr_aaaa'] }])).toThrow(/territory or a product line/);
    expect(parseSalesSetting('ticketHours', { high: 12 })).toEqual({ ...DEFAULT_SALES_SETTINGS.ticketHours, high: 12 });
  });
});

describe('routing', () => {
  const reps = [
    { id: 'usr_anna', territory: 'North', load: 3 },
    { id: 'usr_boris', territory: 'South', load: 1 },
    { id: 'usr_clara', territory: 'South', load: 2 },
    { id: 'usr_dmitri', territory: 'North', load: 0 },
  ];
  const rules: RoutingRule[] = [
    { id: 'r1', territory: '', productLine: 'Pumps', repIds: ['usr_anna', 'usr_clara'] },
    { id: 'r2', territory: 'East', productLine: '', repIds: ['usr_clara'] },
  ];
  it('[RT1] territory first: reps of the lead territory, by rule or by their own territory', () => {
    expect(routeLead({ territory: 'north' }, [], reps)).toEqual({ repId: 'usr_dmitri', reason: 'territory' });
    expect(routeLead({ territory: 'East' }, rules, reps)).toEqual({ repId: 'usr_clara', reason: 'territory' });
  });
  it('[RT2] then product line, within the territory when one matched', () => {
    expect(routeLead({ territory: 'North', productLine: 'pumps' }, rules, reps)).toEqual({ repId: 'usr_anna', reason: 'productLine' });
    expect(routeLead({ territory: 'South', productLine: 'Pumps' }, rules, reps)).toEqual({ repId: 'usr_clara', reason: 'productLine' });
    expect(routeLead({ productLine: 'Pumps' }, rules, reps)).toEqual({ repId: 'usr_clara', reason: 'productLine' });
  });
  it('[RT3] then the lowest load; a step that matches nobody is skipped', () => {
    expect(routeLead({}, rules, reps)).toEqual({ repId: 'usr_dmitri', reason: 'load' });
    expect(routeLead({ territory: 'West', productLine: 'Drills' }, rules, reps)).toEqual({ repId: 'usr_dmitri', reason: 'load' });
    expect(routeLead({}, rules, [])).toBeUndefined();
  });
  it('[RT4] is deterministic: ties break by rep id whatever the order of the reps', () => {
    const tied = [{ id: 'usr_zoe', load: 1 }, { id: 'usr_max', load: 1 }, { id: 'usr_kim', load: 4 }];
    const a = routeLead({}, [], tied);
    const b = routeLead({}, [], [...tied].reverse());
    expect(a).toEqual({ repId: 'usr_max', reason: 'load' });
    expect(b).toEqual(a);
  });
});

describe('deadlines', () => {
  const rule = { hours: 4, workingHours: true, dayStart: 9, dayEnd: 18 };
  it('[D1] a lead response deadline counts working hours, Monday–Friday', () => {
    // Monday 5 January 2026, 10:00 local → 14:00 the same day.
    expect(responseDue(new Date(2026, 0, 5, 10).getTime(), rule)).toBe(new Date(2026, 0, 5, 14).getTime());
    // Monday 16:30 → 1.5 h today, 2.5 h tomorrow: Tuesday 11:30.
    expect(responseDue(new Date(2026, 0, 5, 16, 30).getTime(), rule)).toBe(new Date(2026, 0, 6, 11, 30).getTime());
    // Friday 17:00 → Monday 12:00.
    expect(responseDue(new Date(2026, 0, 9, 17).getTime(), rule)).toBe(new Date(2026, 0, 12, 12).getTime());
    // Saturday night → Monday 13:00.
    expect(responseDue(new Date(2026, 0, 10, 23).getTime(), rule)).toBe(new Date(2026, 0, 12, 13).getTime());
    expect(addWorkingHours(new Date(2026, 0, 5, 7).getTime(), 9, 9, 18)).toBe(new Date(2026, 0, 5, 18).getTime());
  });
  it('[D1] without working hours it is plain elapsed time', () => {
    const at = new Date(2026, 0, 10, 23).getTime();
    expect(responseDue(at, { ...rule, workingHours: false, hours: 24 })).toBe(at + 24 * HOUR);
  });
  it('[D2] a ticket is due by severity from when it opened', () => {
    const at = Date.UTC(2026, 0, 5, 10);
    const hours = DEFAULT_SALES_SETTINGS.ticketHours;
    expect(ticketDue(at, 'critical', hours)).toBe(at + 4 * HOUR);
    expect(ticketDue(at, 'high', hours)).toBe(at + 24 * HOUR);
    expect(ticketDue(at, 'medium', hours)).toBe(at + 72 * HOUR);
    expect(ticketDue(at, 'low', hours)).toBe(at + 7 * 24 * HOUR);
  });
});

/** The values a write derives; throws the rules' refusal as a ValidationError, as the store does. */
function derived(...args: Parameters<typeof deriveValues>): Record<string, unknown> {
  const d = deriveValues(...args);
  if (d.issues.length) throw new ValidationError(args[0], d.issues.map((i) => ({ ...i, label: i.field })));
  return d.values;
}

describe('derived values', () => {
  const rules: SalesSettings = { ...DEFAULT_SALES_SETTINGS, questions: QUESTIONS };
  const now = Date.UTC(2026, 2, 1, 8);
  it('[D3] a new ticket opens now and is due by its severity; a severity change moves the due date', () => {
    const created = derived('tickets', undefined, { subject: 'Leak', severity: 'high', status: 'new' }, rules, now);
    expect(created).toEqual({ openedAt: now, due: now + 24 * HOUR });
    const before = { subject: 'Leak', severity: 'high', status: 'new', ...created };
    expect(derived('tickets', before, { severity: 'critical' }, rules, now + HOUR)).toEqual({ due: now + 4 * HOUR });
    expect(derived('tickets', before, { subject: 'Big leak' }, rules, now + HOUR)).toEqual({});
    expect(derived('tickets', before, { severity: 'low', due: now + 2 * HOUR }, rules, now)).toEqual({});
  });
  it('[D4] resolving a ticket needs resolution notes', () => {
    const before = { subject: 'Leak', severity: 'high', status: 'open', openedAt: now, due: now };
    expect(() => derived('tickets', before, { status: 'resolved' }, rules, now)).toThrow(ValidationError);
    expect(derived('tickets', before, { status: 'resolved', resolution: 'Replaced the seal' }, rules, now)).toEqual({});
    expect(() => derived('tickets', { ...before, status: 'resolved', resolution: 'x' }, { resolution: '' }, rules, now)).toThrow(/resolution/i);
  });
  it('[Q5] a lead gets its score, territory and product line from its answers', () => {
    expect(derived('leads', undefined, { name: 'A', status: 'new', answers: { budget: 'big', region: 's', line: 'pumps' } }, rules, now))
      .toEqual({ receivedAt: now, score: 60, territory: 'South', productLine: 'Pumps' });
    expect(derived('leads', { name: 'A', status: 'new', receivedAt: now, score: 60, territory: 'West' }, { answers: { budget: 'big', when: 'now', region: 'n' } }, rules, now))
      .toEqual({ score: 100 });
  });
});

describe('channel costs', () => {
  const rules: SalesSettings = DEFAULT_SALES_SETTINGS;
  const now = Date.UTC(2026, 2, 1, 8);
  it('[Q6] a new campaign without a typed cost per contact gets its channel\'s default in the workspace currency', () => {
    expect(DEFAULT_SALES_SETTINGS.channelCosts).toEqual({ telemarketing: 18, field_visit: 400 });
    expect(derived('campaigns', undefined, { name: 'Spring', channel: 'telemarketing' }, rules, now, 'USD')).toEqual({ costPerContact: { amount: 1800, currency: 'USD' } });
    expect(derived('campaigns', undefined, { name: 'Visits', channel: 'field_visit' }, rules, now, 'JPY')).toEqual({ costPerContact: { amount: 400, currency: 'JPY' } });
    // A typed cost stays; a channel without a default gets none; an edit never sets it.
    expect(derived('campaigns', undefined, { name: 'S', channel: 'telemarketing', costPerContact: { amount: 2000, currency: 'EUR' } }, rules, now)).toEqual({});
    expect(derived('campaigns', undefined, { name: 'Mail', channel: 'direct_mail' }, rules, now)).toEqual({});
    expect(derived('campaigns', { name: 'S', channel: 'email' }, { channel: 'telemarketing' }, rules, now)).toEqual({});
    const mail = { ...rules, channelCosts: parseSalesSetting('channelCosts', { telemarketing: 18, field_visit: '400', direct_mail: 2.5, email: '' }) };
    expect(mail.channelCosts).toEqual({ telemarketing: 18, field_visit: 400, direct_mail: 2.5 });
    expect(derived('campaigns', undefined, { name: 'Mail', channel: 'direct_mail' }, mail, now, 'EUR')).toEqual({ costPerContact: { amount: 250, currency: 'EUR' } });
  });

  it('[Q4] channel costs are refused with a message: unknown channel, negative or not a number', () => {
    expect(() => parseSalesSetting('channelCosts', { fax: 3 })).toThrow(/"fax" is not a campaign channel/);
    expect(() => parseSalesSetting('channelCosts', { telemarketing: -1 })).toThrow(/telemarketing must be between 0 and/);
    expect(() => parseSalesSetting('channelCosts', { email: 'cheap' })).toThrow(SettingsError);
    expect(() => parseSalesSetting('channelCosts', [18])).toThrow(/must be an object/);
  });
});

describe('welcome cadence', () => {
  const steps = DEFAULT_SALES_SETTINGS.cadence;
  it('[C1] task ids derive from the account and step: the same on every device, distinct per step and account', () => {
    const a = cadenceTaskId('acc_0123456789abcdef', 'call2');
    expect(a).toBe(cadenceTaskId('acc_0123456789abcdef', 'call2'));
    expect(collectionOfId(a)).toBe('tasks');
    expect(cadenceTaskId('acc_0123456789abcdef', 'letter7')).not.toBe(a);
    expect(cadenceTaskId('acc_0123456789abcdeg', 'call2')).not.toBe(a);
  });
  it('[C2] steps become tasks due after the first order, assigned to the account owner', () => {
    const tasks = cadenceTasks(steps, { id: 'acc_x1y2z3w4', ownerId: 'usr_anna' }, '2026-03-02');
    expect(tasks.map((t) => [t.values.kind, new Date(t.values.dueAt).getDate(), t.values.assigneeId])).toEqual([
      ['call', 4, 'usr_anna'],
      ['letter', 9, 'usr_anna'],
    ]);
    expect(tasks.map((t) => t.id)).toEqual(cadenceTasks(steps, { id: 'acc_x1y2z3w4', ownerId: 'usr_boris' }, '2026-03-05').map((t) => t.id));
  });
  it('[C3] the first order is the earliest not cancelled', () => {
    const orders = [
      { id: 'ord_b', orderedOn: '2026-01-02', status: 'registered' },
      { id: 'ord_a', orderedOn: '2026-01-01', status: 'cancelled' },
      { id: 'ord_c', orderedOn: '2026-01-02', status: 'paid' },
    ];
    expect(firstOrder(orders)?.id).toBe('ord_b');
    expect(firstOrder([])).toBeUndefined();
  });
});
