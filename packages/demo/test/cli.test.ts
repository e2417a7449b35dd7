import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot, totalRecords } from '../src/index.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cpw-cli-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/demo/src/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('demo CLI', () => {
  it('--help prints usage and exits 0', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: npm run demo -- --size <s\|m\|l>/);
  });

  it.each([
    [['--size', 'xl'], /--size must be s, m or l, not "xl"/],
    [[], /--size is required/],
    [['--size', 's', '--seed', 'abc'], /--seed must be a whole number/],
    [['--size', 's', '--seed', '99999999999'], /seed must be an integer from 0 to 4294967295/],
    [['--size', 's', '--end', '2026-13-01'], /--end must be a date YYYY-MM-DD/],
    [['--size', 's', '--workers', 'many'], /--workers must be a whole number/],
    [['--size', 's', '--colour', 'red'], /Unknown option '--colour'/],
  ])('bad arguments %j exit with code 2 and say what is wrong', (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it('writes S with progress and a summary; encoder threads give the identical file', () => {
    const single = join(dir, 'single.cpw');
    const threaded = join(dir, 'threaded.cpw');
    const a = cli('--size', 's', '--workers', '0', '--out', single);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/ 50% {2}\d/);
    expect(a.stderr).toMatch(new RegExp(`Done in [\\d.]+ s: ${totalRecords('s').toLocaleString('en')} records`));
    expect(a.stderr).toMatch(/orders\s+6000/);
    const b = cli('--size', 's', '--workers', '2', '--out', threaded);
    expect(b.status, b.stderr).toBe(0);
    const bytes = readFileSync(single);
    expect(readFileSync(threaded).equals(bytes)).toBe(true);
    expect(readSnapshot(bytes).header.counts.orders).toBe(6000);
  }, 180_000);

  it('an unwritable output path fails with exit code 1 and leaves no file', () => {
    const r = cli('--size', 's', '--workers', '0', '--out', join(dir, 'missing-dir', 'x.cpw'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/demo: .*ENOENT/);
    expect(existsSync(join(dir, 'missing-dir', 'x.cpw'))).toBe(false);
  });
});
