// The workspaces on this device: a small registry in localStorage (the data of each one lives in
// its own IndexedDB database, owned by @counterpart/store), plus which one is open.
// localStorage is read synchronously at start-up, so the first screen knows what to open
// without waiting for IndexedDB.

/** Where a workspace syncs: the relay's address and this device's access token for it. */
export interface RelayLink {
  readonly url: string;
  readonly token: string;
}

export interface WorkspaceInfo {
  readonly id: string;
  readonly name: string;
  readonly created: number;
  /** Set while a demo import runs; a workspace left with it was interrupted and is incomplete. */
  readonly importing?: boolean;
  /** Set once the workspace is connected to a relay. */
  readonly relay?: RelayLink;
}

const LIST_KEY = 'counterpart:workspaces';
const CURRENT_KEY = 'counterpart:current';

function isInfo(v: unknown): v is WorkspaceInfo {
  const w = v as Partial<WorkspaceInfo> | null;
  return typeof w === 'object' && w !== null && typeof w.id === 'string' && typeof w.name === 'string' && typeof w.created === 'number';
}

function readList(): WorkspaceInfo[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(LIST_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isInfo) : [];
  } catch {
    // A damaged registry must not lock the user out: the databases themselves are untouched.
    return [];
  }
}

function newWorkspaceId(): string {
  return `ws-${crypto.randomUUID()}`;
}

class Workspaces {
  list = $state.raw<readonly WorkspaceInfo[]>(readList());
  currentId = $state<string | null>(localStorage.getItem(CURRENT_KEY));
  /** The open workspace, if it is in the registry and complete. */
  current = $derived(this.list.find((w) => w.id === this.currentId && !w.importing));

  constructor() {
    // Another tab added or removed a workspace: follow it rather than overwrite it later.
    window.addEventListener('storage', (e) => {
      if (e.key === LIST_KEY) this.list = readList();
    });
  }

  add(name: string, opts: { importing?: boolean } = {}): WorkspaceInfo {
    const info: WorkspaceInfo = { id: newWorkspaceId(), name, created: Date.now(), ...(opts.importing ? { importing: true } : {}) };
    this.save([...this.list, info]);
    return info;
  }

  /** A workspace that already exists on a relay, joined from an invite link. */
  addJoined(id: string, name: string, relay: RelayLink): WorkspaceInfo {
    const existing = this.list.find((w) => w.id === id);
    if (existing) {
      this.update(id, { relay });
      return { ...existing, relay };
    }
    const info: WorkspaceInfo = { id, name, created: Date.now(), relay };
    this.save([...this.list, info]);
    return info;
  }

  /** `base`, or `base 2`, `base 3`… when a workspace already has that name. */
  uniqueName(base: string): string {
    const taken = new Set(this.list.map((w) => w.name));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    return name;
  }

  update(id: string, patch: Partial<Pick<WorkspaceInfo, 'name' | 'importing' | 'relay'>>): void {
    this.save(this.list.map((w) => (w.id === id ? { ...w, ...patch } : w)));
  }

  remove(id: string): void {
    this.save(this.list.filter((w) => w.id !== id));
    if (this.currentId === id) this.select(null);
  }

  select(id: string | null): void {
    this.currentId = id;
    if (id) localStorage.setItem(CURRENT_KEY, id);
    else localStorage.removeItem(CURRENT_KEY);
  }

  /** Workspaces whose demo import was interrupted (the tab closed): incomplete, to be removed. */
  interrupted(): WorkspaceInfo[] {
    return this.list.filter((w) => w.importing);
  }

  private save(list: readonly WorkspaceInfo[]): void {
    this.list = list;
    localStorage.setItem(LIST_KEY, JSON.stringify(list));
  }
}

export const workspaces = new Workspaces();
