// The HTML of a workspace's public web form and its answers: plain, accessible markup (labels
// tied to inputs, errors announced and linked to their fields, no script), in English or
// Russian by the visitor's Accept-Language.
import type { Question } from '@counterpart/model';

export interface FormPageText {
  readonly lang: string;
  readonly title: (workspace: string) => string;
  readonly intro: string;
  readonly name: string;
  readonly company: string;
  readonly email: string;
  readonly phone: string;
  readonly message: string;
  readonly required: string;
  readonly contactHint: string;
  readonly send: string;
  readonly problems: string;
  readonly thanksTitle: string;
  readonly thanks: string;
  readonly unavailableTitle: string;
  readonly unavailable: string;
  readonly tooMany: (seconds: number) => string;
  readonly noAnswer: string;
  readonly nameRequired: string;
  readonly badEmail: string;
  readonly badPhone: string;
  readonly needContact: string;
  readonly tooLong: (field: string, max: number) => string;
  readonly badAnswer: (question: string) => string;
}

const EN: FormPageText = {
  lang: 'en',
  title: (w) => `Contact ${w}`,
  intro: 'Tell us how we can help. We will get back to you shortly.',
  name: 'Your name',
  company: 'Company',
  email: 'E-mail',
  phone: 'Phone',
  message: 'Message',
  required: 'required',
  contactHint: 'Give an e-mail address or a phone number so that we can answer you.',
  send: 'Send',
  problems: 'Please correct the following:',
  thanksTitle: 'Thank you',
  thanks: 'We have received your inquiry and will contact you soon.',
  unavailableTitle: 'Form not available',
  unavailable: 'This form is not available. Please contact us another way.',
  tooMany: (s) => `Too many submissions from here. Please try again in ${s} seconds.`,
  noAnswer: 'No answer',
  nameRequired: 'Your name is required.',
  badEmail: 'This is not an e-mail address.',
  badPhone: 'This is not a phone number.',
  needContact: 'Give an e-mail address or a phone number.',
  tooLong: (f, n) => `${f}: at most ${n} characters.`,
  badAnswer: (q) => `Choose one of the answers to “${q}”.`,
};

const RU: FormPageText = {
  lang: 'ru',
  title: (w) => `Связаться с ${w}`,
  intro: 'Расскажите, чем мы можем помочь. Мы скоро с вами свяжемся.',
  name: 'Ваше имя',
  company: 'Компания',
  email: 'E-mail',
  phone: 'Телефон',
  message: 'Сообщение',
  required: 'обязательно',
  contactHint: 'Укажите e-mail или телефон, чтобы мы могли вам ответить.',
  send: 'Отправить',
  problems: 'Исправьте, пожалуйста:',
  thanksTitle: 'Спасибо',
  thanks: 'Мы получили ваше обращение и скоро с вами свяжемся.',
  unavailableTitle: 'Форма недоступна',
  unavailable: 'Эта форма недоступна. Пожалуйста, свяжитесь с нами другим способом.',
  tooMany: (s) => `Слишком много отправок. Попробуйте снова через ${s} с.`,
  noAnswer: 'Нет ответа',
  nameRequired: 'Укажите ваше имя.',
  badEmail: 'Это не адрес e-mail.',
  badPhone: 'Это не номер телефона.',
  needContact: 'Укажите e-mail или телефон.',
  tooLong: (f, n) => `${f}: не больше ${n} символов.`,
  badAnswer: (q) => `Выберите один из ответов на вопрос «${q}».`,
};

/** The visitor's language: Russian when preferred over English, else English. */
export function pageText(acceptLanguage: string | undefined): FormPageText {
  const langs = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.split('-')[0] ?? '', q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag === 'en' || l.tag === 'ru')
    .sort((a, b) => b.q - a.q);
  return langs[0]?.tag === 'ru' ? RU : EN;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1b1f24}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgb(0 0 0/.12)}
