// Lead qualification: the workspace's questionnaire turns a lead's answers (question id → answer
// id, the lead's `answers` map) into a score of 0–100 and, for questions marked so, into the
// lead's territory or product line.
import type { Question } from './sales-settings.ts';

export type Answers = Readonly<Record<string, string | number | boolean>>;

/**
 * The points of the chosen answers as a share of the most points the questionnaire can give,
 * 0–100, rounded. Unanswered questions and answers that are no longer offered count 0; without
 * questions (or with no points to give) the score is undefined.
 */
export function scoreLead(questions: readonly Question[], answers: Answers | undefined): number | undefined {
  let max = 0;
  let got = 0;
  for (const q of questions) {
    max += Math.max(0, ...q.options.map((o) => o.points));
    const chosen = answers?.[q.id];
    got += q.options.find((o) => o.id === chosen)?.points ?? 0;
  }
  if (max === 0) return undefined;
  return Math.round((got / max) * 100);
}

/** The territory and product line the answers give, from questions marked to set them. */
export function answerAttributes(questions: readonly Question[], answers: Answers | undefined): { territory?: string; productLine?: string } {
  const out: { territory?: string; productLine?: string } = {};
  for (const q of questions) {
    if (!q.sets) continue;
    const label = q.options.find((o) => o.id === answers?.[q.id])?.label;
    if (label !== undefined && out[q.sets] === undefined) out[q.sets] = label;
  }
  return out;
}

/**
 * Checks submitted answers against the questionnaire: every key a question, every value one of
 * its answers. Returns the answers to keep, or the first problem.
 */
export function checkAnswers(questions: readonly Question[], input: Readonly<Record<string, unknown>>): { answers: Record<string, string> } | { error: string } {
  const answers: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === '' || value === undefined || value === null) continue;
    const q = questions.find((x) => x.id === key);
    if (!q) return { error: `"${key}" is not a question of this form` };
    if (typeof value !== 'string') return { error: `the answer to "${q.text}" must be the id of one of its answers` };
    if (!q.options.some((o) => o.id === value)) return { error: `"${value}" is not an answer to "${q.text}"` };
    answers[key] = value;
  }
  return { answers };
}
