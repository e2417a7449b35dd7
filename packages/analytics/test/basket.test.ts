import { describe, expect, it } from 'vitest';
import { basketRules } from '../src/index.ts';
import { PUBLISHED, groceries } from './data.ts';

describe('market-basket rules', () => {
  it('[B1–B4] Groceries at support 0.001 / confidence 0.8 gives the 410 rules arules makes, top rule by lift', () => {
    const baskets = groceries();
    expect(baskets).toHaveLength(9835);
    // The two labels with a real trailing space survive as they are.
    const labels = new Set(baskets.flat());
    expect(labels.size).toBe(169);
    expect(labels.has('cream cheese ')).toBe(true);
    expect(labels.has('roll products ')).toBe(true);

    const rules = basketRules(baskets, { minSupport: 0.001, minConfidence: 0.8 });
    expect(rules).toHaveLength(PUBLISHED.groceries.rules);
    const top = rules[0];
    const want = PUBLISHED.groceries.top;
    expect(top?.antecedent).toEqual(want.antecedent);
    expect(top?.consequent).toEqual(want.consequent);
    expect(top?.support).toBeCloseTo(want.support, 8);
    expect(top?.confidence).toBeCloseTo(want.confidence, 6);
    expect(top?.lift).toBeCloseTo(want.lift, 2);
    for (const r of rules) {
      expect(r.antecedent.length).toBeGreaterThan(0);
      expect(r.consequent).toHaveLength(1);
      expect(r.confidence).toBeGreaterThanOrEqual(0.8);
      expect(r.count).toBeGreaterThanOrEqual(10);
    }
  });

  it('[B1–B3] a hand-checked example', () => {
    const rules = basketRules(
      [['bread', 'milk'], ['bread', 'milk', 'eggs'], ['milk'], ['bread', 'milk'], ['eggs']],
      { minSupport: 0.4, minConfidence: 0.7 },
    );
    expect(rules).toEqual([
      { antecedent: ['bread'], consequent: ['milk'], support: 0.6, confidence: 1, lift: 1.25, count: 3 },
      { antecedent: ['milk'], consequent: ['bread'], support: 0.6, confidence: 0.75, lift: 1.25, count: 3 },
    ]);
    expect(basketRules([], { minSupport: 0.1, minConfidence: 0.1 })).toEqual([]);
  });
});
