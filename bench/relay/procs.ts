// Child processes of the relay benchmark (servers and load generators), their memory and CPU
// as Linux reports them, and cleanup: every child and temp dir is registered here and removed on
// normal exit, on errors and on Ctrl-C.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Kills whatever is still running and removes the temp dirs; synchronous, safe to call twice. */
export function cleanupNow(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  children.clear();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

let hooked = false;
export function installCleanupHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanupNow();
      process.exit(130);
    });
  }
}

export interface ServerProcess {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly pid: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Log lines with these events, counted (the relay logs one JSON line per event). */
  readonly events: Map<string, number>;
  /** Lines that were not JSON, or stderr, kept for the error message if the server dies. */
  readonly stderr: string[];
  stop(): Promise<void>;
}

/**
 * Starts a server as `node --import tsx <script>` with `env`, and waits for its JSON line
 * `{"event":"listening","url":…}` on stdout.
 */
export async function startServer(name: string, script: string, env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  // BENCH_PROFILE_DIR=DIR: each server writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  const events = new Map<string, number>();
  const stderr: string[] = [];
  const keep = (line: string): void => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${stderr.join('\n')}`)), 30_000);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      let event: unknown;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
        event = (parsed as { event?: unknown } | null)?.event;
      } catch {
        keep(line);
        return;
      }
      if (typeof event !== 'string') return;
      events.set(event, (events.get(event) ?? 0) + 1);
      if (event === 'listening') {
        clearTimeout(timer);
        resolve(String((parsed as { url?: unknown }).url));
      }
    });
    createInterface({ input: proc.stderr }).on('line', keep);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${stderr.join('\n')}`));
    });
  });
  proc.on('exit', () => children.delete(proc));
  return {
    name,
    proc,
    pid: proc.pid ?? -1,
    url,
    events,
    stderr,
    stop: () => stopChild(proc),
  };
}

/** SIGTERM, then SIGKILL after 5 s. */
export async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    children.delete(proc);
    return;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
  children.delete(proc);
}

/**
 * A load generator: `node --import tsx <script>` with an IPC channel. It is sent `config`, may
 * send `{ type: 'phase', … }` messages while it runs (handed to `onPhase`), and ends with one
 * `{ type: 'result', result }` or `{ type: 'error', message }`.
 */
export async function runLoad<Result>(script: string, config: unknown, onPhase: (phase: string) => void): Promise<Result> {
  const proc = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(proc);
  try {
    return await new Promise<Result>((resolve, reject) => {
      proc.on('message', (raw: unknown) => {
        const m = raw as { type: string; phase?: string; result?: Result; message?: string };
        if (m.type === 'phase' && m.phase !== undefined) onPhase(m.phase);
        else if (m.type === 'result') resolve(m.result as Result);
        else if (m.type === 'error') reject(new Error(`load generator failed: ${m.message ?? ''}`));
      });
      proc.once('exit', (code, signal) => reject(new Error(`load generator exited (${code ?? signal})`)));
      proc.send({ type: 'config', config });
    });
  } finally {
    await stopChild(proc);
  }
}

/** Resident memory of a process in MB (VmRSS), NaN once it is gone. */
export function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 Hz on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Jiffies the whole machine spent busy and in total so far (first line of /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    // idle and iowait
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

/** Share of all cores busy between two machineCpu() readings (1 = every core busy). */
export function machineBusy(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  return (b.busy - a.busy) / (b.total - a.total);
}

/** Samples a process's RSS every `everyMs`; `mark` notes a phase so peaks can be attributed. */
export class RssSampler {
  readonly samples: { t: number; mb: number; phase: string }[] = [];
  private phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 500,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  mark(phase: string): number {
    this.phase = phase;
    return this.sample();
  }

  sample(): number {
    const v = rssMB(this.pid);
    this.samples.push({ t: performance.now(), mb: v, phase: this.phase });
    return v;
  }

  peak(phases?: readonly string[]): number {
    let max = Number.NaN;
    for (const s of this.samples) {
      if (phases && !phases.includes(s.phase)) continue;
      if (!(s.mb <= max)) max = s.mb;
    }
    return max;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The relay's GET /metrics as name → value. */
export async function fetchMetrics(baseUrl: string): Promise<Map<string, number>> {
  const res = await fetch(new URL('/metrics', baseUrl));
  const text = await res.text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name, value] = line.split(' ');
    if (name !== undefined && value !== undefined) out.set(name, Number(value));
  }
  return out;
}

export function sleep(msec: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msec));
}
