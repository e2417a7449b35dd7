// The Russian catalogue: plural forms of counted strings, the object form of collection names,
// the model's validation messages, and a translation for every enum value of the schema.
import { describe, expect, it } from 'vitest';
import { planTransactions } from '@counterpart/interop';
import { COLLECTIONS, CUSTOM_FIELD_KINDS, CustomerIndex, parseCustomFieldDef, parseSalesSetting, parseTransaction, type FieldDef, type SalesSettingsKey } from '@counterpart/model';
import { workspaceInfoProblem } from '@counterpart/store';
import { ru } from '../src/lib/locales/ru.ts';

const m = ru.messages;

describe('Russian catalogue', () => {
  it('counts records with the one / few / many forms', () => {
    expect(m.recordCount(1, '1')).toBe('1 запись');
    expect(m.recordCount(3, '3')).toBe('3 записи');
    expect(m.recordCount(5, '5')).toBe('5 записей');
    expect(m.recordCount(11, '11')).toBe('11 записей');
    expect(m.recordCount(21, '21')).toBe('21 запись');
    expect(m.recordCount(500, '500')).toBe('500 записей');
    expect(m.syncUnsent(2)).toBe('2 неотправленных изменения');
    expect(m.syncUnsent(25)).toBe('25 неотправленных изменений');
    expect(m.days(1)).toBe('1 день');
    expect(m.days(7)).toBe('7 дней');
  });

  it('puts collection names in the form "Добавить" needs', () => {
    expect(m.newRecord('Сделка')).toBe('Добавить сделку');
    expect(m.newRecord('Кампания')).toBe('Добавить кампанию');
    expect(m.newRecord('Контрагент')).toBe('Добавить контрагент');
    expect(m.newRecord('Взаимодействие')).toBe('Добавить взаимодействие');
  });

  it('words the model’s validation messages, keeping values it does not know', () => {
    expect(ru.check?.('is required')).toBe('обязательное поле');
    expect(ru.check?.('is required to resolve a ticket')).toBe('нужно заполнить, чтобы решить обращение');
    expect(ru.check?.('must be at most 100')).toBe('не больше 100');
    expect(ru.check?.('"abc" is not an e-mail address')).toBe('«abc» — не адрес e-mail');
    expect(ru.check?.('something new')).toBe('something new');
    expect(m.fieldIssue('Телефон', 'обязательное поле')).toBe('Телефон: обязательное поле');
  });

  it('names every enum value of the schema and every kind of custom field', () => {
    const values = new Set<string>(CUSTOM_FIELD_KINDS);
    for (const c of Object.values(COLLECTIONS)) {
      for (const def of Object.values(c.fields as Readonly<Record<string, FieldDef>>)) {
        if (def.kind === 'enum') for (const o of def.options) values.add(o);
      }
    }
    expect([...values].filter((v) => !ru.options[v])).toEqual([]);
  });
});

describe('workflow strings', () => {
  it('the Russian workflow strings have every English key, each translated', async () => {
    const { workflowsEn } = await import('../src/lib/locales/workflows-en.ts');
    const { workflowsRu } = await import('../src/lib/locales/workflows-ru.ts');
    expect(Object.keys(workflowsRu).sort()).toEqual(Object.keys(workflowsEn).sort());
    for (const [k, v] of Object.entries(workflowsEn)) {
      const r = (workflowsRu as Record<string, unknown>)[k];
      expect(typeof r, k).toBe(typeof v);
      if (typeof v === 'string') expect(r, k).not.toBe(v);
    }
  });
});

describe('field report strings', () => {
  it('the Russian field report strings have every English key, each translated', async () => {
    const { reportsEn } = await import('../src/lib/locales/reports-en.ts');
    const { ruReports } = await import('../src/lib/locales/ru.ts');
    expect(Object.keys(ruReports).sort()).toEqual(Object.keys(reportsEn).sort());
    for (const [k, v] of Object.entries(reportsEn)) {
      const r = (ruReports as Record<string, unknown>)[k];
      expect(typeof r, k).toBe(typeof v);
      if (typeof v === 'string') expect(r, k).not.toBe(v);
    }
    expect(ruReports.dayCalls(3)).toBe('3 звонка');
    expect(ru.check?.('must not be negative')).toBe('не может быть отрицательной');
  });
});

