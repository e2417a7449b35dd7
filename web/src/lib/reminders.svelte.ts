// Task reminders while a workspace is open: when a task's reminder time passes and it is not
// done, an in-app notice (and a system notification if the user allowed them) names the task.
// When the device user is known (their presence name is a member's name) only their tasks and
// unassigned ones remind. Each task reminds once per reminder time: what was shown and how far
// checks got are kept per workspace in localStorage, so reloading or a second tab does not
// repeat a reminder, and reminders missed while the app was closed come up when it opens.
// The rules are in agenda.ts; this module owns the timer, the log and the notices.
import type { WorkspaceStore } from '@counterpart/store';
import {
  checkFrom, dueReminders, memberNamed, nextReminder, parseReminderLog, recordShown, reminderLogKey, startOfDay, toMembers,
  toReminder,
  type Member, type ReminderLog, type ReminderTask,
} from './agenda.ts';
import { handleError } from './errors.ts';
import { formatDateTime, formatTime } from './format.ts';
import { t } from './i18n.ts';
import { notices } from './notices.svelte.ts';
import { presence } from './presence.svelte.ts';
import { AGENDA_HREF, hrefOf, router } from './router.svelte.ts';

/** More reminders than this at once become one notice pointing to "My day". */
const MAX_SEPARATE = 3;
/** Checks run at least this often, so the log follows the clock and a slept device catches up. */
const MAX_WAIT = 60_000;
/** The first full read of tasks waits this long, clear of the first screen's own reads. */
const SCAN_DELAY = 1500;
/**
 * And it waits while the device catches up with its relay: tasks read now would have every page
 * of the catch-up follow them onto the main thread. Checked this often.
 */
const CATCH_UP_POLL = 1000;
const CHUNK = 500;
const ICON = '/icon-192.png';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** One open workspace's reminders. */
class Watch {
  private readonly pending = new Map<string, ReminderTask>();
  private members: readonly Member[] = [];
  private from: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Tasks changed since the first read began: what that read finds for them is older. */
  private touched: Set<string> | null = new Set();
  private readonly off: () => void;
  /** A log that could not be saved is reported once, not at every check. */
  private logFailed = false;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly key: string,
    private readonly catchingUp: () => boolean,
  ) {
    this.from = checkFrom(this.readLog(), Date.now());
    this.off = store.subscribe((e) => {
      let changed = false;
      for (const ch of e.rows) {
        if (ch.collection === 'tasks') {
          this.touched?.add(ch.id);
          this.put(ch.id, ch.deleted || !ch.row ? undefined : toReminder(ch.row));
          changed = true;
        } else if (ch.collection === 'users') {
          this.readMembers().catch((err: unknown) => this.fail(err));
        }
      }
      if (changed) this.schedule();
    });
    this.scanLater(SCAN_DELAY);
  }

  private scanLater(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.catchingUp()) this.scanLater(CATCH_UP_POLL);
      else this.scan().catch((err: unknown) => this.fail(err));
    }, ms);
  }

  /** Reads cut short by closing the workspace are not failures. */
  private fail(err: unknown): void {
    if (!this.stopped) handleError(err);
  }

  stop(): void {
    this.stopped = true;
    this.off();
    clearTimeout(this.timer);
  }

  private put(id: string, task: ReminderTask | undefined): void {
    if (task && !task.done && task.remindAt > this.from) this.pending.set(id, task);
    else this.pending.delete(id);
  }

  /** Reads every task once; from then on the store's change events keep the list current. */
  private async scan(): Promise<void> {
    await this.readMembers();
    const ids = await this.store.ids('tasks');
    for (let i = 0; i < ids.length && !this.stopped; i += CHUNK) {
      const rows = await this.store.rows('tasks', ids.slice(i, i + CHUNK));
      for (const row of rows) if (!this.touched?.has(row.id)) this.put(row.id, toReminder(row));
    }
    this.touched = null;
    if (!this.stopped) this.check();
  }

  private async readMembers(): Promise<void> {
    this.members = toMembers(await this.store.rows('users', await this.store.ids('users')));
  }

  private readLog(): ReminderLog | undefined {
    return parseReminderLog(localStorage.getItem(this.key));
  }

  private schedule(): void {
    if (this.stopped || this.touched) return;
    clearTimeout(this.timer);
    const now = Date.now();
    const next = nextReminder(this.pending.values(), now);
    const wait = next === undefined ? MAX_WAIT : Math.min(MAX_WAIT, next - now);
    this.timer = setTimeout(() => this.check(), Math.max(0, wait));
  }

  private check(): void {
    const now = Date.now();
    // Read again: another tab of this workspace may have shown some of these a moment ago.
    const log = this.readLog();
    const me = memberNamed(this.members, presence.name);
    const isMine = me ? (id: string | undefined): boolean => id === undefined || id === me.id : undefined;
    const due = dueReminders(this.pending.values(), this.from, now, log?.shown ?? {}, isMine);
    const tasks = due.map((id) => this.pending.get(id)).filter((x): x is ReminderTask => x !== undefined);
    try {
      localStorage.setItem(this.key, JSON.stringify(recordShown(log, due, (id) => this.pending.get(id)?.remindAt, now)));
    } catch (err) {
      // A full localStorage only means a reminder might show again; the reminder itself still shows.
      if (!this.logFailed) handleError(err);
      this.logFailed = true;
    }
    this.from = now;
    for (const [id, task] of this.pending) if (task.remindAt <= now) this.pending.delete(id);
    show(tasks, now);
    this.schedule();
  }
}

