// A workspace's public web form, served by the relay so a company website can take inquiries
// while every device is offline:
//
//   GET  /forms/<workspace>/<form token>   the form (HTML), with the workspace's questionnaire
//   POST /forms/<workspace>/<form token>   a new lead: urlencoded from the form (answered with a
//                                          page) or JSON (answered with JSON):
//                                          { name, company?, email?, phone?, message?, answers? }
//
// The token is a `form` token an owner creates in the app (api.ts `forms`) and can revoke. A
// posted lead is validated, scored with the questionnaire and written to the workspace's log as
// an ordinary record update (the record's first update, built as a device builds it), so
// connected devices receive it at once and the others when they next sync; a device of an owner
// or editor then routes it. Posting is rate-limited per client address and per form.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkAnswers, checkValue, deriveValues, encodeNewRecord, newId, salesSettingsFrom,
  COLLECTIONS, type SalesSettings, type Values,
} from '@counterpart/model';
import { FORMS_PATH, isValidId } from '@counterpart/protocol';
import { ABORTED, TOO_LARGE, readBody } from './api.ts';
import type { Auth } from './auth.ts';
import { formPage, messagePage, pageText, thanksPage, type FormPageText } from './form-page.ts';
import type { Hub } from './hub.ts';
import { log as stdoutLog, type Logger } from './log.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import { requestPath } from './request-path.ts';
import type { RelayStorage } from './storage.ts';
import { readSettingsDoc } from './settings-doc.ts';

/** The settings doc's map of sales rules (packages/store settings.ts). */
const SALES_SETTINGS_MAP = 'sales';
export const MAX_FORM_BODY_BYTES = 32 * 1024;
const MAX_MESSAGE = 5_000;
const MAX_TEXT = 200;

export interface FormLimits {
  readonly perClient: RateLimit;
  readonly perForm: RateLimit;
}

export const DEFAULT_FORM_LIMITS: FormLimits = {
  perClient: { burst: 5, perMinute: 2 },
  perForm: { burst: 60, perMinute: 10 },
};

export type FormsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

type Reply = { kind: 'html' | 'json' };

export function createFormsHandler(auth: Auth, storage: RelayStorage, hub: Hub, limits: FormLimits = DEFAULT_FORM_LIMITS, log: Logger = stdoutLog): FormsHandler {
  const byClient = new RateLimiter(limits.perClient);
  const byForm = new RateLimiter(limits.perForm);
  return async (req, res) => {
    const path = requestPath(req);
    if (path === undefined || !path.startsWith(`${FORMS_PATH}/`)) return false;
    const t = pageText(req.headers['accept-language']);
    const reply: Reply = { kind: wantsJson(req) ? 'json' : 'html' };
    const parts = path.split('/');
    const workspace = parts[2] ?? '';
    const token = parts[3] ?? '';
    if (parts.length !== 4 || !isValidId(workspace)) {
      fail(res, reply, t, 404, 'not found', t.unavailableTitle, t.unavailable);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD, POST' });
      return true;
    }
    const verdict = auth.verifyForm(token, workspace);
    if (!verdict.ok) {
      fail(res, reply, t, 403, `this form is not available (${verdict.reason})`, t.unavailableTitle, t.unavailable);
      return true;
    }
    const { name: workspaceName, sales } = readSettings(storage, workspace);
    if (req.method !== 'POST') {
      send(res, 200, 'text/html; charset=utf-8', formPage(t, workspaceName, sales.questions, { values: {}, errors: {} }), {}, req.method === 'HEAD');
      return true;
    }

    const wait = Math.max(byClient.take(clientKey(req)), byForm.take(verdict.claims.jti));
    if (wait > 0) {
      log({ event: 'form_rate_limited', workspace, form: verdict.claims.jti });
      fail(res, reply, t, 429, `too many submissions; try again in ${wait} s`, t.unavailableTitle, t.tooMany(wait), { 'Retry-After': String(wait) });
      return true;
    }

    const body = await readBody(req, MAX_FORM_BODY_BYTES);
    if (body === ABORTED) return true;
    if (body === TOO_LARGE) {
      fail(res, reply, t, 413, `the body is larger than ${MAX_FORM_BODY_BYTES} bytes`, t.unavailableTitle, t.tooLong(t.message, MAX_MESSAGE));
      return true;
    }
    const input = parseInput(req, body);
    if ('error' in input) {
      fail(res, reply, t, 400, input.error, t.unavailableTitle, input.error);
      return true;
    }
    const checked = checkLead(t, sales, input);
    if ('errors' in checked) {
      if (reply.kind === 'json') sendJson(res, 400, { error: Object.values(checked.errors).join(' '), fields: checked.errors });
      else send(res, 400, 'text/html; charset=utf-8', formPage(t, workspaceName, sales.questions, { values: input.echo, errors: checked.errors }));
      return true;
    }
    const now = Date.now();
    const id = newId('leads');
    const values: Values = { ...checked.values, source: 'web_form', status: 'new', receivedAt: now };
    const record = { ...values, ...deriveValues('leads', undefined, values, sales, now).values };
    const { doc, update } = encodeNewRecord('leads', id, record, { now });
    doc.destroy();
    await hub.post(workspace, [{ docId: id, update }]);
    log({ event: 'form_lead', workspace, form: verdict.claims.jti, lead: id });
    if (reply.kind === 'json') sendJson(res, 201, { id });
    else send(res, 200, 'text/html; charset=utf-8', thanksPage(t));
    return true;
  };
}

function wantsJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  const accept = req.headers.accept ?? '';
  return /^application\/json\b/i.test(type) || (/application\/json/i.test(accept) && !/text\/html/i.test(accept));
}

function clientKey(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** The workspace's name and rules from its settings doc as stored (defaults when it has none). */
function readSettings(storage: RelayStorage, workspace: string): { name: string; sales: SalesSettings } {
  return readSettingsDoc(storage, workspace, (doc) => {
    const name = doc.getMap<unknown>('ws').get('name');
    return { name: typeof name === 'string' && name.trim() ? name : 'us', sales: salesSettingsFrom(doc.getMap<unknown>(SALES_SETTINGS_MAP).toJSON()) };
  });
}

interface Input {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly answers: Readonly<Record<string, unknown>>;
  /** What the visitor typed, to show the form again with it. */
  readonly echo: Record<string, string>;
}

const TEXT_FIELDS = ['name', 'company', 'email', 'phone', 'message'] as const;

function parseInput(req: IncomingMessage, body: Buffer): Input | { error: string } {
  const text = body.toString('utf8');
  if (/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { error: 'the body is not valid JSON' };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'the body must be a JSON object' };
    const o = raw as Record<string, unknown>;
    const unknown = Object.keys(o).find((k) => k !== 'answers' && !(TEXT_FIELDS as readonly string[]).includes(k));
    if (unknown !== undefined) return { error: `unknown field "${unknown}"` };
    const answers = o.answers ?? {};
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return { error: '"answers" must be an object of question id → answer id' };
    return { fields: o, answers: answers as Record<string, unknown>, echo: {} };
  }
  const form = new URLSearchParams(text);
  const fields: Record<string, string> = {};
  const answers: Record<string, string> = {};
  const echo: Record<string, string> = {};
  for (const [k, v] of form) {
    if ((TEXT_FIELDS as readonly string[]).includes(k)) fields[k] = v;
    else if (k.startsWith('q.')) answers[k.slice(2)] = v;
    else return { error: `unknown field "${k}"` };
    echo[k] = v;
  }
  return { fields, answers, echo };
}

function checkLead(t: FormPageText, sales: SalesSettings, input: Input): { values: Values } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const values: Values = {};
  const defs = COLLECTIONS.leads.fields;
  for (const key of TEXT_FIELDS) {
    const raw = input.fields[key];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      errors[key] = t.tooLong(t[key], key === 'message' ? MAX_MESSAGE : MAX_TEXT);
      continue;
    }
    const value = (raw ?? '').trim();
    if (!value) continue;
    const max = key === 'message' ? MAX_MESSAGE : MAX_TEXT;
    if (value.length > max) {
      errors[key] = t.tooLong(t[key], max);
      continue;
    }
    const result = checkValue(defs[key], value);
    if (!result.ok) errors[key] = key === 'email' ? t.badEmail : key === 'phone' ? t.badPhone : t.nameRequired;
    else if (result.value !== null) values[key] = result.value;
  }
  if (values.name === undefined && !errors.name) errors.name = t.nameRequired;
  if (values.email === undefined && values.phone === undefined && !errors.email && !errors.phone) errors.email = t.needContact;
  const answers = checkAnswers(sales.questions, input.answers);
  if ('error' in answers) {
    const key = Object.keys(input.answers).find((k) => 'error' in checkAnswers(sales.questions, { [k]: input.answers[k] })) ?? 'form';
    const q = sales.questions.find((x) => x.id === key);
    errors[q ? `q.${key}` : 'form'] = q ? t.badAnswer(q.text) : answers.error;
  } else if (Object.keys(answers.answers).length) values.answers = answers.answers;
  return Object.keys(errors).length ? { errors } : { values };
}

function fail(res: ServerResponse, reply: Reply, t: FormPageText, status: number, error: string, title: string, message: string, headers: Record<string, string> = {}): void {
  if (reply.kind === 'json') sendJson(res, status, { error }, headers);
  else send(res, status, 'text/html; charset=utf-8', messagePage(t, title, message), headers);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}, headOnly = false): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // No script at all; the form may be embedded in the company's own site.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'",
    ...headers,
  });
  res.end(headOnly ? undefined : body);
}
