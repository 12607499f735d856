/**
 * The clinic's own intake questions (INTAKE_QUESTIONS): their shape, when each is shown, and
 * whether a set of answers is complete. One definition for the proxy (it validates the file at
 * start and the answers on every intake) and the SPA (it renders and checks them as the patient
 * types). Answers go to VSee as `custom_<id>` intake fields (docs/decisions/054).
 * In zod/mini, like every schema the browser runs (docs/decisions/068-first-page-bytes.md): the
 * clinic's answer carries the questions, and the start page parses that answer. The answers and
 * their checks, which only the details step runs, are in question-answers.ts.
 */
import { z } from 'zod/mini';

/** Letters, digits and "_": it becomes part of a VSee field name (`custom_<id>`). */
export const questionId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'an id is 1–40 lower-case letters, digits or "_", starting with a letter'));

/** Patient-facing wording in both of the app's languages. */
const wording = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(500));
export const localText = z.strictObject({ en: wording(), es: wording() });
export type LocalText = z.infer<typeof localText>;

export const QUESTION_TEXT_MAX = 1000;

const option = z.strictObject({
  value: z.string().check(z.regex(/^[a-z0-9_]{1,40}$/, 'an option value is 1–40 lower-case letters, digits or "_"')),
  label: localText,
});

/**
 * "Show when `question` is `equals`": yes/no takes true or false, a choice one of its option
 * values, a multi-choice an option value it must include.
 */
const condition = z.strictObject({ question: questionId, equals: z.union([z.boolean(), z.string().check(z.minLength(1), z.maxLength(40))]) });

const base = {
  id: questionId,
  label: localText,
  /** A line of help under the label. */
  help: z.optional(localText),
  required: z._default(z.boolean(), false),
  showWhen: z.optional(condition),
};

export const intakeQuestion = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('text'),
    multiline: z._default(z.boolean(), false),
    maxLength: z._default(z.int().check(z.minimum(1), z.maximum(QUESTION_TEXT_MAX)), 500),
  }),
  z.strictObject({ ...base, kind: z.literal('yes_no') }),
  z.strictObject({ ...base, kind: z.literal('choice'), options: z.array(option).check(z.minLength(2), z.maxLength(30)) }),
  z.strictObject({ ...base, kind: z.literal('multi_choice'), options: z.array(option).check(z.minLength(1), z.maxLength(30)) }),
  z.strictObject({ ...base, kind: z.literal('date') }),
]);
export type IntakeQuestion = z.infer<typeof intakeQuestion>;
export type IntakeQuestionInput = z.input<typeof intakeQuestion>;

/** The file: a list, each id once, every condition pointing back at an earlier question with a value it can have. */
export const intakeQuestionList = z.array(intakeQuestion).check(
  z.maxLength(40),
  z.superRefine((list, ctx) => {
    const seen = new Map<string, IntakeQuestion>();
    list.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${q.id}" is used twice` });
      if ('options' in q) {
        const values = q.options.map((o) => o.value);
        if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'option values must differ' });
      }
      const cond = q.showWhen;
      if (cond) {
        const target = seen.get(cond.question);
        if (!target) {
          ctx.addIssue({ code: 'custom', path: [i, 'showWhen', 'question'], message: `"${cond.question}" is not a question before this one` });
        } else if (!conditionFits(target, cond.equals)) {
          ctx.addIssue({ code: 'custom', path: [i, 'showWhen', 'equals'], message: `"${String(cond.equals)}" is not an answer "${target.id}" can have` });
        }
      }
      seen.set(q.id, q);
    });
  }),
);

function conditionFits(q: IntakeQuestion, equals: boolean | string): boolean {
  if (q.kind === 'yes_no') return typeof equals === 'boolean';
  if (q.kind === 'choice' || q.kind === 'multi_choice') return typeof equals === 'string' && q.options.some((o) => o.value === equals);
  return false; // text and date answers are not conditions
}
