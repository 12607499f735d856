/**
 * Phone and in-person visits (VSee subtypes): the pages say how the visit happens and never offer
 * to join, test or share a video call; the calendar event says so too.
 */
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { setLanguage } from '../../../../src/lib/i18n/language';
import { installFakeApi, mayaAppointment, mayaSession, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const ADDRESS = '1200 Harbor Way, Oakland, CA 94607';

beforeEach(() => {
  vi.setSystemTime(NOW);
});

const phoneVisit: Visit = { ...mayaAppointment, modality: 'phone', callNumber: '510-555-0199' };
const inPersonVisit: Visit = { ...mayaAppointment, modality: 'in_person' };

function open(visit: Visit, address: string | null = ADDRESS) {
  return renderRoute(`/visits/${visit.id}`, {
    api: installFakeApi({ session: mayaSession, visits: [visit], clinic: { ...riverbend, address } }),
  });
}

function expectNoVideo() {
  expect(screen.queryByRole('button', { name: /join video/i })).not.toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Check your camera and microphone' })).not.toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Bring someone along' })).not.toBeInTheDocument();
  expect(screen.queryByText(/Join video visit/)).not.toBeInTheDocument();
}

describe('a phone visit', () => {
  it('says the clinic will call, at which number, and offers no video', async () => {
    open(phoneVisit);
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    const how = screen.getByRole('region', { name: 'This is a phone visit' });
    expect(how).toHaveTextContent('We will call you at 510-555-0199 at the time of your visit.');
    expect(how).toHaveTextContent('There is no video call for this visit');
    expect(screen.getByText('Phone visit')).toBeInTheDocument();
    expectNoVideo();
    // Still movable and cancellable like any appointment.
    expect(screen.getByRole('link', { name: 'Reschedule' })).toBeInTheDocument();
  });

  it('puts a phone visit, not a video visit, in the calendar', async () => {
    open(phoneVisit);
    const google = await screen.findByRole('link', { name: /Google Calendar/ });
    const details = new URL(google.getAttribute('href')!).searchParams;
    expect(details.get('text')).toBe('Phone visit with Riverbend Family Clinic');
    expect(details.get('details')).toMatch(/^The clinic will call you at the start time\./);
    expect(details.get('location')).toBeNull();
  });

  it('without a number on the visit, says the number they gave', async () => {
    open({ ...phoneVisit, callNumber: undefined });
    expect(await screen.findByRole('region', { name: 'This is a phone visit' })).toHaveTextContent(
      'We will call you at the phone number you gave us at the time of your visit.',
    );
  });

  it('speaks Spanish', async () => {
    await setLanguage('es');
    open(phoneVisit);
    const how = await screen.findByRole('region', { name: 'Esta es una consulta por teléfono' });
    expect(how).toHaveTextContent('Le llamaremos al 510-555-0199 a la hora de su consulta.');
    expect(screen.queryByRole('button', { name: /video/i })).not.toBeInTheDocument();
  });
});

describe('an in-person visit', () => {
  it('gives the clinic’s address and offers no video', async () => {
    open(inPersonVisit);
    const how = await screen.findByRole('region', { name: 'This is an in-person visit' });
    expect(how).toHaveTextContent(`Please come to the clinic: ${ADDRESS}.`);
    expect(screen.getByText('In-person visit')).toBeInTheDocument();
    expectNoVideo();
    const google = await screen.findByRole('link', { name: /Google Calendar/ });
    expect(new URL(google.getAttribute('href')!).searchParams.get('location')).toBe(ADDRESS);
  });

  it('without a configured address, asks the patient to call', async () => {
    open(inPersonVisit, null);
    expect(await screen.findByRole('region', { name: 'This is an in-person visit' })).toHaveTextContent(
      'Please come to the clinic. Call us if you need the address.',
    );
  });
});

describe('a video visit', () => {
  it('still offers the join button and the device check', async () => {
    // Join is offered from 15 minutes before the start (the visit page's join window).
    vi.setSystemTime(new Date('2026-11-24T16:50:00.000Z'));
    open(mayaAppointment);
    expect(await screen.findByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /phone visit|in-person visit/ })).not.toBeInTheDocument();
    expect(within(document.body).getByRole('heading', { name: 'Check your camera and microphone' })).toBeInTheDocument();
  });
});
