import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Clinic, Session } from '../../../../src/api/contract';
import { installFakeApi, riverbend, type FakeApi } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

/** A DexCare v8 clinic: on-demand video visits, its own waiting room, insurance or a coupon at booking. */
const riverside: Clinic = {
  ...riverbend,
  name: 'Riverside Virtual Care',
  appointmentEnabled: false,
  capabilities: {
    visitKinds: ['walkin'],
    serviceAreas: true,
    waitEstimate: true,
    forSomeoneElse: true,
    billing: ['insurance', 'coupon'],
    visitStatus: false,
    cancel: false,
    appointmentTimes: false,
    dashboard: false,
  },
};

const daniel: Session = {
  firstName: 'Daniel',
  lastName: 'Reyes',
  expiresAt: '2099-01-01T00:00:00.000Z',
  launched: true,
  dependents: [{ id: 'dependent-1', firstName: 'Sofia', lastName: 'Reyes' }],
};

/** The intake the details step made, as the booking flow holds it. */
async function withIntake(api: FakeApi) {
  const res = await api.fetch('/api/intakes', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1' },
    body: JSON.stringify({ kind: 'walkin', reason: 'Fever', state: 'WA' }),
  });
  const { id } = (await res.json()) as { id: string };
  return { kind: 'walkin' as const, intakeId: id, idempotencyKey: 'attempt-1', intakeSignature: 'x' };
}

