import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newId } from '@counterpart/model';
import {
  buildPlan, calendarText, cardToDraft, detectFormat, eventText, exportHeaders, exportRow, FEED_PAST_DAYS, guessMapping, inFeedWindow,
  InteropError, meetingEvent, meetingMember, parseCsv, parseVcards, readEvents, READERS, readMapped, taskMember, taskTodo, todoText, toCsv,
  writeCalendar, writeVcards, type Draft, type ExistingRecords,
} from '../src/index.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../tests/fixtures/interop/${name}`, import.meta.url), 'utf8');
const none: ExistingRecords = { accounts: [], contacts: [], activities: [] };
const opts = { collection: 'contacts', currency: 'EUR', accountKind: 'prospect' } as const;

function csvDrafts(name: string): Draft[] {
  const csv = parseCsv(fixture(name));
  const format = detectFormat(csv.headers);
  if (!format) throw new Error('not a known export');
  return csv.records.map((r) => READERS[format](csv.headers, r.cells, r.line));
}

describe('CSV', () => {
  it('[I1] drops the byte-order mark and keeps the line each record starts on', () => {
    const csv = parseCsv('\uFEFFName,Note\r\nA,"two\r\nlines"\r\n\r\nB,x\r\n');
    expect(csv.headers).toEqual(['Name', 'Note']);
    expect(csv.records.map((r) => [r.line, r.cells[0]])).toEqual([[2, 'A'], [5, 'B']]);
  });

  it('[I1] refuses an unclosed quote with its line, an empty file and a file without header', () => {
    expect(() => parseCsv(fixture('malformed.csv'))).toThrow(/line 3/);
    expect(() => parseCsv('  \n')).toThrow(InteropError);
    expect(() => parseCsv(',,\nA,B,C\n')).toThrow(/header/);
  });

  it('[I2] reads a Google Contacts export: ::: values, numbered columns, companies', () => {
    expect(detectFormat(parseCsv(fixture('google-contacts.csv')).headers)).toBe('google');
    const [ada, grace, ivana, linus] = csvDrafts('google-contacts.csv');
    expect(ada!.values).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example', mobile: '+44 20 7946 0011', phone: '+44 20 7946 0012', birthday: '1815-12-10' });
    expect(ada!.company).toEqual({ name: 'Analytical Engines Ltd' });
    expect(ada!.extra).toContain('E-mail: ada.lovelace@home.example');
    expect(ada!.extra.some((e) => e.includes('SW1Y 4JH'))).toBe(true);
    expect(ada!.dropped).toContainEqual({ code: 'photo-link' });
    expect(grace!.dropped).toEqual([{ code: 'birthday', value: '--12-09' }]);
    expect(ivana!.values.lastName).toBe('Петрова');
    expect(ivana!.line).toBe(6); // Ada's address spans three lines
    expect(linus!.extra).toEqual(['Work: +358 9 1234 5679']);
  });

  it('[I2] reads an Outlook export: M/D/Y birthdays, 0/0/00 as none, business address to the account', () => {
    expect(detectFormat(parseCsv(fixture('outlook-contacts.csv')).headers)).toBe('outlook');
    const [john, zoe, pat] = csvDrafts('outlook-contacts.csv');
    expect(john!.values).toMatchObject({ firstName: 'John', lastName: 'Smith', birthday: '1985-03-07', phone: '(425) 555-0100', mobile: '(425) 555-0199' });
    expect(john!.company).toMatchObject({ name: 'Contoso Ltd.', city: 'Redmond' });
    expect(zoe!.company).toMatchObject({ name: 'Fabrikam GmbH', country: 'DE' });
    expect(zoe!.values.birthday).toBeUndefined();
    expect(pat!.company).toBeUndefined();
    expect(pat!.extra).toEqual(['Home address: 5 Elm St, Springfield']);
  });

  it('[I3] guesses a mapping from headers and reads rows through it', () => {
    const csv = parseCsv(fixture('contacts-with-errors.csv'));
    expect(detectFormat(csv.headers)).toBeNull();
    const mapping = guessMapping(csv.headers, 'contacts');
    expect(mapping).toEqual(['fullName', 'account.name', 'email', 'phone', 'birthday']);
    const d = readMapped(mapping, csv.records[0]!.cells, 2);
    expect(d.values).toMatchObject({ firstName: 'Alan', lastName: 'Turing', email: 'alan@bletchley.example' });
    expect(d.company).toEqual({ name: 'Bletchley Park' });
  });
});

