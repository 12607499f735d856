import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { installFakeApi, mayaAppointment, mayaSession } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';
import { stubLocation } from '../../../support/location';

// Monday, November 23, 2026, noon in Los Angeles: the appointment below is tomorrow.
const NOW = new Date('2026-11-23T20:00:00.000Z');

beforeEach(() => {
  // Only Date is faked: timers stay real so Testing Library and React Query behave normally.
  vi.setSystemTime(NOW);
});

const appointment = mayaAppointment;
/** 8:50 AM in Los Angeles on the day: ten minutes before the 9:00 appointment, joining is open. */
const IN_JOIN_WINDOW = new Date('2026-11-24T16:50:00.000Z');

/** jsdom cannot navigate; stand in for window.location to see where the patient is sent. */
describe('visit page: a booked appointment', () => {
  it('shows the date, time with timezone, provider and what happens next', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    // One large line: the day and the time together, in the patient's zone.
    expect(screen.getByText('Tuesday, November 24, 2026, 9:00 AM to 9:30 AM Pacific Time')).toHaveClass('when-line');
    expect(screen.getByText('Times in Pacific Time')).toBeInTheDocument();
    expect(screen.getByText('Video appointment')).toBeInTheDocument();
    expect(screen.getByText('Dr. Amara Okafor')).toBeInTheDocument();
    // A day ahead: no Join yet; one sentence says when it opens (15 minutes before, as the return
    // page) and what to press then — not a second "come back" sentence beside it.
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Come back here a few minutes/)).not.toBeInTheDocument();
    expect(
      screen.getByText('You can join from Tuesday, November 24, 8:45 AM Pacific Time, 15 minutes before your visit: come back here then and press Join video visit.'),
    ).toHaveAttribute(
      'role',
      'status',
    );
    expect(document.title).toBe('Appointment confirmed – Riverbend Family Clinic');
  });

  it('says a provider will be assigned when none is yet', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'pending', provider: null }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment requested' })).toBeInTheDocument();
    expect(screen.getByText('A provider will be assigned')).toBeInTheDocument();
  });

  it('offers no join button for a cancelled appointment', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'cancelled' }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
  });

  it('hands off to the video portal when the patient joins', async () => {
    vi.setSystemTime(IN_JOIN_WINDOW);
    const assign = stubLocation();
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://portal.example.test/join/4821'));
    const [handoff] = api.callsTo('POST /api/handoff');
    expect(handoff?.body).toEqual({ target: 'visit', visitId: '4821' });
    expect(handoff?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.getByText('Opening your video visit…')).toBeInTheDocument();
  });

  it('shows a failed handoff inline and lets the patient try again', async () => {
    vi.setSystemTime(IN_JOIN_WINDOW);
    const assign = stubLocation();
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('POST /api/handoff', { status: 502, code: 'upstream_unavailable', message: 'The video service is not answering.' }, { times: 1 });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not open your video visit');
    expect(alert).toHaveTextContent('The video service is not answering.');
    expect(assign).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Join video visit' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
  });

  it('refuses to leave for anything but a web address', async () => {
    vi.setSystemTime(IN_JOIN_WINDOW);
    const assign = stubLocation();
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('POST /api/handoff', { status: 200, body: { url: 'javascript:alert(1)' } });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not open your video visit');
    expect(assign).not.toHaveBeenCalled();
  });

  it('shows an error with a retry when the visit cannot be loaded', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('GET /api/visits/:id', 'network', { times: 2 });
    const { user } = renderRoute('/visits/4821', { api });

    expect(await screen.findByRole('heading', { level: 1, name: 'We could not load your visit' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/could not reach the clinic/);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
  });

  it('says when the visit does not exist', async () => {
    renderRoute('/visits/9999', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not find that visit.');
  });
});

