import { describe, expect, it } from 'vitest';
import { SEGMENTS, quintiles, rfmScores, segmentOf } from '../src/index.ts';

describe('RFM', () => {
  it('[R1] quintile scores; equal values share a score', () => {
    expect(quintiles([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(quintiles([1, 2, 3, 4, 5], false)).toEqual([5, 4, 3, 2, 1]);
    expect(quintiles([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const tied = quintiles([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]);
    expect(new Set(tied.slice(0, 6)).size).toBe(1);
    expect(quintiles([7])).toEqual([3]);
  });

  it('[R3] every one of the 125 score combinations has a segment, and every segment occurs', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(segmentOf(r, f, m));
    expect([...seen].sort()).toEqual([...SEGMENTS].sort());
  });

  it('[R3] the segment map on its defining cells', () => {
    expect(segmentOf(5, 5, 5)).toBe('Champions');
    expect(segmentOf(3, 4, 4)).toBe('Loyal');
    expect(segmentOf(5, 3, 3)).toBe('Loyal');
    expect(segmentOf(5, 2, 2)).toBe('Potential loyalist');
    expect(segmentOf(5, 1, 1)).toBe('New');
    expect(segmentOf(4, 1, 3)).toBe('Promising');
    expect(segmentOf(3, 2, 2)).toBe('Need attention');
    expect(segmentOf(3, 1, 1)).toBe('About to sleep');
    expect(segmentOf(2, 4, 4)).toBe('At risk');
    expect(segmentOf(1, 5, 5)).toBe("Can't lose them");
    expect(segmentOf(2, 1, 1)).toBe('Hibernating');
    expect(segmentOf(1, 1, 1)).toBe('Lost');
    expect(() => segmentOf(0, 1, 1)).toThrow(RangeError);
  });

  it('[R2] scores customers against each other', () => {
    const scores = rfmScores([
      { id: 'a', daysSinceLast: 1, purchases: 30, spend: 9000 },
      { id: 'b', daysSinceLast: 400, purchases: 1, spend: 10 },
      { id: 'c', daysSinceLast: 30, purchases: 5, spend: 500 },
      { id: 'd', daysSinceLast: 200, purchases: 12, spend: 4000 },
      { id: 'e', daysSinceLast: 90, purchases: 2, spend: 100 },
    ]);
    expect(scores[0]).toEqual({ r: 5, f: 5, m: 5, segment: 'Champions' });
    expect(scores[1]).toEqual({ r: 1, f: 1, m: 1, segment: 'Lost' });
    expect(scores[3]).toEqual({ r: 2, f: 4, m: 4, segment: 'At risk' });
  });
});