describe('plans', () => {
  it('[I5] creates one account per company, matches existing ones by name, accounts first', () => {
    const existing: ExistingRecords = { ...none, accounts: [{ id: 'acc_0000apollo', name: 'Apollo Guidance' }] };
    const plan = buildPlan(csvDrafts('google-contacts.csv'), existing, opts);
    expect(plan.problems).toEqual([]);
    const accounts = plan.creates.filter((c) => c.collection === 'accounts');
    expect(accounts.map((a) => a.values.name).sort()).toEqual(['Analytical Engines Ltd', 'Cobol Systems', 'Kernel Works']);
    expect(plan.creates.findIndex((c) => c.collection === 'contacts')).toBe(3);
    const contacts = plan.creates.filter((c) => c.collection === 'contacts');
    expect(contacts).toHaveLength(5);
    const margaret = contacts.find((c) => c.values.lastName === 'Hamilton')!;
    expect(margaret.values.accountId).toBe('acc_0000apollo');
    expect(plan.linkedToExisting).toBe(1);
    const engines = accounts.find((a) => a.values.name === 'Analytical Engines Ltd')!;
    expect(contacts.filter((c) => c.values.accountId === engines.id)).toHaveLength(2);
    // A first name alone becomes the name the contact is filed under.
    expect(contacts.find((c) => c.values.lastName === 'Linus')?.values.firstName).toBeUndefined();
    expect(engines.values.kind).toBe('prospect');
  });

  it('[I4] lists each bad row with its line and reason', () => {
    const csv = parseCsv(fixture('contacts-with-errors.csv'));
    const mapping = guessMapping(csv.headers, 'contacts');
    const plan = buildPlan(csv.records.map((r) => readMapped(mapping, r.cells, r.line)), none, opts);
    expect(plan.problems.map((p) => [p.line, p.code, p.field ?? ''])).toEqual([
      [3, 'invalid', 'email'],
      [4, 'no-name', ''],
      [5, 'invalid', 'phone'],
      [5, 'invalid', 'birthday'],
    ]);
    expect(plan.creates.filter((c) => c.collection === 'contacts')).toHaveLength(1);
  });

  it('[I6] a contact with a known vCard UID or e-mail is updated, never cleared', () => {
    const cards = parseVcards(fixture('ios-contacts.vcf')).map(cardToDraft);
    const existing: ExistingRecords = {
      ...none,
      contacts: [
        { id: 'con_00000000ada', vcardUid: '5F1E8C32-9A2B-4C1D-8E3F-0A1B2C3D4E5F', email: 'old@example.com' },
        { id: 'con_000000grace', email: 'GRACE@cobol.example' },
      ],
    };
    const plan = buildPlan(cards, existing, opts);
    expect(plan.updates.map((u) => u.id)).toEqual(['con_00000000ada', 'con_000000grace']);
    expect(plan.updates[0]!.patch).toMatchObject({ email: 'ada@analytical.example', firstName: 'Ada' });
    expect(plan.updates[0]!.photo?.mimeType).toBe('image/png');
    expect(Object.values(plan.updates[1]!.patch)).not.toContain(null);
    expect(plan.creates.every((c) => c.collection === 'accounts')).toBe(true);
  });

  it('[I6] two rows of one file for the same e-mail merge into one contact', () => {
    const csv = parseCsv('Name,E-mail,Job title\nAda Lovelace,ada@x.example,\nAda Lovelace,ADA@x.example,CTO\n');
    const mapping = guessMapping(csv.headers, 'contacts');
    const plan = buildPlan(csv.records.map((r) => readMapped(mapping, r.cells, r.line)), none, opts);
    expect(plan.creates).toHaveLength(1);
    expect(plan.creates[0]!.values).toMatchObject({ lastName: 'Lovelace', jobTitle: 'CTO' });
  });

  it('[I5] imports accounts, matching existing ones by name', () => {
    const csv = parseCsv('Company,Kind,City,Key account\nContoso Ltd.,customer,Redmond,yes\n  contoso ltd ,,Seattle,\nFabrikam,supplier,Berlin,no\n');
    const mapping = guessMapping(csv.headers, 'accounts');
    expect(mapping).toEqual(['name', 'kind', 'city', 'keyAccount']);
    const plan = buildPlan(csv.records.map((r) => readMapped(mapping, r.cells, r.line)), { ...none, accounts: [{ id: 'acc_0000fabrik', name: 'FABRIKAM' }] }, { ...opts, collection: 'accounts' });
    expect(plan.problems).toEqual([]);
    expect(plan.creates).toHaveLength(1);
    expect(plan.creates[0]!.values).toMatchObject({ name: 'Contoso Ltd.', kind: 'customer', city: 'Seattle', keyAccount: true });
    expect(plan.updates.map((u) => u.id)).toEqual(['acc_0000fabrik']);
    expect(plan.updates[0]!.patch).toEqual({ kind: 'supplier', city: 'Berlin', keyAccount: false });
  });
});

