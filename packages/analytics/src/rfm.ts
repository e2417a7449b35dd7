// RFM scores and named segments (SPEC R1–R3). Scores are quintiles within the scored customers:
// 5 is the most recent, most frequent, highest-spending fifth.

export interface RfmInput {
  readonly id: string;
  /** Days since the last purchase (lower is better). */
  readonly daysSinceLast: number;
  /** Purchases (distinct purchase days) in the period. */
  readonly purchases: number;
  /** Total spend in the period. */
  readonly spend: number;
}

export const SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalist',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose them",
  'Hibernating',
  'Lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface RfmScore {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: Segment;
}

type Range = readonly [number, number];
interface SegmentRule {
  readonly segment: Segment;
  readonly r: Range;
  readonly f: Range;
  readonly m: Range;
}

/**
 * R3: the segment map, first matching rule wins. The order is what lets every segment occur:
 * the narrow, high-value cells (Champions, Can't lose them) come before the broad ones that
 * contain them (Loyal, At risk), and each recency level ends with a catch-all so every one of
 * the 125 score combinations has a segment.
 */
export const SEGMENT_RULES: readonly SegmentRule[] = [
  { segment: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { segment: 'Loyal', r: [3, 5], f: [3, 5], m: [3, 5] },
  { segment: "Can't lose them", r: [1, 1], f: [4, 5], m: [4, 5] },
  { segment: 'At risk', r: [1, 2], f: [3, 5], m: [3, 5] },
  { segment: 'New', r: [5, 5], f: [1, 1], m: [1, 5] },
  { segment: 'Promising', r: [4, 4], f: [1, 1], m: [1, 5] },
  { segment: 'Potential loyalist', r: [4, 5], f: [1, 5], m: [1, 5] },
  { segment: 'Need attention', r: [3, 3], f: [2, 5], m: [1, 5] },
  { segment: 'About to sleep', r: [3, 3], f: [1, 1], m: [1, 5] },
  { segment: 'Hibernating', r: [2, 2], f: [1, 5], m: [1, 5] },
  { segment: 'Lost', r: [1, 1], f: [1, 5], m: [1, 5] },
];

const within = (v: number, [lo, hi]: Range): boolean => v >= lo && v <= hi;

export function segmentOf(r: number, f: number, m: number): Segment {
  for (const rule of SEGMENT_RULES) {
    if (within(r, rule.r) && within(f, rule.f) && within(m, rule.m)) return rule.segment;
  }
  throw new RangeError(`RFM scores must be whole numbers 1–5, got ${r}${f}${m}`);
}

/**
 * R1: quintile score of each value. A value's score comes from its mid-rank (customers below it
 * plus half of its ties), so equal values always share a score; many one-time buyers all get
 * the same frequency score rather than being split at random.
 */
export function quintiles(values: readonly number[], higherIsBetter = true): number[] {
  const n = values.length;
  const sorted = [...values].sort((x, y) => x - y);
  const lowerBound = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upperBound = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => {
    const below = lowerBound(v);
    const ties = upperBound(v) - below;
    const position = (below + (ties - 1) / 2 + 0.5) / n; // in (0, 1)
    const score = Math.min(5, Math.max(1, Math.ceil(position * 5)));
    return higherIsBetter ? score : 6 - score;
  });
}

/** R2: scores and segment for every customer, in input order. */
export function rfmScores(customers: readonly RfmInput[]): RfmScore[] {
  const r = quintiles(customers.map((c) => c.daysSinceLast), false);
  const f = quintiles(customers.map((c) => c.purchases));
  const m = quintiles(customers.map((c) => c.spend));
  return customers.map((_, i) => {
    const rs = r[i] as number;
    const fs = f[i] as number;
    const ms = m[i] as number;
    return { r: rs, f: fs, m: ms, segment: segmentOf(rs, fs, ms) };
  });
}
