import { describe, expect, it } from 'vitest';
import { currencyExponent, discount, formatMoney, isCurrencyCode, linesTotal, money, parseMoney, toMajor } from '../src/index.ts';

/** Intl uses no-break and narrow no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\s\u00a0\u202f]/g, ' ');

/** The exact result of amount × (100 − pct) / 100 rounded half away from zero, by integer arithmetic. */
function exactDiscount(amount: number, pctHundredths: number): number {
  const num = BigInt(amount) * BigInt(10_000 - pctHundredths);
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / 10_000n;
  if ((abs % 10_000n) * 2n >= 10_000n) q += 1n;
  return Number(neg ? -q : q);
}

describe('currencies (R8)', () => {
  it('[R8] minor-unit exponent: 2 by default, 0 for JPY/KRW, 3 for KWD/BHD', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('CHF')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('TND')).toBe(3);
    expect(currencyExponent('XYZ')).toBe(2);
  });

  it('[R8] a currency code is three upper-case letters', () => {
    for (const ok of ['EUR', 'JPY', 'KWD', 'XYZ']) expect(isCurrencyCode(ok)).toBe(true);
    for (const bad of ['eur', 'EURO', 'EU', '€', '', 'E1R', ' EUR', 978, null, undefined]) expect(isCurrencyCode(bad)).toBe(false);
  });

  it('[R8] money() pairs an integer amount with its currency', () => {
    expect(money(1999, 'EUR')).toEqual({ amount: 1999, currency: 'EUR' });
  });
});

