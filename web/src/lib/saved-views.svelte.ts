// A list's saved views: read from the workspace settings (so the whole team shares them and they
// sync like records), saved, renamed and deleted through the store, and the team's default view.
// Which view this device last chose is remembered per device, so a reload shows the same list.
import type { WorkspaceStore } from '@counterpart/store';
import { t } from './i18n.ts';
import type { RecordList } from './list.svelte.ts';
import { session } from './session.svelte.ts';
import { DEFAULT_COLUMN_KEYS } from './columns.ts';
import { checkViewName, defaultSpec, parseViews, sameSpec, serialiseView, type SavedView, type ViewSpec } from './views.ts';

/** Remembers the chosen view; storage may be unavailable (private mode), which only loses that. */
function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered: the list opens with the default view next time.
  }
}

function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function newViewId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `v${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What "choose all records" is remembered as, distinct from "never chose". */
const ALL = '';

export class SavedViews {
  /** The saved views of this list, by name. */
  readonly all = $derived.by((): SavedView[] => {
    void session.settingsVersion;
    return parseViews(this.store.settings.listViews[this.list.collection]);
  });
  readonly defaultId = $derived.by((): string | null => {
    void session.settingsVersion;
    return this.store.settings.defaultListViews[this.list.collection] ?? null;
  });
  /** The saved view shown, or null for the plain list ("All records"). */
  activeId = $state<string | null>(null);
  readonly active = $derived(this.all.find((v) => v.id === this.activeId) ?? null);
  /** The list differs from the view it came from. */
  readonly changed = $derived.by(() => !sameSpec(this.list.spec, this.active ?? this.plainSpec()));

  private readonly store: WorkspaceStore;
  private readonly list: RecordList;
  private readonly memoryKey: string;

  constructor(store: WorkspaceStore, list: RecordList) {
    this.store = store;
    this.list = list;
    this.memoryKey = `counterpart:view:${store.workspaceId}:${list.collection}`;
  }

  /** The view a list opens with: the one last chosen on this device, else the team's default. */
  initial(): ViewSpec | null {
    const chosen = recall(this.memoryKey);
    if (chosen === ALL) return null;
    const id = chosen ?? this.defaultId;
    const view = this.all.find((v) => v.id === id);
    if (!view) return null;
    this.activeId = view.id;
    return view;
  }

  plainSpec(): ViewSpec {
    return defaultSpec(DEFAULT_COLUMN_KEYS[this.list.collection]);
  }

  /** Shows a saved view, or the plain list for null. */
  choose(view: SavedView | null): void {
    this.activeId = view?.id ?? null;
    remember(this.memoryKey, view?.id ?? ALL);
    this.list.quick = '';
    this.list.setSpec(view ?? this.plainSpec());
  }

  /** A name problem for a new or renamed view, or undefined if the name can be used. */
  nameProblem(name: string, except?: string): string | undefined {
    const checked = checkViewName(name);
    if ('error' in checked) return checked.error;
    const taken = this.all.find((v) => v.id !== except && v.name.toLocaleLowerCase() === checked.name.toLocaleLowerCase());
    return taken ? t.viewNameTaken(taken.name) : undefined;
  }

  /** Saves what the list shows as a new view, which becomes the active one. */
  async saveAs(name: string): Promise<SavedView> {
    const checked = checkViewName(name);
    if ('error' in checked) throw new Error(checked.error);
    const { sort, filters, columns } = this.list.spec;
    const view: SavedView = { id: newViewId(), name: checked.name, sort, filters, columns };
    await this.store.changeListView(this.list.collection, { put: serialiseView(view) });
    this.activeId = view.id;
    remember(this.memoryKey, view.id);
    return view;
  }

  /** Saves what the list shows into the active view. */
  async saveChanges(): Promise<void> {
    const view = this.active;
    if (!view) return;
    const { sort, filters, columns } = this.list.spec;
    await this.store.changeListView(this.list.collection, { put: serialiseView({ ...view, sort, filters, columns }) });
  }

  async rename(view: SavedView, name: string): Promise<void> {
    const checked = checkViewName(name);
    if ('error' in checked) throw new Error(checked.error);
    await this.store.changeListView(this.list.collection, { put: serialiseView({ ...view, name: checked.name }) });
  }

  /** Deletes a view for everyone; a list showing it keeps its columns and filters, unsaved. */
  async remove(view: SavedView): Promise<void> {
    await this.store.changeListView(this.list.collection, { remove: view.id });
    if (this.activeId === view.id) {
      this.activeId = null;
      remember(this.memoryKey, null);
    }
  }

  async setDefault(view: SavedView | null): Promise<void> {
    await this.store.changeListView(this.list.collection, { defaultView: view?.id ?? null });
  }
}
