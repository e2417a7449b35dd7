// A person's calendar feed links (relay/src/calendar.ts, interop SPEC I12): the relay makes,
// lists and revokes them; calendar programs subscribe to `<relay>/calendar/<workspace>/<token>.ics`.
// The relay keeps no token it issued, so this device remembers the links it made (in
// localStorage, per workspace) to show them again; links made elsewhere are listed without it.
import { RelayApiError } from '../invites.ts';
import type { RelayLink } from '../workspaces.svelte.ts';

export interface CalendarLinkInfo {
  readonly jti: string;
  readonly member: string;
  /** Epoch seconds. */
  readonly issuedAt: number;
  /** The feed's address, when this device made the link. */
  readonly url?: string;
}

const keptKey = (workspaceId: string): string => `counterpart:calendar-links:${workspaceId}`;

function kept(workspaceId: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(keptKey(workspaceId)) ?? '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function keep(workspaceId: string, jti: string, token: string | undefined): void {
  const all = kept(workspaceId);
  if (token === undefined) delete all[jti];
  else all[jti] = token;
  localStorage.setItem(keptKey(workspaceId), JSON.stringify(all));
}

/** The address calendar programs subscribe to. */
export function calendarLink(relayUrl: string, workspaceId: string, token: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/calendar/${encodeURIComponent(workspaceId)}/${token}.ics`;
}

async function call<T>(relay: RelayLink, workspaceId: string, method: 'GET' | 'POST' | 'DELETE', path: string, payload?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${relay.url.replace(/\/+$/, '')}/api/workspaces/${encodeURIComponent(workspaceId)}/${path}`, {
      method,
      headers: { Authorization: `Bearer ${relay.token}`, ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  } catch (err) {
    // fetch rejects only when no answer came: offline, relay down, or a blocked request.
    throw new RelayApiError('unreachable', err instanceof Error ? err.message : String(err));
  }
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) {
    const message = body.error ?? `the relay answered ${res.status}`;
    throw new RelayApiError(res.status === 403 ? 'forbidden' : res.status === 401 ? 'unauthorized' : 'refused', message);
  }
  return body;
}

/** The member's links, newest first, each with its address when this device made it. */
export async function listCalendarLinks(relay: RelayLink, workspaceId: string, member: string): Promise<CalendarLinkInfo[]> {
  const body = await call<{ calendars?: { jti: string; member: string; issuedAt: number }[] }>(relay, workspaceId, 'GET', `calendars?member=${encodeURIComponent(member)}`);
  const tokens = kept(workspaceId);
  return (body.calendars ?? [])
    .map((c) => ({ ...c, ...(tokens[c.jti] ? { url: calendarLink(relay.url, workspaceId, tokens[c.jti]!) } : {}) }))
    .sort((a, b) => b.issuedAt - a.issuedAt);
}

/** A new link to the member's calendar (a person makes one for themselves only). */
export async function createCalendarLink(relay: RelayLink, workspaceId: string, member: string): Promise<CalendarLinkInfo> {
  const body = await call<{ token?: string; jti?: string; member?: string; issuedAt?: number }>(relay, workspaceId, 'POST', 'calendars', { member });
  if (!body.token || !body.jti) throw new Error('the relay sent no link');
  keep(workspaceId, body.jti, body.token);
  return { jti: body.jti, member: body.member ?? member, issuedAt: body.issuedAt ?? Math.floor(Date.now() / 1000), url: calendarLink(relay.url, workspaceId, body.token) };
}

/** Revokes a link: calendar programs subscribed to it get nothing more. */
export async function revokeCalendarLink(relay: RelayLink, workspaceId: string, jti: string): Promise<void> {
  await call(relay, workspaceId, 'DELETE', `calendars/${encodeURIComponent(jti)}`);
  keep(workspaceId, jti, undefined);
}
