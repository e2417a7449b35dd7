import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED, cdnowSample, dataPath } from './data.ts';

const BIN = fileURLToPath(new URL('../bin/counterpart-analytics.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'counterpart-analytics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface LtvOutput {
  model: { bgnbd?: Record<string, number>; pareto?: Record<string, number>; gammaGamma: Record<string, number> };
  customers: { id: string; frequency: number; recency: number; T: number; monetary: number; pAlive: number; expectedPurchases: number; clv: number; rfm: { r: number; f: number; m: number; segment: string } }[];
}

describe('counterpart-analytics', () => {
  const cdnowCsv = file(
    'cdnow.csv',
    `customer_id,date,amount\n${cdnowSample()
      .map((t) => `${t.customerId},${t.date},${t.amount}`)
      .join('\n')}\n`,
  );

  it('[C1] ltv on the CDNOW sample prints the published BG/NBD fit and a row per customer', () => {
    const r = run('ltv', '--transactions', cdnowCsv, '--end', '1997-09-30');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as LtvOutput;
    const fit = out.model.bgnbd ?? {};
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs((fit[k] ?? NaN) - PUBLISHED.bgnbd[k]), k).toBeLessThan(0.01);
    expect(Math.abs((fit.logLikelihood ?? NaN) - PUBLISHED.bgnbd.logLikelihood)).toBeLessThan(0.1);
    expect(Object.keys(out.model.gammaGamma).sort()).toEqual(['gamma', 'p', 'q']);
    expect(out.customers).toHaveLength(2357);
    const first = out.customers[0];
    expect(first).toMatchObject({ id: '1', frequency: 2 });
    expect(first?.pAlive).toBeCloseTo(PUBLISHED.conditional.pAlive, 2);
    expect(Object.keys(first ?? {}).sort()).toEqual(['T', 'clv', 'expectedPurchases', 'frequency', 'id', 'monetary', 'pAlive', 'recency', 'rfm']);
  });

  it('[C1] ltv --model pareto prints the Pareto/NBD parameters', () => {
    const r = run('ltv', '--transactions', cdnowCsv, '--end', '1997-09-30', '--model', 'pareto', '--horizon-months', '6', '--discount', '0');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as LtvOutput;
    const fit = out.model.pareto ?? {};
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(Math.abs((fit[k] ?? NaN) - PUBLISHED.pareto[k]), k).toBeLessThan(0.02);
    expect(out.model.bgnbd).toBeUndefined();
  });

  it('[C2] sequences ranks next-product rules by lift', () => {
    const rows = ['customer_id,date,amount,product'];
    for (let i = 0; i < 8; i++) rows.push(`c${i},2024-01-0${1 + (i % 5)},10,printer`, `c${i},2024-02-10,5,toner`);
    rows.push('z,2024-01-01,1,toner', 'z,2024-02-01,1,paper');
    const r = run('sequences', '--transactions', file('seq.csv', `${rows.join('\n')}\n`));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ from: 'printer', to: 'toner', support: 0.888889, confidence: 1, lift: 1.125, count: 8 }]);
  });

  it('[C3] basket on Groceries prints the 410 rules, top rule first', () => {
    const r = run('basket', '--baskets', dataPath('groceries.csv'), '--min-support', '0.001', '--min-confidence', '0.8');
    expect(r.status).toBe(0);
    const rules = JSON.parse(r.stdout) as { antecedent: string[]; consequent: string[]; lift: number }[];
    expect(rules).toHaveLength(410);
    expect(rules[0]).toMatchObject({ antecedent: PUBLISHED.groceries.top.antecedent, consequent: PUBLISHED.groceries.top.consequent });
  });

  it('[C4] bad input names the line and exits with 2', () => {
    const cases: [string, RegExp][] = [
      ['customer_id,date\na,2024-01-01\n', /line 1: missing column "amount"/],
      ['customer_id,date,amount\na,2024-01-01,10\nb,2024-02-30,5\n', /line 3: bad date "2024-02-30"/],
      ['customer_id,date,amount\na,2024-01-01,10\na,2024-01-09,-4\n', /line 3: negative amount/],
      ['customer_id,date,amount\na,2024-01-01,ten\n', /line 2: bad amount "ten"/],
    ];
    cases.forEach(([text, message], i) => {
      const r = run('ltv', '--transactions', file(`bad${i}.csv`, text), '--end', '2024-06-30');
      expect(r.status, text).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
    expect(run('ltv', '--transactions', cdnowCsv).stderr).toMatch(/--end is required/);
    expect(run('ltv', '--transactions', join(dir, 'missing.csv'), '--end', '2024-01-01').status).toBe(2);
    expect(run('frobnicate').status).toBe(2);
    expect(run('basket', '--baskets', cdnowCsv, '--min-support', '2', '--min-confidence', '0.5').status).toBe(2);
  });
});
