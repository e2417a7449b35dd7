// The workspace's sales and service rules: the qualification questionnaire, lead routing, the
// lead response deadline, ticket deadlines by severity, the welcome cadence and the published web
// forms and the default cost per contact of each campaign channel. They live in the settings doc under one Y.Map, one key per rule set, so two people
// editing different rule sets both keep their change. Every value is parsed
// here, from a form or a synced doc alike: a value that does not parse falls back to its default.
import { CAMPAIGN_CHANNELS, TASK_KINDS, TICKET_SEVERITIES } from './enums.ts';

// Where they live in the settings doc is the store's business (`sales` map, store settings.ts);
// the relay reads the same map to show a workspace's questionnaire on its web form.

export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

/**
 * What one contact costs by campaign channel, in the workspace currency's major units (18 =
 * 18.00). A channel without an entry has no default: its campaigns need a cost typed in.
 */
export type ChannelCosts = Readonly<Partial<Record<CampaignChannel, number>>>;

export interface AnswerOption {
  readonly id: string;
  readonly label: string;
  /** Points this answer adds to the lead's score. */
  readonly points: number;
}

export interface Question {
  readonly id: string;
  readonly text: string;
  readonly options: readonly AnswerOption[];
  /** The chosen answer also sets the lead's territory or product line (used by routing). */
  readonly sets?: 'territory' | 'productLine';
}

export interface RoutingRule {
  readonly id: string;
  /** Matches leads of this territory (case-insensitive); empty matches any. */
  readonly territory: string;
  /** Matches leads of this product line (case-insensitive); empty matches any. */
  readonly productLine: string;
  /** The members (users) who take such leads. */
  readonly repIds: readonly string[];
}

export interface ResponseDeadline {
  readonly hours: number;
  /** Count only working hours (Monday–Friday, `dayStart`–`dayEnd` local time). */
  readonly workingHours: boolean;
  readonly dayStart: number;
  readonly dayEnd: number;
}

export interface CadenceStep {
  readonly id: string;
  /** Days after the first order. */
  readonly delayDays: number;
  readonly kind: TaskKind;
  readonly title: string;
}

export interface WebForm {
  /** The form token's id, for revocation. */
  readonly jti: string;
  readonly token: string;
  readonly name: string;
  readonly createdAt: number;
  readonly revoked: boolean;
}

export interface SalesSettings {
  readonly questions: readonly Question[];
  readonly routing: readonly RoutingRule[];
  readonly response: ResponseDeadline;
  readonly ticketHours: Readonly<Record<TicketSeverity, number>>;
  readonly cadence: readonly CadenceStep[];
  readonly forms: readonly WebForm[];
  readonly channelCosts: ChannelCosts;
}

export const DEFAULT_RESPONSE: ResponseDeadline = { hours: 4, workingHours: true, dayStart: 9, dayEnd: 18 };
export const DEFAULT_TICKET_HOURS: Readonly<Record<TicketSeverity, number>> = { critical: 4, high: 24, medium: 72, low: 168 };
export const DEFAULT_CADENCE: readonly CadenceStep[] = [
  { id: 'call2', delayDays: 2, kind: 'call', title: 'Welcome call: how was the first order?' },
  { id: 'letter7', delayDays: 7, kind: 'letter', title: 'Welcome letter with the key phone numbers' },
];

/** Industrial sales figures: a telemarketing contact costs about $18, a field visit about $400. */
export const DEFAULT_CHANNEL_COSTS: ChannelCosts = { telemarketing: 18, field_visit: 400 };
const MAX_CHANNEL_COST = 1_000_000;

export const DEFAULT_SALES_SETTINGS: SalesSettings = {
  questions: [],
  routing: [],
  response: DEFAULT_RESPONSE,
  ticketHours: DEFAULT_TICKET_HOURS,
  cadence: DEFAULT_CADENCE,
  forms: [],
  channelCosts: DEFAULT_CHANNEL_COSTS,
};

