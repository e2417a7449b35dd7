// Money is an integer number of minor units plus an ISO 4217 code: 1999 + 'EUR' is €19.99.
// Floats never hold money, so sums and discounts are exact.

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Minor-unit digits for currencies whose exponent is not 2 (ISO 4217). */
const EXPONENT: Readonly<Record<string, number>> = {
  BHD: 3, BIF: 0, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0,
  KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0,
  XOF: 0, XPF: 0,
};

export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}

export function money(amount: number, currency: string): Money {
  return { amount, currency };
}

/** Parses user input like "1 234,50" or "1234.5" into minor units of `currency`. */
export function parseMoney(text: string, currency: string): Money | undefined {
  const cleaned = text.replace(/[\s\u00a0']/g, '');
  const m = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(cleaned);
  if (!m) return undefined;
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? '').padEnd(exp, '0');
  if (frac.length > exp) return undefined;
  const amount = Number(m[2]) * 10 ** exp + (exp ? Number(frac) : 0);
  if (!Number.isSafeInteger(amount)) return undefined;
  return { amount: m[1] ? -amount : amount, currency };
}

/** A stored money value: whole minor units and a currency. */
export function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && Number.isSafeInteger((v as Money).amount) && typeof (v as Money).currency === 'string';
}

/** Major units as a float, for display and analytics only — never for storage. */
export function toMajor(m: Money): number {
  return m.amount / 10 ** currencyExponent(m.currency);
}

export function formatMoney(m: Money, locale = 'en'): string {
  const exp = currencyExponent(m.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  }).format(toMajor(m));
}

/** Applies a percentage discount, rounding half away from zero to a whole minor unit. */
export function discount(amount: number, pct: number): number {
  if (pct === 0) return amount;
  // amount × (100 − pct) / 100, with pct = p / k exactly: amount × (100k − p) / 100k.
  const [p, k] = decimal(pct);
  return divRound(amount, 100 * k - p, 100 * k);
}

/**
 * amount × factor rounded half away from zero to a whole minor unit, computed on the decimal
 * value of `factor` as written (0.29 is 29/100, not 0.28999…), so 50 × 0.29 is 14.5 → 15.
 */
export function multiply(amount: number, factor: number): number {
  const [f, k] = decimal(factor);
  return divRound(amount, f, k);
}

/** x as the fraction n / k with k a power of ten: the shortest decimal that reads back as x. */
function decimal(x: number): [number, number] {
  for (let k = 1; k <= 1e9; k *= 10) {
    const n = Math.round(x * k);
    if (n / k === x && Number.isSafeInteger(n)) return [n, k];
  }
  // More than nine decimals: a percentage or quantity nobody types; nine is exact enough.
  return [Math.round(x * 1e9), 1e9];
}

/** a × b / d rounded half away from zero, exact for integers (d > 0). */
function divRound(a: number, b: number, d: number): number {
  const num = a * b;
  if (Number.isSafeInteger(num)) {
    const abs = Math.abs(num);
    let q = Math.floor(abs / d);
    let r = abs - q * d;
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    if (2 * r >= d) q += 1;
    return num < 0 && q !== 0 ? -q : q;
  }
  const big = BigInt(a) * BigInt(b);
  const neg = big < 0n;
  const abs = neg ? -big : big;
  const den = BigInt(d);
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return Number(neg && q !== 0n ? -q : q);
}
