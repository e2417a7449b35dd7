// vCard (RFC 2426 for 3.0, RFC 6350 for 4.0, and the 2.1 that Outlook and Android still write)
// read into contact drafts and contacts written as vCard 3.0, which every address book reads.
// A small parser of our own: the vCard libraries on npm read 4.0 (and some 3.0) but none reads
// 2.1's quoted-printable values with their soft line breaks, which phones export to this day.
import { emptyDraft, put, putCompany, splitName, type Draft } from './draft.ts';
import { InteropError } from './errors.ts';
import { exportDate } from './formats.ts';

export interface VcardProperty {
  readonly name: string;
  readonly params: Readonly<Record<string, readonly string[]>>;
  /** Bare 2.1 parameters and TYPE values, upper-cased ("CELL", "WORK", "PREF"). */
  readonly types: readonly string[];
  readonly value: string;
  /** The line of the file the property starts on. */
  readonly line: number;
}

export interface Vcard {
  readonly line: number;
  readonly version: string;
  readonly props: readonly VcardProperty[];
}

interface RawLine {
  readonly text: string;
  readonly line: number;
}

/** Physical lines joined into logical ones: folding (RFC 6350 3.2) and 2.1's quoted-printable soft breaks. */
function unfold(text: string): RawLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: { text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const last = out[out.length - 1];
    // A quoted-printable soft break comes first: its next line is the value's text as it is.
    if (last && /QUOTED-PRINTABLE/i.test(last.text.slice(0, last.text.indexOf(':') + 1)) && last.text.endsWith('=')) {
      last.text = last.text.slice(0, -1) + l;
      continue;
    }
    if (last && /^[ \t]/.test(l) && l.length > 0) {
      last.text += l.slice(1);
      continue;
    }
    out.push({ text: l, line: i + 1 });
  }
  return out.filter((l) => l.text.trim() !== '');
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseLine(raw: RawLine): VcardProperty | undefined {
  // The value starts after the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < raw.text.length; i++) {
    const ch = raw.text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [head = '', ...paramParts] = splitOutsideQuotes(raw.text.slice(0, colon), ';');
  const name = head.replace(/^[^.]*\./, '').toUpperCase(); // "item1.EMAIL" → "EMAIL"
  const params: Record<string, string[]> = {};
  const types: string[] = [];
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    if (eq < 0) {
      types.push(p.toUpperCase());
      continue;
    }
    const key = p.slice(0, eq).toUpperCase();
    const values = splitOutsideQuotes(p.slice(eq + 1), ',').map((v) => v.replace(/^"|"$/g, ''));
    (params[key] ??= []).push(...values);
    if (key === 'TYPE') types.push(...values.map((v) => v.toUpperCase()));
  }
  return { name, params, types, value: raw.text.slice(colon + 1), line: raw.line };
}

