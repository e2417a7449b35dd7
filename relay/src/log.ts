/**
 * One JSON object per line on stdout, so the relay's output can be parsed by
 * tests, `jq` and log collectors alike. Deliberately tiny: no levels or
 * transports until something needs them.
 */
export type LogFields = { event: string } & Record<string, unknown>;

export function log(fields: LogFields): void {
  // `event` first so the lines stay readable when tailed by a human.
  const { event, ...rest } = fields;
  const line = { event, time: new Date().toISOString(), ...rest };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Where a relay writes its log lines: stdout by default, a collector in tests. */
export type Logger = (fields: LogFields) => void;
