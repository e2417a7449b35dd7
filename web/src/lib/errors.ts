// The one place that turns a failure into something the user sees. Components call
// handleError in their catch blocks; window errors, rejected promises and the store's problem
// reports end up here too, so no failure is silent and none is shown twice in different words.
import { ValidationError, type FieldIssue } from '@counterpart/model';
import { StoreError, type ProblemEntry } from '@counterpart/store';
import { notices } from './notices.svelte.ts';
import { t } from './i18n.ts';
import { issueText, messageText } from './labels.ts';

export interface ErrorContext {
  /** Shows validation issues next to their fields; without it they become a toast. */
  readonly onFieldIssues?: (issues: readonly FieldIssue[]) => void;
}

export function handleError(err: unknown, ctx: ErrorContext = {}): void {
  if (err instanceof ValidationError) {
    if (ctx.onFieldIssues) ctx.onFieldIssues(err.issues);
    else notices.toast(err.issues.map((i) => issueText(err.collection, i)).join('; '), { kind: 'error' });
    return;
  }
  if (err instanceof StoreError) {
    if (err.reason === 'quota') notices.showQuota();
    // The store words its other reasons (read-only, not-found, closed…) for the user already.
    else notices.toast(messageText(err.message), { kind: 'error' });
    return;
  }
  // Unexpected: keep the stack for whoever debugs it, and tell the user in plain words.
  console.error(err);
  const message = err instanceof Error ? err.message : String(err);
  notices.toast(t.somethingWentWrong(message), { kind: 'error' });
}

/** The store reports data it had to set aside; the user sees one running count, not a flood. */
export function handleProblem(p: ProblemEntry): void {
  if (p.kind === 'quota') notices.showQuota();
  // A record from a newer version is still shown (read-only), so it is not "set aside".
  else if (p.kind !== 'newer-schema') notices.recordSetAside(p.docId);
}

/** Benign browser noise that is not a failure of the app. */
function isNoise(message: string): boolean {
  return message.includes('ResizeObserver loop');
}

export function installGlobalErrorHandlers(): void {
  window.addEventListener('error', (e) => {
    if (isNoise(e.message)) return;
    handleError(e.error ?? e.message);
  });
  window.addEventListener('unhandledrejection', (e) => {
    handleError(e.reason);
  });
}