describe('visit page: what the patient can do depends on the visit', () => {
  it('offers the appointment link, inviting, moving and cancelling for an upcoming appointment', async () => {
    vi.setSystemTime(IN_JOIN_WINDOW);
    const oneTimeLink = 'https://clinic.example.test/members/appointment/4821?token=abc123';
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, oneTimeLink }] }) });

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    const linkSection = screen.getByRole('region', { name: 'Your appointment link' });
    expect(within(linkSection).getByRole('link', { name: oneTimeLink })).toHaveAttribute('href', oneTimeLink);
    expect(screen.getByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Invite someone to join' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reschedule' })).toHaveAttribute('href', '/visits/4821/reschedule');
    expect(screen.getByRole('button', { name: 'Cancel appointment' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('shows no appointment link section when the clinic issued none', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    expect(screen.queryByRole('region', { name: 'Your appointment link' })).not.toBeInTheDocument();
  });

  it('offers the summary of a completed visit as a download, and nothing to join or change', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'completed', hasSummary: true }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Visit completed' })).toBeInTheDocument();
    const download = screen.getByRole('link', { name: 'Download visit summary' });
    expect(download).toHaveAttribute('href', '/api/visits/4821/summary');
    expect(download).toHaveAttribute('download');
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite someone to join' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Reschedule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).not.toBeInTheDocument();
  });

  it('offers no download when the visit has no summary', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'completed', hasSummary: false }] }),
    });

    await screen.findByRole('heading', { level: 1, name: 'Visit completed' });
    expect(screen.queryByRole('link', { name: 'Download visit summary' })).not.toBeInTheDocument();
  });

  it('says a cancelled appointment will not take place and links to book again', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'cancelled' }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' })).toBeInTheDocument();
    expect(screen.getByText('This visit will not take place.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Book again' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).not.toBeInTheDocument();
  });

  it('offers no changes for an appointment whose time has passed', async () => {
    vi.setSystemTime(new Date('2026-11-25T20:00:00.000Z'));
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    expect(screen.queryByRole('link', { name: 'Reschedule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).not.toBeInTheDocument();
  });

  it('sends a walk-in still in the queue back to the waiting room', async () => {
    const walkin: Visit = { ...appointment, id: '7001', kind: 'walkin', modality: 'video', status: 'pending', provider: null };
    renderRoute('/visits/7001', { api: installFakeApi({ session: mayaSession, visits: [walkin] }) });

    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the waiting room' })).toHaveAttribute('href', '/waiting-room/7001');
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
  });
});

describe('visit page: the confirmation', () => {
  it('leads with the time and the calendar, and folds preparation, the camera check and the invite under Get ready', async () => {
    const { user } = renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [appointment] }),
      state: { booked: true },
    });

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    const when = screen.getByText(/^Tuesday, November 24, 2026, 9:00 AM/);
    const calendar = await screen.findByRole('region', { name: 'Add to your calendar' });
    // Add to calendar comes right after the time line, before anything else in the page's order.
    expect(when.nextElementSibling).toBe(calendar);

    const summary = screen.getByText('Get ready', { selector: 'summary' });
    const fold = summary.closest('details')!;
    expect(fold).not.toHaveAttribute('open');
    expect(within(fold).getByRole('heading', { level: 2, name: 'What to prepare', hidden: true })).toBeInTheDocument();
    expect(within(fold).getByRole('button', { name: 'Check camera and microphone', hidden: true })).toBeInTheDocument();
    expect(within(fold).getByRole('button', { name: 'Invite someone to join', hidden: true })).toBeInTheDocument();

    await user.click(summary);
    expect(fold).toHaveAttribute('open');
    // Moving and cancelling stay outside the fold, in view.
    expect(fold).not.toContainElement(screen.getByRole('button', { name: 'Cancel appointment' }));
  });

  it('says only "cancelled" when an appointment just moved is then cancelled', async () => {
    const { user } = renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [appointment] }),
      state: { notice: 'rescheduled' },
    });

    expect(await screen.findByText('Your appointment has been moved to the new time.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, cancel appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' })).toBeInTheDocument();
    expect(screen.queryByText('Your appointment has been moved to the new time.')).not.toBeInTheDocument();
    expect(screen.getByText('This visit will not take place.')).toBeInTheDocument();
  });
});

describe('visit page: an e-consult', () => {
  const econsult: Visit = {
    id: '5102',
    kind: 'econsult', modality: 'econsult',
    status: 'confirmed',
    start: '2026-11-23T19:30:00.000Z',
    end: '2026-11-23T19:45:00.000Z',
    provider: null,
  };

  it('says it was sent and that a provider will review it, with no video call to join', async () => {
    renderRoute('/visits/5102', { api: installFakeApi({ session: mayaSession, visits: [econsult] }) });

    expect(await screen.findByRole('heading', { level: 1, name: 'E-consult sent' })).toBeInTheDocument();
    expect(screen.getByText(/A provider will review your question and accept it/)).toBeInTheDocument();
    expect(screen.getByText(/The clinic will contact you with their reply/)).toBeInTheDocument();
    expect(screen.getByText('Not yet accepted by a provider')).toBeInTheDocument();
    expect(screen.getByText('11:30 AM Pacific Time')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite someone to join' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Reschedule' })).not.toBeInTheDocument();
  });

  it('says a provider is reviewing it once accepted', async () => {
    renderRoute('/visits/5102', {
      api: installFakeApi({
        session: mayaSession,
        visits: [{ ...econsult, status: 'in_progress', provider: { name: 'Dr. Mei Chen' } }],
      }),
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'A provider is reviewing your e-consult' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Dr. Mei Chen accepted your e-consult/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
  });
});
