import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { installFakeApi, mayaAppointment, mayaSession, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';
import { stubLocation } from '../../../support/location';

const NOW = new Date('2026-11-23T20:00:00.000Z');

const tomorrow = mayaAppointment;
const question: Visit = {
  id: '5102',
  kind: 'econsult', modality: 'econsult',
  status: 'in_progress',
  start: '2026-11-23T19:30:00.000Z',
  end: '2026-11-23T19:45:00.000Z',
  provider: { name: 'Dr. Mei Chen' },
};
const lastWeek: Visit = {
  id: '3390',
  kind: 'walkin', modality: 'video',
  status: 'completed',
  start: '2026-11-16T18:05:00.000Z',
  end: '2026-11-16T18:20:00.000Z',
  provider: { name: 'Dr. Mei Chen' },
  hasSummary: true,
};
const called: Visit = {
  id: '3001',
  kind: 'appointment', modality: 'video',
  status: 'cancelled',
  start: '2026-11-10T17:00:00.000Z',
  end: '2026-11-10T17:30:00.000Z',
  provider: null,
};

beforeEach(() => {
  vi.setSystemTime(NOW);
});

describe('my visits', () => {
  it('lists upcoming and past visits, each in words and linking to the visit', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [tomorrow, question, lastWeek, called] });
    renderRoute('/visits', { api });

    const upcomingRegion = await screen.findByRole('region', { name: 'Upcoming' });
    expect(screen.getByRole('heading', { level: 1, name: 'My visits' })).toBeInTheDocument();
    expect(document.title).toBe('My visits – Riverbend Family Clinic');
    expect(screen.getByText('Times are shown in Pacific Time.')).toBeInTheDocument();

    const upcoming = within(upcomingRegion).getAllByRole('listitem');
    expect(upcoming).toHaveLength(2);
    // Soonest first: the e-consult sent today, then tomorrow's appointment.
    const [econsultItem, appointmentItem] = upcoming;
    expect(within(econsultItem!).getByRole('link', { name: 'E-consult on Monday, November 23, 2026' })).toHaveAttribute(
      'href',
      '/visits/5102',
    );
    expect(econsultItem).toHaveTextContent('Sent at 11:30 AM Pacific Time');
    expect(econsultItem).toHaveTextContent('Status: A provider is reviewing it');
    expect(
      within(appointmentItem!).getByRole('link', { name: 'Video appointment on Tuesday, November 24, 2026' }),
    ).toHaveAttribute('href', '/visits/4821');
    expect(appointmentItem).toHaveTextContent('9:00 AM to 9:30 AM Pacific Time');
    expect(appointmentItem).toHaveTextContent('Provider: Dr. Amara Okafor');
    expect(appointmentItem).toHaveTextContent('Status: Confirmed');

    const past = within(screen.getByRole('region', { name: 'Past' })).getAllByRole('listitem');
    expect(past.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'Walk-in video visit on Monday, November 16, 2026',
    ]);
    expect(past[0]).toHaveTextContent('Status: Completed');
    // A cancelled visit did not take place: it is listed as cancelled, not among the past visits.
    const cancelled = within(screen.getByRole('region', { name: 'Cancelled' })).getAllByRole('listitem');
    expect(cancelled.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'Video appointment on Tuesday, November 10, 2026',
    ]);
    expect(cancelled[0]).toHaveTextContent('Provider: Not assigned yet');
    expect(cancelled[0]).toHaveTextContent('Status: Cancelled');
    expect(api.callsTo('GET /api/visits')).toHaveLength(1);
  });

  it('opens a visit from the list, moving focus to its heading', async () => {
    const { user, router } = renderRoute('/visits', { api: installFakeApi({ session: mayaSession, visits: [tomorrow] }) });

    await user.click(await screen.findByRole('link', { name: 'Video appointment on Tuesday, November 24, 2026' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/visits/4821');
  });

  it('says when there is nothing to show and offers ways to book', async () => {
    renderRoute('/visits', { api: installFakeApi({ session: mayaSession, visits: [] }) });

    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    expect(within(upcoming).getByText('You have no upcoming visits.')).toBeInTheDocument();
    expect(within(upcoming).getByRole('link', { name: 'Schedule an appointment' })).toHaveAttribute(
      'href',
      '/book/appointment/details',
    );
    expect(within(upcoming).getByRole('link', { name: 'See all ways to get care' })).toHaveAttribute('href', '/');
    expect(within(screen.getByRole('region', { name: 'Past' })).getByText('You have no past visits.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Cancelled' })).not.toBeInTheDocument();
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });

  it('does not offer to schedule when the clinic takes no appointments', async () => {
    renderRoute('/visits', {
      api: installFakeApi({ session: mayaSession, visits: [], clinic: { ...riverbend, appointmentEnabled: false } }),
    });

    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    expect(within(upcoming).getByRole('link', { name: 'See all ways to get care' })).toBeInTheDocument();
    expect(within(upcoming).queryByRole('link', { name: 'Schedule an appointment' })).not.toBeInTheDocument();
  });

  it('hands off to the clinic dashboard', async () => {
    const assign = stubLocation('http://localhost/visits');
    const api = installFakeApi({ session: mayaSession, visits: [tomorrow] });
    const { user } = renderRoute('/visits', { api });

    await user.click(await screen.findByRole('button', { name: 'Go to my clinic dashboard' }));

    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://portal.example.test/u/clinic'));
    const [handoff] = api.callsTo('POST /api/handoff');
    expect(handoff?.body).toEqual({ target: 'dashboard' });
    expect(handoff?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.getByText('Opening your dashboard…')).toBeInTheDocument();
  });

  it('explains a failed dashboard handoff and stays', async () => {
    const assign = stubLocation('http://localhost/visits');
    const api = installFakeApi({ session: mayaSession, visits: [tomorrow] });
    api.fail('POST /api/handoff', { status: 502, code: 'upstream_unavailable', message: 'The clinic portal is not answering.' });
    const { user } = renderRoute('/visits', { api });

    await user.click(await screen.findByRole('button', { name: 'Go to my clinic dashboard' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not open your dashboard');
    expect(alert).toHaveTextContent('The clinic portal is not answering.');
    expect(assign).not.toHaveBeenCalled();
  });

  it('announces loading, then shows an error with a retry', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [tomorrow] });
    api.fail('GET /api/visits', { status: 500, code: 'internal', message: 'Something went wrong on our side.' }, { times: 2 });
    const release = api.hold('GET /api/visits');
    const { user } = renderRoute('/visits', { api });

    expect(await screen.findByText('Loading your visits…')).toBeInTheDocument();
    release();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load your visits');
    expect(screen.queryByText('Loading your visits…')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Upcoming' })).toBeInTheDocument();
  });

  it('shows "Your session has ended" when the patient is no longer signed in', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [tomorrow] });
    api.fail('GET /api/visits', { status: 401, code: 'unauthorized', message: 'Your session has ended.' });
    renderRoute('/visits', { api });

    expect(await screen.findByRole('heading', { level: 1, name: 'Your session has ended' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Start again' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('region', { name: 'Upcoming' })).not.toBeInTheDocument();
  });
});
