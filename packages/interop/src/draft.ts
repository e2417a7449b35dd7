// A record read from a file, before it is checked: field values as the file gave them (text),
// the company a contact works for, and what has no field of its own (kept in the notes).
import type { CollectionName } from '@counterpart/model';

export type ImportCollection = Extract<CollectionName, 'contacts' | 'accounts' | 'activities' | 'deals'>;

export interface Photo {
  readonly mimeType: string;
  readonly data: Uint8Array;
}

/** Something read but not kept: a photo given only as a link, a date without a year, a series. */
export interface Dropped {
  readonly code: 'photo-link' | 'photo-unreadable' | 'birthday' | 'repeats';
  readonly value?: string;
}

export interface Draft {
  /** The line of the file the record starts on. */
  readonly line: number;
  /** Field key → the file's text (or an already typed value from a vCard or calendar). */
  readonly values: Record<string, unknown>;
  /** For a contact: the account's fields (`name` first of all) when the file names a company. */
  company?: Record<string, string>;
  /** Lines appended to the notes: second e-mails, addresses and the like. */
  readonly extra: string[];
  photo?: Photo;
  /** What was read but left out (a photo only linked, a birthday without a year). */
  readonly dropped: Dropped[];
  /**
   * Reference field → the key the file names the record by (an account's name, a contact's
   * e-mail, a member's name, an id), resolved against the workspace when the plan is made.
   */
  refs?: Record<string, string>;
}

export function emptyDraft(line: number): Draft {
  return { line, values: {}, extra: [], dropped: [] };
}

/** Sets a value unless the draft already has one (the first column that gives it wins). */
export function put(d: Draft, key: string, value: string | undefined): void {
  const v = value?.trim();
  if (!v) return;
  if (d.values[key] === undefined || d.values[key] === '') d.values[key] = v;
  else if (d.values[key] !== v) d.extra.push(v);
}

export function putCompany(d: Draft, key: string, value: string | undefined): void {
  const v = value?.trim();
  if (!v) return;
  d.company ??= {};
  d.company[key] ??= v;
}

/** Splits "Ada Lovelace" into first and last name (the last word is the last name). */
export function splitName(full: string): { firstName?: string; lastName: string } {
  const words = full.trim().split(/\s+/);
  const lastName = words.pop() ?? '';
  return words.length ? { firstName: words.join(' '), lastName } : { lastName };
}
