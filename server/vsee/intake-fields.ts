/**
 * The clinic's questions' answers as VSee intake custom fields (§4.1: "any number of extra JSON
 * field/value pairs … stored on the Intake object"): `custom_<question id>`, every value a string
 * the provider reads as is, in English like the sample's (`"custom_is_allergic": "Yes"`,
 * `"custom_symptoms": "Rash, Red Eyes"`). Hidden and blank questions send nothing (decision 054).
 */
import type { IntakeQuestion } from '../../src/api/intake-questions';
import { shownAnswers, type QuestionAnswers } from '../../src/api/question-answers';

export function customFields(questions: readonly IntakeQuestion[], answers: QuestionAnswers): Record<string, string> {
  const shown = shownAnswers(questions, answers);
  const out: Record<string, string> = {};
  for (const q of questions) {
    const a = shown[q.id];
    if (a === undefined) continue;
    const label = (value: string) => ('options' in q ? q.options.find((o) => o.value === value)?.label.en : undefined) ?? value;
    let value: string;
    if (typeof a === 'boolean') value = a ? 'Yes' : 'No';
    else if (Array.isArray(a)) value = a.map(label).join(', ');
    else value = q.kind === 'choice' ? label(a) : a;
    out[`custom_${q.id}`] = value;
  }
  return out;
}
