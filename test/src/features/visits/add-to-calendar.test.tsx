import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { installFakeApi, maya, mayaSession, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';
import { objectUrls } from '../../../support/setup-dom';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const appointment: Visit = {
  id: '4821',
  kind: 'appointment', modality: 'video',
  status: 'confirmed',
  start: '2026-11-24T17:00:00.000Z',
  end: '2026-11-24T17:30:00.000Z',
  provider: { name: 'Dr. Amara Okafor' },
  // The clinic's one-time portal link: a secret that must not land in anyone's calendar.
  oneTimeLink: 'https://portal.example.test/members/appointment/4821?token=one-time-secret',
};

beforeEach(() => {
  vi.setSystemTime(NOW);
});

// Where the test page lives (jsdom's address), as the patient's browser would have it.
const host = window.location.host;
// The visit's return link (decision 031): it opens this one appointment on any device.
const visitUrl = 'http://localhost:3000/v/sealed-return-token-for-visit-4821';

const calendar = () => screen.getByRole('region', { name: 'Add to your calendar' });

async function fileText(link: HTMLElement): Promise<string> {
  const blob = objectUrls.get(link.getAttribute('href') ?? '');
  if (!blob) throw new Error('The link does not point at a file the page made');
  // jsdom's Blob has no text(); FileReader reads it as a browser would.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('add to calendar', () => {
  it('offers an .ics file made in the browser, with the time in UTC and the way to join', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    await screen.findByRole('region', { name: 'Add to your calendar' });

    // The file link appears once the effect has made the object URL: wait for it.
    const file = await within(calendar()).findByRole('link', { name: 'Download calendar file (.ics)' });
    expect(file).toHaveAttribute('download', 'appointment.ics');
    expect(file.getAttribute('href')).toMatch(/^blob:/);
    const blob = objectUrls.get(file.getAttribute('href') ?? '');
    expect(blob?.type).toBe('text/calendar;charset=utf-8');

    const ics = await fileText(file);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nSUMMARY:Video appointment with Riverbend Family Clinic\r\n');
    expect(unfolded).toContain('\r\nDTSTART:20261124T170000Z\r\n');
    expect(unfolded).toContain('\r\nDTEND:20261124T173000Z\r\n');
    expect(unfolded).toContain(`\r\nURL:${visitUrl}\r\n`);
    expect(unfolded).toContain(`\r\nUID:visit-4821@${host}\r\n`);
    expect(unfolded).toContain(`\r\nDESCRIPTION:To join\\, open ${visitUrl} a few minutes before the start time and press Join video visit.\r\n`);
  });

  it('opens Google Calendar and Outlook.com in a new tab with the event filled in', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    await screen.findByRole('region', { name: 'Add to your calendar' });

    const google = within(calendar()).getByRole('link', { name: 'Add to Google Calendar (opens in a new tab)' });
    const outlook = within(calendar()).getByRole('link', { name: 'Add to Outlook.com (opens in a new tab)' });
    for (const link of [google, outlook]) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    const g = new URL(google.getAttribute('href') ?? '');
    expect(g.hostname).toBe('calendar.google.com');
    expect(g.searchParams.get('dates')).toBe('20261124T170000Z/20261124T173000Z');
    expect(g.searchParams.get('text')).toBe('Video appointment with Riverbend Family Clinic');
    expect(g.searchParams.get('details')).toContain(visitUrl);
    const o = new URL(outlook.getAttribute('href') ?? '');
    expect(o.hostname).toBe('outlook.live.com');
    expect(o.searchParams.get('startdt')).toBe('2026-11-24T17:00:00Z');
    expect(o.searchParams.get('body')).toContain(visitUrl);
  });

  it('puts nothing private in the calendar: no name, no reason, no portal token', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    await screen.findByRole('region', { name: 'Add to your calendar' });

    const links = within(calendar()).getAllByRole('link');
    const everything = [await fileText(links[0]!), ...links.map((link) => decodeURIComponent(link.getAttribute('href') ?? ''))].join('\n');
    for (const secret of [maya.firstName, maya.lastName, maya.reason, 'one-time-secret', 'portal.example.test', 'Dr. Amara Okafor']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('is offered only for an upcoming appointment', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'cancelled' }] }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' });

    expect(screen.queryByRole('region', { name: 'Add to your calendar' })).not.toBeInTheDocument();
  });
});

describe('visit page: time zone and preparation', () => {
  it('says the clinic’s zone when it is not the patient’s, and shows times in the zone the patient picks', async () => {
    const api = installFakeApi({ session: mayaSession, clinic: { ...riverbend, timezone: 'America/New_York' }, visits: [appointment] });
    const { user } = renderRoute('/visits/4821', { api });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    expect(screen.getByText(/9:00 AM to 9:30 AM Pacific Time$/)).toHaveClass('when-line');
    // The zone is one line; Change opens the picker, which says the clinic's zone.
    await user.click(screen.getByRole('button', { name: 'Change the time zone' }));
    expect(screen.getByText('The clinic is in Eastern Time; times are shown in your time zone, Pacific Time.')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Time zone' }), 'America/New_York');

    expect(screen.getByText(/12:00 PM to 12:30 PM Eastern Time$/)).toHaveClass('when-line');
    expect(screen.getByText('Times are shown in Eastern Time.')).toBeInTheDocument();
  });

  it('lists what to prepare for an upcoming appointment', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    const prepare = screen.getByRole('region', { name: 'What to prepare' });
    expect(within(prepare).getAllByRole('listitem')).toHaveLength(3);
    // No booking steps when the patient comes back later, not from booking.
    expect(screen.queryByRole('navigation', { name: 'Booking steps' })).not.toBeInTheDocument();
  });
});
