/** Public surface of @counterpart/relay, for tests and tooling that embed the relay. */
export { startRelay, type Relay, type RelayOptions } from './server.ts';
export { configFromEnv } from './config.ts';
