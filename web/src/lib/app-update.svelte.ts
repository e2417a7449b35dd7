// New versions of the app itself: registers the service worker that keeps Counterpart available
// offline and holds whether a new version is waiting. A new version never takes over on its own,
// because an update must not interrupt someone typing in a record: the user reloads into it from
// the banner (Banners.svelte), or it starts the next time the app opens after all its tabs closed.
import { registerSW } from 'virtual:pwa-register';
import { handleError } from './errors.ts';
import { t } from './i18n.ts';
import { notices } from './notices.svelte.ts';

/**
 * The browser looks for a new service worker only when the app is navigated to, and a tab left
 * open all week never navigates; so the app asks itself, hourly and when the tab comes back into
 * view (at most every few minutes).
 */
const CHECK_EVERY_MS = 60 * 60_000;
const CHECK_ON_VIEW_AFTER_MS = 5 * 60_000;

class AppUpdate {
  /** A new version is installed and waits for the user to reload into it. */
  waiting = $state(false);
  /** The user chose "Later" for the version that waits. */
  dismissed = $state(false);
  /** Reload was chosen: the new version is taking over and the page reloads. */
  activating = $state(false);

  private activate: ((reloadPage?: boolean) => Promise<void>) | undefined;

  /** Whether the "new version" banner shows. */
  get prompt(): boolean {
    return this.waiting && !this.dismissed;
  }

  register(): void {
    this.activate = registerSW({
      onNeedRefresh: () => {
        this.waiting = true;
        this.dismissed = false;
      },
      onOfflineReady: () => {
        notices.toast(t.offlineReady, { kind: 'success' });
      },
      onRegisteredSW: (_url, registration) => {
        if (registration) checkRegularly(registration);
      },
    });
  }

  /** Lets the waiting version take over; the page reloads once it controls this tab. */
  reload(): void {
    if (!this.activate) return;
    this.activating = true;
    this.activate(true).catch((err: unknown) => {
      this.activating = false;
      handleError(err);
    });
  }

  later(): void {
    this.dismissed = true;
  }
}

function checkRegularly(registration: ServiceWorkerRegistration): void {
  let last = Date.now();
  const check = (minGap: number): void => {
    if (!navigator.onLine || Date.now() - last < minGap) return;
    last = Date.now();
    // A failed check (the relay briefly down, a captive portal) is retried at the next one.
    registration.update().catch(() => undefined);
  };
  setInterval(() => check(0), CHECK_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check(CHECK_ON_VIEW_AFTER_MS);
  });
}

export const appUpdate = new AppUpdate();
