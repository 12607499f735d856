import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, maya, mayaSession, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const QUESTION = 'Can I take ibuprofen with my blood pressure medicine?';
const econsultClinic = { ...riverbend, econsultEnabled: true };

beforeEach(() => {
  vi.setSystemTime(NOW);
});

async function describeQuestion(user: UserEvent) {
  await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
  await user.type(screen.getByLabelText('Your question'), QUESTION);
  await user.click(screen.getByRole('checkbox', { name: /consent/ }));
}

describe('e-consult', () => {
  it('goes from the start page to the question form', async () => {
    const { user, router } = renderRoute('/', { api: installFakeApi({ clinic: econsultClinic }) });

    await user.click(await screen.findByRole('button', { name: 'Send a question to a provider' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Describe your question' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/book/econsult/details');
    expect(screen.getByText(/there is no video call now/)).toBeInTheDocument();
    expect(screen.getByLabelText('Your question').tagName).toBe('TEXTAREA');
    expect(screen.queryByLabelText('Reason for visit')).not.toBeInTheDocument();
  });

  it('sends the intake as an e-consult, then the e-consult with an Idempotency-Key, and says it was sent', async () => {
    const api = installFakeApi({ clinic: econsultClinic });
    const { user, router } = renderRoute('/book/econsult/details', { api });

    await user.type(await screen.findByLabelText('First name'), maya.firstName);
    await user.type(screen.getByLabelText('Last name'), maya.lastName);
    await user.type(screen.getByLabelText('Date of birth'), maya.dob);
    await user.type(screen.getByLabelText('Email'), maya.email);
    await describeQuestion(user);
    await user.click(screen.getByRole('button', { name: 'Send my question' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'E-consult sent' })).toHaveFocus();
    expect(api.callsTo('POST /api/session/guest')).toHaveLength(1);
    const [intake] = api.callsTo('POST /api/intakes');
    expect(intake?.body).toEqual({ kind: 'econsult', reason: QUESTION, state: 'CA' });
    const [intakeId] = [...api.intakes.keys()];
    const sends = api.callsTo('POST /api/econsults');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.body).toEqual({ intakeId });
    expect(sends[0]?.headers.get('Idempotency-Key')).toMatch(UUID);
    expect(sends[0]?.headers.get('X-Frontdesk')).toBe('1');

    const [visitId] = [...api.visits.keys()];
    expect(router.state.location.pathname).toBe(`/visits/${visitId}`);
    expect(screen.getByText(/A provider will review your question and accept it/)).toBeInTheDocument();
    const step = within(screen.getByRole('navigation', { name: 'Booking steps' })).getAllByRole('listitem');
    expect(step.map((item) => item.getAttribute('aria-current'))).toEqual([null, 'step']);
    expect(step[1]).toHaveTextContent('Sent');
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
  });

  it('retries a failed send with the same Idempotency-Key and without a second intake', async () => {
    const api = installFakeApi({ clinic: econsultClinic, session: mayaSession });
    api.fail('POST /api/econsults', { status: 503, code: 'upstream_unavailable', message: 'The clinic is not answering.' }, { times: 1 });
    const { user } = renderRoute('/book/econsult/details', { api });

    await describeQuestion(user);
    await user.click(screen.getByRole('button', { name: 'Send my question' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The clinic is not answering.');
    await user.click(screen.getByRole('button', { name: 'Send my question' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'E-consult sent' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/intakes')).toHaveLength(1);
    const keys = api.callsTo('POST /api/econsults').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(api.visits.size).toBe(1);
  });

  it('follows the e-consult once a provider accepts it', async () => {
    const api = installFakeApi({ clinic: econsultClinic, session: mayaSession });
    const { user } = renderRoute('/book/econsult/details', { api });
    await describeQuestion(user);
    await user.click(screen.getByRole('button', { name: 'Send my question' }));
    await screen.findByRole('heading', { level: 1, name: 'E-consult sent' });
    const [visitId = ''] = [...api.visits.keys()];

    api.setVisitStatus(visitId, 'in_progress', 'Dr. Mei Chen');
    await user.click(within(screen.getByRole('banner')).getByRole('link', { name: 'My visits' }));
    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    await user.click(within(upcoming).getByRole('link', { name: /^E-consult on/ }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'A provider is reviewing your e-consult' }),
    ).toBeInTheDocument();
  });
});
