/**
 * The clinic's questions renderer with the demo set that ships with the sandbox clinic: every
 * kind, conditions that show and hide questions, required errors, keyboard, Spanish.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { intakeQuestionList } from '../../../../src/api/intake-questions';
import type { QuestionAnswers } from '../../../../src/api/question-answers';
import { ClinicQuestions, questionErrors } from '../../../../src/features/intake/components/clinic-questions';
import { laterWords, setLanguage } from '../../../../src/lib/i18n/language';

const QUESTIONS = intakeQuestionList.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../../../server/vsee-sandbox/intake-questions.json'), 'utf8')));

/** A form around the questions, as the details step holds them: Submit checks and shows errors. */
function Harness() {
  const [answers, setAnswers] = useState<QuestionAnswers>({});
  const [errors, setErrors] = useState<Record<string, ReturnType<typeof questionErrors>[number][1]>>({});
  const [sent, setSent] = useState<string>('');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problems = questionErrors(QUESTIONS, answers);
        setErrors(Object.fromEntries(problems));
        if (problems.length > 0) {
          document.getElementById(`question-${problems[0]![0]}`)?.focus();
          return;
        }
        setSent(JSON.stringify(answers));
      }}
    >
      <ClinicQuestions
        questions={QUESTIONS}
        answers={answers}
        errors={errors}
        onChange={(id, value) =>
          setAnswers((a) => {
            const next = { ...a };
            if (value === undefined) delete next[id];
            else next[id] = value;
            return next;
          })
        }
      />
      <button type="submit">Continue</button>
      <output aria-label="sent">{sent}</output>
    </form>
  );
}

// These parts render only on later pages, which load the later pages' words first (src/app/router.tsx).
beforeAll(() => laterWords());

describe('the clinic’s questions', () => {
  it('shows every kind, with optional ones marked and conditional ones hidden at first', () => {
    render(<Harness />);
    const all = screen.getByRole('group', { name: 'Questions from the clinic' });
    expect(within(all).getByRole('group', { name: 'Do you have any allergies?' })).toBeInTheDocument();
    expect(screen.getAllByRole('radio', { name: 'Yes' })).toHaveLength(3); // allergies, pregnancy, interpreter
    expect(screen.getByRole('textbox', { name: 'Medications you take now (optional)' })).toHaveAccessibleDescription('Include the dose if you know it.');
    expect(screen.getByRole('group', { name: 'Symptoms (optional)' })).toBeInTheDocument();
    expect(screen.getAllByRole('checkbox').map((c) => c.nextSibling?.textContent)).toEqual(['Fever', 'Cough', 'Rash', 'Red eyes']);
    expect(screen.getByRole('group', { name: 'Are you pregnant? (optional)' })).toBeInTheDocument();
    // Conditional: not asked yet.
    for (const hidden of ['What are you allergic to?', 'Since when? (optional)', 'Due date', 'Which language?']) {
      expect(screen.queryByLabelText(hidden)).not.toBeInTheDocument();
    }
  });

  it('shows a question when the earlier answer calls for it, and hides it again', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const allergic = screen.getByRole('group', { name: 'Do you have any allergies?' });
    await user.click(within(allergic).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('textbox', { name: 'What are you allergic to?' })).toBeInTheDocument();
    await user.click(within(allergic).getByRole('radio', { name: 'No' }));
    expect(screen.queryByRole('textbox', { name: 'What are you allergic to?' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Fever' }));
    expect(screen.getByLabelText('Since when? (optional)')).toHaveAttribute('type', 'date');
    await user.click(within(screen.getByRole('group', { name: 'Are you pregnant? (optional)' })).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByLabelText('Due date')).toBeInTheDocument();
  });

  it('refuses Continue with a required answer missing: says which, focuses it, and lets the patient fix it', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const allergic = screen.getByRole('group', { name: 'Do you have any allergies?' });
    expect(allergic).toHaveAccessibleDescription('Error: Answer this question.');
    expect(within(allergic).getByRole('radio', { name: 'Yes' })).toHaveFocus();
    expect(screen.getByLabelText('sent')).toBeEmptyDOMElement();

    // Keyboard only: Space chooses Yes, the follow-up appears, and it is required too.
    await user.keyboard(' ');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const what = screen.getByRole('textbox', { name: 'What are you allergic to?' });
    expect(what).toHaveFocus();
    expect(what).toHaveAccessibleDescription('Error: Answer this question.');
    expect(what).toHaveAttribute('aria-invalid', 'true');
    await user.type(what, 'Penicillin');
    await user.click(screen.getByRole('checkbox', { name: 'Rash' }));
    await user.click(screen.getByRole('checkbox', { name: 'Cough' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    // Multi-choice answers keep the clinic's order, whatever order they were ticked in.
    expect(JSON.parse(screen.getByLabelText('sent').textContent ?? '{}')).toEqual({ is_allergic: true, allergies: 'Penicillin', symptoms: ['cough', 'rash'] });
  });

  it('a required date shown by a condition must be a real one', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(within(screen.getByRole('group', { name: 'Do you have any allergies?' })).getByRole('radio', { name: 'No' }));
    await user.click(within(screen.getByRole('group', { name: 'Are you pregnant? (optional)' })).getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const due = screen.getByLabelText('Due date');
    expect(due).toHaveFocus();
    expect(due).toHaveAccessibleDescription('Error: Answer this question.');
    await user.type(due, '2027-04-10');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(JSON.parse(screen.getByLabelText('sent').textContent ?? '{}')).toEqual({ is_allergic: false, pregnant: 'yes', due_date: '2027-04-10' });
  });

  it('speaks Spanish: the clinic’s own Spanish wording and the app’s', async () => {
    await setLanguage('es');
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.getByRole('group', { name: 'Preguntas de la clínica' })).toBeInTheDocument();
    const allergic = screen.getByRole('group', { name: '¿Tiene alguna alergia?' });
    expect(within(allergic).getByRole('radio', { name: 'Sí' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Medicamentos que toma ahora (opcional)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(allergic).toHaveAccessibleDescription('Error: Responda esta pregunta.');
  });
});
