// Market-basket rules: which items are bought together (SPEC B1–B4). Frequent itemsets are
// mined depth-first over vertical bitsets (one bit per basket per item: Eclat, which finds the
// same itemsets as Apriori), then rules are read off them the way arules makes them: a
// non-empty left side and one item on the right.

export interface BasketRule {
  readonly antecedent: readonly string[];
  readonly consequent: readonly string[];
  readonly support: number;
  readonly confidence: number;
  readonly lift: number;
  /** Baskets containing both sides. */
  readonly count: number;
}

export interface BasketOptions {
  /** Minimum share of baskets containing the whole rule (B1). */
  readonly minSupport: number;
  /** Minimum share of baskets with the left side that also have the right side (B2). */
  readonly minConfidence: number;
  /** Largest itemset (left side plus right side); arules' default is 10. */
  readonly maxLength?: number;
}

export interface FrequentItemset {
  /** Item indices, ascending. */
  readonly items: readonly number[];
  readonly count: number;
}

/**
 * Mines the itemsets present in at least `minCount` baskets, singletons included. Each item's
 * baskets are held as a bitset when items are common (grocery baskets) and as a sorted list of
 * basket numbers when they are rare (a CRM's orders over hundreds of products), whichever makes
 * intersecting two of them cheaper.
 */
export function frequentItemsets(baskets: readonly (readonly number[])[], itemCount: number, minCount: number, maxLength = 10): FrequentItemset[] {
  const n = baskets.length;
  const lists: number[][] = Array.from({ length: itemCount }, () => []);
  baskets.forEach((basket, row) => {
    for (const item of basket) (lists[item] as number[]).push(row);
  });
  const frequent = lists.map((rows, item) => ({ item, rows })).filter((x) => x.rows.length >= minCount);
  const out: FrequentItemset[] = [];
  if (frequent.length === 0) return out;
  const words = Math.ceil(n / 32);
  const meanCount = frequent.reduce((sum, x) => sum + x.rows.length, 0) / frequent.length;
  const pairs = pairCounts(baskets, itemCount, frequent.map((x) => x.item));
  return words < 2 * meanCount
    ? mine(frequent.map(({ item, rows }) => ({ item, count: rows.length, set: toBits(rows, words) })), new BitsetOps(words), pairs, minCount, maxLength, out)
    : mine(frequent.map(({ item, rows }) => ({ item, count: rows.length, set: Int32Array.from(rows) })), new ListOps(), pairs, minCount, maxLength, out);
}

/** Baskets holding both of two frequent items, by one pass over the baskets. */
interface PairCounts {
  /** Position of an item among the frequent ones, −1 if infrequent. */
  readonly slot: Int32Array;
  readonly size: number;
  readonly counts: Int32Array;
}

/** Above this many frequent items the pair table would be too large; pairs are not pre-counted. */
const MAX_PAIR_TABLE_ITEMS = 3000;

function pairCounts(baskets: readonly (readonly number[])[], itemCount: number, frequentItems: readonly number[]): PairCounts | undefined {
  const size = frequentItems.length;
  if (size > MAX_PAIR_TABLE_ITEMS) return undefined;
  const slot = new Int32Array(itemCount).fill(-1);
  frequentItems.forEach((item, i) => (slot[item] = i));
  const counts = new Int32Array(size * size);
  const present: number[] = [];
  for (const basket of baskets) {
    present.length = 0;
    for (const item of basket) {
      const s = slot[item] as number;
      if (s >= 0) present.push(s);
    }
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i] as number;
        const b = present[j] as number;
        counts[a < b ? a * size + b : b * size + a]!++;
      }
    }
  }
  return { slot, size, counts };
}

interface SetOps<S> {
  /** The intersection, or undefined when it holds fewer than minCount baskets. */
  intersect(x: S, y: S, minCount: number): { set: S; count: number } | undefined;
}

