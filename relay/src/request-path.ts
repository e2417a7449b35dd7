import type { IncomingMessage } from 'node:http';

/**
 * The decoded path of a request, or undefined when it is malformed or tries
 * to climb out of the root. Browsers normalise `..` before sending, so a `..`
 * segment that survives decoding (`/..%2f..%2fetc`) is hostile, not a typo.
 * Routing and static serving both use this, so they agree on what a path is.
 */
export function requestPath(req: IncomingMessage): string | undefined {
  const raw = req.url ?? '/';
  // Origin-form (`/a/b?q`) is split by hand: `new URL('//x/y', base)` would
  // read `x` as a host and silently drop it from the path.
  let encoded: string;
  if (raw.startsWith('/')) {
    encoded = raw.split(/[?#]/, 1)[0] ?? '/';
  } else {
    try {
      encoded = new URL(raw).pathname; // absolute-form, as sent via proxies
    } catch {
      return undefined;
    }
  }

  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  if (path.split('/').some((segment) => segment === '..')) return undefined;
  return path;
}
