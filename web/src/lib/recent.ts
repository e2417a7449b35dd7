// The records this device opened last in a workspace, newest first, for the header search to
// offer before anything is typed. Kept per device in localStorage: it is a habit of this
// person on this device, not workspace data.
import type { CollectionName } from '@counterpart/model';

const MAX = 8;

export interface Visit {
  readonly c: CollectionName;
  readonly id: string;
}

export function recentKey(workspaceId: string): string {
  return `counterpart:recent:${workspaceId}`;
}

export function readRecent(workspaceId: string): Visit[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(recentKey(workspaceId)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter((v): v is Visit => typeof v === 'object' && v !== null && typeof (v as Visit).c === 'string' && typeof (v as Visit).id === 'string').slice(0, MAX);
  } catch {
    // Unreadable (written by hand, or by another version): start again.
    return [];
  }
}

/** Puts a record first in the list (once), keeping the newest `MAX`. */
export function rememberVisit(workspaceId: string, c: CollectionName, id: string): void {
  const next = [{ c, id }, ...readRecent(workspaceId).filter((v) => v.id !== id)].slice(0, MAX);
  try {
    localStorage.setItem(recentKey(workspaceId), JSON.stringify(next));
  } catch {
    // Storage full or disabled: the list is a convenience, the visit itself is not affected.
  }
}
