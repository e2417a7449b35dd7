// `kill -9` of the relay process while a device writes: every write the relay acknowledged is
// there after a restart on the same data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@counterpart/protocol';
import { connect, fieldUpdate, syncUrl, type TestDevice } from '../relay/test/support/client.ts';
import { Auth } from '../relay/src/auth.ts';

const SECRET = 'crash-test-secret-0123456789';
const MAIN = fileURLToPath(new URL('../relay/src/main.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts the relay as its own process and resolves with its URL from the "listening" log line. */
function startRelayProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, RELAY_SECRET: SECRET, STATIC_DIR: join(dataDir, 'no-app') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = '';
    child.on('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      for (const line of buf.split('\n')) {
        if (!line.includes('"listening"')) continue;
        const { url } = JSON.parse(line) as { url: string };
        child.removeAllListeners('exit');
        resolve({ child, url });
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
    });
  });
}


describe('relay crash', () => {
  it('kill -9 during 1,000+ acknowledged writes loses none of them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cp-crash-'));
    dirs.push(dataDir);
    const auth = await Auth.open(dataDir, SECRET);
    const token = auth.issue({ workspace: 'team', role: 'editor' });
    const first = await startRelayProcess(dataDir);

    const d: TestDevice = connect(syncUrl(first.url, 'team', token));
    d.send({ type: 'hello', version: PROTOCOL_VERSION, cursor: 0, device: 'writer' });
    await d.next('updates', (m) => !m.more);
    // Writes are pipelined, many batches in flight, at 400 a second (under the relay's rate limit).
    const acked = new Map<string, number>();
    let sent = 0;
    await new Promise<void>((resolve, reject) => {
      void d.closed.then(({ code }) => {
        if (acked.size < 1000) reject(new Error(`the relay closed the writer (${code}) after ${acked.size} acks`));
      });
      d.ws.on('message', () => {
        for (const m of d.received.splice(0)) {
          if (m.type !== 'ack') continue;
          acked.set(`acc_${m.batch}`, m.head);
          if (acked.size >= 1000 && first.child.exitCode === null) {
            first.child.kill('SIGKILL');
            resolve();
          }
        }
      });
      const pump = (): void => {
        if (first.child.killed) return;
        for (let i = 0; i < 20; i++, sent++) {
          d.send({ type: 'push', batch: sent, items: [{ docId: `acc_${sent}`, update: fieldUpdate(`acc_${sent}`, 'n', sent) }] });
        }
        if (sent < 5000) setTimeout(pump, 50);
      };
      pump();
    });
    await d.closed;
    expect(acked.size).toBeGreaterThanOrEqual(1000);

    const second = await startRelayProcess(dataDir);
    const check = connect(syncUrl(second.url, 'team', token));
    check.send({ type: 'hello', version: PROTOCOL_VERSION, cursor: 0, device: 'checker' });
    await check.next('updates', (m) => !m.more, 20_000);
    const stored = new Map<string, number>();
    for (const m of check.received) if (m.type === 'updates') for (const it of m.items) stored.set(it.docId, it.seq);
    const lost = [...acked.keys()].filter((docId) => !stored.has(docId));
    expect(lost).toEqual([]);
    // Seqs are stable across the restart.
    for (const [docId, seq] of acked) expect(stored.get(docId), docId).toBe(seq);
    await check.close();
  }, 60_000);
});
