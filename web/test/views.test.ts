import { describe, expect, it } from 'vitest';
import { checkViewName, defaultSpec, parseView, parseViews, sameSpec, serialiseView, VIEW_FORMAT, type SavedView } from '../src/lib/views.ts';

const view: SavedView = {
  id: 'v1',
  name: 'Key customers in Kyiv',
  sort: { field: 'city', dir: 'desc' },
  filters: [{ field: 'kind', op: 'eq', value: 'customer' }, { field: 'city', op: 'contains', value: 'kyiv' }],
  columns: ['_title', 'city', 'x_tier'],
};

describe('saved views', () => {
  it('round-trips through its stored form (plain JSON with a format number)', () => {
    const stored = serialiseView(view);
    expect(stored.v).toBe(VIEW_FORMAT);
    const again = parseView(JSON.parse(JSON.stringify(stored)));
    expect(again).toEqual({ view });
  });

  it('names what is wrong with a damaged view instead of failing', () => {
    expect(parseView(null)).toEqual({ error: 'A saved view is not readable' });
    expect(parseView({ name: 'x' })).toEqual({ error: 'A saved view has no id' });
    expect(parseView({ ...serialiseView(view), name: '  ' })).toEqual({ error: 'Saved view “v1” cannot be used: A view needs a name' });
    expect(parseView({ ...serialiseView(view), sort: { field: 'city', dir: 'up' } })).toMatchObject({ error: expect.stringMatching(/order is not readable/) as unknown });
    expect(parseView({ ...serialiseView(view), filters: [{ field: 'city', op: 'like', value: 'x' }] })).toMatchObject({ error: expect.stringMatching(/filters are not readable/) as unknown });
    expect(parseView({ ...serialiseView(view), columns: [] })).toMatchObject({ error: expect.stringMatching(/columns are not readable/) as unknown });
    expect(parseView({ ...serialiseView(view), v: VIEW_FORMAT + 1 })).toMatchObject({ error: expect.stringMatching(/newer version/) as unknown });
  });

  it('a missing sort is the title order; duplicate columns are dropped', () => {
    const parsed = parseView({ id: 'v2', name: 'Plain', columns: ['_title', 'city', 'city'] });
    expect(parsed).toEqual({ view: { id: 'v2', name: 'Plain', sort: { field: '_title', dir: 'asc' }, filters: [], columns: ['_title', 'city'] } });
  });

  it('lists the readable views by name and skips the rest', () => {
    const b = serialiseView({ ...view, id: 'b', name: 'Beta' });
    const a = serialiseView({ ...view, id: 'a', name: 'alpha' });
    expect(parseViews([b, { id: 'broken' }, a]).map((v) => v.name)).toEqual(['alpha', 'Beta']);
    expect(parseViews(undefined)).toEqual([]);
  });

  it('checks names', () => {
    expect(checkViewName('  Mine ')).toEqual({ name: 'Mine' });
    expect(checkViewName('')).toEqual({ error: 'A view needs a name' });
    expect(checkViewName('x'.repeat(81))).toEqual({ error: 'A view name can be at most 80 characters' });
  });

  it('tells a changed view from the saved one', () => {
    const base = defaultSpec(['_title', 'city']);
    expect(sameSpec(base, defaultSpec(['_title', 'city']))).toBe(true);
    expect(sameSpec(base, { ...base, columns: ['city', '_title'] })).toBe(false);
    expect(sameSpec(base, { ...base, sort: { field: '_title', dir: 'desc' } })).toBe(false);
    expect(sameSpec(view, { ...view, filters: [view.filters[0]!, { field: 'city', op: 'contains', value: 'lviv' }] })).toBe(false);
  });
});
