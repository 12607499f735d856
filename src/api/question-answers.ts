/**
 * Answers to the clinic's intake questions (intake-questions.ts): their shape, which are asked
 * given the answers so far, and what is wrong with them. The proxy checks them on every intake;
 * the details step as the patient types. Apart from the questions, so the start page — which
 * parses the questions with the clinic's answer — does not download them (docs/decisions/068).
 */
import { z } from 'zod/mini';
import { QUESTION_TEXT_MAX, questionId, type IntakeQuestion } from './intake-questions';

/** One answer: text or a date (YYYY-MM-DD) or a choice's value; yes/no; a multi-choice's values. */
export const questionAnswer = z.union([
  z.string().check(z.maxLength(QUESTION_TEXT_MAX)),
  z.boolean(),
  z.array(z.string().check(z.maxLength(40))).check(z.maxLength(30)),
]);
export type QuestionAnswer = z.infer<typeof questionAnswer>;
export const questionAnswers = z
  .record(questionId, questionAnswer)
  .check(z.refine((a) => Object.keys(a).length <= 40, 'too many answers'));
export type QuestionAnswers = z.infer<typeof questionAnswers>;

/** Whether the question is asked, given the answers so far (a hidden question's answer does not count). */
export function isShown(q: IntakeQuestion, answers: QuestionAnswers, list: readonly IntakeQuestion[]): boolean {
  const cond = q.showWhen;
  if (!cond) return true;
  const target = list.find((x) => x.id === cond.question);
  if (!target || !isShown(target, answers, list)) return false;
  const a = answers[cond.question];
  return Array.isArray(a) ? typeof cond.equals === 'string' && a.includes(cond.equals) : a === cond.equals;
}

const blank = (a: QuestionAnswer | undefined) => a === undefined || (typeof a === 'string' && a.trim() === '') || (Array.isArray(a) && a.length === 0);

function realDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Why an answer is refused: `required`, `too_long`, `date_format`, or `invalid` (not an answer this question has). */
export type AnswerProblem = 'required' | 'too_long' | 'date_format' | 'invalid';

/** The problem with one shown question's answer, or null. */
export function answerProblem(q: IntakeQuestion, a: QuestionAnswer | undefined): AnswerProblem | null {
  if (blank(a)) return q.required ? 'required' : null;
  switch (q.kind) {
    case 'text':
      if (typeof a !== 'string') return 'invalid';
      return a.trim().length > q.maxLength ? 'too_long' : null;
    case 'yes_no':
      return typeof a === 'boolean' ? null : 'invalid';
    case 'date':
      return typeof a === 'string' && realDate(a) ? null : 'date_format';
    case 'choice':
      return typeof a === 'string' && q.options.some((o) => o.value === a) ? null : 'invalid';
    case 'multi_choice':
      return Array.isArray(a) && new Set(a).size === a.length && a.every((v) => q.options.some((o) => o.value === v)) ? null : 'invalid';
  }
}

/**
 * Every problem, keyed by question id, over the questions shown; answers to unknown or hidden
 * questions are not problems (they are dropped: see shownAnswers).
 */
export function answerProblems(list: readonly IntakeQuestion[], answers: QuestionAnswers): Record<string, AnswerProblem> {
  const out: Record<string, AnswerProblem> = {};
  for (const q of list) {
    if (!isShown(q, answers, list)) continue;
    const p = answerProblem(q, answers[q.id]);
    if (p) out[q.id] = p;
  }
  return out;
}

/** Only the answers to questions that are shown and answered, trimmed. */
export function shownAnswers(list: readonly IntakeQuestion[], answers: QuestionAnswers): QuestionAnswers {
  const out: QuestionAnswers = {};
  for (const q of list) {
    const a = answers[q.id];
    if (!isShown(q, answers, list) || blank(a) || a === undefined) continue;
    out[q.id] = typeof a === 'string' ? a.trim() : a;
  }
  return out;
}
