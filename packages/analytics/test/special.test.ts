import { describe, expect, it } from 'vitest';
import { lgamma, log2F1, logAddExp, logSubExp, minimize } from '../src/index.ts';

describe('special functions', () => {
  it('[N1] ln Γ matches known values, small and large', () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lgamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 13);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    // Stirling's series for a large argument.
    const x = 1e6;
    expect(lgamma(x) / ((x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x))).toBeCloseTo(1, 12);
  });

  it('[N2] ln ₂F₁ matches closed forms', () => {
    for (const z of [0.01, 0.3, 0.9]) {
      expect(log2F1(1, 1, 2, z)).toBeCloseTo(Math.log(-Math.log1p(-z) / z), 12);
      expect(log2F1(2.5, 3, 3, z)).toBeCloseTo(-2.5 * Math.log1p(-z), 12);
    }
    expect(log2F1(1, 1, 2, 0)).toBe(0);
  });

  it('[N2] ln ₂F₁ does not overflow when the parameters grow with thousands of purchases', () => {
    // (1 − z)^(−5000) at z = 0.9 is 10^5000: far beyond a double, fine as a logarithm.
    expect(log2F1(5000, 3, 3, 0.9)).toBeCloseTo(5000 * Math.log(10), 6);
    // The BG/NBD shape: large a, b and c, where Euler's transformation applies.
    const v = log2F1(5000.24, 5002.4, 5002.2, 0.5);
    expect(Number.isFinite(v)).toBe(true);
    // Euler's identity holds both ways.
    const [a, b, c, z] = [30.2, 32.4, 32.2, 0.4];
    expect(log2F1(a, b, c, z)).toBeCloseTo((c - a - b) * Math.log1p(-z) + log2F1(c - a, c - b, c, z), 10);
  });

  it('[N1] log-sum and log-difference keep precision far from zero', () => {
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.log(2), 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logSubExp(-1000, -1000 - Math.log(2))).toBeCloseTo(-1000 - Math.log(2), 12);
    expect(logSubExp(2, 2)).toBe(-Infinity);
  });

  it('[N3] the minimiser finds the Rosenbrock valley floor and survives NaN regions', () => {
    const rosen = (x: readonly number[]): number => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
    const res = minimize(rosen, [-1.2, 1], { restarts: 4 });
    expect(res.x[0]).toBeCloseTo(1, 4);
    expect(res.x[1]).toBeCloseTo(1, 4);
    const guarded = minimize((x) => ((x[0] as number) < 0 ? NaN : ((x[0] as number) - 2) ** 2), [1]);
    expect(guarded.x[0]).toBeCloseTo(2, 5);
  });
});
