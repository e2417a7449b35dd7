// Reading import files off the main thread: a 50,000-row CSV is parsed, mapped and checked here
// while the screen stays responsive, and Cancel simply ends this worker. The parsed file stays
// here between the preview and the plan, so it crosses to the worker once.
import * as Comlink from 'comlink';
import {
  buildPlan, cardToDraft, detectFormat, guessMapping, parseCsv, parseVcards, readEvents, READERS, readMapped,
  type Draft, type ExistingRecords, type ImportCollection, type ImportPlan, type KnownFormat, type Mapping, type ParsedCsv, type PlanOptions,
} from '@counterpart/interop';

export type FileKind = 'csv' | 'vcard' | 'ics';

export interface FileSummary {
  readonly kind: FileKind;
  readonly rows: number;
  /** CSV only: the header row, a recognised export, the guessed mapping and the first records. */
  readonly headers: readonly string[];
  readonly format: KnownFormat | null;
  readonly mapping: Mapping;
  readonly sample: readonly (readonly string[])[];
  /** vCard and calendar: the first records as read. */
  readonly drafts: readonly Draft[];
  /** Calendar entries left out (changed occurrences of a series). */
  readonly skipped: number;
}

let csv: ParsedCsv | null = null;
let drafts: Draft[] = [];

function draftsOf(collection: ImportCollection, mapping: Mapping | null): Draft[] {
  if (!csv) return drafts;
  const format = detectFormat(csv.headers);
  const { headers } = csv;
  if (format && collection === 'contacts' && !mapping) return csv.records.map((r) => READERS[format](headers, r.cells, r.line));
  const m = mapping ?? guessMapping(headers, collection);
  return csv.records.map((r) => readMapped(m, r.cells, r.line));
}

const api = {
  read(text: string, kind: FileKind, collection: ImportCollection): FileSummary {
    csv = null;
    drafts = [];
    if (kind === 'csv') {
      csv = parseCsv(text);
      return {
        kind, rows: csv.records.length, headers: csv.headers, format: detectFormat(csv.headers),
        mapping: guessMapping(csv.headers, collection), sample: csv.records.slice(0, 5).map((r) => r.cells), drafts: [], skipped: 0,
      };
    }
    let skipped = 0;
    if (kind === 'vcard') drafts = parseVcards(text).map(cardToDraft);
    else ({ drafts, skipped } = readEvents(text));
    return { kind, rows: drafts.length, headers: [], format: null, mapping: [], sample: [], drafts: drafts.slice(0, 5), skipped };
  },

  /** `mapping` null: a recognised export is read as such, any other CSV by the guessed mapping. */
  plan(mapping: Mapping | null, existing: ExistingRecords, opts: Omit<PlanOptions, 'onProgress'>, onProgress: (done: number, of: number) => void): ImportPlan {
    return buildPlan(draftsOf(opts.collection, mapping), existing, { ...opts, onProgress });
  },
};

export type InteropWorkerApi = typeof api;

Comlink.expose(api);
