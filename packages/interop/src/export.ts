// A list as a table for CSV: its columns in order, each reference as the record's name beside its
// id, money as an amount beside its currency, dates as ISO dates (Excel and every sheet read them).
import { currencyExponent, type FieldDef } from '@counterpart/model';

export interface ExportColumn {
  readonly key: string;
  readonly label: string;
  readonly def?: FieldDef;
}

export interface ExportWords {
  readonly yes: string;
  readonly no: string;
  /** Header of the id column beside a reference ("Account id"). */
  readonly idOf: (label: string) => string;
  /** Header of the currency column beside an amount ("Amount currency"). */
  readonly currencyOf: (label: string) => string;
  /** An enum value as people read it. */
  readonly option: (value: string) => string;
  /** The title of a referenced record ('' when unknown). */
  readonly title: (id: string) => string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms as local "YYYY-MM-DD HH:MM": what the list shows, in a form sheets parse. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function moneyText(amount: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 10 ** exp);
  const minor = abs % 10 ** exp;
  return exp ? `${sign}${whole}.${String(minor).padStart(exp, '0')}` : `${sign}${whole}`;
}

export function exportHeaders(columns: readonly ExportColumn[], words: ExportWords): string[] {
  const out: string[] = [];
  for (const c of columns) {
    out.push(c.label);
    if (c.def?.kind === 'ref') out.push(words.idOf(c.label));
    if (c.def?.kind === 'money') out.push(words.currencyOf(c.label));
  }
  return out;
}

function plain(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function cell(def: FieldDef | undefined, v: unknown, words: ExportWords): string {
  if (v === null || v === undefined) return '';
  switch (def?.kind) {
    case 'boolean':
      return v ? words.yes : words.no;
    case 'datetime':
      return typeof v === 'number' ? localDateTime(v) : plain(v);
    case 'enum':
      return typeof v === 'string' ? words.option(v) : plain(v);
    default:
      return plain(v);
  }
}

export function exportRow(columns: readonly ExportColumn[], row: Readonly<Record<string, unknown>>, words: ExportWords): string[] {
  const out: string[] = [];
  for (const c of columns) {
    const v = row[c.key];
    if (c.def?.kind === 'ref') {
      const id = typeof v === 'string' ? v : '';
      out.push(id ? words.title(id) : '', id);
    } else if (c.def?.kind === 'money') {
      const m = v as { amount?: number; currency?: string } | undefined;
      out.push(m && typeof m.amount === 'number' && m.currency ? moneyText(m.amount, m.currency) : '', m?.currency ?? '');
    } else {
      out.push(cell(c.def, v, words));
    }
  }
  return out;
}