describe('parseMoney (R8)', () => {
  it('[R8] accepts "," and "." as decimal separator and spaces, no-break spaces and apostrophes as grouping', () => {
    expect(parseMoney('1234.5', 'EUR')).toEqual({ amount: 123_450, currency: 'EUR' });
    expect(parseMoney('1234,5', 'EUR')).toEqual({ amount: 123_450, currency: 'EUR' });
    expect(parseMoney('1 234,50', 'EUR')).toEqual({ amount: 123_450, currency: 'EUR' });
    expect(parseMoney('1\u00a0234,50', 'EUR')).toEqual({ amount: 123_450, currency: 'EUR' });
    expect(parseMoney("1'234.50", 'CHF')).toEqual({ amount: 123_450, currency: 'CHF' });
    expect(parseMoney('  19.99 ', 'USD')).toEqual({ amount: 1_999, currency: 'USD' });
    expect(parseMoney('12', 'EUR')).toEqual({ amount: 1_200, currency: 'EUR' });
    expect(parseMoney('0,07', 'EUR')).toEqual({ amount: 7, currency: 'EUR' });
    expect(parseMoney('-12,3', 'EUR')).toEqual({ amount: -1_230, currency: 'EUR' });
  });

  it('[R8] uses the currency exponent: 0 digits for JPY, 3 for KWD', () => {
    expect(parseMoney('1500', 'JPY')).toEqual({ amount: 1_500, currency: 'JPY' });
    expect(parseMoney('15,5', 'JPY')).toBeUndefined();
    expect(parseMoney('1500.0', 'JPY')).toBeUndefined();
    expect(parseMoney('1,234', 'KWD')).toEqual({ amount: 1_234, currency: 'KWD' });
    expect(parseMoney('1.5', 'KWD')).toEqual({ amount: 1_500, currency: 'KWD' });
    expect(parseMoney('2', 'BHD')).toEqual({ amount: 2_000, currency: 'BHD' });
    expect(parseMoney('0.0001', 'KWD')).toBeUndefined();
  });

  it('[R8] refuses more decimals than the currency has, and anything that is not a number', () => {
    for (const bad of ['1.234', '1,999', '', ' ', 'abc', '12€', '€12', '1.2.3', '1,234.50', '--1', '+5', '1e3', '.5', '5.', 'NaN']) {
      expect(parseMoney(bad, 'EUR'), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('[R8] refuses amounts beyond safe integers rather than storing an inexact float', () => {
    expect(parseMoney('90071992547409.91', 'EUR')).toEqual({ amount: 9_007_199_254_740_991, currency: 'EUR' });
    expect(parseMoney('90071992547409.92', 'EUR')).toBeUndefined();
    expect(parseMoney('99999999999999999999', 'JPY')).toBeUndefined();
  });

  it('[R8] every parsed amount is a safe integer', () => {
    for (const s of ['0', '0,01', '19.99', '1 000 000,00', '-0,5', '3.14']) {
      const m = parseMoney(s, 'EUR');
      expect(m && Number.isSafeInteger(m.amount), s).toBe(true);
    }
  });
});

describe('formatMoney and toMajor (R8)', () => {
  it('[R8] formats with the currency exponent and the locale', () => {
    expect(formatMoney({ amount: 1_999, currency: 'EUR' })).toBe('€19.99');
    expect(plain(formatMoney({ amount: 1_999, currency: 'EUR' }, 'de'))).toBe('19,99 €');
    expect(plain(formatMoney({ amount: 123_456_789, currency: 'EUR' }, 'de'))).toBe('1.234.567,89 €');
    expect(formatMoney({ amount: 1_500, currency: 'JPY' }, 'en')).toBe('¥1,500');
    expect(plain(formatMoney({ amount: 1_234, currency: 'KWD' }, 'en'))).toBe('KWD 1.234');
    expect(formatMoney({ amount: -5, currency: 'USD' }, 'en')).toBe('-$0.05');
    expect(formatMoney({ amount: 0, currency: 'EUR' }, 'en')).toBe('€0.00');
  });

  it('[R8] toMajor divides by the minor units of the currency', () => {
    expect(toMajor({ amount: 1_999, currency: 'EUR' })).toBe(19.99);
    expect(toMajor({ amount: 1_500, currency: 'JPY' })).toBe(1_500);
    expect(toMajor({ amount: 1_234, currency: 'KWD' })).toBe(1.234);
  });
});

describe('discounts and totals (R8)', () => {
  it('[R8] a discount rounds half away from zero to a whole minor unit', () => {
    expect(discount(1_005, 50)).toBe(503); // 502.5
    expect(discount(-1_005, 50)).toBe(-503);
    expect(discount(999, 10)).toBe(899); // 899.1
    expect(discount(995, 10)).toBe(896); // 895.5
    expect(discount(-995, 10)).toBe(-896);
    expect(discount(4, 12.5)).toBe(4); // 3.5
    expect(discount(1_234, 0)).toBe(1_234);
    expect(discount(1_234, 100)).toBe(0);
    expect(discount(1, 50)).toBe(1); // 0.5
    expect(discount(1, 49)).toBe(1); // 0.51
    expect(discount(1, 51)).toBe(0); // 0.49
  });

  it('[R8] whole-percent discounts are exact for every amount', () => {
    for (let pct = 0; pct <= 100; pct++) {
      for (let amount = -2_000; amount <= 20_000; amount += 7) {
        if (discount(amount, pct) !== exactDiscount(amount, pct * 100)) {
          expect(discount(amount, pct), `${amount} at ${pct}%`).toBe(exactDiscount(amount, pct * 100));
        }
      }
    }
  });

  it('[R8] discounts with decimals (0.4 %, 0.04 %, any tenth of a percent) round half away from zero like the exact result', () => {
    // 2625 × 99.6 / 100 = 2614.5 exactly, but (100 - 0.4) is not exact in binary floating point.
    expect(discount(2_625, 0.4)).toBe(2_615);
    expect(discount(1_250, 0.04)).toBe(1_250); // 1249.5
    expect(discount(-2_625, 0.4)).toBe(-2_615);
    const wrong: string[] = [];
    for (let tenths = 0; tenths <= 1_000; tenths++) {
      for (let amount = 1; amount <= 5_000; amount++) {
        const got = discount(amount, tenths / 10);
        const want = exactDiscount(amount, tenths * 10);
        if (got !== want && wrong.length < 5) wrong.push(`${amount} at ${tenths / 10}%: ${got}, exact ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('[R8] linesTotal applies line discounts, then the document discount', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    expect(linesTotal(undefined)).toBe(0);
    expect(linesTotal([])).toBe(0);
    expect(linesTotal([{ quantity: 3, unitPrice: eur(1_999) }])).toBe(5_997);
    // 2 × 1000 − 15 % = 1700; 1 × 333 − 10 % = 299.7 → 300; 2000 in all; − 2.5 % = 1950.
    expect(linesTotal([{ quantity: 2, unitPrice: eur(1_000), discountPct: 15 }, { quantity: 1, unitPrice: eur(333), discountPct: 10 }], 2.5)).toBe(1_950);
    // The line is rounded before the header discount: 1.5 × 999 = 1498.5 → 1499; − 50 % = 749.5 → 750.
    expect(linesTotal([{ quantity: 1.5, unitPrice: eur(999) }], 50)).toBe(750);
    // Lines without a price or a quantity count for nothing.
    expect(linesTotal([{ quantity: 2 }, { unitPrice: eur(500) }, { quantity: 1, unitPrice: eur(100) }])).toBe(100);
    expect(linesTotal([{ quantity: 0, unitPrice: eur(100) }])).toBe(0);
  });

  it('[R8] a fractional quantity rounds the line half away from zero like the exact result (0.29 kg at 0.50)', () => {
    // 50 × 0.29 = 14.5 exactly; in floating point 14.499999999999998.
    expect(linesTotal([{ quantity: 0.29, unitPrice: { amount: 50, currency: 'EUR' } }])).toBe(15);
    expect(linesTotal([{ quantity: 0.009, unitPrice: { amount: 1_500, currency: 'EUR' } }])).toBe(14); // 13.5
  });

  it('[R8] a credit line (negative unit price) rounds half away from zero too', () => {
    // −125 × 0.5 = −62.5 → −63, the mirror of 125 × 0.5 = 62.5 → 63.
    expect(linesTotal([{ quantity: 0.5, unitPrice: { amount: 125, currency: 'EUR' } }])).toBe(63);
    expect(linesTotal([{ quantity: 0.5, unitPrice: { amount: -125, currency: 'EUR' } }])).toBe(-63);
  });
});