function mine<S>(
  roots: { item: number; count: number; set: S }[],
  ops: SetOps<S>,
  pairs: PairCounts | undefined,
  minCount: number,
  maxLength: number,
  out: FrequentItemset[],
): FrequentItemset[] {
  // Every pair inside a frequent itemset is frequent, so an infrequent pair ends a branch
  // before any intersection is computed.
  const pairFrequent = (x: number, y: number): boolean => {
    if (!pairs) return true;
    const a = pairs.slot[x] as number;
    const b = pairs.slot[y] as number;
    return (pairs.counts[a < b ? a * pairs.size + b : b * pairs.size + a] as number) >= minCount;
  };
  const grow = (prefix: number[], candidates: typeof roots): void => {
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i] as (typeof roots)[number];
      const items = [...prefix, c.item];
      out.push({ items, count: c.count });
      if (items.length >= maxLength) continue;
      const next: typeof roots = [];
      for (let j = i + 1; j < candidates.length; j++) {
        const d = candidates[j] as (typeof roots)[number];
        if (!pairFrequent(c.item, d.item)) continue;
        const both = ops.intersect(c.set, d.set, minCount);
        if (both) next.push({ item: d.item, ...both });
      }
      if (next.length) grow(items, next);
    }
  };
  grow([], roots);
  return out;
}

function toBits(rows: readonly number[], words: number): Uint32Array {
  const bits = new Uint32Array(words);
  for (const row of rows) bits[row >>> 5]! |= 1 << (row & 31);
  return bits;
}

class BitsetOps implements SetOps<Uint32Array> {
  // Intersections go to scratch space first; most are infrequent and are not kept.
  private readonly scratch: Uint32Array;
  constructor(private readonly words: number) {
    this.scratch = new Uint32Array(words);
  }

  intersect(x: Uint32Array, y: Uint32Array, minCount: number): { set: Uint32Array; count: number } | undefined {
    const scratch = this.scratch;
    let count = 0;
    for (let w = 0; w < this.words; w++) {
      const v = (x[w] as number) & (y[w] as number);
      scratch[w] = v;
      if (v) count += popcount32(v);
    }
    return count >= minCount ? { set: scratch.slice(), count } : undefined;
  }
}

class ListOps implements SetOps<Int32Array> {
  intersect(x: Int32Array, y: Int32Array, minCount: number): { set: Int32Array; count: number } | undefined {
    if (x.length < minCount || y.length < minCount) return undefined;
    const out = new Int32Array(Math.min(x.length, y.length));
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < x.length && j < y.length) {
      // Give up as soon as too few baskets are left to reach the threshold.
      if (k + Math.min(x.length - i, y.length - j) < minCount) return undefined;
      const a = x[i] as number;
      const b = y[j] as number;
      if (a === b) {
        out[k++] = a;
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
    return k >= minCount ? { set: out.subarray(0, k), count: k } : undefined;
  }
}

function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Association rules over baskets of item labels (labels are kept exactly, spaces included).
 * Sorted by lift, then confidence, then support, then the rule's text, so ties have one order.
 */
export function basketRules(baskets: Iterable<Iterable<string>>, opts: BasketOptions): BasketRule[] {
  const labels: string[] = [];
  const index = new Map<string, number>();
  const rows: number[][] = [];
  for (const basket of baskets) {
    const row = new Set<number>();
    for (const label of basket) {
      let i = index.get(label);
      if (i === undefined) {
        i = labels.length;
        index.set(label, i);
        labels.push(label);
      }
      row.add(i);
    }
    rows.push([...row]);
  }
  const n = rows.length;
  if (n === 0) return [];
  // B1: a count threshold, as arules turns the support into a whole number of baskets.
  const minCount = Math.max(1, Math.ceil(opts.minSupport * n - 1e-9));
  const sets = frequentItemsets(rows, labels.length, minCount, opts.maxLength ?? 10);
  const countOf = new Map<string, number>();
  for (const s of sets) countOf.set(s.items.join(','), s.count);
  const rules: BasketRule[] = [];
  for (const s of sets) {
    if (s.items.length < 2) continue; // B3: the left side is never empty
    for (const head of s.items) {
      const body = s.items.filter((i) => i !== head);
      const bodyCount = countOf.get(body.join(',')) as number;
      const confidence = s.count / bodyCount;
      if (confidence < opts.minConfidence) continue;
      const headCount = countOf.get(String(head)) as number;
      rules.push({
        antecedent: body.map((i) => labels[i] as string).sort(),
        consequent: [labels[head] as string],
        support: s.count / n,
        confidence,
        lift: confidence / (headCount / n),
        count: s.count,
      });
    }
  }
  return rules.sort(compareRules);
}

function compareRules(x: BasketRule, y: BasketRule): number {
  return (
    y.lift - x.lift ||
    y.confidence - x.confidence ||
    y.support - x.support ||
    ruleText(x).localeCompare(ruleText(y))
  );
}

function ruleText(r: BasketRule): string {
  return `${r.antecedent.join('\u0000')}\u0001${r.consequent.join('\u0000')}`;
}
