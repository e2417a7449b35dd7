// Web forms on the relay (relay/src/forms.ts): an owner asks for a form token
// (POST /api/workspaces/<id>/forms) and publishes `<relay>/forms/<workspace>/<token>`; revoking the
// token (POST …/revoke) closes the form. Loaded with the settings screen only.
import type { RelayLink } from './workspaces.svelte.ts';

async function post<T>(relay: RelayLink, workspaceId: string, action: 'forms' | 'revoke', payload: unknown): Promise<T> {
  const res = await fetch(`${relay.url}/api/workspaces/${encodeURIComponent(workspaceId)}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${relay.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `the relay answered ${res.status}`);
  return body;
}

/** Asks the relay for a web form's token (owners only). */
export async function requestFormToken(relay: RelayLink, workspaceId: string): Promise<{ token: string; jti: string }> {
  const body = await post<{ token?: string; jti?: string }>(relay, workspaceId, 'forms', {});
  if (!body.token || !body.jti) throw new Error('the relay sent no token');
  return { token: body.token, jti: body.jti };
}

/** Revokes a web form's token: the form no longer opens or accepts inquiries. */
export async function revokeFormToken(relay: RelayLink, workspaceId: string, jti: string): Promise<void> {
  await post(relay, workspaceId, 'revoke', { jti });
}

/** The public address of a workspace's web form on its relay. */
export function formLink(relayUrl: string, workspaceId: string, token: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/forms/${encodeURIComponent(workspaceId)}/${encodeURIComponent(token)}`;
}
