import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/sha256.ts';

describe('sha256Hex', () => {
  it('matches node:crypto, including block-boundary lengths and Cyrillic text', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'b'.repeat(1000), 'Счёт-фактура №12 — ТОВ «Вектор»'];
    for (const s of inputs) expect(sha256Hex(s), JSON.stringify(s.slice(0, 10))).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});
