// Files made from the workspace for other programs: a list as CSV (what it shows: its filters,
// order and columns), contacts as vCard, meetings and tasks as iCalendar. Loaded with the
// import and export screen or on first use from a list's menu.
import { exportHeaders, exportRow, meetingEvent, taskTodo, toCsv, writeCalendar, writeVcards, type CalendarMeeting, type VcardContact } from '@counterpart/interop';
import { collectionOfId, type CollectionName, type Row } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { optionLabel, t } from '../i18n.ts';
import { ti } from './messages.ts';
import type { RecordList } from '../list.svelte.ts';

/** Hands a file to the browser as a download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "contacts-2024-06-12.csv". */
export function fileName(base: string, ext: string, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${base.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}-${day}.${ext}`;
}

async function titles(store: WorkspaceStore, ids: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const by = new Map<CollectionName, string[]>();
  for (const id of new Set(ids)) {
    const c = collectionOfId(id);
    if (c) by.set(c, [...(by.get(c) ?? []), id]);
  }
  for (const [c, some] of by) {
    for (const r of await store.rows(c, some)) out.set(r.id, r._title);
  }
  return out;
}

/** The list as it is shown now, every matching record, as CSV text. */
export async function listCsv(store: WorkspaceStore, list: RecordList): Promise<{ text: string; count: number }> {
  if (!list.complete) await list.loadAll();
  const rows = await store.rows(list.collection, list.ids);
  const columns = list.columns;
  const refIds: string[] = [];
  for (const c of columns) {
    if (c.def?.kind !== 'ref') continue;
    for (const r of rows) if (typeof r[c.key] === 'string') refIds.push(r[c.key] as string);
  }
  const names = await titles(store, refIds);
  const words = {
    yes: t.yes, no: t.no, idOf: ti.exportIdColumn, currencyOf: ti.exportCurrencyColumn, option: optionLabel,
    title: (id: string) => names.get(id) ?? '',
  };
  return { text: toCsv(exportHeaders(columns, words), rows.map((r) => exportRow(columns, r, words))), count: rows.length };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Contacts as vCard 3.0: each keeps its vCard UID, or gets its own id as one. */
export async function contactsVcf(store: WorkspaceStore, rows: readonly Row[]): Promise<string> {
  const names = await titles(store, rows.map((r) => r.accountId).filter((v): v is string => typeof v === 'string'));
  const contacts: VcardContact[] = rows.map((r) => {
    const c: Record<string, unknown> = {
      uid: text(r.vcardUid) ?? r.id,
      firstName: text(r.firstName), lastName: text(r.lastName), jobTitle: text(r.jobTitle),
      company: typeof r.accountId === 'string' ? names.get(r.accountId) : undefined,
      email: text(r.email), phone: text(r.phone), mobile: text(r.mobile), birthday: text(r.birthday), notes: text(r.notes),
    };
    return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as VcardContact;
  });
  return writeVcards(contacts);
}

/** Activities as events (any type: a call is on the calendar too) and tasks as to-dos (interop SPEC I11). */
export function calendarIcs(activities: readonly Row[], tasks: readonly Row[]): string {
  const label = (type: string): string => optionLabel(type);
  const meetings = activities.map((r) => meetingEvent(r.id, r, label)).filter((m): m is CalendarMeeting => m !== undefined);
  return writeCalendar(meetings, tasks.map((r) => taskTodo(r.id, r)));
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const VCF_TYPE = 'text/vcard;charset=utf-8';
export const ICS_TYPE = 'text/calendar;charset=utf-8';

/** What a list's menu offers to download: CSV always, vCard for contacts, .ics for activities and tasks. */
export async function exportList(store: WorkspaceStore, list: RecordList, format: 'csv' | 'vcf' | 'ics', base: string): Promise<number> {
  if (format === 'csv') {
    const { text: csv, count } = await listCsv(store, list);
    download(fileName(base, 'csv'), csv, CSV_TYPE);
    return count;
  }
  if (!list.complete) await list.loadAll();
  const rows = await store.rows(list.collection, list.ids);
  if (format === 'vcf') download(fileName(base, 'vcf'), await contactsVcf(store, rows), VCF_TYPE);
  else download(fileName(base, 'ics'), list.collection === 'tasks' ? calendarIcs([], rows) : calendarIcs(rows, []), ICS_TYPE);
  return rows.length;
}
