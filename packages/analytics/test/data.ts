// The published reference data (../shared/data, beside the repository; see its README for
// sources and licences), read the same way by every test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { History } from '../src/index.ts';

export const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);

export function dataPath(name: string): string {
  return fileURLToPath(new URL(name, DATA_DIR));
}

export function readData(name: string): string {
  return readFileSync(new URL(name, DATA_DIR), 'utf8');
}

function csvRows(name: string): string[][] {
  return readData(name)
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .slice(1)
    .map((l) => l.split(','));
}

export interface ShippedSummary extends History {
  readonly id: string;
}

/** cdnow_customers_summary.csv: ID, frequency, recency, T (weeks, two decimals). */
export function cdnowSummary(): ShippedSummary[] {
  return csvRows('cdnow_customers_summary.csv').map(([id, f, r, T]) => ({ id: id as string, frequency: Number(f), recency: Number(r), T: Number(T) }));
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar. */
export function cdnowWithSpend(): { id: string; frequency: number; recency: number; T: number; monetary: number }[] {
  return csvRows('cdnow_customers_summary_with_transactions.csv').map(([id, x, tx, T, z]) => ({
    id: id as string,
    frequency: Number(x),
    recency: Number(tx),
    T: Number(T),
    monetary: Number(z),
  }));
}

export interface CdnowTransaction {
  readonly customerId: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly cds: number;
  readonly amount: number;
}

/** CDNOW_sample.txt: master id, sample id (1..2357), YYYYMMDD, CDs, dollars. */
export function cdnowSample(): CdnowTransaction[] {
  return readData('CDNOW_sample.txt')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      const [, id, d, n, usd] = l.trim().split(/\s+/);
      const date = `${(d as string).slice(0, 4)}-${(d as string).slice(4, 6)}-${(d as string).slice(6, 8)}`;
      return { customerId: String(Number(id)), date, cds: Number(n), amount: Number(usd) };
    });
}

/** groceries.csv: one basket a line, labels exactly as written (two end in a space). */
export function groceries(): string[][] {
  return readData('groceries.csv')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split(','));
}

/** Published figures from ../shared/data/README.md. */
export const PUBLISHED = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 },
  pareto: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, logLikelihood: -9595.0 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  conditional: { history: { frequency: 2, recency: 30.43, T: 38.86 }, t: 39, expected: 1.226, pAlive: 0.727 },
  unconditional: [
    [0.1429, 0.0078],
    [1, 0.0532],
    [3, 0.1506],
    [31.8571, 1.0405],
    [32, 1.0437],
    [78, 1.8576],
  ],
  probability: [
    { t: 2, n: 10, p: 1.07869e-7 },
    { t: 39, n: 0, p: 0.5737864 },
  ],
  expectedSpend: [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17],
  groceries: {
    rules: 410,
    top: { antecedent: ['liquor', 'red/blush wine'], consequent: ['bottled beer'], support: 0.001931876, confidence: 0.9047619, lift: 11.24 },
  },
} as const;
