import { describe, expect, it } from 'vitest';
import { AliasTable, Rng, deriveSeed } from '../src/random.ts';

function mean(f: () => number, n = 40_000): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = f();
    s += x;
    s2 += x * x;
  }
  const m = s / n;
  return { mean: m, variance: s2 / n - m * m };
}

describe('random', () => {
  it('same seed gives the same sequence, different seeds different ones', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xa = Array.from({ length: 20 }, () => a.u32());
    expect(Array.from({ length: 20 }, () => b.u32())).toEqual(xa);
    expect(Array.from({ length: 20 }, () => c.u32())).not.toEqual(xa);
  });

  it('derived seeds differ per path and are stable', () => {
    expect(deriveSeed(1, 'buy', 3)).toBe(deriveSeed(1, 'buy', 3));
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(deriveSeed(42, 'buy', i));
    expect(seen.size).toBe(1000);
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
  });

  it('uniform, int and pick stay in range', () => {
    const r = new Rng(1);
    for (let i = 0; i < 10_000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.pick(['a', 'b'] as const)]++;
    expect(Math.abs(counts.a - 5000)).toBeLessThan(300);
  });

  it('distributions have their textbook means and variances', () => {
    const r = new Rng(123);
    const g = mean(() => r.gamma(2.5, 3));
    expect(g.mean).toBeCloseTo(7.5, 0);
    expect(g.variance / 22.5).toBeGreaterThan(0.9);
    expect(g.variance / 22.5).toBeLessThan(1.1);
    expect(mean(() => r.gamma(0.5, 2)).mean).toBeCloseTo(1, 1);
    expect(mean(() => r.beta(2, 6)).mean).toBeCloseTo(0.25, 2);
    expect(mean(() => r.exponential(4)).mean).toBeCloseTo(0.25, 2);
    const n = mean(() => r.normal(10, 2));
    expect(n.mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(n.variance)).toBeCloseTo(2, 1);
    const p = mean(() => r.poisson(3));
    expect(p.mean).toBeCloseTo(3, 1);
    expect(p.variance).toBeCloseTo(3, 0);
    const big = mean(() => r.poisson(120));
    expect(big.mean / 120).toBeGreaterThan(0.98);
    expect(big.mean / 120).toBeLessThan(1.02);
    expect(big.variance / 120).toBeGreaterThan(0.9);
    expect(big.variance / 120).toBeLessThan(1.1);
    expect(mean(() => r.geometric(0.25)).mean).toBeCloseTo(4, 1);
  });

  it('weighted picks and the alias table follow the weights', () => {
    const r = new Rng(5);
    const weights = [1, 2, 7, 0];
    const table = new AliasTable(weights);
    const byTable = [0, 0, 0, 0];
    const byScan = [0, 0, 0, 0];
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      byTable[table.sample(r)]!++;
      byScan[r.weightedIndex(weights)]!++;
    }
    for (const counts of [byTable, byScan]) {
      expect(counts[3]).toBe(0);
      expect(counts[2]! / n).toBeCloseTo(0.7, 1);
      expect(counts[0]! / n).toBeCloseTo(0.1, 1);
    }
  });
});
