/**
 * A provider's room (/r/{roomCode}): the start page asks for that room's settings, the intake is
 * made for that room, and an unknown room gets a clear page that leads back to the clinic.
 */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setRoom } from '../../../../src/lib/room';
import { installFakeApi, maya, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

afterEach(() => setRoom(null));

describe('a provider’s room', () => {
  it('shows the room’s start page and makes the intake for that room', async () => {
    const api = installFakeApi({ clinic: { ...riverbend, name: 'Dr. Ruiz' } });
    const { user } = renderRoute('/r/k3x9q', { api });
    await user.click(await screen.findByRole('button', { name: 'See a provider now' }, { timeout: 5000 }));
    // The header names the room.
    expect(screen.getByRole('link', { name: 'Dr. Ruiz' })).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/clinic' && c.query.get('room') === 'k3x9q')).toBe(true);

    await user.type(await screen.findByLabelText('First name'), maya.firstName);
    await user.type(screen.getByLabelText('Last name'), maya.lastName);
    await user.type(screen.getByLabelText('Date of birth'), maya.dob);
    await user.type(screen.getByLabelText('Email'), maya.email);
    await user.selectOptions(screen.getByLabelText('State'), maya.stateName);
    await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    await screen.findByRole('heading', { level: 1, name: /in the queue/i }, { timeout: 5000 });
    const intake = api.calls.find((c) => c.method === 'POST' && c.path === '/api/intakes');
    expect(intake?.body).toMatchObject({ kind: 'walkin', room: 'k3x9q' });
  });

  it('says so when the room does not exist, and leads to the clinic’s own booking', async () => {
    const api = installFakeApi();
    // The proxy answers 404 for this room only.
    const clinicAnswer = api.fetch.getMockImplementation()!;
    api.fetch.mockImplementation(async (input, init) =>
      String(input).includes('room=nosuch')
        ? new Response(JSON.stringify({ error: { code: 'not_found', message: 'We could not find this waiting room.' } }), { status: 404, headers: { 'Content-Type': 'application/json' } })
        : clinicAnswer(input, init),
    );
    const { user } = renderRoute('/r/nosuch', { api });
    expect(await screen.findByRole('heading', { level: 1, name: 'We could not find this waiting room' }, { timeout: 5000 })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Book with the clinic' }));
    await screen.findByRole('button', { name: 'Schedule an appointment' });
    const last = api.calls.filter((c) => c.path === '/api/clinic').at(-1);
    expect(last?.query.has('room')).toBe(false);
  });

  it('treats a malformed room code as unknown without asking the server', async () => {
    const api = installFakeApi();
    renderRoute('/r/not%20a%20code', { api });
    expect(await screen.findByRole('heading', { level: 1, name: 'We could not find this waiting room' })).toBeInTheDocument();
    expect(api.calls.some((c) => c.query.has('room'))).toBe(false);
  });
});
