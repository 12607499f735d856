import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, mayaAppointment, mayaSession, slotAt } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

// Monday, November 23, 2026, noon in Los Angeles.
const NOW = new Date('2026-11-23T20:00:00.000Z');
const appointment = mayaAppointment;
const WED_2PM = slotAt('2026-11-25T22:00:00.000Z', 30, ['prov-chen']);
const THU_10AM = slotAt('2026-11-26T18:00:00.000Z');
const WED_2PM_NAME = 'Wednesday, November 25, 2:00 PM Pacific Time';

beforeEach(() => {
  vi.setSystemTime(NOW);
});

describe('reschedule an appointment', () => {
  it('picks a new time for this visit and moves the appointment there', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment], slots: [WED_2PM, THU_10AM] });
    const { user, router } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('link', { name: 'Reschedule' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new time' })).toHaveFocus();
    expect(screen.getByText('Your appointment is now on Tuesday, November 24, 9:00 AM Pacific Time.')).toBeInTheDocument();
    await user.click(await screen.findByRole('tab', { name: /^Wednesday/ }));
    await user.click(screen.getByRole('radio', { name: WED_2PM_NAME }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const [availability] = api.callsTo('GET /api/availability');
    expect(availability?.query.get('visitId')).toBe('4821');
    expect(availability?.query.has('intakeId')).toBe(false);

    expect(await screen.findByRole('heading', { level: 1, name: 'Review your new time' })).toHaveFocus();
    expect(screen.getByText(`Move your appointment to ${WED_2PM_NAME}.`)).toBeInTheDocument();
    expect(screen.getByText('2:00 PM to 2:30 PM Pacific Time')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Confirm new time' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/visits/4821');
    expect(screen.getByText('Wednesday, November 25, 2026, 2:00 PM to 2:30 PM Pacific Time')).toBeInTheDocument();
    expect(screen.getByText('Dr. Mei Chen')).toBeInTheDocument();
    expect(screen.getByText('Your appointment has been moved to the new time.')).toBeInTheDocument();

    const moves = api.callsTo('POST /api/visits/:id/reschedule');
    expect(moves).toHaveLength(1);
    expect(moves[0]?.path).toBe('/api/visits/4821/reschedule');
    expect(moves[0]?.body).toEqual({ start: WED_2PM.start, end: WED_2PM.end });
    expect(moves[0]?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(moves[0]?.headers.get('X-Frontdesk')).toBe('1');
  });

  it('goes back to the times with an explanation when someone else took the new time', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment], slots: [WED_2PM, THU_10AM] });
    const { user, router } = renderRoute('/visits/4821/reschedule', { api });

    await user.click(await screen.findByRole('radio', { name: WED_2PM_NAME }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Review your new time' });
    // Another patient books Wednesday 2 PM meanwhile.
    api.slots = api.slots.filter((slot) => slot !== WED_2PM);
    await user.click(screen.getByRole('button', { name: 'Confirm new time' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new time' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/visits/4821/reschedule');
    expect(screen.getByRole('alert')).toHaveTextContent('Someone else booked that time a moment ago');
    const times = await screen.findByRole('radiogroup', { name: /^Times on / });
    expect(within(times).getAllByRole('radio').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Thursday, November 26, 10:00 AM Pacific Time',
    ]);
    expect(api.visits.get('4821')?.start).toBe(appointment.start);
  });

  it('retries a failed move with the same Idempotency-Key, and a new time gets a new one', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment], slots: [WED_2PM, THU_10AM] });
    api.fail('POST /api/visits/:id/reschedule', { status: 503, code: 'upstream_unavailable', message: 'Not now.' }, { times: 2 });
    const { user } = renderRoute('/visits/4821/reschedule', { api });

    await user.click(await screen.findByRole('radio', { name: WED_2PM_NAME }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm new time' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not move your appointment');
    expect(alert).toHaveTextContent('Not now.');
    await user.click(screen.getByRole('button', { name: 'Confirm new time' }));
    await vi.waitFor(() => expect(api.callsTo('POST /api/visits/:id/reschedule')).toHaveLength(2));

    await user.click(screen.getByRole('link', { name: 'Choose a different time' }));
    await user.click(await screen.findByRole('tab', { name: 'Thursday, November 26 (1 time)' }));
    await user.click(screen.getByRole('radio', { name: 'Thursday, November 26, 10:00 AM Pacific Time' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm new time' }));
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    const keys = api.callsTo('POST /api/visits/:id/reschedule').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('sends the patient back to the times when the chosen time was lost (a reload)', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment], slots: [WED_2PM] });
    const { router } = renderRoute('/visits/4821/reschedule/review', { api });

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new time' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/visits/4821/reschedule');
    expect(api.callsTo('POST /api/visits/:id/reschedule')).toHaveLength(0);
  });

  it('says so when there is no other time, and keeps the appointment', async () => {
    renderRoute('/visits/4821/reschedule', { api: installFakeApi({ session: mayaSession, visits: [appointment], slots: [] }) });

    expect(await screen.findByText('There are no open times in the next 28 days.')).toBeInTheDocument();
    expect(screen.getByText('Your appointment stays as it is. Please check again later.')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Keep my current time' })[0]).toHaveAttribute('href', '/visits/4821');
  });

  it('does not offer times for a visit that can no longer be moved', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'cancelled' }], slots: [WED_2PM] });
    renderRoute('/visits/4821/reschedule', { api });

    expect(await screen.findByText('This visit cannot be moved')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to your visit' })).toHaveAttribute('href', '/visits/4821');
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/availability')).toHaveLength(0);
  });
});
