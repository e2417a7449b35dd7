// Reading analysts' files: a transaction CSV (customer_id,date,amount[,product]) and a basket
// file (one basket a line). Bad input is rejected with the line number, never half-read.
import { parseDay } from './dates.ts';

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    /** 1-based line of the file, when the problem is on one line. */
    readonly line?: number,
  ) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
  }
}

export interface TransactionRow {
  readonly customerId: string;
  readonly date: string;
  readonly day: number;
  readonly amount: number;
  readonly product?: string;
}

/** Splits one CSV line; double-quoted fields may contain commas and "" for a quote. */
export function splitCsvLine(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new InputError('unterminated quoted field', lineNo);
  out.push(field);
  return out;
}

function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  if (all.length && all[all.length - 1] === '') all.pop();
  return all;
}

export interface TransactionCsvOptions {
  /** Require the optional product column (sequence rules need it). */
  readonly requireProduct?: boolean;
  /** Require the amount column; a sequence file may go without. */
  readonly requireAmount?: boolean;
}

export function parseTransactionsCsv(text: string, opts: TransactionCsvOptions = {}): TransactionRow[] {
  const all = lines(text.replace(/^\uFEFF/, ''));
  const headerLine = all[0];
  if (headerLine === undefined || headerLine.trim() === '') throw new InputError('the file is empty; expected a header customer_id,date,amount[,product]', 1);
  const header = splitCsvLine(headerLine, 1).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  const required = ['customer_id', 'date', ...(opts.requireAmount === false ? [] : ['amount']), ...(opts.requireProduct ? ['product'] : [])];
  for (const name of required) {
    if (col(name) < 0) throw new InputError(`missing column "${name}" in the header (found: ${header.join(', ')})`, 1);
  }
  const [ci, di, ai, pi] = [col('customer_id'), col('date'), col('amount'), col('product')];
  const rows: TransactionRow[] = [];
  for (let i = 1; i < all.length; i++) {
    const lineNo = i + 1;
    const raw = all[i] as string;
    if (raw.trim() === '') continue;
    const f = splitCsvLine(raw, lineNo);
    if (f.length < header.length) throw new InputError(`expected ${header.length} fields, found ${f.length}`, lineNo);
    const customerId = (f[ci] as string).trim();
    if (!customerId) throw new InputError('empty customer_id', lineNo);
    const date = (f[di] as string).trim();
    const day = parseDay(date);
    if (day === undefined) throw new InputError(`bad date "${date}", expected YYYY-MM-DD`, lineNo);
    let amount = 0;
    if (ai >= 0) {
      const text = (f[ai] as string).trim();
      amount = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(amount)) throw new InputError(`bad amount "${text}", expected a number`, lineNo);
      if (amount < 0) throw new InputError(`negative amount ${text}; refunds are not purchases`, lineNo);
    }
    const product = pi >= 0 ? (f[pi] as string).trim() : undefined;
    if (opts.requireProduct && !product) throw new InputError('empty product', lineNo);
    rows.push({ customerId, date, day, amount, ...(product ? { product } : {}) });
  }
  return rows;
}

/** One basket a line, items separated by commas, labels kept exactly (spaces included). */
export function parseBaskets(text: string): string[][] {
  const out: string[][] = [];
  lines(text).forEach((line, i) => {
    if (line === '') return;
    const items = line.split(',');
    if (items.some((item) => item === '')) throw new InputError('empty item in basket', i + 1);
    out.push(items);
  });
  return out;
}
