// The statistical shape of the data: what CLV, purchase-sequence, dedupe and scorecard
// analytics will be tested against.
import { describe, expect, it } from 'vitest';
import { PLANTED_SEQUENCES, idFor, plantedDuplicates } from '../src/index.ts';
import { teamProfiles } from '../src/gen/users.ts';
import { TICKET_SLA_HOURS } from '../src/gen/tickets.ts';
import { editDistance, median, valuesOf, workspaceS } from './fixtures.ts';

const END = '2026-10-31';
const HOUR = 3_600_000;

const orders = () => valuesOf(workspaceS(), 'orders');

describe('orders follow the buying model', () => {
  it('planted sequences: after an order with A, the next order of that customer has B far more often than B\'s base rate (lift > 3)', () => {
    const prev = new Map<string, Set<string>>();
    let pairs = 0;
    const withB = new Map<string, number>();
    const afterA = PLANTED_SEQUENCES.map(() => ({ a: 0, ab: 0 }));
    // Orders are yielded in date order, so "next" is the next one of the same account.
    for (const o of orders()) {
      const products = new Set<string>((o.lines ?? []).map((l) => l.productId ?? ''));
      const account = o.accountId ?? '';
      const before = prev.get(account);
      if (before) {
        pairs++;
        PLANTED_SEQUENCES.forEach((s, k) => {
          if (products.has(s.b)) withB.set(s.b, (withB.get(s.b) ?? 0) + 1);
          const stat = afterA[k];
          if (stat && before.has(s.a)) {
            stat.a++;
            if (products.has(s.b)) stat.ab++;
          }
        });
      }
      prev.set(account, products);
    }
    PLANTED_SEQUENCES.forEach((s, k) => {
      const base = (withB.get(s.b) ?? 0) / pairs;
      const { a, ab } = afterA[k] ?? { a: 0, ab: 0 };
      expect(a, `${s.a} bought often enough to measure`).toBeGreaterThan(50);
      const conditional = ab / a;
      expect(conditional, `P(${s.b} next | ${s.a})`).toBeGreaterThan(0.45);
      expect(conditional / base, `lift of ${s.a} → ${s.b}`).toBeGreaterThan(3);
    });
  });

  it('between 15% and 40% of customers with orders have not ordered in the last six months', () => {
    const last = new Map<string, string>();
    for (const o of orders()) last.set(o.accountId ?? '', o.orderedOn ?? '');
    const cutoff = '2026-05-01';
    const lapsed = [...last.values()].filter((d) => d < cutoff).length / last.size;
    expect(lapsed).toBeGreaterThan(0.15);
    expect(lapsed).toBeLessThan(0.4);
  });

  it('orders are seasonal: the busiest month of the year has over 1.3× the orders of the quietest, and few fall at weekends', () => {
    const months = new Array<number>(12).fill(0);
    let weekend = 0;
    for (const o of orders()) {
      const on = o.orderedOn ?? '';
      const m = Number(on.slice(5, 7)) - 1;
      months[m] = (months[m] ?? 0) + 1;
      const d = new Date(`${on}T00:00:00Z`).getUTCDay();
      if (d === 0 || d === 6) weekend++;
    }
    expect(Math.max(...months) / Math.min(...months)).toBeGreaterThan(1.3);
    expect(weekend / orders().length).toBeLessThan(0.12);
  });

  it('customers differ: a few buy very often, many rarely; repeat buying is the norm; prospects never buy', () => {
    const perAccount = new Map<string, number>();
    for (const o of orders()) perAccount.set(o.accountId ?? '', (perAccount.get(o.accountId ?? '') ?? 0) + 1);
    const counts = [...perAccount.values()].sort((a, b) => a - b);
    const once = counts.filter((c) => c === 1).length / counts.length;
    expect(once).toBeLessThan(0.2);
    expect(Math.max(...counts) / median(counts)).toBeGreaterThan(5);
    const prospects = new Set(valuesOf(workspaceS(), 'accounts').filter((a) => a.kind === 'prospect').map((a) => a.id));
    expect([...perAccount.keys()].some((a) => prospects.has(a))).toBe(false);
  });

  it('orders have about three lines, priced in euro from the customer group\'s price list', () => {
    const all = orders();
    const lines = all.reduce((s, o) => s + (o.lines?.length ?? 0), 0) / all.length;
    expect(lines).toBeGreaterThan(2.5);
    expect(lines).toBeLessThan(3.5);
    const listed = new Set<string>();
    for (const pl of valuesOf(workspaceS(), 'priceLists')) {
      for (const item of pl.items ?? []) listed.add(`${pl.customerGroup}|${item.productId}|${item.price?.amount}`);
    }
    const group = new Map(valuesOf(workspaceS(), 'accounts').map((a) => [a.id, a.segment]));
    let priced = 0;
    let total = 0;
    for (const o of all.slice(0, 2000)) {
      for (const l of o.lines ?? []) {
        total++;
        expect(l.unitPrice?.currency).toBe('EUR');
        if (listed.has(`${group.get(o.accountId ?? '')}|${l.productId}|${l.unitPrice?.amount}`)) priced++;
      }
    }
    expect(priced / total).toBeGreaterThan(0.99);
  });
});

