/**
 * The pages in Spanish: the patient switches in the header (or arrives in Spanish), and every
 * word, check and time follows, while the server's English stays out of sight.
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { currentLanguage, setLanguage } from '../../../src/lib/i18n/language';
import { installFakeApi, maya, mayaSession, riverbend, slotAt } from '../../support/fake-api';
import { renderRoute } from '../../support/render';

/** Arrive in Spanish, as `?lang=es` or a Spanish browser does before the first render. */
async function inSpanish() {
  await setLanguage('es');
  expect(currentLanguage()).toBe('es');
}

async function fillDetailsInSpanish(user: UserEvent) {
  await user.type(await screen.findByLabelText('Nombre'), maya.firstName);
  await user.type(screen.getByLabelText('Apellido'), maya.lastName);
  await user.type(screen.getByLabelText('Fecha de nacimiento'), maya.dob);
  await user.type(screen.getByLabelText('Correo electrónico'), maya.email);
  await user.type(screen.getByLabelText('Teléfono'), maya.phone);
  await user.selectOptions(screen.getByLabelText('Estado'), maya.stateName);
  await user.type(screen.getByLabelText('Motivo de la consulta'), maya.reason);
  await user.click(screen.getByRole('checkbox', { name: /consentimiento/ }));
}

describe('switching language', () => {
  it('turns the start page into Spanish and back, and says which language the page speaks', async () => {
    const { user } = renderRoute('/', { api: installFakeApi() });
    await screen.findByRole('button', { name: 'Schedule an appointment' });
    expect(document.documentElement.lang).toBe('en');

    const switcher = within(screen.getByRole('banner')).getByRole('group', { name: 'Language' });
    const spanish = within(switcher).getByRole('button', { name: 'Español' });
    expect(spanish).toHaveAttribute('lang', 'es');
    expect(spanish).toHaveAttribute('aria-pressed', 'false');
    await user.click(spanish);

    expect(await screen.findByRole('heading', { level: 2, name: '¿Cómo desea consultar a un profesional de salud?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Programar una cita' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Consultar ahora a un profesional de salud' })).toBeInTheDocument();
    expect(screen.getByText('Si es una emergencia, llame al 911.')).toBeInTheDocument();
    expect(screen.queryByText(/Schedule an appointment|emergency/)).not.toBeInTheDocument();
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByRole('link', { name: 'Saltar al contenido principal' })).toBeInTheDocument();

    const english = within(screen.getByRole('group', { name: 'Idioma' })).getByRole('button', { name: 'English' });
    expect(english).toHaveAttribute('lang', 'en');
    await user.click(english);
    expect(await screen.findByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('keeps the choice from page to page, in memory only', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const { user } = renderRoute('/', { api: installFakeApi() });
    await user.click(await screen.findByRole('button', { name: 'Español' }));
    await user.click(await screen.findByRole('button', { name: 'Programar una cita' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Reservar una cita' })).toBeInTheDocument();
    expect(document.title).toBe('Reservar una cita – Riverbend Family Clinic');
    expect(screen.getByRole('navigation', { name: 'Pasos para hacer la cita' })).toHaveTextContent('Sus datos');
    expect(setItem).not.toHaveBeenCalled();
  });
});

describe('the details form in Spanish', () => {
  it('labels every field in Spanish', async () => {
    await inSpanish();
    renderRoute('/book/walkin/details', { api: installFakeApi() });

    expect(await screen.findByLabelText('Nombre')).toHaveAttribute('autocomplete', 'given-name');
    expect(screen.getByRole('heading', { level: 1, name: 'Sus datos' })).toBeInTheDocument();
    expect(screen.getByLabelText('Apellido')).toBeInTheDocument();
    expect(screen.getByLabelText('Fecha de nacimiento')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('Correo electrónico')).toHaveAccessibleDescription('Le enviamos aquí los detalles de su consulta.');
    expect(screen.getByLabelText('Teléfono')).toHaveAttribute('type', 'tel');
    expect(within(screen.getByRole('combobox', { name: 'Estado' })).getAllByRole('option')[0]).toHaveTextContent('Elija un estado');
    expect(screen.getByLabelText('Motivo de la consulta').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('checkbox', { name: /consentimiento/ })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Unirse a la fila' })).toBeInTheDocument();
  });

  it('says what is wrong in Spanish, beside each field', async () => {
    await inSpanish();
    const api = installFakeApi();
    const { user } = renderRoute('/book/walkin/details', { api });

    await user.click(await screen.findByRole('button', { name: 'Unirse a la fila' }));

    const firstName = screen.getByLabelText('Nombre');
    await waitFor(() => expect(firstName).toHaveFocus());
    expect(firstName).toHaveAccessibleDescription('Error: Escriba su nombre');
    expect(screen.getByLabelText('Apellido')).toHaveAccessibleDescription(/Escriba su apellido/);
    expect(screen.getByLabelText('Fecha de nacimiento')).toHaveAccessibleDescription(/Escriba su fecha de nacimiento/);
    expect(screen.getByLabelText('Correo electrónico')).toHaveAccessibleDescription(/Escriba su correo electrónico/);
    expect(screen.getByLabelText('Estado')).toHaveAccessibleDescription(/Elija el estado donde se encuentra ahora/);
    expect(screen.getByLabelText('Motivo de la consulta')).toHaveAccessibleDescription(/Cuéntenos por qué necesita atención hoy/);
    expect(screen.getByRole('checkbox', { name: /consentimiento/ })).toHaveAccessibleDescription(/Marque esta casilla/);

    // The contract's own checks (shared with the server) come out in Spanish too.
    await user.type(screen.getByLabelText('Correo electrónico'), 'maya-at-example');
    await user.type(screen.getByLabelText('Teléfono'), 'call me');
    await user.type(screen.getByLabelText('Fecha de nacimiento'), '2099-01-01');
    await user.click(screen.getByRole('button', { name: 'Unirse a la fila' }));
    expect(screen.getByLabelText('Correo electrónico')).toHaveAccessibleDescription(/Escriba un correo electrónico como nombre@ejemplo.com/);
    expect(screen.getByLabelText('Teléfono')).toHaveAccessibleDescription(/Escriba un número de teléfono/);
    expect(screen.getByLabelText('Fecha de nacimiento')).toHaveAccessibleDescription(/Escriba una fecha de nacimiento en el pasado/);
    expect(document.body).not.toHaveTextContent(/Enter|Choose|Tick/);
    expect(api.calls).toHaveLength(api.callsTo('GET /api/clinic').length + api.callsTo('GET /api/session').length);
  });

  it('puts the server’s field errors on the fields in Spanish, not the server’s English', async () => {
    await inSpanish();
    const api = installFakeApi();
    api.fail(
      'POST /api/session/guest',
      { status: 400, code: 'bad_request', message: 'Some details need fixing.', fields: { email: 'This address cannot get mail.' } },
      { times: 1 },
    );
    const { user } = renderRoute('/book/walkin/details', { api });

    await fillDetailsInSpanish(user);
    await user.click(screen.getByRole('button', { name: 'Unirse a la fila' }));

    const email = await screen.findByText('Revise su correo electrónico');
    expect(screen.getByLabelText('Correo electrónico')).toHaveAccessibleDescription(/Revise su correo electrónico/);
    expect(email).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('No pudimos continuar');
    expect(alert).toHaveTextContent('Hubo un problema con esa solicitud. Inténtelo de nuevo. Revise los campos marcados con un error.');
    expect(document.body).not.toHaveTextContent(/cannot get mail|need fixing/);
  });

  it('tells of an unavailable clinic by its error code, in Spanish', async () => {
    await inSpanish();
    const api = installFakeApi();
    api.fail('GET /api/clinic', { status: 503, code: 'upstream_unavailable', message: 'The clinic is not answering.' }, { times: 2 });
    renderRoute('/', { api });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No pudimos cargar la información de la clínica');
    expect(alert).toHaveTextContent('La clínica no responde en este momento. Inténtelo de nuevo en un momento.');
    expect(screen.getByRole('button', { name: 'Intentar de nuevo' })).toBeInTheDocument();
  });
});

describe('times in Spanish', () => {
  // Monday, November 23, 2026, noon in Los Angeles (the test timezone).
  const NOW = new Date('2026-11-23T20:00:00.000Z');
  const flow = { kind: 'appointment' as const, intakeId: 'seeded-intake-1', intakeSignature: '{}' };

  beforeEach(() => {
    vi.setSystemTime(NOW);
  });

  it('names days, times and the time zone in Spanish, on screen and for screen readers', async () => {
    await inSpanish();
    const api = installFakeApi({
      session: mayaSession,
      clinic: riverbend,
      slots: [slotAt('2026-11-24T17:00:00.000Z'), slotAt('2026-11-24T17:30:00.000Z'), slotAt('2026-11-25T22:00:00.000Z')],
    });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    const times = await screen.findByRole('radiogroup', { name: 'Horarios del martes, 24 de noviembre' });
    const buttons = within(times).getAllByRole('radio');
    expect(buttons.map((b) => b.textContent)).toEqual(['9:00 a.m.', '9:30 a.m.']);
    expect(buttons[0]).toHaveAccessibleName('martes, 24 de noviembre, 9:00 a.m. hora del Pacífico');
    expect(screen.getByRole('tab', { name: 'martes, 24 de noviembre (2 horarios)' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'miércoles, 25 de noviembre (1 horario)' })).toBeInTheDocument();
    expect(within(times).getByRole('group', { name: 'Mañana' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Primer horario disponible/ })).toBeInTheDocument();
    expect(screen.getByText('Horarios en hora del Pacífico')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cambiar la zona horaria' }));
    expect(screen.getByText('Los horarios se muestran en hora del Pacífico.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Zona horaria' })).toHaveDisplayValue('Hora del Pacífico – Los Angeles (este dispositivo)');

    await user.click(buttons[1]!);
    expect(screen.getByText('Seleccionado: martes, 24 de noviembre, 9:30 a.m. hora del Pacífico')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continuar' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Revise su cita' })).toBeInTheDocument();
    expect(screen.getByText('martes, 24 de noviembre de 2026')).toBeInTheDocument();
    expect(screen.getByText('de 9:30 a.m. a 10:00 a.m. hora del Pacífico')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirmar la cita' })).toBeInTheDocument();
  });

  it('shows the confirmation in Spanish', async () => {
    await inSpanish();
    const api = installFakeApi({ session: mayaSession, slots: [slotAt('2026-11-24T17:00:00.000Z')] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await user.click(await screen.findByRole('radio', { name: 'martes, 24 de noviembre, 9:00 a.m. hora del Pacífico' }));
    await user.click(screen.getByRole('button', { name: 'Continuar' }));
    await user.click(await screen.findByRole('button', { name: 'Confirmar la cita' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Cita confirmada' })).toBeInTheDocument();
    // A day ahead: Join is not offered yet; the page says from when, in Spanish.
    expect(screen.getByText(/^Podrá unirse desde el martes, 24 de noviembre, 8:45 a\.m\. hora del Pacífico/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Unirse a la consulta por video' })).not.toBeInTheDocument();
    expect(screen.getByText('Cita por video')).toBeInTheDocument();
    await user.click(screen.getByText('Prepárese', { selector: 'summary' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Qué debe preparar' })).toBeVisible();
    expect(screen.getByRole('navigation', { name: 'Pasos para hacer la cita' })).toHaveTextContent('Listo');
    expect(await screen.findByRole('heading', { level: 2, name: 'Agregar a su calendario' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Vuelva desde cualquier dispositivo' })).toBeInTheDocument();
  });
});
