// What every relay WebSocket shares, whichever protocol it speaks: byte counts, a rate limit,
// a bound on what may wait unsent for a slow reader, and one structured log line when it opens
// and one when it closes.
import type { RawData, WebSocket } from 'ws';
import { CLOSE, closeReason } from '@counterpart/protocol';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';

export interface Limits {
  /** Frames per second a connection may send, sustained; bursts may double it. */
  framesPerSecond: number;
  /** Bytes per second, sustained; bursts may be four times as many. */
  bytesPerSecond: number;
  /** Bytes waiting to be sent to a reader before it is disconnected (it resumes from its cursor). */
  maxBuffered: number;
}

export const DEFAULT_LIMITS: Limits = {
  framesPerSecond: 500,
  bytesPerSecond: 8 * 1024 * 1024,
  maxBuffered: 16 * 1024 * 1024,
};

/** A token bucket: `take` is false once more was asked for than the rate allows. */
class Bucket {
  private tokens: number;
  private at = performance.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(n: number): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    this.tokens -= n;
    return this.tokens >= 0;
  }
}

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  private readonly frames: Bucket;
  private readonly bytes: Bucket;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly metrics: Metrics,
    private readonly limits: Limits,
    private readonly context: Record<string, unknown>,
    private readonly log: Logger,
  ) {
    this.frames = new Bucket(limits.framesPerSecond, limits.framesPerSecond * 2);
    this.bytes = new Bucket(limits.bytesPerSecond, limits.bytesPerSecond * 4);
    metrics.connections++;
    log({ event: 'connection_open', conn: this.id, ...context });
  }

  /**
   * Hands each binary frame to `onFrame`; text frames, frames over the rate and handler errors
   * close this connection only.
   */
  listen(onFrame: (frame: Uint8Array) => void, onClose: (code: number) => void): void {
    this.ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.closed) return;
      const frame = toBytes(data);
      this.metrics.bytesIn += frame.byteLength;
      if (!this.frames.take(1) || !this.bytes.take(frame.byteLength)) {
        this.close(CLOSE.rateLimited, 'too many messages');
        return;
      }
      if (!isBinary) {
        this.close(CLOSE.malformed, 'text frames are not part of the protocol');
        return;
      }
      try {
        onFrame(frame);
      } catch (err) {
        this.metrics.errors++;
        this.close(CLOSE.malformed, err instanceof Error ? err.message : String(err));
      }
    });
    this.ws.on('error', (err) => {
      this.metrics.errors++;
      this.log({ event: 'connection_error', conn: this.id, error: err.message });
    });
    this.ws.on('close', (code: number) => {
      this.finish(code);
      onClose(code);
    });
  }

  /** Sends a frame unless the reader is too far behind, in which case it is disconnected. */
  send(frame: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.ws.bufferedAmount > this.limits.maxBuffered) {
      this.close(CLOSE.slowConsumer, 'reading too slowly');
      return false;
    }
    this.metrics.bytesOut += frame.byteLength;
    this.ws.send(frame);
    return true;
  }

  /** Sends and resolves once the frame is handed to the OS: backpressure for catch-up pages. */
  sendAndWait(frame: Uint8Array): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.metrics.bytesOut += frame.byteLength;
    return new Promise((resolve) => {
      this.ws.send(frame, () => resolve());
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.log({ event: 'connection_closed_by_relay', conn: this.id, code, name: closeReason(code), reason, ...this.context });
    // A close reason is at most 123 bytes.
    this.ws.close(code, reason.slice(0, 120));
    this.finish(code);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.metrics.connections--;
    this.log({ event: 'connection_close', conn: this.id, code, name: closeReason(code), ...this.context });
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