export type SalesSettingsKey = keyof SalesSettings;

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const ID = /^[0-9a-z_-]{1,40}$/i;
const MAX_ITEMS = 50;

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SettingsError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new SettingsError(`${what} must be a list`);
  if (v.length > MAX_ITEMS) throw new SettingsError(`${what}: at most ${MAX_ITEMS} entries`);
  return v;
}

function id(v: unknown, what: string): string {
  if (typeof v !== 'string' || !ID.test(v)) throw new SettingsError(`${what} needs an id of 1–40 letters, digits, _ or -`);
  return v;
}

function text(v: unknown, what: string, max = 200, required = true): string {
  const s = typeof v === 'string' ? v.trim() : '';
  if (typeof v !== 'string' && v !== undefined && v !== null) throw new SettingsError(`${what} must be text`);
  if (required && !s) throw new SettingsError(`${what} is required`);
  if (s.length > max) throw new SettingsError(`${what} must be at most ${max} characters`);
  return s;
}

function num(v: unknown, what: string, min: number, max: number, integer = false): number {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new SettingsError(`${what} must be a number`);
  if (integer && !Number.isInteger(n)) throw new SettingsError(`${what} must be a whole number`);
  if (n < min || n > max) throw new SettingsError(`${what} must be between ${min} and ${max}`);
  return n;
}

function unique<T extends { id: string }>(items: T[], what: string): T[] {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) throw new SettingsError(`${what}: the id "${it.id}" is used twice`);
    seen.add(it.id);
  }
  return items;
}

export function parseQuestions(v: unknown): Question[] {
  return unique(list(v, 'Questions').map((raw, i) => {
    const q = obj(raw, `Question ${i + 1}`);
    const what = `Question ${i + 1}`;
    const options = unique(list(q.options, `${what}: answers`).map((o, j) => {
      const a = obj(o, `${what}, answer ${j + 1}`);
      return {
        id: id(a.id, `${what}, answer ${j + 1}`),
        label: text(a.label, `${what}, answer ${j + 1}`, 120),
        points: num(a.points, `${what}, answer ${j + 1}: points`, 0, 100, true),
      };
    }), `${what}: answers`);
    if (options.length < 2) throw new SettingsError(`${what} needs at least two answers`);
    const sets = q.sets === 'territory' || q.sets === 'productLine' ? q.sets : undefined;
    if (q.sets !== undefined && q.sets !== null && q.sets !== '' && !sets) throw new SettingsError(`${what}: "sets" must be territory or productLine`);
    return { id: id(q.id, what), text: text(q.text, what, 300), options, ...(sets ? { sets } : {}) };
  }), 'Questions');
}

export function parseRouting(v: unknown): RoutingRule[] {
  return unique(list(v, 'Routing rules').map((raw, i) => {
    const r = obj(raw, `Rule ${i + 1}`);
    const repIds = list(r.repIds, `Rule ${i + 1}: reps`).map((x) => id(x, `Rule ${i + 1}: rep`));
    if (!repIds.length) throw new SettingsError(`Rule ${i + 1} needs at least one rep`);
    const territory = text(r.territory, `Rule ${i + 1}: territory`, 100, false);
    const productLine = text(r.productLine, `Rule ${i + 1}: product line`, 100, false);
    if (!territory && !productLine) throw new SettingsError(`Rule ${i + 1} needs a territory or a product line`);
    return { id: id(r.id, `Rule ${i + 1}`), territory, productLine, repIds: [...new Set(repIds)] };
  }), 'Routing rules');
}

