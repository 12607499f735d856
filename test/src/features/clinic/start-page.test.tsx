import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeApi, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

describe('start page', () => {
  it('names the clinic and offers both ways to see a provider', async () => {
    renderRoute('/', { api: installFakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toBeInTheDocument();
    const choices = screen.getByRole('region', { name: 'How would you like to see a provider?' });
    expect(within(choices).getByRole('button', { name: 'See a provider now' })).toBeInTheDocument();
    expect(within(choices).getByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
    expect(screen.getByText('If this is an emergency, call 911.')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe('Riverbend Family Clinic – frontdesk');
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
    expect(screen.queryByRole('button', { name: 'See a provider now' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
  });

  it('hides the walk-in choice when the clinic does not take walk-ins', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: { ...riverbend, walkinEnabled: false } }) });

    expect(await screen.findByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'See a provider now' })).not.toBeInTheDocument();
  });

  it('says so when no online visits are offered at all', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: { ...riverbend, walkinEnabled: false, appointmentEnabled: false } }) });

    expect(await screen.findByText(/Online visits are not available right now/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
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

  it('does not retry an answer that will not change (4xx)', async () => {
    const api = installFakeApi();
    api.fail('GET /api/clinic', { status: 404, code: 'not_found', message: 'No clinic here.' }, { times: 1 });
    renderRoute('/', { api });

    expect(await screen.findByRole('alert')).toHaveTextContent('No clinic here.');
    expect(api.callsTo('GET /api/clinic')).toHaveLength(1);
  });

  it('moves focus to the next page’s heading when the patient chooses', async () => {
    const { user } = renderRoute('/', { api: installFakeApi() });

    await user.click(await screen.findByRole('button', { name: 'Schedule an appointment' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Your details' });
    expect(heading).toHaveFocus();
    expect(document.title).toBe('Your details – frontdesk');
  });
});
