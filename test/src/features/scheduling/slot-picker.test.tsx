import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, mayaSession, slotAt } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

// Monday, November 23, 2026, noon in Los Angeles (the test timezone); Pacific Standard Time.
const NOW = new Date('2026-11-23T20:00:00.000Z');
const TUE_9AM = slotAt('2026-11-24T17:00:00.000Z');
const TUE_930AM = slotAt('2026-11-24T17:30:00.000Z', 30, ['prov-chen']);
const WED_2PM = slotAt('2026-11-25T22:00:00.000Z');
// In the flow as if the patient had just sent their details.
const flow = { kind: 'appointment' as const, intakeId: 'seeded-intake-1', intakeSignature: '{}' };

beforeEach(() => {
  // Only Date is faked: timers stay real so Testing Library and React Query behave normally.
  vi.setSystemTime(NOW);
});

describe('slot picker', () => {
  it('asks for the next 14 days for this intake and says which timezone it shows', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    renderRoute('/book/appointment/time', { api, flow });

    await screen.findByRole('group', { name: 'Available times' });
    const [call] = api.callsTo('GET /api/availability');
    expect(call?.query.get('intakeId')).toBe('seeded-intake-1');
    expect(call?.query.get('from')).toBe(NOW.toISOString());
    expect(call?.query.get('to')).toBe('2026-12-07T20:00:00.000Z');
    expect(screen.getByText('Times are shown in Pacific Standard Time (America/Los_Angeles).')).toBeInTheDocument();
  });

  it('groups times by the patient’s day and names each with its full date, time and zone', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [WED_2PM, TUE_930AM, TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    const times = await screen.findByRole('group', { name: 'Available times' });
    const buttons = within(times).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['9:00 AM', '9:30 AM']);
    expect(buttons[0]).toHaveAccessibleName('Tuesday, November 24, 9:00 AM Pacific Standard Time');
    expect(buttons[1]).toHaveAccessibleName('Tuesday, November 24, 9:30 AM Pacific Standard Time');
    expect(within(times).getByRole('list')).toBeInTheDocument();

    const days = screen.getByRole('region', { name: 'Choose a day' });
    expect(within(days).getByRole('button', { name: 'Tuesday, November 24 (2 times)' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(within(days).getByRole('button', { name: 'Wednesday, November 25 (1 time)', pressed: false }));

    expect(within(days).getByRole('button', { name: 'Wednesday, November 25 (1 time)' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(days).getByRole('button', { name: 'Tuesday, November 24 (2 times)' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('heading', { level: 2, name: 'Times on Wednesday, November 25' })).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Available times' })).getByRole('button', {
        name: 'Wednesday, November 25, 2:00 PM Pacific Standard Time',
      }),
    ).toHaveTextContent('2:00 PM');
  });

  it('says so when there are no open times', async () => {
    renderRoute('/book/appointment/time', { api: installFakeApi({ session: mayaSession, slots: [] }), flow });

    expect(await screen.findByText('There are no open times in the next 14 days.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Available times' })).not.toBeInTheDocument();
  });

  it('shows an error with a retry when times cannot be loaded', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    api.fail('GET /api/availability', { status: 500, code: 'internal', message: 'Something went wrong on our side.' }, { times: 2 });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not load the available times');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('group', { name: 'Available times' })).toBeInTheDocument();
  });

  it('sends the patient back to the details page when the flow was lost (a reload)', async () => {
    const { router } = renderRoute('/book/appointment/time', { api: installFakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Your details' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/book/appointment/details');
    expect(screen.getByText(/Please fill in your details first/)).toBeInTheDocument();
  });

  it('books the chosen time after review and shows the confirmation', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    const { user, router } = renderRoute('/book/appointment/time', { api, flow });

    await user.click(await screen.findByRole('button', { name: 'Tuesday, November 24, 9:30 AM Pacific Standard Time' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Review your appointment' })).toHaveFocus();
    expect(screen.getByText('Tuesday, November 24, 2026')).toBeInTheDocument();
    expect(screen.getByText('9:30 AM to 10:00 AM Pacific Standard Time')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toHaveFocus();
    expect(screen.getByText('Dr. Sam Chen')).toBeInTheDocument();
    const [booking] = api.callsTo('POST /api/appointments');
    expect(booking?.body).toEqual({ intakeId: 'seeded-intake-1', start: TUE_930AM.start, end: TUE_930AM.end });
    expect(booking?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(booking?.headers.get('X-Frontdesk')).toBe('1');
    const [visitId] = [...api.visits.keys()];
    expect(router.state.location.pathname).toBe(`/visits/${visitId}`);
  });

  it('goes back to the times with an explanation when someone else took the slot', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await user.click(await screen.findByRole('button', { name: 'Tuesday, November 24, 9:00 AM Pacific Standard Time' }));
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    // Another patient books 9:00 while Maya is reading the review page.
    api.slots = api.slots.filter((slot) => slot !== TUE_9AM);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a time' })).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Someone else booked that time a moment ago');
    const times = await screen.findByRole('group', { name: 'Available times' });
    expect(within(times).getAllByRole('button').map((b) => b.textContent)).toEqual(['9:30 AM']);
    expect(api.callsTo('GET /api/availability')).toHaveLength(2);
  });

  it('shows other booking errors on the review page and retries with the same Idempotency-Key', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    api.fail('POST /api/appointments', { status: 503, code: 'upstream_unavailable', message: 'The clinic is not answering.' }, { times: 1 });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await user.click(await screen.findByRole('button', { name: 'Tuesday, November 24, 9:00 AM Pacific Standard Time' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not book this time');
    expect(alert).toHaveTextContent('The clinic is not answering.');

    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    const keys = api.callsTo('POST /api/appointments').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('uses a new Idempotency-Key for a new choice of time', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    api.fail('POST /api/appointments', { status: 503, code: 'upstream_unavailable', message: 'Not now.' }, { times: 1 });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await user.click(await screen.findByRole('button', { name: 'Tuesday, November 24, 9:00 AM Pacific Standard Time' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('link', { name: 'Choose a different time' }));
    await user.click(await screen.findByRole('button', { name: 'Tuesday, November 24, 9:30 AM Pacific Standard Time' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    const keys = api.callsTo('POST /api/appointments').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  });
});
