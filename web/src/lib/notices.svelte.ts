// What the UI tells the user outside the page itself: short-lived toasts (with an optional
// action such as Undo), the persistent out-of-storage banner, and one running count of records
// set aside as unreadable. Only errors.ts and a few workflow modules add notices.

export type ToastKind = 'info' | 'success' | 'error';

export interface ToastAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
  readonly action?: ToastAction;
}

const TOAST_MS = 6000;

class Notices {
  toasts = $state.raw<readonly Toast[]>([]);
  /** Out of storage: stays until dismissed, because every further save is at risk. */
  quotaBanner = $state(false);
  /** Records set aside as unreadable since the workspace was opened (one notice, not one each). */
  setAside = $state(0);
  setAsideDismissed = $state(false);

  private nextId = 1;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly setAsideIds = new Set<string>();

  /** Shows a toast; `sticky` ones stay until dismissed. Returns its id. */
  toast(message: string, opts: { kind?: ToastKind; action?: ToastAction; sticky?: boolean } = {}): number {
    const id = this.nextId++;
    const toast: Toast = { id, kind: opts.kind ?? 'info', message, ...(opts.action ? { action: opts.action } : {}) };
    // Identical messages collapse into one, so a burst of the same error does not stack up.
    this.toasts = [...this.toasts.filter((x) => x.message !== message), toast].slice(-4);
    if (!opts.sticky) this.timers.set(id, setTimeout(() => this.dismiss(id), TOAST_MS));
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.toasts = this.toasts.filter((x) => x.id !== id);
  }

  showQuota(): void {
    this.quotaBanner = true;
  }

  dismissQuota(): void {
    this.quotaBanner = false;
  }

  /** Counts each record once however many of its updates were refused. */
  recordSetAside(docId: string | undefined): void {
    const key = docId ?? `#${this.setAside}`;
    if (this.setAsideIds.has(key)) return;
    this.setAsideIds.add(key);
    this.setAside = this.setAsideIds.size;
    this.setAsideDismissed = false;
  }

  dismissSetAside(): void {
    this.setAsideDismissed = true;
  }

  /**
   * A new workspace starts with a clean slate: its problems, and toasts whose action (an undo)
   * belongs to the workspace being left. Plain messages ("demo loaded") and sticky ones (a new
   * version) still apply and stay.
   */
  reset(): void {
    for (const t of this.toasts) if (t.action && this.timers.has(t.id)) this.dismiss(t.id);
    this.setAsideIds.clear();
    this.setAside = 0;
    this.setAsideDismissed = false;
  }
}

export const notices = new Notices();
