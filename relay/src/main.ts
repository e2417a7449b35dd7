/**
 * Process entry point (`npm start`): environment in, one JSON log line per lifecycle event out.
 * Everything testable lives in server.ts; run.ts wires the process (signals, exit codes).
 */
import { configFromEnv } from './config.ts';
import { runRelay } from './run.ts';

const code = await runRelay(() => configFromEnv(process.env));
if (code !== undefined) process.exitCode = code;
