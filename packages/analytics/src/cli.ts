// The `counterpart-analytics` command for analysts: customer value, next-product sequences and
// basket rules from CSV files, printed as JSON. Input problems exit with code 2 and a message
// naming the line; see the package README for usage.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { customerValue } from './analyze.ts';
import { basketRules } from './basket.ts';
import { InputError, parseBaskets, parseTransactionsCsv, type TransactionRow } from './csv.ts';
import { parseDay } from './dates.ts';
import { sequenceRules } from './sequences.ts';
import type { Order } from './types.ts';

const USAGE = `usage:
  counterpart-analytics ltv --transactions FILE --end YYYY-MM-DD [--period week|day]
                            [--horizon-months 12] [--discount 0.01] [--model bgnbd|pareto]
  counterpart-analytics sequences --transactions FILE [--min-count 5]
  counterpart-analytics basket --baskets FILE --min-support S --min-confidence C

Transactions: CSV with a header, columns customer_id,date,amount and optional product;
dates YYYY-MM-DD. Baskets: one basket a line, items separated by commas.`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function numberOption(value: string | undefined, name: string, fallback: number, check: (n: number) => boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name}: bad value "${value}"`);
  return n;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/** Six decimals are plenty for analysts and keep the JSON readable. */
function round(x: number, digits = 6): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

function ltv(values: Record<string, string | undefined>): unknown {
  const rows = parseTransactionsCsv(readText(required(values.transactions, 'transactions')));
  const endText = required(values.end, 'end');
  const endDay = parseDay(endText);
  if (endDay === undefined) throw new UsageError(`--end: bad date "${endText}", expected YYYY-MM-DD`);
  const period = values.period ?? 'week';
  if (period !== 'week' && period !== 'day') throw new UsageError(`--period must be week or day, got "${period}"`);
  const model = values.model ?? 'bgnbd';
  if (model !== 'bgnbd' && model !== 'pareto') throw new UsageError(`--model must be bgnbd or pareto, got "${model}"`);
  const inPeriod = rows.filter((r) => r.day <= endDay);
  if (inPeriod.length === 0) throw new InputError(`no transactions on or before ${endText}`);
  const report = customerValue(
    inPeriod.map((r) => ({ customerId: r.customerId, day: r.day, amount: r.amount })),
    {
      endDay,
      period,
      model,
      horizonMonths: numberOption(values['horizon-months'], 'horizon-months', 12, (n) => n >= 0 && Number.isInteger(n)),
      monthlyDiscount: numberOption(values.discount, 'discount', 0.01, (n) => n > -1),
    },
  );
  const { bgnbd, pareto, gammaGamma } = report.model;
  return {
    model: {
      ...(bgnbd ? { bgnbd: { r: round(bgnbd.r), alpha: round(bgnbd.alpha), a: round(bgnbd.a), b: round(bgnbd.b), logLikelihood: round(bgnbd.logLikelihood, 4) } } : {}),
      ...(pareto ? { pareto: { r: round(pareto.r), alpha: round(pareto.alpha), s: round(pareto.s), beta: round(pareto.beta), logLikelihood: round(pareto.logLikelihood, 4) } } : {}),
      ...(gammaGamma ? { gammaGamma: { p: round(gammaGamma.p), q: round(gammaGamma.q), gamma: round(gammaGamma.gamma) } } : {}),
    },
    customers: report.customers.map((c) => ({
      id: c.id,
      frequency: c.frequency,
      recency: round(c.recency),
      T: round(c.T),
      monetary: round(c.monetary),
      pAlive: round(c.pAlive),
      expectedPurchases: round(c.expectedPurchases),
      clv: round(c.clv, 2),
      rfm: c.rfm,
    })),
  };
}

/** Rows of one customer on one day make one order; each row's product is a line of it. */
function ordersFromRows(rows: readonly TransactionRow[]): Order[] {
  const orders = new Map<string, { customerId: string; date: string; amount: number; products: { productId: string; quantity: number; amount: number }[] }>();
  for (const r of rows) {
    const key = `${r.customerId}\u0000${r.date}`;
    let o = orders.get(key);
    if (!o) orders.set(key, (o = { customerId: r.customerId, date: r.date, amount: 0, products: [] }));
    o.amount += r.amount;
    if (r.product !== undefined) o.products.push({ productId: r.product, quantity: 1, amount: r.amount });
  }
  return [...orders.values()];
}

function sequences(values: Record<string, string | undefined>): unknown {
  const rows = parseTransactionsCsv(readText(required(values.transactions, 'transactions')), { requireProduct: true, requireAmount: false });
  const minCount = numberOption(values['min-count'], 'min-count', 5, (n) => n >= 1 && Number.isInteger(n));
  return sequenceRules(ordersFromRows(rows), { minCount }).map((r) => ({
    from: r.from,
    to: r.to,
    support: round(r.support),
    confidence: round(r.confidence),
    lift: round(r.lift),
    count: r.count,
  }));
}

function basket(values: Record<string, string | undefined>): unknown {
  const baskets = parseBaskets(readText(required(values.baskets, 'baskets')));
  const minSupport = numberOption(required(values['min-support'], 'min-support'), 'min-support', 0, (n) => n > 0 && n <= 1);
  const minConfidence = numberOption(required(values['min-confidence'], 'min-confidence'), 'min-confidence', 0, (n) => n >= 0 && n <= 1);
  return basketRules(baskets, { minSupport, minConfidence }).map((r) => ({
    antecedent: r.antecedent,
    consequent: r.consequent,
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
  }));
}

const COMMANDS: Record<string, (values: Record<string, string | undefined>) => unknown> = { ltv, sequences, basket };

export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"`);
    const { values } = parseArgs({
      args: [...rest],
      options: {
        transactions: { type: 'string' },
        baskets: { type: 'string' },
        end: { type: 'string' },
        period: { type: 'string' },
        'horizon-months': { type: 'string' },
        discount: { type: 'string' },
        model: { type: 'string' },
        'min-support': { type: 'string' },
        'min-confidence': { type: 'string' },
        'min-count': { type: 'string' },
      },
      strict: true,
    });
    process.stdout.write(`${JSON.stringify(run(values), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
      process.stderr.write(`counterpart-analytics: ${e.message}\n`);
      if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    if (e instanceof TypeError && 'code' in e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`counterpart-analytics: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

// Piping into `head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = main(process.argv.slice(2));
