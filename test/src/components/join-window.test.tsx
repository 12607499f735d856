import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JoinWindow } from '../../../src/components/join-window';
import { joinState } from '../../../src/lib/join-window';
import { laterWords } from '../../../src/lib/i18n/language';

// Tuesday, November 24, 2026, 9:00 AM in Los Angeles (the test timezone).
const START = '2026-11-24T17:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

afterEach(() => {
  vi.useRealTimers();
});

// These parts render only on later pages, which load the later pages' words first (src/app/router.tsx).
beforeAll(() => laterWords());

describe('join window', () => {
  it('opens an appointment 15 minutes before its start; a visit under way or a walk-in at once', () => {
    const appt = { kind: 'appointment' as const, status: 'confirmed' as const, start: START };
    expect(joinState(appt, at('2026-11-24T16:44:59.000Z'))).toEqual({ kind: 'later', opensAt: '2026-11-24T16:45:00.000Z' });
    expect(joinState(appt, at('2026-11-24T16:45:00.000Z'))).toEqual({ kind: 'open' });
    expect(joinState({ ...appt, status: 'in_progress' }, at('2026-11-20T00:00:00.000Z'))).toEqual({ kind: 'open' });
    expect(joinState({ ...appt, kind: 'walkin', status: 'pending' }, at('2026-11-20T00:00:00.000Z'))).toEqual({ kind: 'open' });
    expect(joinState({ ...appt, status: 'cancelled' }, at(START))).toEqual({ kind: 'closed' });
    expect(joinState({ ...appt, kind: 'econsult' }, at(START))).toEqual({ kind: 'closed' });
  });

  it('says when joining opens, then offers Join on its own when the time comes', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(at('2026-11-24T16:44:50.000Z'));
    render(
      <JoinWindow visit={{ kind: 'appointment', status: 'confirmed', start: START }}>
        <button type="button">Join video visit</button>
      </JoinWindow>,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'You can join from Tuesday, November 24, 8:45 AM Pacific Time, 15 minutes before your visit:',
    );
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();

    act(() => {
      vi.advanceTimersByTime(15_000);
    });
    expect(screen.getByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});
