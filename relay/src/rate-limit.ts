// Token buckets by key (a client address, a form token): each holds up to `burst` requests and
// refills at `perMinute`. The map is bounded: when it is full, buckets that have refilled
// completely (they carry no information) are dropped first, then the oldest.
export interface RateLimit {
  readonly burst: number;
  readonly perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  /** Takes one request for `key`: 0 when allowed, otherwise the seconds until one would be. */
  take(key: string, now: number = Date.now()): number {
    const { burst, perMinute } = this.limit;
    const perMs = perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (now - b.at) * perMs);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    this.trim(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
  }

  private trim(now: number): void {
    if (this.buckets.size <= MAX_KEYS) return;
    const perMs = this.limit.perMinute / 60_000;
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * perMs >= this.limit.burst) this.buckets.delete(k);
    }
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS) break;
      this.buckets.delete(k);
    }
  }
}
