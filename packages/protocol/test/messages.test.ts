import { describe, expect, it } from 'vitest';
import {
  CLOSE, MAX_BATCH_ITEMS, ProtocolError, closeReason, decode, encode, isValidId, type Message,
} from '../src/index.ts';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

const SAMPLES: Message[] = [
  { type: 'hello', version: 1, cursor: 0, device: 'tablet-1' },
  { type: 'hello', version: 1, cursor: 2 ** 53 - 1, device: 'd' },
  { type: 'welcome', version: 1, role: 'viewer', head: 123_456_789 },
  { type: 'push', batch: 7, items: [{ docId: 'acc_01', update: bytes(1, 2, 3) }, { docId: 'con_02', update: bytes() }] },
  { type: 'push', batch: 0, items: [] },
  { type: 'ack', batch: 7, head: 99 },
  { type: 'refused', batch: 8, reason: 'viewers cannot edit — только чтение' },
  { type: 'updates', items: [{ seq: 1, docId: 'acc_01', update: bytes(9) }, { seq: 300, docId: '_settings', update: bytes(0, 255) }], head: 300, more: true },
  { type: 'updates', items: [], head: 0, more: false },
  { type: 'awareness', update: bytes(5, 4, 3) },
];

describe('sync protocol frames', () => {
  it('every message survives encode → decode unchanged', () => {
    for (const m of SAMPLES) expect(decode(encode(m))).toEqual(m);
  });

  it('a truncated frame is a ProtocolError, never a partial message', () => {
    for (const m of SAMPLES) {
      const frame = encode(m);
      for (let cut = 0; cut < frame.length; cut++) {
        expect(() => decode(frame.subarray(0, cut)), `${m.type} cut at ${cut}`).toThrow(ProtocolError);
      }
    }
  });

  it('trailing bytes, unknown types, oversized counts and bad UTF-8 are refused', () => {
    expect(() => decode(Uint8Array.from([...encode(SAMPLES[5]!), 0]))).toThrow(/after the end/);
    expect(() => decode(bytes(99))).toThrow(/unknown message type 99/);
    expect(() => decode(bytes())).toThrow(/ends early/);
    const tooMany = encode({ type: 'ack', batch: 1, head: MAX_BATCH_ITEMS + 1 });
    tooMany[0] = 3; // the same varints read as a push: batch 1, then a count over the limit
    expect(() => decode(tooMany)).toThrow(/more than/);
    expect(() => decode(bytes(1, 1, 0, 2, 0xc3, 0x28))).toThrow(/not UTF-8/);
    expect(() => decode(bytes(2, 1, 6, ...new TextEncoder().encode('admins'), 0))).toThrow(/unknown role/);
    expect(() => decode(bytes(4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0))).toThrow(ProtocolError);
  });

  it('random frames never throw anything but ProtocolError', () => {
    let seed = 12345;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let decoded = 0;
    for (let i = 0; i < 10_000; i++) {
      const frame = new Uint8Array(Math.floor(next() * 40));
      for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(next() * 256);
      if (frame.length && next() < 0.5) frame[0] = 1 + Math.floor(next() * 7);
      try {
        decode(frame);
        decoded++;
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
      }
    }
    expect(decoded).toBeLessThan(10_000);
  });

  it('encode refuses values the wire cannot carry', () => {
    expect(() => encode({ type: 'ack', batch: -1, head: 0 })).toThrow(ProtocolError);
    expect(() => encode({ type: 'ack', batch: 1.5, head: 0 })).toThrow(ProtocolError);
  });

  it('close codes have names; ids are short and printable', () => {
    expect(closeReason(CLOSE.revoked)).toBe('revoked');
    expect(closeReason(4999)).toBe('code 4999');
    expect(new Set(Object.values(CLOSE)).size).toBe(Object.values(CLOSE).length);
    expect(isValidId('acc_0001')).toBe(true);
    expect(isValidId('ws-1.team:a')).toBe(true);
    expect(isValidId('')).toBe(false);
    expect(isValidId('a/b')).toBe(false);
    expect(isValidId('x'.repeat(129))).toBe(false);
  });
});
