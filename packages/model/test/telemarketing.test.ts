import { describe, expect, it } from 'vitest';
import { buildCallList, followUpAt, nextStep, nextWorkingDay, parseCallScript, type CampaignCall, type ScheduledCall } from '../src/telemarketing.ts';

const SCRIPT = `1. Hello, this is Anna from Acme.
Is this the person who buys office supplies?
- Yes, speaking -> 2
- Not available → 3
- Not interested -> end
2. We have a new range. Shall I send the price list?
- Yes
- No -> END
3) Ask when to call back.`;

describe('call scripts', () => {
  it('[TM1] parses numbered steps, continued text and choices with targets', () => {
    const r = parseCallScript(SCRIPT);
    if (!('script' in r) || !r.script) throw new Error('expected a script');
    expect(r.script.steps.map((s) => s.n)).toEqual([1, 2, 3]);
    expect(r.script.steps[0]!.text).toBe('Hello, this is Anna from Acme.\nIs this the person who buys office supplies?');
    expect(r.script.steps[0]!.choices).toEqual([
      { label: 'Yes, speaking', to: 2 },
      { label: 'Not available', to: 3 },
      { label: 'Not interested', to: null },
    ]);
    // A choice without an arrow goes on to the next step; "end" in any case ends.
    expect(r.script.steps[1]!.choices).toEqual([{ label: 'Yes', to: 3 }, { label: 'No', to: null }]);
    expect(r.script.steps[2]!.choices).toEqual([]);
    expect(nextStep(r.script, 2)).toBe(3);
    expect(nextStep(r.script, 3)).toBeNull();
  });

  it('[TM1] a blank script is no script; Windows line ends parse alike', () => {
    expect(parseCallScript('  \n\n')).toEqual({ script: null });
    const r = parseCallScript('1. Hi\r\n- Go -> 2\r\n2. Bye');
    expect('script' in r && r.script?.steps.map((s) => [s.n, s.text])).toEqual([[1, 'Hi'], [2, 'Bye']]);
  });

  it('[TM2] refuses a bad script with the line and the reason', () => {
    expect(parseCallScript('Hello\n1. Hi')).toEqual({ error: { line: 1, reason: 'text-before-step' } });
    expect(parseCallScript('- Yes -> 1\n1. Hi')).toEqual({ error: { line: 1, reason: 'choice-before-step' } });
    expect(parseCallScript('1. Hi\n\n1. Again')).toEqual({ error: { line: 3, reason: 'duplicate-step', step: 1 } });
    expect(parseCallScript('1.\n2. Hi')).toEqual({ error: { line: 1, reason: 'empty-step', step: 1 } });
    expect(parseCallScript('1. Hi\n- -> 2\n2. B')).toEqual({ error: { line: 2, reason: 'empty-choice', step: 1 } });
    expect(parseCallScript('1. Hi\n- Yes -> two')).toEqual({ error: { line: 2, reason: 'bad-target', step: 1, target: 'two' } });
    expect(parseCallScript('1. Hi\n- Yes -> 7\n2. B')).toEqual({ error: { line: 2, reason: 'unknown-target', step: 1, target: '7' } });
  });
});

const NOW = new Date('2026-11-04T12:00:00').getTime(); // a Wednesday
const H = 3_600_000;
const call = (id: string, accountId: string, at: number, outcome?: string): CampaignCall => ({ id, accountId, at, ...(outcome ? { outcome } : {}), contactId: `c_${accountId}` });
const task = (id: string, accountId: string, dueAt: number | undefined, done = false): ScheduledCall => ({ id, accountId, done, ...(dueAt !== undefined ? { dueAt } : {}) });

describe('call list', () => {
  it('[TM3] due calls first, then never called in target order, then later, then done', () => {
    const targets = ['a', 'b', 'c', 'd', 'e', 'f'].map((accountId) => ({ accountId }));
    const list = buildCallList(
      targets,
      [call('x1', 'a', NOW - 5 * H, 'interested'), call('x2', 'c', NOW - 3 * H, 'no_answer'), call('x3', 'e', NOW - 2 * H, 'call_back'), call('x4', 'f', NOW - H, 'order')],
      [task('t1', 'c', NOW + 20 * H), task('t2', 'e', NOW - H), task('t3', 'g', NOW - 2 * H), task('t4', 'a', NOW - 9 * H, true)],
      NOW,
    );
    expect(list.entries.map((e) => [e.accountId, e.state])).toEqual([
      ['g', 'due'], ['e', 'due'], ['b', 'fresh'], ['d', 'fresh'], ['c', 'later'], ['f', 'done'], ['a', 'done'],
    ]);
    const e = list.entries.find((x) => x.accountId === 'e')!;
    expect(e.calls).toBe(1);
    expect(e.lastCall?.outcome).toBe('call_back');
    expect(e.next?.id).toBe('t2');
    expect(e.contactId).toBe('c_e');
    expect(list.removed).toBe(0);
  });

  it('[TM4] "not interested" takes an account off the list until a call is scheduled again', () => {
    const calls = [call('x1', 'a', NOW - 2 * H, 'no_answer'), call('x2', 'a', NOW - H, 'not_interested')];
    const off = buildCallList([{ accountId: 'a' }, { accountId: 'b' }], calls, [task('t1', 'a', NOW - 3 * H, true)], NOW);
    expect(off.entries.map((x) => x.accountId)).toEqual(['b']);
    expect(off.removed).toBe(1);
    const back = buildCallList([{ accountId: 'a' }], calls, [task('t2', 'a', NOW + H)], NOW);
    expect(back.entries.map((x) => [x.accountId, x.state])).toEqual([['a', 'later']]);
    expect(back.removed).toBe(0);
  });

  it('[TM3] the last call is the latest; a task without a due time is due now; ties follow ids', () => {
    const list = buildCallList([], [call('x2', 'z', NOW - H, 'interested'), call('x1', 'z', NOW - 2 * H, 'not_interested')], [task('t', 'y', undefined), task('u', 'x', undefined)], NOW);
    expect(list.entries.map((x) => [x.accountId, x.state])).toEqual([['x', 'due'], ['y', 'due'], ['z', 'done']]);
    expect(list.entries[2]!.lastCall?.id).toBe('x2');
    expect(list.entries[2]!.calls).toBe(2);
  });

  it('[TM5] no answer is tried again the next working day at 9:00', () => {
    const wed = nextWorkingDay(NOW);
    expect(new Date(wed).toString()).toBe(new Date('2026-11-05T09:00:00').toString());
    const fri = new Date('2026-11-06T17:30:00').getTime();
    expect(nextWorkingDay(fri)).toBe(new Date('2026-11-09T09:00:00').getTime());
    const sat = new Date('2026-11-07T10:00:00').getTime();
    expect(nextWorkingDay(sat, 10)).toBe(new Date('2026-11-09T10:00:00').getTime());
  });

  it('[TM6] an interested customer is called again three working days later at 10:00', () => {
    // Thursday → the next Tuesday, over the weekend.
    expect(followUpAt(new Date('2026-11-05T15:00:00').getTime())).toBe(new Date('2026-11-10T10:00:00').getTime());
    // Monday → Thursday.
    expect(followUpAt(new Date('2026-11-09T08:00:00').getTime())).toBe(new Date('2026-11-12T10:00:00').getTime());
  });
});
