/**
 * The `counterpart-relay` command (relay/bin/counterpart-relay.mjs):
 *   serve  runs the relay, like main.ts, with flags over the environment;
 *   token  prints a signed access token, e.g. the first owner token of a new workspace.
 * Usage errors print one line to stderr and exit 2; other failures exit 1.
 */
import { resolve } from 'node:path';
import { ROLES, isValidId, parseToken, type TokenRole } from '@counterpart/protocol';
import { Auth, AuthError, SECRET_FILE, parseTtl } from './auth.ts';
import { configFromEnv } from './config.ts';
import { runRelay } from './run.ts';

/** Roles the command issues: people's, and `ingest` for a till, web shop or call centre. */
const CLI_ROLES = [...ROLES, 'ingest'] as const;

const USAGE = `Usage:
  counterpart-relay serve [--host HOST] [--port PORT] [--data DIR]
  counterpart-relay token --workspace ID --role ${CLI_ROLES.join('|')} [--ttl 30d] [--data DIR]

Commands:
  serve   Run the relay. Flags override the HOST, PORT and DATA_DIR environment variables
          (STATIC_DIR and RELAY_SECRET are read from the environment).
  token   Print an access token for a workspace on stdout. It is signed with RELAY_SECRET
          when set, otherwise with the secret kept in DIR/${SECRET_FILE} (created if missing),
          which is what the relay uses too. --ttl takes 30d, 12h, 15m, 90s or seconds;
          without it the token does not expire. An ingest token only appends orders through
          POST /api/workspaces/ID/orders; its id is printed on stderr, for an owner to revoke.

Options:
  --data DIR   The relay's data directory (default: DATA_DIR, else ./data)
  -h, --help   Show this help
`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code, or undefined while the relay keeps running. */
async function run(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const [command, ...args] = argv;
  if (command === undefined) throw new UsageError('missing command: serve or token');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  switch (command) {
    case 'serve':
      return serve(args, env);
    case 'token':
      return token(args, env);
    default:
      throw new UsageError(`unknown command "${command}": use serve or token`);
  }
}

async function serve(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const { flags, help } = parseFlags(args, ['host', 'port', 'data']);
  if (help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = flags.get('port');
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) > 65_535)) {
    throw new UsageError(`--port must be an integer between 0 and 65535, got "${port}"`);
  }
  // Flags stand in for their variables, so they go through the same checks and defaults.
  const overrides: NodeJS.ProcessEnv = {};
  if (flags.has('host')) overrides.HOST = flags.get('host');
  if (port !== undefined) overrides.PORT = port;
  if (flags.has('data')) overrides.DATA_DIR = flags.get('data');

  return runRelay(() => configFromEnv({ ...env, ...overrides }));
}

async function token(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, help } = parseFlags(args, ['workspace', 'role', 'ttl', 'data']);
  if (help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const workspace = flags.get('workspace');
  if (workspace === undefined) throw new UsageError('--workspace is required');
  if (!isValidId(workspace)) throw new UsageError(`invalid workspace id "${workspace}": use letters, digits, _ . : or -`);
  const role = flags.get('role');
  if (role === undefined) throw new UsageError(`--role is required: ${CLI_ROLES.join(', ')}`);
  if (!(CLI_ROLES as readonly string[]).includes(role)) throw new UsageError(`invalid role "${role}": use ${CLI_ROLES.join(', ')}`);
  const ttl = flags.get('ttl');
  let ttlSeconds: number | undefined;
  try {
    ttlSeconds = ttl === undefined ? undefined : parseTtl(ttl);
  } catch (error) {
    if (error instanceof AuthError) throw new UsageError(error.message);
    throw error;
  }

  // The same directory the relay would use, so the token verifies there.
  const dataDir = resolve(flags.get('data') ?? nonEmpty(env.DATA_DIR) ?? './data');
  const auth = await Auth.open(dataDir, env.RELAY_SECRET);
  if (auth.secretSource === 'generated') {
    process.stderr.write(`counterpart-relay: created a new relay secret in ${resolve(dataDir, SECRET_FILE)}\n`);
  }
  const issued = auth.issue({ workspace, role: role as TokenRole, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) });
  if (role === 'ingest') process.stderr.write(`counterpart-relay: ingest token id ${parseToken(issued).claims.jti}\n`);
  process.stdout.write(`${issued}\n`);
  return 0;
}

/** `--name value` and `--name=value` for the given names, plus -h/--help. */
function parseFlags(args: readonly string[], names: readonly string[]): { flags: Map<string, string>; help: boolean } {
  const flags = new Map<string, string>();
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z][a-z-]*)(?:=([^]*))?$/.exec(arg);
    const name = match?.[1];
    if (name === undefined) throw new UsageError(`unexpected argument "${arg}"`);
    if (!names.includes(name)) throw new UsageError(`unknown flag --${name}`);
    let value = match?.[2];
    if (value === undefined) {
      value = args[i + 1];
      if (value !== undefined && !value.startsWith('--')) i++;
      else value = undefined;
    }
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    flags.set(name, value);
  }
  return { flags, help };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

try {
  const code = await run(process.argv.slice(2), process.env);
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  // exitCode rather than exit(): stdout may be a pipe that is still being written.
  if (error instanceof UsageError) {
    process.stderr.write(`counterpart-relay: ${oneLine(error.message)} (see counterpart-relay --help)\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`counterpart-relay: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  }
}