describe('accounts, contacts and duplicates', () => {
  it('accounts have owners, territories and kinds; about 5% are key accounts with a plan', () => {
    const accounts = valuesOf(workspaceS(), 'accounts');
    for (const a of accounts) {
      expect(a.ownerId).toMatch(/^usr_/);
      expect(typeof a.territory).toBe('string');
    }
    const kinds = new Set(accounts.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['bank', 'customer', 'distributor', 'partner', 'prospect', 'supplier']);
    const key = accounts.filter((a) => a.keyAccount === true);
    expect(key.length).toBe(25);
    for (const a of key) expect(a.accountPlan).toBeTruthy();
  });

  it('contacts have buying-centre roles and a mix of English and Cyrillic names', () => {
    const contacts = valuesOf(workspaceS(), 'contacts');
    const roles = new Set(contacts.map((c) => c.buyingRole).filter(Boolean));
    expect([...roles].sort()).toEqual(['buyer', 'decision_maker', 'gatekeeper', 'influencer', 'user']);
    const cyrillic = contacts.filter((c) => /\p{Script=Cyrillic}/u.test(c.lastName ?? '')).length / contacts.length;
    expect(cyrillic).toBeGreaterThan(0.25);
    expect(cyrillic).toBeLessThan(0.75);
  });

  it('planted near-duplicates exist and look alike (name, e-mail or phone digits)', () => {
    const accounts = new Map(valuesOf(workspaceS(), 'accounts').map((a) => [a.id, a]));
    const contacts = new Map(valuesOf(workspaceS(), 'contacts').map((c) => [c.id, c]));
    const pairs = plantedDuplicates('s');
    expect(pairs.filter((p) => p.collection === 'accounts')).toHaveLength(5);
    expect(pairs.filter((p) => p.collection === 'contacts')).toHaveLength(23);
    const digits = (s: string | undefined): string => (s ?? '').replace(/\D/g, '');
    const bare = (s: string): string =>
      s.replace(/\b(Ltd|LLC|PLC|Limited|DAC)\b/g, '').replace(/^(ТОВ|ПП|ООО|ОАО|ЧУП|ТОО)\s/, '').replace(/[«»]/g, '').trim().toLowerCase();
    for (const p of pairs) {
      if (p.collection === 'accounts') {
        const o = accounts.get(p.original);
        const d = accounts.get(p.duplicate);
        expect(o && d, `${p.original} and ${p.duplicate} exist`).toBeTruthy();
        const on = o?.name ?? '';
        const dn = d?.name ?? '';
        expect(editDistance(bare(on), bare(dn)), `${on} ~ ${dn}`).toBeLessThanOrEqual(2);
        expect(dn).not.toBe(on);
      } else {
        const o = contacts.get(p.original);
        const d = contacts.get(p.duplicate);
        expect(o && d, `${p.original} and ${p.duplicate} exist`).toBeTruthy();
        if (!o || !d) continue;
        const sameEmail = o.email !== undefined && o.email === d.email;
        const samePhone = digits(d.phone) !== '' && [o.phone, o.mobile].some((x) => digits(x) === digits(d.phone));
        const noStrongSignal = !o.email && !o.phone && !o.mobile;
        expect(sameEmail || samePhone || noStrongSignal, `${p.original} ~ ${p.duplicate}`).toBe(true);
        expect(d.accountId).toBe(o.accountId);
        expect(editDistance(o.lastName ?? '', d.lastName ?? '')).toBeLessThanOrEqual(2);
      }
    }
  });

  it('no accidental duplicates: contact e-mails and phone numbers repeat only in planted pairs', () => {
    const planted = new Set<string>(plantedDuplicates('s').map((p) => p.duplicate));
    const emails = new Set<string>();
    const phones = new Set<string>();
    for (const c of valuesOf(workspaceS(), 'contacts')) {
      if (planted.has(c.id)) continue;
      if (c.email) {
        expect(emails.has(c.email), c.email).toBe(false);
        emails.add(c.email);
      }
      for (const ph of [c.phone, c.mobile]) {
        if (!ph) continue;
        const d = ph.replace(/\D/g, '');
        expect(phones.has(d), ph).toBe(false);
        phones.add(d);
      }
    }
  });
});