describe('before you join (a clinic that takes the details at booking)', () => {
  it('books for a linked dependent with a coupon, then leaves the queue to the clinic’s own waiting room', async () => {
    const api = installFakeApi({ session: daniel, clinic: riverside });
    const { user } = renderRoute('/book/walkin/visit', { api, flow: await withIntake(api) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Before you join' })).toBeInTheDocument();
    const who = screen.getByRole('group', { name: 'Who is this visit for?' });
    await user.click(within(who).getByRole('radio', { name: 'Sofia Reyes' }));
    await user.type(screen.getByLabelText('Phone'), '509-555-0187');
    await user.type(screen.getByLabelText('Email'), 'daniel@example.com');
    await user.type(screen.getByLabelText('Street address'), '12 River Road');
    await user.type(screen.getByLabelText('City'), 'Spokane');
    await user.selectOptions(screen.getByLabelText('State'), 'WA');
    await user.type(screen.getByLabelText('ZIP code'), '99201');
    await user.click(screen.getByRole('radio', { name: 'A coupon code or service key' }));
    await user.type(screen.getByLabelText('Coupon code or service key'), 'RIVERSIDE-CARE');
    await user.click(screen.getByRole('checkbox', { name: 'I agree to the terms of this virtual visit.' }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    const [call] = api.callsTo('POST /api/walkins');
    expect(call?.body).toEqual({
      intakeId: expect.any(String),
      forWhom: { who: 'other', dependentId: 'dependent-1' },
      billing: { method: 'coupon', code: 'RIVERSIDE-CARE' },
      contact: { phone: '509-555-0187', email: 'daniel@example.com', address: { line1: '12 River Road', city: 'Spokane', state: 'WA', postalCode: '99201' } },
      acceptedTerms: true,
    });
    // The clinic's own waiting room keeps the queue: no leaving or inviting from here, a way there instead.
    expect(screen.getByText(/The clinic’s own waiting room shows your place/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Leave waiting room' })).not.toBeInTheDocument();
  });

  it('says what is missing, field by field, and asks insurance details only for insurance', async () => {
    const api = installFakeApi({ session: daniel, clinic: riverside });
    const { user } = renderRoute('/book/walkin/visit', { api, flow: await withIntake(api) });
    await screen.findByRole('heading', { level: 1, name: 'Before you join' });
    expect(screen.queryByLabelText('Member ID')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByText('Choose how you will pay for this visit')).toBeInTheDocument();
    expect(screen.getByText('Tick this box to agree before you join')).toBeInTheDocument();
    expect(screen.getByLabelText('Phone')).toHaveFocus();
    expect(screen.getByLabelText('Phone')).toHaveAccessibleDescription(/Enter a phone number/);

    await user.click(screen.getByRole('radio', { name: 'My insurance' }));
    await user.click(screen.getByRole('radio', { name: 'Someone else' }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByText('Enter the member ID from your insurance card')).toBeInTheDocument();
    expect(screen.getByText('Enter the first name of the person who holds the insurance')).toBeInTheDocument();
    expect(api.callsTo('POST /api/walkins')).toHaveLength(0);
  });

  it('says the visit’s price where the patient is before they join, in their language', async () => {
    const api = installFakeApi({ session: daniel, clinic: riverside, areaPrice: { amount: 49, currency: 'USD' } });
    const flow = await withIntake(api);
    const { user } = renderRoute('/book/walkin/visit', { api, flow: { ...flow, intakeSignature: JSON.stringify({ kind: 'walkin', reason: 'Fever', state: 'WA' }) } });
    expect(await screen.findByText('This visit costs $49.00.')).toBeInTheDocument();
    expect(api.callsTo('GET /api/clinic/areas/:areaId').map((c) => c.path)).toEqual(['/api/clinic/areas/WA']);
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(await screen.findByText(/^Esta consulta cuesta .*49[.,]00/)).toBeInTheDocument();
  });

  it('picks the insurer from the clinic’s list, as VSee’s insurance step does; "not listed" asks for another way to pay', async () => {
    const withInsurers: Clinic = { ...riverside, insurers: [{ id: 'sandbox-payer-1', name: 'Riverside Health Plan' }, { id: 'sandbox-payer-2', name: 'Cascade Mutual' }] };
    const api = installFakeApi({ session: daniel, clinic: withInsurers });
    const { user } = renderRoute('/book/walkin/visit', { api, flow: await withIntake(api) });
    await screen.findByRole('heading', { level: 1, name: 'Before you join' });
    await user.type(screen.getByLabelText('Phone'), '509-555-0187');
    await user.type(screen.getByLabelText('Email'), 'daniel@example.com');
    await user.type(screen.getByLabelText('Street address'), '12 River Road');
    await user.type(screen.getByLabelText('City'), 'Spokane');
    await user.selectOptions(screen.getByLabelText('State'), 'WA');
    await user.type(screen.getByLabelText('ZIP code'), '99201');
    await user.click(screen.getByRole('radio', { name: 'My insurance' }));
    const company = screen.getByRole('combobox', { name: 'Insurance company' });
    await user.type(company, 'Casc');
    await user.click(screen.getByRole('option', { name: 'My insurance isn’t listed' }));
    await user.type(screen.getByLabelText('Member ID'), 'RVS123456789');
    await user.selectOptions(screen.getByLabelText('Insurance holder’s sex on the insurance card'), 'female');
    await user.click(screen.getByRole('checkbox', { name: 'I agree to the terms of this virtual visit.' }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByText(/If it is not listed, pay with a coupon code or service key/)).toBeInTheDocument();
    expect(api.callsTo('POST /api/walkins')).toHaveLength(0);

    await user.clear(company);
    await user.type(company, 'Casc');
    await user.click(screen.getByRole('option', { name: 'Cascade Mutual' }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/walkins')[0]?.body).toMatchObject({
      billing: { method: 'insurance', insurerId: 'sandbox-payer-2', memberNumber: 'RVS123456789', holder: { relation: 'self', gender: 'female' } },
    });
  });

  it('a region that can no longer see patients when they join says so in Spanish too, not "reload the page"', async () => {
    const api = installFakeApi({ session: { ...daniel, dependents: undefined }, clinic: riverside });
    api.fail('POST /api/walkins', { status: 409, code: 'not_available_now', message: 'No provider is on call for this state right now. Please try again later.' });
    const { user } = renderRoute('/book/walkin/visit', { api, flow: await withIntake(api) });
    await screen.findByRole('heading', { level: 1, name: 'Before you join' });
    await user.click(screen.getByRole('button', { name: 'Español' }));
    await user.type(screen.getByLabelText('Teléfono'), '509-555-0187');
    await user.type(screen.getByLabelText('Correo electrónico'), 'daniel@example.com');
    await user.type(screen.getByLabelText('Dirección'), '12 River Road');
    await user.type(screen.getByLabelText('Ciudad'), 'Spokane');
    await user.selectOptions(screen.getByLabelText('Estado'), 'WA');
    await user.type(screen.getByLabelText('Código postal'), '99201');
    await user.click(screen.getByRole('radio', { name: 'Un código de cupón o clave de servicio' }));
    await user.type(screen.getByLabelText('Código de cupón o clave de servicio'), 'RIVERSIDE-CARE');
    await user.click(screen.getByRole('checkbox', { name: 'Acepto las condiciones de esta consulta virtual.' }));
    await user.click(screen.getByRole('button', { name: 'Entrar en la fila' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No pudimos ponerle en la fila');
    expect(alert).toHaveTextContent('Ningún proveedor puede atenderle ahora mismo donde está. Vuelva a intentarlo más tarde o llame a la clínica.');
    expect(alert).not.toHaveTextContent(/Vuelva a cargar la página/);
    expect(screen.queryByRole('heading', { level: 1, name: 'Está en la fila' })).not.toBeInTheDocument();
  });

  it('without linked people, books for the patient only', async () => {
    const api = installFakeApi({ session: { ...daniel, dependents: undefined }, clinic: riverside });
    renderRoute('/book/walkin/visit', { api, flow: await withIntake(api) });
    await screen.findByRole('heading', { level: 1, name: 'Before you join' });
    expect(screen.queryByRole('group', { name: 'Who is this visit for?' })).not.toBeInTheDocument();
  });
});
