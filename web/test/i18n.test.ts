// The Russian catalogue: plural forms of counted strings, the object form of collection names,
// the model's validation messages, and a translation for every enum value of the schema.
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, CUSTOM_FIELD_KINDS, type FieldDef } from '@counterpart/model';
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
