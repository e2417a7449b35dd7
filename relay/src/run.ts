/**
 * The relay as a process, shared by `npm start` (main.ts) and `counterpart-relay serve` (cli.ts):
 * start it from a config, one JSON log line per lifecycle event, a clean close on SIGINT/SIGTERM.
 */
import type { RelayConfig } from './config.ts';
import { log } from './log.ts';

/** Starts the relay; resolves with the exit code to use if it could not start, else undefined. */
export async function runRelay(loadConfig: () => RelayConfig): Promise<number | undefined> {
  try {
    const config = loadConfig();
    // Loaded here so a command that fails early does not pay for the storage engine and sockets.
    const { startRelay } = await import('./server.ts');
    const relay = await startRelay(config);
    log({ event: 'listening', url: relay.url, dataDir: config.dataDir, staticDir: config.staticDir });

    // `once`: a second Ctrl-C falls through to Node's default handler and kills the process,
    // an escape hatch if shutdown ever hangs.
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
    return undefined;
  } catch (error) {
    log({ event: 'startup_failed', error: error instanceof Error ? error.message : String(error) });
    return 1;
  }
}
