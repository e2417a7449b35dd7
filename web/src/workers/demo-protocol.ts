// Messages between the app and the demo-loading worker, declared once for both sides.

export type DemoSize = 's' | 'm';

export interface DemoStart {
  readonly type: 'start';
  readonly workspaceId: string;
  readonly name: string;
  readonly size: DemoSize;
}

export type DemoEvent =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly count: number }
  | { readonly type: 'error'; readonly message: string; readonly quota: boolean };

/** Held by the worker while it imports: a workspace marked importing whose lock is free was cut short. */
export function importLockName(workspaceId: string): string {
  return `counterpart:import:${workspaceId}`;
}
