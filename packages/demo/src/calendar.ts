// The three-year window the workspace covers, and day/time helpers.
//
// All times are UTC epoch milliseconds and all dates are UTC calendar dates: the demo treats
// UTC as the team's local time, so "business hours" are 08:00–19:00 UTC. Nothing reads the
// clock: the window is derived only from the `end` option.
import { isIsoDate } from '@counterpart/model';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export interface Window {
  /** First millisecond of the window (00:00 of the day after `end`, three years earlier). */
  readonly start: number;
  /** First millisecond after the window (00:00 of the day after `end`). */
  readonly endExclusive: number;
  /** The last day, YYYY-MM-DD. */
  readonly end: string;
  /** Number of days in the window (1095 or 1096). */
  readonly days: number;
}

export const DEFAULT_END = '2026-10-31';

export function makeWindow(end: string = DEFAULT_END): Window {
  if (typeof end !== 'string' || !isIsoDate(end)) throw new Error(`end must be a date YYYY-MM-DD, got "${String(end)}"`);
  const y = Number(end.slice(0, 4));
  const m = Number(end.slice(5, 7));
  const d = Number(end.slice(8, 10));
  const endExclusive = Date.UTC(y, m - 1, d + 1);
  const start = Date.UTC(y - 3, m - 1, d + 1);
  return { start, endExclusive, end, days: Math.round((endExclusive - start) / DAY) };
}

/** YYYY-MM-DD of an epoch-ms instant. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStart(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(ms: number): number {
  return (Math.floor(ms / DAY) + 4) % 7;
}

export function isWeekend(ms: number): boolean {
  const w = weekday(ms);
  return w === 0 || w === 6;
}

/** 0-based day of the year and the length of that year. */
export function dayOfYear(ms: number): { day: number; yearDays: number } {
  const y = new Date(ms).getUTCFullYear();
  const jan1 = Date.UTC(y, 0, 1);
  const yearDays = Date.UTC(y + 1, 0, 1) - jan1 === 366 * DAY ? 366 : 365;
  return { day: Math.floor((ms - jan1) / DAY), yearDays };
}

/** Moves weekend instants to the following Monday at the same time of day. */
export function nextWorkday(ms: number): number {
  const w = weekday(ms);
  return w === 6 ? ms + 2 * DAY : w === 0 ? ms + DAY : ms;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Rounds to a whole minute: timestamps typed by people do not carry seconds. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}
