import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { VisitTypeChoice } from '../../../../src/features/intake/components/visit-type-choice';
import { laterWords, setLanguage } from '../../../../src/lib/i18n/language';
import { riverbendVisitTypes } from '../../../support/fake-api';

function Harness({ error }: { error?: string }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      <VisitTypeChoice visitTypes={riverbendVisitTypes} value={value} onChange={setValue} error={error} />
      <output aria-label="chosen">{value ?? 'none'}</output>
    </>
  );
}

// These parts render only on later pages, which load the later pages' words first (src/app/router.tsx).
beforeAll(() => laterWords());

describe('What kind of visit?', () => {
  it('names each type with its length, price or "No charge", and how it happens', () => {
    render(<Harness />);
    const group = screen.getByRole('group', { name: 'What kind of visit?' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['type-15', 'type-30', 'type-phone']);
    expect(screen.getByRole('radio', { name: '30-min Consultation' })).toHaveAccessibleDescription('30 minutes · $89.00Video visit');
    expect(screen.getByRole('radio', { name: 'Phone call (15 min)' })).toHaveAccessibleDescription('15 minutes · No chargeBy phone: the clinic calls you');
    expect(screen.getByRole('radio', { name: '15-min Consultation' })).toHaveAccessibleDescription(/\$49\.00/);
  });

  it('is chosen with the keyboard: Tab into the group, arrows move and choose', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.tab();
    expect(screen.getByRole('radio', { name: '15-min Consultation' })).toHaveFocus();
    await user.keyboard(' ');
    expect(screen.getByLabelText('chosen')).toHaveTextContent('type-15');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: '30-min Consultation' })).toBeChecked();
    expect(screen.getByLabelText('chosen')).toHaveTextContent('type-30');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByLabelText('chosen')).toHaveTextContent('type-phone');
  });

  it('says what is wrong, marks the choices invalid and ties the message to the group', () => {
    render(<Harness error="Choose a kind of visit." />);
    const group = screen.getByRole('group', { name: 'What kind of visit?' });
    expect(group).toHaveAccessibleDescription(/Error: Choose a kind of visit\./);
    for (const radio of within(group).getAllByRole('radio')) expect(radio).toHaveAttribute('aria-invalid', 'true');
  });

  it('speaks Spanish: legend, lengths, prices and "Sin costo"', async () => {
    await setLanguage('es');
    render(<Harness />);
    expect(screen.getByRole('group', { name: '¿Qué tipo de consulta?' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Phone call (15 min)' })).toHaveAccessibleDescription('15 minutos · Sin costoPor teléfono: la clínica le llama');
    expect(screen.getByRole('radio', { name: '30-min Consultation' })).toHaveAccessibleDescription('30 minutos · $89.00Consulta por video');
  });
});
