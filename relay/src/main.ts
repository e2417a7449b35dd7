/**
 * Process entry point: environment in, one JSON log line per lifecycle event
 * out. Everything testable lives in server.ts; this file only wires the
 * process (env, signals, exit codes).
 */
import { configFromEnv } from './config.ts';
import { log } from './log.ts';
import { startRelay } from './server.ts';

try {
  const config = configFromEnv(process.env);
  const relay = await startRelay(config);
  log({ event: 'listening', url: relay.url, dataDir: config.dataDir, staticDir: config.staticDir });

  // `once`: a second Ctrl-C falls through to Node's default handler and
  // kills the process, an escape hatch if shutdown ever hangs.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log({ event: 'shutdown', signal });
      relay.close().then(
        () => {
          log({ event: 'closed' });
          process.exit(0);
        },
        (error: unknown) => {
          log({ event: 'shutdown_failed', error: String(error) });
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  log({ event: 'startup_failed', error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
