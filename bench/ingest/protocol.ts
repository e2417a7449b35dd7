// Messages between the ingest benchmark page and its worker (bench/ingest.bench.ts drives both).

export type IngestPath = 'remote' | 'import';

export interface BenchStart {
  type: 'start';
  size: 's' | 'm';
  paths: readonly IngestPath[];
  /** Updates per `ingest` call. */
  chunk: number;
  /** Records between two progress lines. */
  every: number;
}

export interface PathResult {
  path: IngestPath;
  records: number;
  ms: number;
  /** Records per second in each window of `every` records, in order. */
  windows: { done: number; perSecond: number }[];
}

export type BenchEvent =
  | { type: 'log'; text: string }
  | { type: 'result'; results: PathResult[] }
  | { type: 'error'; message: string };
