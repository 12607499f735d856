/**
 * The clinic's own questions (INTAKE_QUESTIONS), in the patient's language: text, yes/no, one
 * choice, several choices, a date; optional ones say so; a question with a condition appears only
 * when the earlier answer calls for it. Controlled: the details form holds the answers and asks
 * `questionErrors()` before it sends them (the proxy checks them again).
 */
import type { ReactNode } from 'react';
import type { IntakeQuestion } from '../../../api/intake-questions';
import { answerProblems, isShown, type AnswerProblem, type QuestionAnswer, type QuestionAnswers } from '../../../api/question-answers';
import { Field, FieldError } from '../../../components/field';
import type { Messages } from '../../../lib/i18n/en';
import { format, useI18n } from '../../../lib/i18n/language';

export interface ClinicQuestionsProps {
  questions: readonly IntakeQuestion[];
  answers: QuestionAnswers;
  onChange: (id: string, value: QuestionAnswer | undefined) => void;
  /** Problems to show, by question id (after a submit, or from the proxy). */
  errors: Partial<Record<string, AnswerProblem>>;
  idPrefix?: string;
}

/** The id of a question's first control: where focus goes when its answer is refused. */
export const questionControlId = (questionId: string, idPrefix = 'question') => `${idPrefix}-${questionId}`;

/** The problems of the questions shown, in page order (the first is where focus goes). */
export function questionErrors(questions: readonly IntakeQuestion[], answers: QuestionAnswers): Array<[string, AnswerProblem]> {
  const problems = answerProblems(questions, answers);
  return questions.filter((q) => problems[q.id]).map((q) => [q.id, problems[q.id]!]);
}

export function problemText(q: IntakeQuestion, problem: AnswerProblem, t: Messages['choices']): string {
  switch (problem) {
    case 'required':
      return t.answerRequired;
    case 'too_long':
      return format(t.answerTooLong, { max: q.kind === 'text' ? q.maxLength : 0 });
    case 'date_format':
      return t.answerDate;
    case 'invalid':
      return t.answerInvalid;
  }
}

export function ClinicQuestions({ questions, answers, onChange, errors, idPrefix = 'question' }: ClinicQuestionsProps) {
  const { t: all, lang } = useI18n();
  const t = all.choices;
  const shown = questions.filter((q) => isShown(q, answers, questions));
  if (shown.length === 0) return null;

  const labelOf = (q: IntakeQuestion) => (q.required ? q.label[lang] : `${q.label[lang]} ${t.optional}`);

  const group = (q: IntakeQuestion, error: string | undefined, body: ReactNode) => {
    const id = questionControlId(q.id, idPrefix);
    const describedBy = [error ? `${id}-error` : null, q.help ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
    return (
      <fieldset key={q.id} className={error ? 'fieldset choices question field-invalid' : 'fieldset choices question'} aria-describedby={describedBy}>
        <legend>{labelOf(q)}</legend>
        {q.help ? (
          <p id={`${id}-hint`} className="field-hint">
            {q.help[lang]}
          </p>
        ) : null}
        {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
        {body}
      </fieldset>
    );
  };

  const radio = (q: IntakeQuestion, key: string, value: QuestionAnswer, label: string, first: boolean, invalid: boolean) => {
    const base = questionControlId(q.id, idPrefix);
    const id = first ? base : `${base}-${key}`;
    return (
      <div className="choice" key={key}>
        <input
          id={id}
          type="radio"
          name={base}
          checked={answers[q.id] === value}
          onChange={() => onChange(q.id, value)}
          aria-invalid={invalid ? true : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  };

  return (
    <fieldset className="fieldset">
      <legend>{t.questionsLegend}</legend>
      <p className="field-hint">{t.questionsIntro}</p>
      {shown.map((q) => {
        const problem = errors[q.id];
        const error = problem ? problemText(q, problem, t) : undefined;
        const id = questionControlId(q.id, idPrefix);
        const answer = answers[q.id];
        switch (q.kind) {
          case 'text':
            return (
              <Field key={q.id} id={id} label={labelOf(q)} hint={q.help?.[lang]} error={error}>
                {(control) => {
                  const props = {
                    ...control,
                    value: typeof answer === 'string' ? answer : '',
                    maxLength: q.maxLength,
                    'aria-required': q.required || undefined,
                    onChange: (event: { target: { value: string } }) => onChange(q.id, event.target.value),
                  };
                  return q.multiline ? <textarea {...props} rows={3} /> : <input {...props} type="text" />;
                }}
              </Field>
            );
          case 'date':
            return (
              <Field key={q.id} id={id} label={labelOf(q)} hint={q.help?.[lang]} error={error}>
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    value={typeof answer === 'string' ? answer : ''}
                    aria-required={q.required || undefined}
                    onChange={(event) => onChange(q.id, event.target.value || undefined)}
                  />
                )}
              </Field>
            );
          case 'yes_no':
            return group(
              q,
              error,
              <>
                {radio(q, 'yes', true, t.yes, true, !!error)}
                {radio(q, 'no', false, t.no, false, !!error)}
              </>,
            );
          case 'choice':
            return group(
              q,
              error,
              q.options.map((o, i) => radio(q, o.value, o.value, o.label[lang], i === 0, !!error)),
            );
          case 'multi_choice': {
            const chosen = Array.isArray(answer) ? answer : [];
            return group(
              q,
              error,
              q.options.map((o, i) => {
                const optionId = i === 0 ? id : `${id}-${o.value}`;
                return (
                  <div className="choice" key={o.value}>
                    <input
                      id={optionId}
                      type="checkbox"
                      checked={chosen.includes(o.value)}
                      aria-invalid={error ? true : undefined}
                      onChange={(event) => {
                        const next = event.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value);
                        // In the clinic's order, whatever order they were ticked in.
                        onChange(q.id, q.options.map((x) => x.value).filter((v) => next.includes(v)));
                      }}
                    />
                    <label htmlFor={optionId}>{o.label[lang]}</label>
                  </div>
                );
              }),
            );
          }
        }
      })}
    </fieldset>
  );
}