describe('related records from their own files', () => {
  // The workspace after the Google Contacts file was imported, and its rep.
  const existing: ExistingRecords = {
    accounts: [
      { id: 'acc_0000ae', name: 'Analytical Engines Ltd' }, { id: 'acc_0000cs', name: 'Cobol Systems', email: 'office@cobol.example' },
      { id: 'acc_0000ag', name: 'APOLLO GUIDANCE' }, { id: 'acc_0000kw', name: 'Kernel Works' },
    ],
    contacts: [
      { id: 'con_0000ada', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example', accountId: 'acc_0000ae' },
      { id: 'con_0000gh', firstName: 'Grace Brewster', lastName: 'Hopper', email: 'grace@cobol.example', accountId: 'acc_0000cs' },
      { id: 'con_0000ip', firstName: 'Ивана', lastName: 'Петрова', email: 'ivana@analytical.example', accountId: 'acc_0000ae' },
      { id: 'con_0000li', lastName: 'Linus', accountId: 'acc_0000kw' },
    ],
    activities: [],
    deals: [],
    users: [{ id: 'usr_0000rita', name: 'Rita Rep', email: 'rita@example.com' }],
  };
  const mapped = (name: string, collection: 'deals' | 'activities'): { drafts: Draft[]; mapping: readonly (string | null)[] } => {
    const csv = parseCsv(fixture(name));
    const mapping = guessMapping(csv.headers, collection);
    return { drafts: csv.records.map((r) => readMapped(mapping, r.cells, r.line)), mapping };
  };

  it('[I13] deals: the account by name, the contact by e-mail or name, the owner by name or e-mail; an unknown account is a problem of its line', () => {
    const { drafts, mapping } = mapped('pipedrive-deals.csv', 'deals');
    expect(mapping).toEqual(['name', 'amount', 'ref.accountId', 'ref.contactId', 'stage', 'expectedClose', 'ref.ownerId']);
    const plan = buildPlan(drafts, existing, { collection: 'deals', currency: 'EUR', accountKind: 'prospect' });
    expect(plan.problems).toEqual([{ line: 6, code: 'no-match', collection: 'deals', field: 'accountId', label: 'Account', value: 'Tranquility Base Inc' }]);
    expect(plan.creates.map((c) => c.values)).toEqual([
      { name: 'Engine upgrade', amount: { amount: 1_250_000, currency: 'EUR' }, accountId: 'acc_0000ae', contactId: 'con_0000ada', stage: 'proposal', expectedClose: '2026-04-30', ownerId: 'usr_0000rita' },
      { name: 'Compiler licences', amount: { amount: 480_000, currency: 'EUR' }, accountId: 'acc_0000cs', contactId: 'con_0000gh', stage: 'negotiation', expectedClose: '2026-05-30', ownerId: 'usr_0000rita' },
      { name: 'Guidance audit', amount: { amount: 900_000, currency: 'EUR' }, accountId: 'acc_0000ag', stage: 'qualified' },
      { name: 'Kernel support', amount: { amount: 200_000, currency: 'EUR' }, accountId: 'acc_0000kw', contactId: 'con_0000li', stage: 'lead', expectedClose: '2026-06-01' },
    ]);
    // The same file again, once imported: the deals of the same accounts are updated, not doubled.
    const after: ExistingRecords = { ...existing, deals: plan.creates.map((c) => ({ id: c.id, name: c.values.name, accountId: c.values.accountId })) };
    const again = buildPlan(drafts.slice(0, 4), after, { collection: 'deals', currency: 'EUR', accountKind: 'prospect' });
    expect(again.creates).toEqual([]);
    expect(again.updates.map((u) => u.id)).toEqual(plan.creates.map((c) => c.id));
  });

  it('[I13] activities: the contact by e-mail brings its account, the deal by name within it, the rep; dates as files write them', () => {
    const deals = [{ id: 'dea_0000eu', name: 'Engine upgrade', accountId: 'acc_0000ae' }, { id: 'dea_0000ga', name: 'Guidance audit', accountId: 'acc_0000ag' }];
    const { drafts, mapping } = mapped('hubspot-activities.csv', 'activities');
    expect(mapping).toEqual(['type', 'subject', 'at', 'durationMin', 'ref.contactId', 'ref.accountId', 'ref.dealId', 'report', 'ref.userId']);
    const plan = buildPlan(drafts, { ...existing, deals }, { collection: 'activities', currency: 'EUR', accountKind: 'prospect' });
    // Every reason of a line: its date that is none, and the contact that is not there.
    expect(plan.problems.map((p) => [p.line, p.code, p.field])).toEqual([[7, 'invalid', 'at'], [7, 'no-match', 'contactId']]);
    const [review, call, visit, mail] = plan.creates.map((c) => c.values);
    expect(review).toEqual({ type: 'meeting', subject: 'Engine upgrade review', at: new Date(2026, 2, 10, 10, 0).getTime(), durationMin: 60, contactId: 'con_0000ada', accountId: 'acc_0000ae', dealId: 'dea_0000eu', report: 'Walked through the proposal.\nNext: a demo.', userId: 'usr_0000rita' });
    expect(call).toMatchObject({ type: 'call', at: new Date(2026, 2, 10, 15, 30).getTime(), contactId: 'con_0000gh', accountId: 'acc_0000cs', userId: 'usr_0000rita' });
    expect(visit).toMatchObject({ type: 'visit', at: Date.UTC(2026, 2, 12, 9), accountId: 'acc_0000ag', dealId: 'dea_0000ga' });
    expect(mail).toMatchObject({ type: 'email', contactId: 'con_0000ip', accountId: 'acc_0000ae' });
    expect(plan.creates).toHaveLength(4);
  });

  it('[I13] a name two records share names neither; an id always names its record', () => {
    const twins: ExistingRecords = { ...existing, contacts: [...existing.contacts, { id: 'con_0000ada2', firstName: 'Ada', lastName: 'Lovelace', accountId: 'acc_0000kw' }] };
    const d = (refs: Record<string, string>): Draft => ({ ...readMapped(['name', 'stage'], ['Deal', 'lead'], 2), refs });
    const byName = buildPlan([d({ contactId: 'Ada Lovelace' })], twins, { collection: 'deals', currency: 'EUR', accountKind: 'prospect' });
    expect(byName.problems.map((p) => p.code)).toEqual(['no-match']);
    const byId = buildPlan([d({ contactId: 'con_0000ada2' })], twins, { collection: 'deals', currency: 'EUR', accountKind: 'prospect' });
    expect(byId.creates[0]!.values).toMatchObject({ contactId: 'con_0000ada2', accountId: 'acc_0000kw' });
    const byMail = buildPlan([d({ accountId: 'OFFICE@cobol.example', ownerId: 'Rita@Example.com' })], twins, { collection: 'deals', currency: 'EUR', accountKind: 'prospect' });
    expect(byMail.creates[0]!.values).toMatchObject({ accountId: 'acc_0000cs', ownerId: 'usr_0000rita' });
  });
});

describe('vCard', () => {
  it('[I7] reads iOS 3.0: grouped properties, escapes, embedded photo, UID', () => {
    const [ada, grace] = parseVcards(fixture('ios-contacts.vcf')).map(cardToDraft);
    expect(ada!.values).toMatchObject({ lastName: 'Lovelace', email: 'ada@analytical.example', mobile: '+44 20 7946 0011', notes: 'Met at the London fair, 1842.\nLikes punch cards.', vcardUid: '5F1E8C32-9A2B-4C1D-8E3F-0A1B2C3D4E5F' });
    expect(ada!.photo?.data.slice(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(grace!.line).toBe(20);
    expect(grace!.dropped).toEqual([{ code: 'birthday', value: '--12-09' }]);
  });

  it('[I7] reads Google 3.0, Android 2.1 quoted-printable and Outlook 2.1 soft line breaks', () => {
    const [ivana, linus] = parseVcards(fixture('google-contacts.vcf')).map(cardToDraft);
    expect(ivana!.values).toMatchObject({ lastName: 'Петрова', firstName: 'Ивана' });
    expect(ivana!.extra).toContain('Website: https://analytical.example');
    expect(linus!.values).toMatchObject({ firstName: 'Linus' });
    const [svetlana] = parseVcards(fixture('android-contacts.vcf')).map(cardToDraft);
    expect(svetlana!.values).toMatchObject({ lastName: 'Мартынова', firstName: 'Светлана', mobile: '+7 495 123-45-67', notes: 'Встреча на выставке в Москве' });
    expect(svetlana!.company).toEqual({ name: 'ООО «Ромашка»' });
    const [john] = parseVcards(fixture('outlook-contacts.vcf')).map(cardToDraft);
    expect(john!.values.notes).toBe('Prefers e-mail.\r\nCall after 10 am. Budget season runs from October to December.');
    expect(john!.values.birthday).toBe('1985-03-07');
  });

  it('[I7] reads 4.0: folded lines, tel: URIs, data: photo', () => {
    const [zoe] = parseVcards(fixture('contacts-4.0.vcf')).map(cardToDraft);
    expect(zoe!.values).toMatchObject({ lastName: 'Müller', phone: '+49-30-1234567', mobile: '+49-170-7654321', birthday: '1980-02-29', vcardUid: 'urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1' });
    expect(zoe!.values.notes).toContain('Parser das Entfalten');
    expect(zoe!.photo?.mimeType).toBe('image/png');
  });

  it('[I7] refuses a card without END and a file that is not a vCard', () => {
    expect(() => parseVcards(fixture('malformed.vcf'))).toThrow(/line 1 has no END:VCARD/);
    expect(() => parseVcards(fixture('google-contacts.csv'))).toThrow(InteropError);
  });

  it('[I7] writes 3.0 that reads back the same, long lines folded at 75 octets', () => {
    const contact = { uid: 'con_0000000ada', firstName: 'Ада', lastName: 'Лавлейс; Byron', company: 'Analytical, Engines', email: 'ada@x.example', mobile: '+44 1', birthday: '1815-12-10', notes: `Line one\n${'долгая заметка '.repeat(10).trim()}` };
    const text = writeVcards([contact]);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const [back] = parseVcards(text).map(cardToDraft);
    expect(back!.values).toMatchObject({ firstName: 'Ада', lastName: 'Лавлейс; Byron', email: 'ada@x.example', mobile: '+44 1', birthday: '1815-12-10', notes: contact.notes, vcardUid: 'con_0000000ada' });
    expect(back!.company).toEqual({ name: 'Analytical, Engines' });
  });
});

describe('iCalendar', () => {
  it('[I8] reads a Google Calendar export in its time zone; a series keeps its first meeting', () => {
    const { drafts, skipped } = readEvents(fixture('google-calendar.ics'));
    expect(skipped).toBe(1);
    const review = drafts[0]!;
    expect(review.values).toMatchObject({ type: 'meeting', subject: 'Quarterly review with Fabrikam', durationMin: 90, icalUid: '7kukuqrfedlm2f9t0vdurb2jcn@google.com' });
    expect(new Date(review.values.at as number).toISOString()).toBe('2024-06-12T08:00:00.000Z');
    expect(review.values.report).toContain('Location: Fabrikam GmbH, Friedrichstraße 10, Berlin');
    expect(review.values.report).toContain('including delivery terms');
    expect(drafts.find((d) => d.values.icalUid === 'weeklysync01@google.com')!.dropped).toHaveLength(1);
    const plan = buildPlan(drafts, { ...none, activities: [{ id: 'act_00000review', icalUid: '7kukuqrfedlm2f9t0vdurb2jcn@google.com' }] }, { ...opts, collection: 'activities' });
    expect(plan.problems).toEqual([]);
    expect(plan.updates.map((u) => u.id)).toEqual(['act_00000review']);
    expect(plan.creates).toHaveLength(3);
  });

  it('[I8] refuses a malformed file and one that is not a calendar', () => {
    expect(() => readEvents(fixture('malformed.ics'))).toThrow(/cannot be read/);
    expect(() => readEvents(fixture('ios-contacts.vcf'))).toThrow(InteropError);
  });

  it('[I8] writes meetings and tasks that read back', () => {
    const at = Date.UTC(2024, 5, 12, 8);
    const text = writeCalendar(
      [{ uid: 'act_1@counterpart', start: at, durationMin: 45, summary: 'Review, with "quotes"; and more', description: 'Line 1\nLine 2' }],
      [{ uid: 'tsk_1@counterpart', summary: 'Send the quote', due: at, done: true }],
      at,
    );
    expect(text).toContain('BEGIN:VTODO');
    expect(text).toContain('STATUS:COMPLETED');
    const [m] = readEvents(text).drafts;
    expect(m!.values).toMatchObject({ at, durationMin: 45, subject: 'Review, with "quotes"; and more', report: 'Line 1\nLine 2', icalUid: 'act_1@counterpart' });
  });
});

describe('a member’s calendar', () => {
  const at = Date.UTC(2024, 5, 12, 8);
  const label = (type: string): string => type.toUpperCase();

  it('[I11] holds the meetings and visits of their rep and the open tasks of their assignee', () => {
    expect(meetingMember({ type: 'meeting', at, userId: 'usr_a' })).toBe('usr_a');
    expect(meetingMember({ type: 'visit', at, userId: 'usr_a' })).toBe('usr_a');
    expect(meetingMember({ type: 'call', at, userId: 'usr_a' })).toBeUndefined();
    expect(meetingMember({ type: 'meeting', userId: 'usr_a' })).toBeUndefined();
    expect(meetingMember({ type: 'meeting', at })).toBeUndefined();
    expect(taskMember({ title: 'x', assigneeId: 'usr_b' })).toBe('usr_b');
    expect(taskMember({ title: 'x', assigneeId: 'usr_b', done: true })).toBeUndefined();
    expect(taskMember({ title: 'x' })).toBeUndefined();
  });

  it('[I11] maps a record to one event or to-do with the same UID wherever it is written', () => {
    const m = meetingEvent('act_1', { type: 'visit', at, durationMin: 0, report: 'Notes' }, label)!;
    expect(m).toEqual({ uid: 'act_1@counterpart', start: at, summary: 'VISIT', description: 'Notes', category: 'VISIT' });
    expect(meetingEvent('act_2', { type: 'meeting', at, icalUid: 'abc@example.com', subject: 'Review', durationMin: 45 }, label))
      .toMatchObject({ uid: 'abc@example.com', summary: 'Review', durationMin: 45 });
    expect(meetingEvent('act_3', { type: 'meeting' }, label)).toBeUndefined();
    expect(taskTodo('tsk_1', { title: 'Call back', dueAt: at, notes: 'Soon' })).toEqual({ uid: 'tsk_1@counterpart', summary: 'Call back', due: at, done: false, description: 'Soon' });
    const task = taskTodo('tsk_1', { title: 'Call back', dueAt: at });
    expect(calendarText([eventText(m, at), todoText(task, at)])).toBe(writeCalendar([m], [task], at));
    expect(calendarText([], { name: 'Counterpart: Ann' })).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*X-WR-CALNAME:Counterpart: Ann\r\nEND:VCALENDAR\r\n$/);
  });

  it('[I11] a feed leaves out meetings that ended more than a year ago', () => {
    const now = Date.UTC(2025, 0, 1);
    const ago = (days: number): number => now - days * 86_400_000;
    expect(inFeedWindow({ uid: 'a', start: ago(FEED_PAST_DAYS - 1), summary: '' }, now)).toBe(true);
    expect(inFeedWindow({ uid: 'a', start: ago(FEED_PAST_DAYS + 1), summary: '' }, now)).toBe(false);
    expect(inFeedWindow({ uid: 'a', start: now + 86_400_000, summary: '' }, now)).toBe(true);
  });
});

describe('CSV export', () => {
  it('[I9] names references beside their ids, splits money, quotes, BOM and CRLF', () => {
    const accountId = newId('accounts');
    const columns = [
      { key: '_title', label: 'Name' },
      { key: 'accountId', label: 'Account', def: { kind: 'ref', to: 'accounts', label: 'Account' } },
      { key: 'amount', label: 'Amount', def: { kind: 'money', label: 'Amount' } },
      { key: 'stage', label: 'Stage', def: { kind: 'enum', options: ['won'], label: 'Stage' } },
    ] as const;
    const words = { yes: 'Yes', no: 'No', idOf: (l: string) => `${l} id`, currencyOf: (l: string) => `${l} currency`, option: (v: string) => v.toUpperCase(), title: (id: string) => (id === accountId ? 'Acme, "Inc"' : '') };
    const headers = exportHeaders(columns, words);
    expect(headers).toEqual(['Name', 'Account', 'Account id', 'Amount', 'Amount currency', 'Stage']);
    const row = exportRow(columns, { _title: '=SUM(A1)', accountId, amount: { amount: -123456, currency: 'EUR' }, stage: 'won' }, words);
    expect(row).toEqual(['=SUM(A1)', 'Acme, "Inc"', accountId, '-1234.56', 'EUR', 'WON']);
    const csv = toCsv(headers, [row]);
    expect(csv.startsWith('\uFEFFName,Account,')).toBe(true);
    expect(csv).toContain(`"'=SUM(A1)","Acme, ""Inc""",${accountId},-1234.56,EUR,WON\r\n`);
    expect(parseCsv(csv).records[0]!.cells[1]).toBe('Acme, "Inc"');
  });
});