describe('campaign strings', () => {
  it('the Russian campaign and scorecard strings have every English key, each translated', async () => {
    const { campaignsEn } = await import('../src/lib/locales/campaigns-en.ts');
    const { campaignsRu } = await import('../src/lib/locales/campaigns-ru.ts');
    expect(Object.keys(campaignsRu).sort()).toEqual(Object.keys(campaignsEn).sort());
    for (const [k, v] of Object.entries(campaignsEn)) {
      const r = (campaignsRu as Record<string, unknown>)[k];
      expect(typeof r, k).toBe(typeof v);
      // ROI reads the same in both languages.
      if (typeof v === 'string' && k !== 'roi' && k !== 'colRoi') expect(r, k).not.toBe(v);
    }
  });
});

describe('Russian messages of sales and workspace settings', () => {
  /** What is left in English once values, codes and quoted names are set aside. */
  function english(text: string): string[] {
    const allowed = new Set(['id', 'email', 'phone', 'sets', 'territory', 'productLine', 'till', 'web_shop', 'call_centre', 'EUR', 'ISO', 'http', 'e-mail', 'E-mail', 'a-z']);
    // A code shown with its name ("paid (Оплачен)") is what a file must say.
    const named = text.replace(/\b[a-z_]+ \([А-ЯЁа-яё][^)]*\)/g, '').replace(/\S+@\S+/g, '');
    return (named.replace(/«[^»]*»/g, '').replace(/\b(?:acc|con|usr|ord)_\w+/g, '').match(/[A-Za-z][A-Za-z_-]{2,}/g) ?? []).filter((w) => !allowed.has(w));
  }

  function expectRussian(messages: readonly string[]): void {
    expect(messages.length).toBeGreaterThan(0);
    for (const message of new Set(messages)) {
      const said = ru.check!(message);
      expect(said, message).toMatch(/[а-яё]/i);
      expect(english(said), `${message} → ${said}`).toEqual([]);
    }
  }

  it('words every problem of a sale, from a till’s file or the relay', () => {
    const defaults = { currency: 'EUR', today: '2026-03-02' };
    const bad: unknown[] = [
      'x',
      { externalId: '', source: 'fax', customer: 'ann', date: 'soon', currency: 'euro', lines: [], status: 'lost', notes: 5, extra: 1 },
      { externalId: 'x'.repeat(201), source: 'till', customer: { id: 'nobody', email: 'no', phone: 'no', fax: 1 }, amount: 'x' },
      { externalId: 'A', source: 'till', customer: {}, lines: 'x' },
      { externalId: 'A', source: 'till', customer: { email: 'a@b.test' }, lines: [1, { product: '', quantity: 0, price: 'x', colour: 'red' }] },
      { externalId: 'A', source: 'till', customer: { email: 'a@b.test' }, lines: Array.from({ length: 501 }, () => ({ description: 'x', price: '1' })) },
      { externalId: 'A', source: 'till', customer: { email: 'a@b.test' }, lines: [{ description: 'x', price: '1' }], amount: '1' },
      { externalId: 'A', source: 'till', customer: { email: 'a@b.test' } },
    ];
    const messages = bad.flatMap((input) => {
      const r = parseTransaction(input, defaults);
      return 'issues' in r ? r.issues.map((i) => i.message) : [];
    });
    const unmapped = planTransactions([], [null], new CustomerIndex(), { ...defaults, exists: () => false });
    const unmatched = planTransactions([{ line: 2, cells: ['S-1', 'a@b.test', '+1 555 010 2030', 'acc_0000nobody', '5'] }], ['externalId', 'email', 'phone', 'customerId', 'amount'], new CustomerIndex(), { ...defaults, source: 'till', exists: () => false });
    expectRussian([...messages, ...unmapped.problems.map((p) => p.message), ...unmatched.problems.map((p) => p.message)]);
    expect(ru.check!(unmatched.problems[0]!.message)).toBe('нет контрагента или контакта с идентификатором acc_0000nobody, e-mail a@b.test, телефоном …5550102030');
  });

  it('words every problem of the workspace’s rule sets, its details and its custom fields', () => {
    const refused = (key: SalesSettingsKey, value: unknown): string => {
      try {
        parseSalesSetting(key, value);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error(`${key} accepted ${JSON.stringify(value)}`);
    };
    const answer = (id: string) => ({ id, label: id, points: 1 });
    const messages = [
      refused('questions', 'x'),
      refused('questions', Array.from({ length: 51 }, () => ({}))),
      refused('questions', [5]),
      refused('questions', [{ id: 'q', text: 'Q', options: 'x' }]),
      refused('questions', [{ id: 'q', text: 'Q', options: [answer('a')] }]),
      refused('questions', [{ id: 'q', text: 'Q', options: [answer('a'), answer('a')] }]),
      refused('questions', [{ id: 'q', text: 'Q', options: [answer('a'), { id: 'b', label: 'B', points: 101 }] }]),
      refused('questions', [{ id: 'q', text: 'Q', options: [answer('a'), { id: 'b', label: 'B', points: 1.5 }] }]),
      refused('questions', [{ id: 'q', text: 'Q', options: [answer('a'), { id: 'b', label: 'B', points: 'many' }] }]),
      refused('questions', [{ id: 'q', text: 'Q', options: [answer('a'), { id: 'b', label: 5, points: 1 }] }]),
      refused('questions', [{ id: 'q', text: '', options: [answer('a'), answer('b')] }]),
      refused('questions', [{ id: 'q', text: 'x'.repeat(301), options: [answer('a'), answer('b')] }]),
      refused('questions', [{ id: 'q', text: 'Q', sets: 'city', options: [answer('a'), answer('b')] }]),
      refused('questions', [{ id: 'bad id', text: 'Q', options: [answer('a'), answer('b')] }]),
      refused('routing', [{ id: 'r', repIds: [], territory: 'North' }]),
      refused('routing', [{ id: 'r', repIds: ['usr_1'] }]),
      refused('routing', [{ id: 'r', repIds: ['bad id'], territory: 'North' }]),
      refused('routing', [{ id: 'r', repIds: ['usr_1'], territory: 'x'.repeat(101) }]),
      refused('routing', [{ id: 'r', repIds: ['usr_1'], productLine: 'x'.repeat(101) }]),
      refused('response', { hours: 0 }),
      refused('response', { hours: 4, dayStart: 30 }),
      refused('response', { hours: 4, dayStart: 9, dayEnd: 99 }),
      refused('response', { hours: 4, dayStart: 18, dayEnd: 9 }),
      refused('ticketHours', { critical: 0 }),
      refused('ticketHours', 'x'),
      refused('cadence', [{ id: 's', kind: 'fax', delayDays: 1, title: 'x' }]),
      refused('cadence', [{ id: 's', kind: 'call', delayDays: 400, title: 'x' }]),
      refused('cadence', [{ id: 's', kind: 'call', delayDays: 1, title: '' }]),
      refused('forms', [{ jti: 'tok_1', token: '', name: 'F', createdAt: 1 }]),
      refused('forms', [{ jti: 'tok_1', token: 't', name: '', createdAt: 1 }]),
      refused('forms', [{ jti: 'tok_1', token: 't', name: 'F', createdAt: -1 }]),
      refused('channelCosts', { fax: 1 }),
      refused('channelCosts', { field_visit: -1 }),
      workspaceInfoProblem({ approvalPct: 200 })!,
      workspaceInfoProblem({ companyAddress: 'x'.repeat(1001) })!,
      ...[{}, { key: '1x' }, { key: 'x', label: '' }, { key: 'x', label: 'X', kind: 'colour' }, { key: 'x', label: 'X', kind: 'enum' }, { key: 'x', label: 'X', kind: 'text', required: 'yes' }]
        .map((def) => { const r = parseCustomFieldDef(def); return 'error' in r ? r.error : ''; }),
      'A custom field must be an object',
      '"name" is already a field of contacts',
    ];
    expectRussian(messages);
    expect(ru.check!('Question 2, answer 1: points must be between 0 and 100')).toBe('Вопрос 2, ответ 1: баллы: от 0 до 100');
    expect(ru.check!('The cost per contact of field visit must be between 0 and 1000000')).toMatch(/^Стоимость контакта в канале «Выездные визиты»/);
  });
});
