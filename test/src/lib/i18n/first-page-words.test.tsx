/**
 * The first page downloads only the first part of the English catalogue (`en-first.ts`); the rest
 * (`en-later.ts`) comes with the first later page. Here the rest cannot load at all, and the start
 * page is shown in every state it has: a section it read that is not in the first part would throw
 * while rendering (the error page, and a console.error that fails the test), or a later page would
 * be asked for.
 */
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clinic } from '../../../../src/api/contract';
import { enFirst } from '../../../../src/lib/i18n/en-first';
import { currentMessages, useI18n } from '../../../../src/lib/i18n/language';
import { setArea } from '../../../../src/lib/service-area';
import { installFakeApi, mayaSession, riverbend, riverbendWithAreas } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

vi.mock('../../../../src/lib/i18n/en-later', () => {
  throw new Error('the first page asked for the later pages’ words');
});

const notOpen = { isOpen: false, closedMessage: null, opensAt: null, wait: null, price: null };

afterEach(() => {
  setArea(null);
  // Nothing but the first part was ever here.
  expect(Object.keys(currentMessages()).sort()).toEqual(Object.keys(enFirst).sort());
});

describe('the start page with only the first part of the English catalogue', () => {
  it.each<[string, Partial<Clinic>, string]>([
    ['open, every way to see a provider', { econsultEnabled: true }, 'Send a question to a provider'],
    ['closed, appointments', { isOpen: false, closedMessage: 'Back on Monday.', phone: '+1 555-010-2000' }, 'You cannot see a provider right now, but you can schedule an appointment for later below.'],
    ['closed, appointments and e-consults', { isOpen: false, econsultEnabled: true }, 'You cannot see a provider right now, but you can schedule an appointment for later or send a question to a provider below.'],
    ['closed, e-consults only', { isOpen: false, appointmentEnabled: false, econsultEnabled: true }, 'You cannot see a provider right now, but you can send a question to a provider below.'],
    ['closed, nothing', { isOpen: false, appointmentEnabled: false }, 'Please come back later, during opening hours.'],
    ['nothing online', { walkinEnabled: false, appointmentEnabled: false }, 'Online visits are not available right now. Please contact the clinic.'],
    ['no guests', { guestBooking: false }, "To book, please sign in on your health system's website first."],
  ])('%s', async (_state, clinic, text) => {
    renderRoute('/', { api: installFakeApi({ session: null, clinic: { ...riverbend, ...clinic } }) });
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.getByText('If this is an emergency, call 911.')).toBeInTheDocument();
  });

  it('signed in, with "My visits" in the header', async () => {
    renderRoute('/', { api: installFakeApi({ session: mayaSession }) });
    expect(await within(screen.getByRole('banner')).findByRole('link', { name: 'My visits' })).toBeInTheDocument();
  });

  it('loading, then an error with its reference and a retry', async () => {
    const api = installFakeApi();
    const body = { error: { code: 'upstream_unavailable', message: 'The clinic is not answering.', reference: 'K7M2Q9XA3P' } };
    api.fail('GET /api/clinic', { status: 502, body }, { times: 2 });
    const release = api.hold('GET /api/clinic');
    renderRoute('/', { api });
    expect(await screen.findByText("Loading the clinic's details…")).toBeInTheDocument();
    release();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the clinic');
    expect(alert).toHaveTextContent('Reference: K7M2Q9XA3P');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it.each([
    ['a first visit', null, 'Start by booking a visit'],
    ['an ended session', mayaSession, 'Your session has ended'],
  ] as const)('a 401 on the start page: %s', async (_state, session, heading) => {
    const api = installFakeApi({ session });
    api.fail('GET /api/clinic', { status: 401, code: 'unauthorized', message: 'Your session has ended.' });
    renderRoute('/', { api });
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
  });

  it('asks where the patient is and answers for each kind of area', async () => {
    const api = installFakeApi({
      clinic: riverbendWithAreas,
      areas: {
        WA: { ...notOpen, isOpen: true, closedReason: null, wait: { minutes: 15, moreThanAnHour: false } },
        OR: { ...notOpen, closedReason: 'busy', closedMessage: 'We are very busy right now.' },
      },
    });
    const { user } = renderRoute('/', { api });
    const where = await screen.findByRole('combobox', { name: 'Where are you right now?' });
    await user.selectOptions(where, 'WA');
    expect(await screen.findByText('Estimated wait: about 15 minutes.')).toBeInTheDocument();
    await user.selectOptions(where, 'OR');
    expect(await screen.findByText('Not right now: the clinic is seeing more patients than usual.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check again' })).toBeInTheDocument();
  });

  it('outside opening hours, with the next opening time', async () => {
    const api = installFakeApi({ clinic: riverbendWithAreas, areas: { WA: { ...notOpen, closedReason: 'off_hours', opensAt: '2030-01-07T16:00:00.000Z' } } });
    const { user } = renderRoute('/', { api });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Where are you right now?' }), 'WA');
    expect(await screen.findByText(/It opens again on/)).toBeInTheDocument();
  });

  it('offline, and in Spanish and back', async () => {
    const { user } = renderRoute('/', { api: installFakeApi() });
    await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' });
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(await screen.findByText(/You are offline\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(await screen.findByText('Si es una emergencia, llame al 911.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('If this is an emergency, call 911.')).toBeInTheDocument();
  });
});

describe('a test that would catch a later section on the first page', () => {
  it('fails to render a word that is not in the first part', () => {
    function Probe() {
      return <p>{useI18n().t.steps.label}</p>;
    }
    expect(() => render(<Probe />)).toThrow(TypeError);
  });
});