h1{font-size:1.5rem;margin:0 0 .5rem}
label,legend{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=text],input[type=email],input[type=tel],textarea{box-sizing:border-box;width:100%;min-height:44px;padding:.5rem;border:1px solid #6b7280;border-radius:6px;font:inherit}
fieldset{border:0;padding:0;margin:0}
.opt{display:flex;align-items:center;gap:.5rem;min-height:44px;font-weight:400;margin:0}
.opt input{width:1.25rem;height:1.25rem}
.hint{color:#4b5563;font-size:.9rem}
.err{color:#b42318;font-weight:600}
.errors{border:2px solid #b42318;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
button{margin-top:1.5rem;min-height:44px;padding:0 1.5rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
`;

function page(t: FormPageText, title: string, body: string): string {
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  /** Problems by field (`name`, `email`, `q.<question id>`, or `form` for the whole form). */
  readonly errors: Readonly<Record<string, string>>;
}

const FIELDS = [
  { key: 'name', type: 'text', autocomplete: 'name', required: true },
  { key: 'company', type: 'text', autocomplete: 'organization', required: false },
  { key: 'email', type: 'email', autocomplete: 'email', required: false },
  { key: 'phone', type: 'tel', autocomplete: 'tel', required: false },
] as const;

export function formPage(t: FormPageText, workspaceName: string, questions: readonly Question[], state: FormState): string {
  const v = (k: string): string => escapeHtml(state.values[k] ?? '');
  const err = (k: string): string => (state.errors[k] ? `<p class="err" id="err-${escapeHtml(k)}">${escapeHtml(state.errors[k])}</p>` : '');
  const described = (k: string, extra = ''): string => {
    const ids = [state.errors[k] ? `err-${k}` : '', extra].filter(Boolean).join(' ');
    return ids ? ` aria-describedby="${escapeHtml(ids)}"` : '';
  };
  const invalid = (k: string): string => (state.errors[k] ? ' aria-invalid="true"' : '');
  const problems = Object.entries(state.errors);
  const summary = problems.length
    ? `<div class="errors" role="alert"><p class="err">${escapeHtml(t.problems)}</p><ul>${problems
      .map(([k, m]) => `<li>${k === 'form' ? escapeHtml(m) : `<a href="#f-${escapeHtml(k)}">${escapeHtml(m)}</a>`}</li>`)
      .join('')}</ul></div>`
    : '';
  const inputs = FIELDS.map((f) => `<label for="f-${f.key}">${escapeHtml(t[f.key])}${f.required ? ` <span class="hint">(${escapeHtml(t.required)})</span>` : ''}</label>
<input id="f-${f.key}" name="${f.key}" type="${f.type}" autocomplete="${f.autocomplete}" maxlength="200" value="${v(f.key)}"${f.required ? ' required' : ''}${invalid(f.key)}${described(f.key, f.key === 'email' || f.key === 'phone' ? 'contact-hint' : '')}>
${err(f.key)}`).join('\n');
  const qs = questions.map((q) => {
    const key = `q.${q.id}`;
    const opts = [{ id: '', label: t.noAnswer }, ...q.options].map((o) => {
      const id = `f-${key}-${o.id || 'none'}`;
      const checked = (state.values[key] ?? '') === o.id ? ' checked' : '';
      return `<label class="opt" for="${escapeHtml(id)}"><input type="radio" id="${escapeHtml(id)}" name="${escapeHtml(key)}" value="${escapeHtml(o.id)}"${checked}> ${escapeHtml(o.label)}</label>`;
    }).join('\n');
    return `<fieldset id="f-${escapeHtml(key)}"${described(key)}><legend>${escapeHtml(q.text)}</legend>
${opts}
${err(key)}</fieldset>`;
  }).join('\n');
  return page(t, t.title(workspaceName), `<h1>${escapeHtml(t.title(workspaceName))}</h1>
<p>${escapeHtml(t.intro)}</p>
${summary}
<form method="post" novalidate>
${inputs}
<p class="hint" id="contact-hint">${escapeHtml(t.contactHint)}</p>
${qs}
<label for="f-message">${escapeHtml(t.message)}</label>
<textarea id="f-message" name="message" rows="5" maxlength="5000"${invalid('message')}${described('message')}>${v('message')}</textarea>
${err('message')}
<button type="submit">${escapeHtml(t.send)}</button>
</form>`);
}

export function thanksPage(t: FormPageText): string {
  return page(t, t.thanksTitle, `<h1>${escapeHtml(t.thanksTitle)}</h1>\n<p role="status">${escapeHtml(t.thanks)}</p>`);
}

export function messagePage(t: FormPageText, title: string, message: string): string {
  return page(t, title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`);
}
