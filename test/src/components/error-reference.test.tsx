/**
 * Every error screen that shows a failure from our server names its request, as a short reference
 * the patient can quote to the clinic (the clinic finds the request's log lines with it), in
 * English and in Spanish.
 */
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shortReference } from '../../../src/components/error-reference';
import { setLanguage } from '../../../src/lib/i18n/language';
import { installFakeApi, maya, mayaSession, riverbendPayment } from '../../support/fake-api';
import { renderRoute } from '../../support/render';

const REF = 'K7M2Q9XA3P';
const failure = (message = 'The clinic is not answering.', reference = REF) => ({
  status: 502,
  body: { error: { code: 'upstream_unavailable', message, reference } },
});

afterEach(async () => {
  vi.useRealTimers();
  await setLanguage('en');
});

describe('shortReference', () => {
  it('keeps our own ids, and cuts a caller’s 32-hex trace id to a prefix that still finds it', () => {
    expect(shortReference(REF)).toBe(REF);
    expect(shortReference('edge-0123abcd')).toBe('edge-0123abcd');
    expect(shortReference('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b3');
  });
});

describe('the reference on error screens', () => {
  it('the details form: a failed send', async () => {
    const api = installFakeApi({ session: mayaSession });
    api.fail('POST /api/intakes', failure());
    const { user } = renderRoute('/book/walkin/details', { api });
    await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
    await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`Reference: ${REF} (quote it if you contact the clinic)`);
  });

  it('the details page: who is signed in could not be read (in Spanish)', async () => {
    await setLanguage('es');
    const api = installFakeApi({ session: mayaSession });
    api.fail('GET /api/session', failure());
    renderRoute('/book/walkin/details', { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`Referencia: ${REF} (menciónela si se comunica con la clínica)`);
  });

  it('the payment step: its choices could not be loaded, or saving them failed', async () => {
    const flow = { kind: 'walkin' as const, intakeId: 'intake-1', intakeSignature: 'x', idempotencyKey: '11111111-2222-4333-8444-555555555555' };
    const api = installFakeApi({ session: mayaSession, payment: riverbendPayment });
    api.intakes.set('intake-1', { kind: 'walkin', reason: maya.reason, state: 'CA' });
    api.fail('GET /api/payment/options', failure(), { times: 2 });
    const first = renderRoute('/book/walkin/payment', { api, flow });
    expect(await screen.findByRole('alert')).toHaveTextContent(`Reference: ${REF}`);
    first.unmount();

    api.fail('POST /api/payment', failure('Try again.', 'Z9Y8X7W6V5'));
    const { user } = renderRoute('/book/walkin/payment', { api, flow });
    await user.click(await screen.findByRole('radio', { name: 'I’ll pay myself' }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Reference: Z9Y8X7W6V5');
  });

  it('a caller’s trace id is shown short', async () => {
    const api = installFakeApi({ session: mayaSession });
    api.fail('GET /api/clinic', failure('The clinic is not answering.', '4bf92f3577b34da6a3ce929d0e0e4736'), { times: 2 });
    renderRoute('/', { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Reference: 4bf92f3577b3 (');
    expect(alert).not.toHaveTextContent('4bf92f3577b34da6');
  });

  it('the waiting room: its poll keeps failing while the patient waits', async () => {
    const now = new Date('2026-11-23T20:00:00.000Z');
    vi.useFakeTimers({ now, shouldAdvanceTime: true });
    const queued = {
      id: '7001',
      kind: 'walkin' as const,
      modality: 'video' as const,
      status: 'pending' as const,
      start: new Date(now.getTime() - 2 * 60_000).toISOString(),
      end: new Date(now.getTime() + 13 * 60_000).toISOString(),
      provider: null,
    };
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    renderRoute('/waiting-room/7001', { api, user: { advanceTimers: vi.advanceTimersByTime.bind(vi) } });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    api.fail('GET /api/visits/:id', failure('Try again.', 'Q1W2E3R4T5'));
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await act(() => vi.advanceTimersByTimeAsync(100));
    const note = await screen.findByText('We are having trouble checking the queue. We will keep trying.');
    expect(note.parentElement).toHaveTextContent('Reference: Q1W2E3R4T5');
  });
});