describe('activities and reps', () => {
  const profileOf = new Map<string, string>(teamProfiles(10).map((p, i) => [idFor('users', i), p]));

  it('field reps mostly visit and meet; inside sales mostly call and never visit', () => {
    const mix: Record<string, Record<string, number>> = {};
    for (const a of valuesOf(workspaceS(), 'activities')) {
      const m = (mix[profileOf.get(a.userId ?? '') ?? '?'] ??= {});
      const t = a.type ?? '?';
      m[t] = (m[t] ?? 0) + 1;
    }
    const share = (p: string, ...types: string[]): number => {
      const m = mix[p] ?? {};
      const total = Object.values(m).reduce((s, x) => s + x, 0);
      return types.reduce((s, t) => s + (m[t] ?? 0), 0) / total;
    };
    expect(share('field', 'visit', 'meeting')).toBeGreaterThan(0.35);
    expect(share('inside', 'call')).toBeGreaterThan(0.6);
    expect(share('inside', 'visit')).toBe(0);
    expect(share('key', 'meeting')).toBeGreaterThan(share('field', 'meeting'));
  });

  it('a call costs about $18 and a visit about $400; visits and meetings have reports, some visits expenses', () => {
    const acts = valuesOf(workspaceS(), 'activities');
    const cost = (type: string): number[] => acts.filter((a) => a.type === type).map((a) => a.cost?.amount ?? Number.NaN);
    expect(Math.abs(median(cost('call')) - 1800)).toBeLessThanOrEqual(200);
    expect(Math.abs(median(cost('visit')) - 40_000)).toBeLessThanOrEqual(4_000);
    for (const a of acts) {
      if (a.cost) expect(a.cost.currency).toBe('USD');
      if (a.type === 'visit' || a.type === 'meeting') expect(a.report).toBeTruthy();
      if (a.type === 'call') {
        expect(a.channel).toBe('phone');
        expect(['inbound', 'outbound']).toContain(a.direction);
      }
    }
    const visits = acts.filter((a) => a.type === 'visit');
    const withExpenses = visits.filter((a) => a.expenses?.length).length / visits.length;
    expect(withExpenses).toBeGreaterThan(0.2);
    expect(withExpenses).toBeLessThan(0.5);
  });
});

describe('pipeline, service and leads', () => {
  it('deal probabilities match stages; lost deals have a reason; open deals close after the window', () => {
    for (const d of valuesOf(workspaceS(), 'deals')) {
      if (d.stage === 'won') expect(d.probability).toBe(100);
      else if (d.stage === 'lost') {
        expect(d.probability).toBe(0);
        expect(d.lostReason).toBeTruthy();
      } else {
        expect((d.expectedClose ?? '') >= END).toBe(true);
        expect(d.probability).toBeGreaterThan(0);
        expect(d.probability).toBeLessThan(100);
      }
    }
  });

  it('tickets are due by severity (critical in 4 h, low in a week)', () => {
    const tickets = valuesOf(workspaceS(), 'tickets');
    for (const t of tickets) {
      expect((t.due ?? 0) - (t.openedAt ?? 0)).toBe(TICKET_SLA_HOURS[t.severity ?? 'low'] * HOUR);
    }
    expect(new Set(tickets.map((t) => t.severity)).size).toBe(4);
  });

  it('most leads get a first response within hours; some wait over a day; a few are unanswered', () => {
    const leads = valuesOf(workspaceS(), 'leads');
    const delays = leads.flatMap((l) => (l.firstResponseAt === undefined ? [] : [(l.firstResponseAt - (l.receivedAt ?? 0)) / HOUR]));
    expect(delays.filter((h) => h <= 4).length / leads.length).toBeGreaterThan(0.6);
    expect(delays.some((h) => h > 24)).toBe(true);
    expect(leads.length - delays.length).toBeGreaterThan(0);
    for (const l of leads) {
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(Object.keys(l.answers ?? {}).length).toBeGreaterThan(3);
      if (l.firstResponseAt === undefined) expect(l.status).toBe('new');
    }
  });

  it('campaigns carry channel costs per contact ($18 telemarketing, $400 field visit)', () => {
    for (const c of valuesOf(workspaceS(), 'campaigns')) {
      if (c.channel === 'telemarketing') expect(c.costPerContact).toEqual({ amount: 1800, currency: 'USD' });
      if (c.channel === 'field_visit') expect(c.costPerContact).toEqual({ amount: 40_000, currency: 'USD' });
    }
  });

  it('every new customer gets the welcome cadence: a call, then a letter', () => {
    const welcome = valuesOf(workspaceS(), 'tasks').filter((t) => /welcome|приветств|вітальн/i.test(t.title ?? ''));
    expect(welcome.length).toBeGreaterThan(100);
    expect(welcome.filter((t) => t.kind === 'call').length).toBe(welcome.filter((t) => t.kind === 'letter').length);
  });

  it('attachments carry a 64-hex sha256, distinct per file', () => {
    const atts = valuesOf(workspaceS(), 'attachments');
    const hashes = new Set(atts.map((a) => a.sha256));
    expect(hashes.size).toBe(atts.length);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
});