export function parseResponse(v: unknown): ResponseDeadline {
  const r = obj(v, 'The response deadline');
  const dayStart = num(r.dayStart ?? DEFAULT_RESPONSE.dayStart, 'The working day start', 0, 23, true);
  const dayEnd = num(r.dayEnd ?? DEFAULT_RESPONSE.dayEnd, 'The working day end', 1, 24, true);
  if (dayEnd <= dayStart) throw new SettingsError('The working day must end after it starts');
  return {
    hours: num(r.hours, 'The response deadline (hours)', 0.25, 24 * 30),
    workingHours: r.workingHours === true,
    dayStart,
    dayEnd,
  };
}

export function parseTicketHours(v: unknown): Record<TicketSeverity, number> {
  const r = obj(v, 'Ticket deadlines');
  const out = {} as Record<TicketSeverity, number>;
  for (const s of TICKET_SEVERITIES) out[s] = num(r[s] ?? DEFAULT_TICKET_HOURS[s], `The ${s} ticket deadline (hours)`, 0.25, 24 * 365);
  return out;
}

export function parseCadence(v: unknown): CadenceStep[] {
  return unique(list(v, 'Cadence steps').map((raw, i) => {
    const s = obj(raw, `Step ${i + 1}`);
    if (typeof s.kind !== 'string' || !(TASK_KINDS as readonly string[]).includes(s.kind)) {
      throw new SettingsError(`Step ${i + 1}: the task kind must be one of ${TASK_KINDS.join(', ')}`);
    }
    return {
      id: id(s.id, `Step ${i + 1}`),
      delayDays: num(s.delayDays, `Step ${i + 1}: days after the first order`, 0, 365, true),
      kind: s.kind as TaskKind,
      title: text(s.title, `Step ${i + 1}: title`, 200),
    };
  }), 'Cadence steps');
}

export function parseForms(v: unknown): WebForm[] {
  return list(v, 'Web forms').map((raw, i) => {
    const f = obj(raw, `Web form ${i + 1}`);
    if (typeof f.token !== 'string' || !f.token || f.token.length > 2048) throw new SettingsError(`Web form ${i + 1} has no token`);
    return {
      jti: id(f.jti, `Web form ${i + 1}`),
      token: f.token,
      name: text(f.name, `Web form ${i + 1}: name`, 100),
      createdAt: num(f.createdAt, `Web form ${i + 1}: created`, 0, Number.MAX_SAFE_INTEGER, true),
      revoked: f.revoked === true,
    };
  });
}

/** Costs per contact by channel; an empty value leaves the channel without a default. */
export function parseChannelCosts(v: unknown): ChannelCosts {
  const r = obj(v, 'Channel costs');
  const out: Partial<Record<CampaignChannel, number>> = {};
  for (const [key, raw] of Object.entries(r)) {
    if (!(CAMPAIGN_CHANNELS as readonly string[]).includes(key)) throw new SettingsError(`"${key}" is not a campaign channel`);
    if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) continue;
    out[key as CampaignChannel] = num(raw, `The cost per contact of ${key.replace('_', ' ')}`, 0, MAX_CHANNEL_COST);
  }
  return out;
}

const PARSERS: { [K in SalesSettingsKey]: (v: unknown) => SalesSettings[K] } = {
  questions: parseQuestions,
  routing: parseRouting,
  response: parseResponse,
  ticketHours: parseTicketHours,
  cadence: parseCadence,
  forms: parseForms,
  channelCosts: parseChannelCosts,
};

/** Parses one rule set; throws SettingsError with a message for the person editing it. */
export function parseSalesSetting<K extends SalesSettingsKey>(key: K, value: unknown): SalesSettings[K] {
  return PARSERS[key](value);
}

/**
 * The rule sets from the settings doc's map as stored (its JSON); a missing or unreadable one is
 * its default.
 */
export function salesSettingsFrom(stored: Readonly<Record<string, unknown>>): SalesSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SALES_SETTINGS };
  for (const key of Object.keys(PARSERS) as SalesSettingsKey[]) {
    const raw = stored[key];
    if (raw === undefined) continue;
    try {
      out[key] = PARSERS[key](raw);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
    }
  }
  return out as unknown as SalesSettings;
}
