import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initials, ProviderChoice } from '../../../../src/features/scheduling/components/provider-choice';
import { laterWords, setLanguage } from '../../../../src/lib/i18n/language';
import { riverbendProviders } from '../../../support/fake-api';

function Harness({ initial = null }: { initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <ProviderChoice providers={riverbendProviders} value={value} onChange={setValue} />
      <output aria-label="chosen">{value ?? 'any'}</output>
    </>
  );
}

// These parts render only on later pages, which load the later pages' words first (src/app/router.tsx).
beforeAll(() => laterWords());

describe('Who would you like to see?', () => {
  it('starts at "Any available provider", then lists the providers with their photos', () => {
    render(<Harness />);
    const group = screen.getByRole('group', { name: 'Who would you like to see?' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['any', 'prov-okafor', 'prov-chen']);
    expect(screen.getByRole('radio', { name: 'Any available provider' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Dr. Amara Okafor' })).toHaveAccessibleDescription('Only their times are shown.');
    // The photo is decoration beside the name: no alt text to read twice.
    const photos = group.querySelectorAll('img');
    expect([...photos].map((img) => [img.getAttribute('src'), img.getAttribute('alt')])).toEqual([['https://photos.example.test/okafor.svg', '']]);
    // Dr. Chen has no photo: her initials hold its place, hidden from screen readers like a photo.
    const chen = screen.getByRole('radio', { name: 'Dr. Mei Chen' }).closest('.choice')!;
    expect(chen.querySelector('img')).toBeNull();
    expect(chen.querySelector('[aria-hidden="true"]')).toHaveTextContent(/^MC$/);
  });

  it('makes initials from the first and last names, without titles', () => {
    expect(initials('Dr. Mei Chen')).toBe('MC');
    expect(initials('Amara Okafor-Bello')).toBe('AO');
    expect(initials('Dr. Ángel de la Cruz')).toBe('ÁC');
    expect(initials('Prince')).toBe('P');
    expect(initials('')).toBe('');
  });

  it('is chosen with the keyboard, and back to any provider', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Any available provider' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByLabelText('chosen')).toHaveTextContent('prov-okafor');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByLabelText('chosen')).toHaveTextContent('prov-chen');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getByLabelText('chosen')).toHaveTextContent('any');
  });

  it('shows a preselected provider (from an embed option or a link) as chosen', () => {
    render(<Harness initial="prov-chen" />);
    expect(screen.getByRole('radio', { name: 'Dr. Mei Chen' })).toBeChecked();
  });

  it('shows nothing when the clinic lists no providers', () => {
    const { container } = render(<ProviderChoice providers={[]} value={null} onChange={() => {}} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('speaks Spanish', async () => {
    await setLanguage('es');
    render(<Harness />);
    expect(screen.getByRole('group', { name: '¿Con quién quiere consultar?' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Cualquier proveedor disponible' })).toBeChecked();
  });
});
