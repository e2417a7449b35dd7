// "My day" for one open workspace: the tasks and scheduled calls, meetings and visits from the
// materialised rows (no Y.Doc is loaded), kept current from the store's change events, so work
// ticked off or assigned on another device shows up here too. Ticking and assigning show at once
// and go back on screen if the store refuses them. The rules of what goes where are in agenda.ts.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { Values } from '@counterpart/model';
import type { ChangeEvent, RowChange, WorkspaceStore } from '@counterpart/store';
import {
  EVERYONE, UNASSIGNED, activitySection, agendaWindow, buildAgenda, keepsTask, memberKey, memberNamed, startOfDay, toActivity,
  toMembers, toTask, type AgendaActivity, type AgendaTask, type AgendaWindow, type Member,
} from './agenda.ts';
import { serialReload } from './batch.ts';
import { handleError } from './errors.ts';
import { presence } from './presence.svelte.ts';

/** Rows read per store call while loading. */
const CHUNK = 500;

export class Agenda {
  private tasks = $state.raw(new SvelteMap<string, AgendaTask>());
  private activities = $state.raw(new SvelteMap<string, AgendaActivity>());
  /** Tasks ticked or unticked on this screen: they stay where they are until the next day. */
  private readonly kept = new SvelteSet<string>();
  /** The member picked in the filter; unset, the device user's own day (or everyone's). */
  private chosen = $state<string | null>(null);
  members = $state.raw<readonly Member[]>([]);
  accountNames = $state.raw<Readonly<Record<string, string>>>({});
  window = $state.raw<AgendaWindow>(agendaWindow(Date.now()));
  /** The time "late" is judged against, moved on every minute. */
  now = $state(Date.now());
  ready = $state(false);

  /** This device's user, when their presence name is a member's name. */
  readonly me = $derived(memberNamed(this.members, presence.name));
  readonly member = $derived.by(() => {
    const c = this.chosen;
    if (c === null) return this.me?.id ?? EVERYONE;
    // A member removed since they were picked: everyone's day rather than an empty one.
    if (c !== EVERYONE && c !== UNASSIGNED && this.ready && !this.members.some((m) => m.id === c)) return EVERYONE;
    return c;
  });
  readonly view = $derived(buildAgenda(this.tasks.values(), this.activities.values(), this.window, this.member, this.kept));

  private loading = false;
  /** Changes that arrive while loading, applied over what the load read. */
  private buffered: RowChange[] = [];
  /** Reads everything again, one read at a time. */
  private readonly reload = serialReload(() => this.load(), handleError);

  constructor(private readonly store: WorkspaceStore) {
    this.chosen = localStorage.getItem(memberKey(store.workspaceId));
  }

  setMember(member: string): void {
    this.chosen = member;
    localStorage.setItem(memberKey(this.store.workspaceId), member);
  }

