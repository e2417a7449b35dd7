// Creating and deleting workspaces: the registry entry and the database change together.
import { WorkspaceStore } from '@counterpart/store';
import { memberKey, reminderLogKey } from './agenda-keys.ts';
import { recentKey } from './recent.ts';
import { session } from './session.svelte.ts';
import { workspaces } from './workspaces.svelte.ts';

export async function createEmptyWorkspace(name: string): Promise<void> {
  const info = workspaces.add(name);
  // The name also goes into the workspace's settings doc, so it syncs to other devices.
  const store = await WorkspaceStore.open(info.id);
  try {
    await store.setWorkspaceInfo({ name });
  } finally {
    await store.close();
  }
  workspaces.select(info.id);
}

export async function deleteWorkspace(id: string): Promise<void> {
  if (workspaces.currentId === id) {
    // Close first: an open connection would block the database deletion.
    await session.close();
    const next = workspaces.list.find((w) => w.id !== id && !w.importing);
    workspaces.select(next?.id ?? null);
  }
  workspaces.remove(id);
  // This device's own notes about the workspace go with it.
  localStorage.removeItem(memberKey(id));
  localStorage.removeItem(reminderLogKey(id));
  localStorage.removeItem(recentKey(id));
  await WorkspaceStore.destroy(id);
}
