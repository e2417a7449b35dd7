// The import benchmark: a 50,000-row Google Contacts CSV (about 5,000 companies) parsed, read as
// Google's export and checked into an import plan, as the import screen's worker does it, against
// a workspace that already holds 5,000 accounts and 15,000 contacts. Median of 3 runs after one
// warm-up run. Writing the plan goes through the store's bulk import, which `bench:ingest` measures.
//
//   node --import tsx bench/import.bench.ts            (ROWS=5000 for a quick look)
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
console.log(`import of ${ROWS} rows (${(text.length / 1e6).toFixed(1)} MB), median of ${RUNS}:`);
for (const k of ['parse', 'read', 'plan'] as const) console.log(`  ${k.padEnd(6)} ${median(times.map((t) => t[k])).toFixed(0)} ms`);
console.log(`  total  ${median(times.map((t) => t.parse + t.read + t.plan)).toFixed(0)} ms`);