  task(id: string): AgendaTask | undefined {
    return this.tasks.get(id);
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      const w = agendaWindow(Date.now());
      const [tasks, activities, members] = await Promise.all([this.readTasks(w), this.readActivities(w), this.readMembers()]);
      this.window = w;
      this.now = Date.now();
      this.tasks = new SvelteMap(tasks.map((x) => [x.id, x]));
      this.activities = new SvelteMap(activities.map((x) => [x.id, x]));
      this.members = members;
    } finally {
      this.loading = false;
    }
    const changes = this.buffered;
    this.buffered = [];
    this.apply(changes);
    await this.readAccountNames();
    this.ready = true;
  }

  /** Tasks by due time up to the horizon: every open one before it, done ones from today. */
  private async readTasks(w: AgendaWindow): Promise<AgendaTask[]> {
    const out: AgendaTask[] = [];
    for (let offset = 0; ; offset += CHUNK) {
      const rows = await this.store.page('tasks', { orderBy: 'dueAt', offset, limit: CHUNK });
      for (const row of rows) {
        const task = toTask(row);
        if (!task) continue;
        if (task.dueAt >= w.horizon) return out;
        if (keepsTask(task, w, this.kept)) out.push(task);
      }
      if (rows.length < CHUNK) return out;
    }
  }

  /** Calls, meetings and visits from today to the horizon, read newest first down to today. */
  private async readActivities(w: AgendaWindow): Promise<AgendaActivity[]> {
    const out: AgendaActivity[] = [];
    for (let offset = 0; ; offset += CHUNK) {
      const rows = await this.store.page('activities', { orderBy: 'at', reverse: true, offset, limit: CHUNK });
      for (const row of rows) {
        if (typeof row.at === 'number' && row.at < w.today) return out;
        const activity = toActivity(row);
        if (activity && activitySection(activity.at, w)) out.push(activity);
      }
      if (rows.length < CHUNK) return out;
    }
  }

  private async readMembers(): Promise<Member[]> {
    return toMembers(await this.store.rows('users', await this.store.ids('users')));
  }

  /** Names of the accounts on screen that are not known yet. */
  private async readAccountNames(): Promise<void> {
    const known = this.accountNames;
    const ids = [...this.tasks.values(), ...this.activities.values()].map((x) => x.accountId);
    const wanted = ids.filter((id, i): id is string => id !== undefined && !(id in known) && ids.indexOf(id) === i);
    if (wanted.length === 0) return;
    const rows = await this.store.rows('accounts', wanted);
    this.accountNames = { ...this.accountNames, ...Object.fromEntries(rows.map((r) => [r.id, r._title])) };
  }

  /** Follows changes here and on other devices, and the turn of the day. */
  watch(): () => void {
    this.reload();
    const off = this.store.subscribe((e: ChangeEvent) => {
      if (this.loading) this.buffered.push(...e.rows);
      else this.apply(e.rows);
    });
    // Once a minute: "late" moves on, and after midnight today becomes yesterday. A timer at
    // midnight would be late after the device slept; a minute's check is not.
    const tick = setInterval(() => this.tick(), 60_000);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') this.tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  private tick(): void {
    this.now = Date.now();
    if (startOfDay(this.now) !== this.window.today) {
      this.kept.clear();
      this.reload();
    }
  }

  private apply(changes: readonly RowChange[]): void {
    let records = false;
    let members = false;
    let names: Record<string, string> | undefined;
    for (const ch of changes) {
      const row = ch.deleted ? undefined : ch.row;
      if (ch.collection === 'tasks') {
        const task = row ? toTask(row) : undefined;
        if (task && keepsTask(task, this.window, this.kept)) this.tasks.set(task.id, task);
        else this.tasks.delete(ch.id);
        records = true;
      } else if (ch.collection === 'activities') {
        const activity = row ? toActivity(row) : undefined;
        if (activity && activitySection(activity.at, this.window)) this.activities.set(activity.id, activity);
        else this.activities.delete(ch.id);
        records = true;
      } else if (ch.collection === 'users') {
        members = true;
      } else if (ch.collection === 'accounts' && ch.id in this.accountNames) {
        names ??= { ...this.accountNames };
        if (row) names[ch.id] = row._title;
        else delete names[ch.id];
      }
    }
    if (names) this.accountNames = names;
    if (members) this.readMembers().then((m) => (this.members = m), handleError);
    if (records) this.readAccountNames().catch(handleError);
  }

  private put(task: AgendaTask): void {
    this.tasks.set(task.id, task);
  }

  /** Ticks a task off (or back on); resolves true once saved, false (and as it was) if refused. */
  async setDone(id: string, done: boolean): Promise<boolean> {
    const task = this.tasks.get(id);
    if (!task) return false;
    this.kept.add(id);
    this.put({ ...task, done });
    try {
      await this.store.update('tasks', id, { done });
      return true;
    } catch (err) {
      const now = this.tasks.get(id);
      if (now) this.put({ ...now, done: task.done });
      handleError(err);
      return false;
    }
  }

  /** Gives a task to a member, or to nobody; resolves true once saved. */
  async assign(id: string, assigneeId: string | undefined): Promise<boolean> {
    const task = this.tasks.get(id);
    if (!task) return false;
    this.put({ ...task, assigneeId });
    try {
      await this.store.update('tasks', id, { assigneeId: assigneeId ?? null });
      return true;
    } catch (err) {
      const now = this.tasks.get(id);
      if (now) this.put({ ...now, assigneeId: task.assigneeId });
      handleError(err);
      return false;
    }
  }

  /** Creates a task; validation errors are thrown for the form to show by field. */
  async add(values: Values): Promise<string> {
    return this.store.create('tasks', values);
  }
}
