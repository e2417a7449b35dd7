import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

it('logs a listening line, serves, and exits cleanly on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'relay-main-'));
  const dataDir = join(dir, 'nested', 'data');
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: join(dir, 'missing') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const lines = createInterface({ input: child.stdout });
    const events: Record<string, unknown>[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    let url: string | undefined;
    for await (const line of lines) {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.event === 'listening') {
        url = String(event.url);
        break;
      }
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await stat(dataDir)).isDirectory()).toBe(true);

    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    await res.text();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