/** Every card of a .vcf file. A file with no card, or a card never closed, is refused. */
export function parseVcards(text: string): Vcard[] {
  const cards: Vcard[] = [];
  let current: { line: number; props: VcardProperty[] } | null = null;
  for (const raw of unfold(text)) {
    const prop = parseLine(raw);
    if (!prop) {
      if (current) continue; // a stray line inside a card: skipped like other readers do
      throw new InteropError('not-vcard', 'This is not a vCard file', raw.line);
    }
    if (prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VCARD') {
      if (current) throw new InteropError('malformed', `The card that starts on line ${current.line} has no END:VCARD`, current.line);
      current = { line: raw.line, props: [] };
    } else if (prop.name === 'END' && prop.value.trim().toUpperCase() === 'VCARD') {
      if (!current) throw new InteropError('malformed', 'END:VCARD without BEGIN:VCARD', raw.line);
      const version = current.props.find((p) => p.name === 'VERSION')?.value.trim() ?? '3.0';
      cards.push({ line: current.line, version, props: current.props });
      current = null;
    } else if (current) {
      current.props.push(prop);
    } else {
      throw new InteropError('not-vcard', 'This is not a vCard file', raw.line);
    }
  }
  if (current) throw new InteropError('malformed', `The card that starts on line ${current.line} has no END:VCARD`, current.line);
  if (!cards.length) throw new InteropError('not-vcard', 'The file holds no vCard');
  return cards;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** Text of a property: quoted-printable decoded, then RFC 6350 escapes undone. */
function textOf(p: VcardProperty): string {
  const encoding = (p.params.ENCODING?.[0] ?? '').toUpperCase();
  const raw = encoding === 'QUOTED-PRINTABLE' || p.types.includes('QUOTED-PRINTABLE')
    ? decodeQuotedPrintable(p.value, p.params.CHARSET?.[0] ?? 'utf-8')
    : p.value;
  return raw;
}

function unescape(s: string): string {
  return s.replace(/\\([\\,;:nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Components of a structured value (N, ADR, ORG), split on unescaped semicolons. */
function components(p: VcardProperty): string[] {
  const text = textOf(p);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      cur += ch + text[i + 1];
      i++;
    } else if (ch === ';') {
      out.push(unescape(cur).trim());
      cur = '';
    } else cur += ch;
  }
  out.push(unescape(cur).trim());
  return out;
}

function single(p: VcardProperty): string {
  return unescape(textOf(p)).trim();
}

function base64Bytes(b64: string): Uint8Array | undefined {
  try {
    const bin = atob(b64.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

const IMAGE_TYPES: Readonly<Record<string, string>> = { JPEG: 'image/jpeg', JPG: 'image/jpeg', PNG: 'image/png', GIF: 'image/gif', WEBP: 'image/webp' };

function photoOf(d: Draft, p: VcardProperty): void {
  const value = p.value.trim();
  const data = /^data:([^;,]+)?(;base64)?,(.*)$/is.exec(value);
  if (data) {
    const bytes = data[2] ? base64Bytes(data[3] ?? '') : undefined;
    if (bytes) d.photo = { mimeType: data[1] ?? 'image/jpeg', data: bytes };
    else d.dropped.push({ code: 'photo-unreadable' });
    return;
  }
  const encoding = (p.params.ENCODING?.[0] ?? p.types.find((t) => t === 'BASE64' || t === 'B') ?? '').toUpperCase();
  if (encoding === 'B' || encoding === 'BASE64') {
    const bytes = base64Bytes(value);
    const type = p.types.find((t) => IMAGE_TYPES[t]) ?? 'JPEG';
    if (bytes) d.photo = { mimeType: IMAGE_TYPES[type] ?? 'image/jpeg', data: bytes };
    else d.dropped.push({ code: 'photo-unreadable' });
    return;
  }
  d.dropped.push({ code: 'photo-link' });
}

function birthdayOf(d: Draft, value: string): void {
  const v = value.replace(/T.*$/, '');
  const iso = exportDate(v, 'ymd');
  if (iso) put(d, 'birthday', iso);
  else d.dropped.push({ code: 'birthday', value });
}

const pref = (p: VcardProperty): number => (p.types.includes('PREF') || p.params.PREF ? 0 : 1);

/** A card as a contact draft. */
export function cardToDraft(card: Vcard): Draft {
  const d = emptyDraft(card.line);
  const props = [...card.props].sort((a, b) => pref(a) - pref(b));
  for (const p of props) {
    switch (p.name) {
      case 'N': {
        const [family = '', given = '', additional = ''] = components(p);
        put(d, 'lastName', family);
        put(d, 'firstName', [given, additional].filter(Boolean).join(' '));
        break;
      }
      case 'ORG':
        putCompany(d, 'name', components(p)[0]);
        break;
      case 'TITLE':
        put(d, 'jobTitle', single(p));
        break;
      case 'EMAIL': {
        const email = single(p).replace(/^mailto:/i, '');
        if (!d.values.email) put(d, 'email', email);
        else if (email !== d.values.email) d.extra.push(`E-mail: ${email}`);
        break;
      }
      case 'TEL': {
        const phone = single(p).replace(/^tel:/i, '');
        const key = p.types.includes('CELL') ? 'mobile' : 'phone';
        if (!d.values[key]) put(d, key, phone);
        else d.extra.push(`${p.types.filter((t) => t !== 'PREF' && t !== 'VOICE').map((t) => t.charAt(0) + t.slice(1).toLowerCase()).join(' ') || 'Phone'}: ${phone}`);
        break;
      }
      case 'BDAY':
        birthdayOf(d, single(p));
        break;
      case 'NOTE':
        d.values.notes = [d.values.notes, single(p)].filter(Boolean).join('\n');
        break;
      case 'UID':
        put(d, 'vcardUid', single(p));
        break;
      case 'ADR': {
        const [box = '', ext = '', street = '', city = '', region = '', code = '', country = ''] = components(p);
        const text = [box, ext, street, city, region, code, country].filter(Boolean).join(', ');
        if (text) d.extra.push(`${p.types.includes('WORK') ? 'Work address' : p.types.includes('HOME') ? 'Home address' : 'Address'}: ${text}`);
        break;
      }
      case 'URL':
        d.extra.push(`Website: ${single(p)}`);
        break;
      case 'PHOTO':
        photoOf(d, p);
        break;
    }
  }
  if (!d.values.lastName && !d.values.firstName) {
    const fn = card.props.find((p) => p.name === 'FN');
    if (fn && single(fn)) {
      const { firstName, lastName } = splitName(single(fn));
      put(d, 'lastName', lastName);
      put(d, 'firstName', firstName);
    }
  }
  return d;
}

// ---- writing ----------------------------------------------------------------------------------

export interface VcardContact {
  readonly uid: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly company?: string;
  readonly jobTitle?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly mobile?: string;
  readonly birthday?: string;
  readonly notes?: string;
  /** Last change, epoch ms. */
  readonly updated?: number;
}

function escape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 3.2). */
export function fold(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let cur = '';
  let size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    const limit = out.length ? 74 : 75; // continuation lines start with a space
    if (size + n > limit) {
      out.push(cur);
      cur = '';
      size = 0;
    }
    cur += ch;
    size += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Contacts as one vCard 3.0 file (CRLF line ends, folded lines, UTF-8). */
export function writeVcards(contacts: readonly VcardContact[]): string {
  const lines: string[] = [];
  for (const c of contacts) {
    const fn = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.company || c.email || '';
    lines.push('BEGIN:VCARD', 'VERSION:3.0', `PRODID:-//Counterpart//CRM//EN`);
    lines.push(`UID:${escape(c.uid)}`);
    lines.push(`N:${escape(c.lastName ?? '')};${escape(c.firstName ?? '')};;;`);
    lines.push(`FN:${escape(fn)}`);
    if (c.company) lines.push(`ORG:${escape(c.company)}`);
    if (c.jobTitle) lines.push(`TITLE:${escape(c.jobTitle)}`);
    if (c.email) lines.push(`EMAIL;TYPE=INTERNET,WORK:${escape(c.email)}`);
    if (c.phone) lines.push(`TEL;TYPE=WORK,VOICE:${escape(c.phone)}`);
    if (c.mobile) lines.push(`TEL;TYPE=CELL:${escape(c.mobile)}`);
    if (c.birthday) lines.push(`BDAY:${c.birthday}`);
    if (c.notes) lines.push(`NOTE:${escape(c.notes)}`);
    if (c.updated) lines.push(`REV:${stamp(c.updated)}`);
    lines.push('END:VCARD');
  }
  return lines.map(fold).join('\r\n') + '\r\n';
}
