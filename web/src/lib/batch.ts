// Collects the keys asked for while a view renders and fetches them together a microtask later:
// a virtual list asks row by row, IndexedDB answers best in bulk. A key is not asked for again
// while its fetch is under way. Also: reloads that run one at a time (`serialReload`).

export class KeyBatch {
  private readonly pending = new Set<string>();
  private readonly inFlight = new Set<string>();
  private scheduled = false;
  private readonly fetch: (keys: string[]) => Promise<void>;
  private readonly onError: (err: unknown) => void;

  constructor(fetch: (keys: string[]) => Promise<void>, onError: (err: unknown) => void) {
    this.fetch = fetch;
    this.onError = onError;
  }

  /** Queues `key` unless it is already queued or being fetched. */
  add(key: string): void {
    if (this.pending.has(key) || this.inFlight.has(key)) return;
    this.pending.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const k of keys) this.inFlight.add(k);
    this.fetch(keys)
      .catch(this.onError)
      .finally(() => {
        for (const k of keys) this.inFlight.delete(k);
      });
  }
}

/**
 * A reload that runs one at a time: asked for while one runs, it runs once more when that one
 * ends, however many times it was asked meanwhile.
 */
export function serialReload(load: () => Promise<void>, onError: (err: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    load()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
