// Deadlines: when a lead must have had its first response, and when a ticket is due by its
// severity. Working hours are counted in the device's local time (Monday–Friday).
import type { ResponseDeadline, TicketSeverity } from './sales-settings.ts';

const HOUR = 3_600_000;

function isWorkday(d: Date): boolean {
  const day = d.getDay();
  return day !== 0 && day !== 6;
}

function at(d: Date, hour: number): number {
  const x = new Date(d);
  x.setHours(hour, 0, 0, 0);
  return x.getTime();
}

/** Adds `hours` of working time (Monday–Friday, dayStart–dayEnd local) to `from`. */
export function addWorkingHours(from: number, hours: number, dayStart: number, dayEnd: number): number {
  let left = hours * HOUR;
  let t = from;
  // A working week has at least one working hour, so this ends; the bound guards bad input.
  for (let i = 0; i < 10_000; i++) {
    const d = new Date(t);
    const start = at(d, dayStart);
    const end = at(d, dayEnd);
    if (!isWorkday(d) || t >= end) {
      const next = new Date(d);
      next.setDate(next.getDate() + 1);
      t = at(next, dayStart);
      continue;
    }
    if (t < start) t = start;
    if (t + left <= end) return t + left;
    left -= end - t;
    t = end;
  }
  return t;
}

/** When a lead received at `receivedAt` must have had its first response. */
export function responseDue(receivedAt: number, rule: ResponseDeadline): number {
  return rule.workingHours
    ? addWorkingHours(receivedAt, rule.hours, rule.dayStart, rule.dayEnd)
    : receivedAt + rule.hours * HOUR;
}

export const OPEN_TICKET_STATUSES = ['new', 'open', 'pending'] as const;

export function isOpenTicket(status: unknown): boolean {
  return (OPEN_TICKET_STATUSES as readonly unknown[]).includes(status);
}

/** When a ticket opened at `openedAt` with `severity` is due. */
export function ticketDue(openedAt: number, severity: TicketSeverity, hours: Readonly<Record<TicketSeverity, number>>): number {
  return openedAt + hours[severity] * HOUR;
}

/** Milliseconds past `due` at `now` (negative: time left). */
export function lateness(due: number, now: number): number {
  return now - due;
}
