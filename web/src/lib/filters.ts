// List filters: which operators suit a field of each kind, the check of a filter's value (a
// clear message for a bad one) and the predicate it becomes. Pure functions over rows, so the
// same filter gives the same answer in a test, on a phone and on a laptop.
import { currencyExponent, fold, isIsoDate, words, type FieldDef, type Row } from '@counterpart/model';
import { TITLE_KEY } from './columns.ts';
import { optionLabel, t } from './i18n.ts';

export const FILTER_OPS = ['contains', 'eq', 'before', 'after', 'atLeast', 'atMost', 'isTrue', 'isFalse', 'empty', 'notEmpty'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One condition of a list view, as saved: the value is what the user typed or picked. */
export interface FilterSpec {
  readonly field: string;
  readonly op: FilterOp;
  readonly value: string;
}

export type RowTest = (row: Row) => boolean;

/** The field a filter or sort reads: the record's title reads as text. */
export const TITLE_DEF: FieldDef = { kind: 'text', label: t.columnName };

/** Operators offered for a field, the first being the one a new filter starts with. */
export function opsFor(def: FieldDef): readonly FilterOp[] {
  switch (def.kind) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'url':
      return ['contains', 'eq', 'empty', 'notEmpty'];
    case 'integer':
    case 'number':
    case 'money':
      return ['eq', 'atLeast', 'atMost', 'empty', 'notEmpty'];
    case 'date':
    case 'datetime':
      return ['eq', 'before', 'after', 'empty', 'notEmpty'];
    case 'enum':
    case 'currency':
    case 'ref':
      return ['eq', 'empty', 'notEmpty'];
    case 'boolean':
      return ['isTrue', 'isFalse'];
    case 'map':
    case 'lines':
      return ['empty', 'notEmpty'];
  }
}

/** Operators that compare with a value the user gives. */
export function takesValue(op: FilterOp): boolean {
  return op !== 'empty' && op !== 'notEmpty' && op !== 'isTrue' && op !== 'isFalse';
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Start of a calendar day in local time, in epoch ms (a datetime field's "on that day"). */
export function localDayStart(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1).getTime();
}

/** Parses a number as people type it: "1 200,50" and "1,200.50" both work. */
export function parseAmount(text: string): number | undefined {
  let s = text.trim().replace(/[\s\u00a0']/g, '');
  if (!s) return undefined;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  // The right-most separator is the decimal one; the other kind groups thousands.
  if (lastComma > lastDot) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** A money value in major units (cents become a fraction), so amounts compare as people read them. */
function moneyMajor(v: unknown): number | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { amount, currency } = v as { amount?: unknown; currency?: unknown };
  if (typeof amount !== 'number' || typeof currency !== 'string') return undefined;
  return amount / 10 ** currencyExponent(currency);
}

/** The value of `field` in a row; the title is read from the row's own title. */
export function fieldValue(row: Row, field: string): unknown {
  return field === TITLE_KEY ? row._title : row[field];
}

/**
 * Turns one filter into a row test, or explains why its value cannot be used. `def` is the
 * field's definition (TITLE_DEF for the title).
 */
export function compileFilter(def: FieldDef, f: FilterSpec): { test: RowTest } | { error: string } {
  if (!opsFor(def).includes(f.op)) return { error: t.filterBadOp(def.label) };
  const read = (row: Row): unknown => fieldValue(row, f.field);
  if (f.op === 'empty') return { test: (row) => isEmpty(read(row)) };
  if (f.op === 'notEmpty') return { test: (row) => !isEmpty(read(row)) };
  if (f.op === 'isTrue') return { test: (row) => read(row) === true };
  if (f.op === 'isFalse') return { test: (row) => read(row) !== true };
  const raw = f.value.trim();
  if (!raw) return { error: t.filterNeedsValue(def.label) };

  switch (def.kind) {
    case 'integer':
    case 'number':
    case 'money': {
      const n = parseAmount(raw);
      if (n === undefined) return { error: t.filterNotNumber(def.label, raw) };
      const num = def.kind === 'money' ? moneyMajor : (v: unknown) => (typeof v === 'number' ? v : undefined);
      const cmp = f.op === 'atLeast' ? (x: number) => x >= n : f.op === 'atMost' ? (x: number) => x <= n : (x: number) => x === n;
      return { test: (row) => { const x = num(read(row)); return x !== undefined && cmp(x); } };
    }
    case 'date': {
      if (!isIsoDate(raw)) return { error: t.filterNotDate(def.label, raw) };
      const cmp = f.op === 'before' ? (x: string) => x < raw : f.op === 'after' ? (x: string) => x > raw : (x: string) => x === raw;
      return { test: (row) => { const x = read(row); return typeof x === 'string' && cmp(x); } };
    }
    case 'datetime': {
      if (!isIsoDate(raw)) return { error: t.filterNotDate(def.label, raw) };
      const start = localDayStart(raw);
      const next = new Date(start);
      next.setDate(next.getDate() + 1);
      const end = next.getTime();
      const cmp = f.op === 'before' ? (x: number) => x < start : f.op === 'after' ? (x: number) => x >= end : (x: number) => x >= start && x < end;
      return { test: (row) => { const x = read(row); return typeof x === 'number' && cmp(x); } };
    }
    case 'enum': {
      if (!def.options.includes(raw)) return { error: t.filterNotOption(def.label, def.options.map(optionLabel).join(', ')) };
      return { test: (row) => read(row) === raw };
    }
    case 'currency': {
      const code = raw.toUpperCase();
      if (!/^[A-Z]{3}$/.test(code)) return { error: t.filterNotCurrency(def.label, raw) };
      return { test: (row) => read(row) === code };
    }
    case 'ref':
      return { test: (row) => read(row) === raw };
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'url': {
      const needle = fold(raw);
      if (f.op === 'eq') return { test: (row) => { const x = read(row); return typeof x === 'string' && fold(x.trim()) === needle; } };
      // Phone numbers are compared by their digits, however they are written.
      const digits = def.kind === 'phone' ? raw.replace(/\D/g, '') : '';
      return {
        test: (row) => {
          const x = read(row);
          if (typeof x !== 'string') return false;
          return fold(x).includes(needle) || (digits !== '' && x.replace(/\D/g, '').includes(digits));
        },
      };
    }
    case 'boolean':
    case 'map':
    case 'lines':
      return { error: t.filterBadOp(def.label) };
  }
}

/**
 * The quick text filter: every word typed starts a word of the record's search terms or appears
 * in one of the `fields` shown (an enum by its label). Empty text matches everything.
 */
export function compileQuickFilter(text: string, fields: readonly { key: string; def?: FieldDef }[]): RowTest | null {
  const wanted = words(text);
  if (!wanted.length) return null;
  const shown = fields.map((f) => ({ key: f.key, isEnum: f.def?.kind === 'enum' }));
  return (row) => {
    let haystack: string | undefined;
    return wanted.every((w) => {
      if (row._t.some((term) => term.startsWith(w))) return true;
      haystack ??= shown
        .map(({ key, isEnum }) => {
          const v = fieldValue(row, key);
          return typeof v === 'string' ? fold(isEnum ? optionLabel(v) : v) : typeof v === 'number' ? String(v) : '';
        })
        .join('\u0000');
      return haystack.includes(w);
    });
  };
}

/** All tests must hold (filters combine with AND); null when nothing filters. */
export function allOf(tests: readonly RowTest[]): RowTest | null {
  if (!tests.length) return null;
  if (tests.length === 1) return tests[0] ?? null;
  return (row) => tests.every((test) => test(row));
}
