import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseToken } from '@counterpart/protocol';
import { Auth, SECRET_FILE } from '../src/auth.ts';

const BIN = fileURLToPath(new URL('../bin/counterpart-relay.mjs', import.meta.url));

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cp-relay-cli-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The environment without the relay's own variables, so the host's settings cannot leak in. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { HOST: _h, PORT: _p, DATA_DIR: _d, STATIC_DIR: _s, RELAY_SECRET: _r, ...rest } = process.env;
  return { ...rest, ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv(), cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('counterpart-relay token', () => {
  it('prints just a token that the relay with the same data dir accepts', async () => {
    const data = tempDir();
    const run = await runCli(['token', '--workspace', 'acme', '--role', 'owner', '--ttl', '30d', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cp1\.[\w-]+\.[\w-]+\n$/);
    expect(run.stderr).toMatch(/created a new relay secret/);
    expect((await stat(join(data, SECRET_FILE))).mode & 0o777).toBe(0o600);

    const token = run.stdout.trim();
    const verdict = (await Auth.open(data)).verify(token, 'acme');
    expect(verdict.ok).toBe(true);
    const { claims } = parseToken(token);
    expect(claims).toMatchObject({ ws: 'acme', role: 'owner' });
    expect((claims.exp ?? 0) - claims.iat).toBe(30 * 86_400);

    // The secret is reused: a second token verifies too, and nothing is said about a new secret.
    const again = await runCli(['token', '--workspace=acme', '--role=viewer', `--data=${data}`]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(parseToken(again.stdout.trim()).claims.exp).toBeUndefined();
    expect((await Auth.open(data)).verify(again.stdout.trim(), 'acme').ok).toBe(true);
  });

  it('prints an ingest token for the order endpoint, with its id on stderr for revoking', async () => {
    const data = tempDir();
    const run = await runCli(['token', '--workspace', 'acme', '--role', 'ingest', '--data', data]);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    const { claims } = parseToken(token);
    expect(claims).toMatchObject({ ws: 'acme', role: 'ingest' });
    expect(run.stderr).toContain(`ingest token id ${claims.jti}`);
    const auth = await Auth.open(data);
    expect(auth.verifyIngest(token, 'acme').ok).toBe(true);
    expect(auth.verify(token, 'acme').ok).toBe(false);
  });

  it('signs with RELAY_SECRET when it is set', async () => {
    const data = tempDir();
    const secret = 'cli-test-secret-of-enough-length';
    const run = await runCli(['token', '--workspace', 'acme', '--role', 'editor', '--data', data], cleanEnv({ RELAY_SECRET: secret }));
    expect(run.code).toBe(0);
    expect((await Auth.open(tempDir(), secret)).verify(run.stdout.trim(), 'acme').ok).toBe(true);
    await expect(stat(join(data, SECRET_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('defaults to DATA_DIR, then ./data', async () => {
    const data = tempDir();
    const viaEnv = await runCli(['token', '--workspace', 'w', '--role', 'owner'], cleanEnv({ DATA_DIR: data }));
    expect(viaEnv.code).toBe(0);
    expect((await Auth.open(data)).verify(viaEnv.stdout.trim(), 'w').ok).toBe(true);

    const cwd = tempDir();
    const viaCwd = await runCli(['token', '--workspace', 'w', '--role', 'owner'], cleanEnv(), cwd);
    expect(viaCwd.code).toBe(0);
    expect((await Auth.open(join(cwd, 'data'))).verify(viaCwd.stdout.trim(), 'w').ok).toBe(true);
  });

  it('exits 2 with one line on stderr for usage errors', async () => {
    const data = tempDir();
    const cases: string[][] = [
      [],
      ['frobnicate'],
      ['token', '--role', 'owner', '--data', data],
      ['token', '--workspace', 'w', '--data', data],
      ['token', '--workspace', 'w', '--role', 'admin', '--data', data],
      ['token', '--workspace', 'w', '--role', 'owner', '--ttl', '1w', '--data', data],
      ['token', '--workspace', 'w', '--role', 'owner', '--ttl', '0', '--data', data],
      ['token', '--workspace', 'bad id', '--role', 'owner', '--data', data],
      ['token', '--workspace', 'w', '--role', 'owner', '--bogus', 'x', '--data', data],
      ['token', '--workspace', '--role', 'owner'],
      ['token', 'extra', '--workspace', 'w', '--role', 'owner'],
      ['serve', '--port', 'eighty'],
      ['serve', '--verbose'],
    ];
    const runs = await Promise.all(cases.map((args) => runCli(args)));
    for (const [i, run] of runs.entries()) {
      const args = cases[i] ?? [];
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr, args.join(' ')).toMatch(/^counterpart-relay: [^\n]+\n$/);
    }
    // None of them got as far as creating a secret.
    await expect(stat(join(data, SECRET_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('prints usage for --help', async () => {
    const runs = await Promise.all([['--help'], ['-h'], ['token', '--help'], ['serve', '--help']].map((args) => runCli(args)));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage:/);
      expect(run.stdout).toContain('counterpart-relay serve');
      expect(run.stdout).toContain('counterpart-relay token');
    }
  });
});

describe('counterpart-relay serve', () => {
  it('logs a listening line, serves, and exits cleanly on SIGTERM', async () => {
    const data = join(tempDir(), 'data');
    // Flags win over the environment.
    const env = cleanEnv({ PORT: '1', DATA_DIR: join(tempDir(), 'unused'), STATIC_DIR: join(tempDir(), 'missing') });
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', data], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let listening: Record<string, unknown> | undefined;
      for await (const line of createInterface({ input: child.stdout })) {
        const event = JSON.parse(line) as Record<string, unknown>;
        if (event.event === 'listening') {
          listening = event;
          break;
        }
      }
      expect(listening?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(listening?.dataDir).toBe(data);
      expect((await stat(data)).isDirectory()).toBe(true);

      const res = await fetch(`${String(listening?.url)}/healthz`);
      expect(res.status).toBe(200);
      await res.text();

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
