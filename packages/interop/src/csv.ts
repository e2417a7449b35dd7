// CSV in and out. Parsing is papaparse's (quotes, embedded newlines, delimiter detection); this
// file adds what an importer needs on top: the byte-order mark removed, the header row apart, and
// the line each record starts on, so a problem can be reported as "line 12".
import Papa from 'papaparse';
import { InteropError } from './errors.ts';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (a quoted field may span lines). */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface ParsedCsv {
  readonly headers: readonly string[];
  readonly records: readonly CsvRecord[];
  readonly delimiter: string;
}

const BOM = '\uFEFF';

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * Parses a CSV file's text. Blank lines are skipped; a file without a header row, or whose quotes
 * never close, is refused with an `InteropError` naming the line.
 */
export function parseCsv(text: string, onProgress?: (done: number, of: number) => void): ParsedCsv {
  const src = stripBom(text);
  if (!src.trim()) throw new InteropError('empty', 'The file is empty');
  const rows: CsvRecord[] = [];
  let cursor = 0;
  /** The line the next record starts on. */
  let line = 1;
  let fatal: InteropError | undefined;
  let delimiter = ',';
  Papa.parse<string[]>(src, {
    skipEmptyLines: false,
    step: (result) => {
      if (fatal) return;
      const end = result.meta.cursor;
      const start = line;
      const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
      if (quoteError) {
        fatal = new InteropError('malformed', `A quoted value that starts on line ${start} is never closed`, start);
        return;
      }
      delimiter = result.meta.delimiter;
      // The cursor stands after the record's line break: the next record starts there.
      line += countNewlines(src, cursor, end);
      cursor = end;
      // Blank lines between records: papaparse hands each one over as a record of one empty cell.
      const cells = result.data;
      if (cells.length === 1 && cells[0] === '') return;
      rows.push({ line: start, cells: cells.map((c) => c) });
      if (onProgress && rows.length % 5000 === 0) onProgress(end, src.length);
    },
  });
  if (fatal) throw fatal;
  const [head, ...records] = rows;
  if (!head || head.cells.every((c) => !c.trim())) throw new InteropError('no-header', 'The file has no header row');
  const headers = head.cells.map((h) => h.trim());
  return { headers, records, delimiter };
}

/** Quotes a cell when it must be (delimiter, quote, line break, leading or trailing space). */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // Excel opens a UTF-8 file as UTF-8 only when it starts with the byte-order mark.
  return BOM + Papa.unparse({ fields: [...headers], data: rows.map((r) => [...r]) }, { newline: '\r\n', quotes: false, escapeFormulae: /^[=@]/ }) + '\r\n';
}
