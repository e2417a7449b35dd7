// Call scripts (SPEC TM1–TM2): the plain text a campaign keeps in its `script` field, parsed into
// numbered steps with branches. The format, one line at a time:
//
//   1. Hello, this is Anna from Acme. Is this the person who buys office supplies?
//   - Yes, speaking -> 2
//   - Not available -> 4
//   - Not interested -> end
//   2. We have a new range of paper at last year's prices. Shall I send the price list?
//   - Yes -> 3
//
// A line starting with a number and a dot (or a bracket) starts a step; other lines continue its
// text. A line starting with "-", "*" or "•" is a choice of the step above it: its answer, then
// "->" or "→" and the step it leads to (a number, or "end" / "конец"). A choice without an arrow, and a
// step without choices, go on to the next step (the last one ends the call).

export interface ScriptChoice {
  readonly label: string;
  /** The step number it leads to; null ends the script. */
  readonly to: number | null;
}

export interface ScriptStep {
  readonly n: number;
  readonly text: string;
  /** The answers offered; a step without any has one implicit "next". */
  readonly choices: readonly ScriptChoice[];
}

export interface CallScript {
  /** In the order written; the first one is where a call starts. */
  readonly steps: readonly ScriptStep[];
}

export type ScriptErrorReason =
  | 'text-before-step'
  | 'choice-before-step'
  | 'duplicate-step'
  | 'empty-step'
  | 'empty-choice'
  | 'bad-target'
  | 'unknown-target';

export interface ScriptError {
  /** 1-based line of the script text. */
  readonly line: number;
  readonly reason: ScriptErrorReason;
  /** The step number or target named on that line, when there is one. */
  readonly step?: number;
  readonly target?: string;
}

const STEP = /^(\d{1,4})\s*[.)]\s*(.*)$/;
const CHOICE = /^[-*•]\s*(.*)$/;
const ARROW = /\s*(?:->|→|=>)\s*/;

/** Parses a script; an empty or blank text is no script (`null`). Never throws. */
export function parseCallScript(text: string): { script: CallScript | null } | { error: ScriptError } {
  interface Draft { n: number; line: number; text: string[]; choices: (ScriptChoice & { line: number; raw: string })[] }
  const drafts: Draft[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const no = i + 1;
    if (!line) continue;
    const step = STEP.exec(line);
    if (step) {
      const n = Number(step[1]);
      if (drafts.some((d) => d.n === n)) return { error: { line: no, reason: 'duplicate-step', step: n } };
      drafts.push({ n, line: no, text: step[2] ? [step[2]] : [], choices: [] });
      continue;
    }
    const current = drafts[drafts.length - 1];
    const choice = CHOICE.exec(line);
    if (choice) {
      if (!current) return { error: { line: no, reason: 'choice-before-step' } };
      const [label = '', ...rest] = choice[1]!.split(ARROW);
      const raw = rest.join(' ').trim();
      if (!label.trim()) return { error: { line: no, reason: 'empty-choice', step: current.n } };
      // No arrow: NaN, resolved below to the next step.
      let to: number | null;
      if (rest.length === 0) to = Number.NaN;
      else if (/^(end|конец)$/i.test(raw)) to = null;
      else if (/^\d{1,4}$/.test(raw)) to = Number(raw);
      else return { error: { line: no, reason: 'bad-target', step: current.n, target: raw } };
      current.choices.push({ label: label.trim(), to, line: no, raw });
      continue;
    }
    if (!current) return { error: { line: no, reason: 'text-before-step' } };
    current.text.push(line);
  }
  if (drafts.length === 0) return { script: null };
  const numbers = new Set(drafts.map((d) => d.n));
  const steps: ScriptStep[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    const next = drafts[i + 1]?.n ?? null;
    if (d.text.length === 0) return { error: { line: d.line, reason: 'empty-step', step: d.n } };
    const choices: ScriptChoice[] = [];
    for (const c of d.choices) {
      const to = Number.isNaN(c.to) ? next : c.to;
      if (to !== null && !numbers.has(to)) return { error: { line: c.line, reason: 'unknown-target', step: d.n, target: c.raw } };
      choices.push({ label: c.label, to });
    }
    steps.push({ n: d.n, text: d.text.join('\n'), choices });
  }
  return { script: { steps } };
}

/** Where a step without choices goes: the step written after it, or the end (null). */
export function nextStep(script: CallScript, n: number): number | null {
  const i = script.steps.findIndex((s) => s.n === n);
  return i >= 0 ? (script.steps[i + 1]?.n ?? null) : null;
}
