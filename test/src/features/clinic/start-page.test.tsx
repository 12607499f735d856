import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi, mayaSession, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

describe('start page', () => {
  it('names the clinic and offers both ways to see a provider', async () => {
    renderRoute('/', { api: installFakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toBeInTheDocument();
    const choices = screen.getByRole('region', { name: 'How would you like to see a provider?' });
    expect(within(choices).getByRole('button', { name: 'See a provider now' })).toBeInTheDocument();
    expect(within(choices).getByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
    // Riverbend takes no e-consults.
    expect(within(choices).queryByRole('button', { name: 'Send a question to a provider' })).not.toBeInTheDocument();
    expect(screen.getByText('If this is an emergency, call 911.')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe('Riverbend Family Clinic');
    // The header carries the clinic's name too, as a way home.
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Riverbend Family Clinic' })).toHaveAttribute(
      'href',
      '/',
    );
  });

  it('shows a closed clinic’s message and offers only appointments', async () => {
    const api = installFakeApi({
      clinic: { ...riverbend, isOpen: false, closedMessage: 'We reopen Monday at 8 AM Pacific time.' },
    });
    renderRoute('/', { api });

    expect(await screen.findByText('We reopen Monday at 8 AM Pacific time.')).toBeInTheDocument();
    expect(screen.getByText('The clinic is closed right now')).toBeInTheDocument();
    expect(
      screen.getByText('You cannot see a provider right now, but you can schedule an appointment for later below.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'See a provider now' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
  });

  it('gives a closed clinic’s phone number as a link to call', async () => {
    const api = installFakeApi({ clinic: { ...riverbend, isOpen: false, phone: '+1 555-010-2000' } });
    renderRoute('/', { api });

    const closed = (await screen.findByText('The clinic is closed right now')).closest('[role="status"]');
    expect(closed).not.toBeNull();
    expect(within(closed as HTMLElement).getByText(/To talk to someone at the clinic, call/)).toBeInTheDocument();
    expect(within(closed as HTMLElement).getByRole('link', { name: '+1 555-010-2000' })).toHaveAttribute('href', 'tel:+15550102000');
  });

  it('says nothing of a phone when the clinic has none', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: { ...riverbend, isOpen: false } }) });

    await screen.findByText('The clinic is closed right now');
    expect(screen.queryByText(/To talk to someone at the clinic/)).not.toBeInTheDocument();
  });

  it('offers a closed clinic’s appointments and e-consults instead of the queue', async () => {
    const api = installFakeApi({ clinic: { ...riverbend, isOpen: false, econsultEnabled: true } });
    renderRoute('/', { api });

    const choices = await screen.findByRole('region', { name: 'How would you like to see a provider?' });
    expect(screen.getByText('The clinic is closed right now')).toBeInTheDocument();
    expect(
      screen.getByText(
        'You cannot see a provider right now, but you can schedule an appointment for later or send a question to a provider below.',
      ),
    ).toBeInTheDocument();
    expect(within(choices).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Schedule an appointment',
      'Send a question to a provider',
    ]);
  });

  it('tells the patient to come back later when a closed clinic offers nothing else', async () => {
    const api = installFakeApi({
      clinic: { ...riverbend, isOpen: false, appointmentEnabled: false, closedMessage: 'Open weekdays 8 AM to 6 PM.' },
    });
    renderRoute('/', { api });

    expect(await screen.findByText('Open weekdays 8 AM to 6 PM.')).toBeInTheDocument();
    expect(screen.getByText('Please come back later, during opening hours.')).toBeInTheDocument();
    // Nothing to book (the header's language switch is no way to see a provider).
    expect(within(screen.getByRole('main')).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByText(/Online visits are not available/)).not.toBeInTheDocument();
  });

  it('offers an e-consult when the clinic takes them, and says what one is', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: { ...riverbend, econsultEnabled: true } }) });

    const choices = await screen.findByRole('region', { name: 'How would you like to see a provider?' });
    const econsult = within(choices).getByRole('button', { name: 'Send a question to a provider' });
    expect(econsult).toHaveAccessibleDescription(
      'An e-consult: a provider reviews your question and replies. There is no video call now.',
    );
    expect(within(choices).getAllByRole('button')).toHaveLength(3);
  });

  it('shows "My visits" in the header only to a signed-in patient', async () => {
    const api = installFakeApi({ session: mayaSession });
    const { user, router } = renderRoute('/', { api });

    const header = screen.getByRole('banner');
    const myVisits = await within(header).findByRole('link', { name: 'My visits' });
    expect(myVisits).toHaveAttribute('href', '/visits');
    await user.click(myVisits);

    expect(await screen.findByRole('heading', { level: 1, name: 'My visits' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/visits');
  });

  it('shows no "My visits" link when nobody is signed in', async () => {
    const api = installFakeApi({ session: null });
    renderRoute('/', { api });

    await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' });
    await vi.waitFor(() => expect(api.callsTo('GET /api/session')).toHaveLength(1));
    expect(within(screen.getByRole('banner')).queryByRole('link', { name: 'My visits' })).not.toBeInTheDocument();
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
  });

  it('hides the walk-in choice when the clinic does not take walk-ins', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: { ...riverbend, walkinEnabled: false } }) });

    expect(await screen.findByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'See a provider now' })).not.toBeInTheDocument();
  });

  it('says so when no online visits are offered at all', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: { ...riverbend, walkinEnabled: false, appointmentEnabled: false } }) });

    expect(await screen.findByText(/Online visits are not available right now/)).toBeInTheDocument();
    // Nothing to book (the header's language switch is no way to see a provider).
    expect(within(screen.getByRole('main')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('announces that it is loading until the clinic answers', async () => {
    const api = installFakeApi();
    const release = api.hold('GET /api/clinic');
    renderRoute('/', { api });

    expect(await screen.findByText("Loading the clinic's details…")).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome' })).toBeInTheDocument();

    release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toBeInTheDocument();
    expect(screen.queryByText("Loading the clinic's details…")).not.toBeInTheDocument();
  });

  it('shows an error with a retry when the clinic cannot be loaded', async () => {
    const api = installFakeApi();
    // The first load and its one automatic retry both fail.
    api.fail('GET /api/clinic', { status: 503, code: 'upstream_unavailable', message: 'The clinic is not answering.' }, { times: 2 });
    const { user } = renderRoute('/', { api });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the clinic');
    expect(alert).toHaveTextContent('The clinic is not answering.');
    expect(api.callsTo('GET /api/clinic')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the request’s reference under a server error, to quote to the clinic', async () => {
    const api = installFakeApi();
    const body = { error: { code: 'upstream_unavailable', message: 'The clinic is not answering.', reference: 'K7M2Q9XA3P' } };
    api.fail('GET /api/clinic', { status: 502, body }, { times: 2 });
    renderRoute('/', { api });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The clinic is not answering.');
    expect(alert).toHaveTextContent('Reference: K7M2Q9XA3P');
  });

  it('does not retry an answer that will not change (4xx)', async () => {
    const api = installFakeApi();
    api.fail('GET /api/clinic', { status: 404, code: 'not_found', message: 'No clinic here.' }, { times: 1 });
    renderRoute('/', { api });

    expect(await screen.findByRole('alert')).toHaveTextContent('No clinic here.');
    expect(api.callsTo('GET /api/clinic')).toHaveLength(1);
  });

  it('says booking needs a sign-in on the health system’s site when the clinic takes no guests', async () => {
    renderRoute('/', { api: installFakeApi({ session: null, clinic: { ...riverbend, guestBooking: false } }) });

    const choices = await screen.findByRole('region', { name: 'How would you like to see a provider?' });
    expect(
      await within(choices).findByText("To book, please sign in on your health system's website first."),
    ).toBeInTheDocument();
  });

  it('says nothing about signing in to a signed-in patient', async () => {
    const api = installFakeApi({ session: mayaSession, clinic: { ...riverbend, guestBooking: false } });
    renderRoute('/', { api });
    await screen.findByRole('region', { name: 'How would you like to see a provider?' });
    await within(screen.getByRole('banner')).findByRole('link', { name: 'My visits' });
    expect(screen.queryByText(/please sign in on your health system/)).not.toBeInTheDocument();
  });

  it('says nothing about signing in when guests may book', async () => {
    const api = installFakeApi({ session: null });
    renderRoute('/', { api });
    await screen.findByRole('region', { name: 'How would you like to see a provider?' });
    await vi.waitFor(() => expect(api.callsTo('GET /api/session')).toHaveLength(1));
    // Let the answer (nobody signed in) reach the page.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(screen.queryByText(/please sign in on your health system/)).not.toBeInTheDocument();
  });

  it('moves focus to the next page’s heading when the patient chooses', async () => {
    const { user } = renderRoute('/', { api: installFakeApi() });

    await user.click(await screen.findByRole('button', { name: 'Schedule an appointment' }));

    // Times first: the appointment's first step asks where the patient is.
    const heading = await screen.findByRole('heading', { level: 1, name: 'Book an appointment' });
    expect(heading).toHaveFocus();
    expect(document.title).toBe('Book an appointment – Riverbend Family Clinic');
  });
});
