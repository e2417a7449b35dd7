// The import benchmark: a 50,000-row Google Contacts CSV (about 5,000 companies), imported whole.
//
//   npm run bench:import                 (builds web/dist first; ROWS=5000 for a quick look,
//                                         BENCH_APP=0 for the first part only)
//
// 1. Reading and checking, in Node, as the import screen's worker does it: the file parsed, read
//    as Google's export and checked into an import plan against a workspace that already holds
//    5,000 accounts and 15,000 contacts. Median of 3 runs after one warm-up run.
// 2. The whole import through the app in headless Chromium, on a fresh on-disk profile (real
//    IndexedDB): choose the file on Import and export, Check (dry run), Import (writing every
//    account and contact, with the progress bar), then Undo import. Each step is timed from the
//    click to what the screen says when it is done; one run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startRelay } from '../relay/src/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium.ts';
import { buildPlan, detectFormat, parseCsv, READERS, toCsv, type ExistingRecords } from '@counterpart/interop';

const ROWS = Number(process.env.ROWS ?? 50_000);
const RUNS = 3;

const HEADERS = ['First Name', 'Middle Name', 'Last Name', 'Organization Name', 'Organization Title', 'Birthday', 'Notes', 'Labels',
  'E-mail 1 - Label', 'E-mail 1 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value',
  'Address 1 - Label', 'Address 1 - Formatted'];

function file(rows: number): string {
  const data: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const company = `Company ${i % 5000}`;
    data.push([`First${i}`, '', `Last${i}`, company, 'Buyer', `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, i % 7 ? '' : 'Met at the fair,\nfollow up',
      '* myContacts ::: Clients', '* Work', `person${i}@example.com ::: p${i}@home.example`, 'Mobile', `+49 170 ${String(i).padStart(7, '0')}`,
      'Work', `+49 30 ${String(i).padStart(7, '0')}`, 'Work', `Street ${i}\nBerlin`]);
  }
  return toCsv(HEADERS, data);
}

function existing(): ExistingRecords {
  return {
    accounts: Array.from({ length: 5000 }, (_, i) => ({ id: `acc_${String(i).padStart(8, '0')}`, name: `Existing ${i}` })),
    contacts: Array.from({ length: 15_000 }, (_, i) => ({ id: `con_${String(i).padStart(8, '0')}`, email: `existing${i}@example.com` })),
    activities: [],
  };
}

const text = file(ROWS);
const known = existing();
const times: { parse: number; read: number; plan: number }[] = [];
for (let run = 0; run <= RUNS; run++) {
  const t0 = performance.now();
  const csv = parseCsv(text);
  const t1 = performance.now();
  const format = detectFormat(csv.headers);
  if (format !== 'google') throw new Error('the generated file is not read as a Google export');
  const drafts = csv.records.map((r) => READERS[format](csv.headers, r.cells, r.line));
  const t2 = performance.now();
  const plan = buildPlan(drafts, known, { collection: 'contacts', currency: 'EUR', accountKind: 'prospect' });
  const t3 = performance.now();
  if (plan.problems.length) throw new Error(`unexpected problems: ${JSON.stringify(plan.problems.slice(0, 3))}`);
  if (run > 0) times.push({ parse: t1 - t0, read: t2 - t1, plan: t3 - t2 });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`import of ${ROWS} rows (${(text.length / 1e6).toFixed(1)} MB), ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
console.log(`1. reading and checking in Node, median of ${RUNS} (load average ${loadavg()}):`);
for (const k of ['parse', 'read', 'plan'] as const) console.log(`  ${k.padEnd(6)} ${median(times.map((t) => t[k])).toFixed(0)} ms`);
console.log(`  total  ${median(times.map((t) => t.parse + t.read + t.plan)).toFixed(0)} ms`);

if (process.env.BENCH_APP !== '0') await inTheApp();

async function inTheApp(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-bench-import-relay-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'cp-bench-import-profile-'));
  const relay = await startRelay({ port: 0, dataDir, staticDir: join(root, 'web', 'dist'), log: () => undefined });
  const ctx = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], viewport: { width: 1280, height: 800 } });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(relay.url);
    await page.getByLabel('Workspace name').fill('Import benchmark');
    await page.getByRole('button', { name: 'Start an empty workspace' }).click();
    await page.getByRole('link', { name: 'Contacts', exact: true }).waitFor();
    await page.evaluate(() => (location.hash = '#/import'));
    const section = page.getByRole('region', { name: 'Import', exact: true });
    await section.waitFor();
    const step = async (what: string, act: () => Promise<void>, done: () => Promise<void>): Promise<number> => {
      const t = performance.now();
      await act();
      await done();
      const ms = performance.now() - t;
      console.log(`  ${what.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(6)} s   (load average ${loadavg()})`);
      return ms;
    };
    const wait = { timeout: 30 * 60_000 };
    console.log('2. the whole import in the app (Chromium, on-disk profile), one run:');
    await step('read the file (worker)', () => section.getByLabel('File to import (.csv, .vcf, .ics)').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(text) }),
      () => page.getByText(`${ROWS.toLocaleString('en')} records in the file`).waitFor(wait));
    await step('check (dry run)', () => section.getByRole('button', { name: 'Check (dry run)' }).click(),
      () => page.getByText('Dry run: this is what the import would do').waitFor(wait));
    const write = await step('import: write accounts and contacts', () => section.getByRole('button', { name: 'Import', exact: true }).click(),
      () => page.getByText(/^Import finished: [\d,]+ records created or updated/).waitFor(wait));
    const records = Number((await page.getByText(/^Import finished/).innerText()).replace(/\D/g, ''));
    console.log(`    ${records.toLocaleString('en')} records, ${Math.round(records / (write / 1000)).toLocaleString('en')} records/s`);
    const recent = page.getByRole('region', { name: 'Recent imports on this device' });
    const undo = await step('undo the import', () => recent.getByRole('button', { name: 'Undo import' }).click(),
      () => page.getByText('Import of contacts.csv undone').waitFor(wait));
    console.log(`    ${Math.round(records / (undo / 1000)).toLocaleString('en')} records/s`);
  } finally {
    await ctx.close();
    await relay.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