function dueText(task: ReminderTask, now: number): string {
  if (task.dueAt === undefined) return '';
  return startOfDay(task.dueAt) === startOfDay(now) ? formatTime(task.dueAt) : formatDateTime(task.dueAt);
}

function show(tasks: readonly ReminderTask[], now: number): void {
  if (tasks.length === 0) return;
  if (tasks.length > MAX_SEPARATE) {
    const message = t.remindersDue(tasks.length);
    notices.toast(message, { sticky: true, action: { label: t.agendaOpen, run: () => router.go(AGENDA_HREF) } });
    notify(message, tasks.map((x) => x.title).join(', '), AGENDA_HREF, 'counterpart-reminders');
    return;
  }
  for (const task of tasks) {
    const due = dueText(task, now);
    const href = hrefOf('tasks', task.id);
    notices.toast(t.reminderNotice(task.title, due), { sticky: true, action: { label: t.reminderOpen, run: () => router.go(href) } });
    notify(task.title, due ? t.reminderDue(due) : '', href, `counterpart-reminder:${task.id}:${task.remindAt}`);
  }
}

/** A system notification, if the user allowed them; the in-app notice is shown either way. */
function notify(title: string, body: string, href: string, tag: string): void {
  if (currentPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, icon: ICON });
    n.onclick = () => {
      window.focus();
      router.go(href);
      n.close();
    };
  } catch {
    // Some browsers (Chrome on Android) only show notifications through the service worker.
    navigator.serviceWorker
      ?.getRegistration()
      .then((reg) => reg?.showNotification(title, { body, tag, icon: ICON }))
      .catch(handleError);
  }
}

class Reminders {
  /** Whether system notifications may be shown; asked for only when the user clicks to allow. */
  permission = $state<Permission>(currentPermission());

  constructor() {
    // Allowed or blocked later in the browser's site settings: the page follows.
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) => {
        status.onchange = () => (this.permission = currentPermission());
      })
      // Browsers that cannot watch this permission show what it was when the app opened.
      .catch(() => undefined);
  }

  /**
   * Starts reminding for an open workspace; returns the function that stops it. `catchingUp`:
   * the device is still downloading from its relay (the first read of tasks waits).
   */
  start(store: WorkspaceStore, catchingUp: () => boolean = () => false): () => void {
    const watch = new Watch(store, reminderLogKey(store.workspaceId), catchingUp);
    return () => watch.stop();
  }

  async askPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission = await Notification.requestPermission();
  }
}

export const reminders = new Reminders();
