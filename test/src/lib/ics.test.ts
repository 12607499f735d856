import { describe, expect, it } from 'vitest';
import {
  buildIcs,
  escapeText,
  foldLine,
  googleCalendarUrl,
  icsDateTime,
  outlookCalendarUrl,
  type CalendarEvent,
} from '../../../src/lib/ics';

const event: CalendarEvent = {
  uid: 'visit-4821@frontdesk.example',
  start: '2026-11-24T17:00:00.000Z',
  end: '2026-11-24T17:30:00.000Z',
  summary: 'Video visit with Riverbend Family Clinic',
  description: 'To join, open https://frontdesk.example/visits/4821 a few minutes before the start time and press Join video visit.',
  url: 'https://frontdesk.example/visits/4821',
  stamp: new Date('2026-11-23T20:00:00.000Z'),
  reminderMinutes: 15,
};

/** A small RFC 5545 reader: unfold, then split into name, parameters and (unescaped) value. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  // Every line break is CRLF: no bare LF or CR anywhere.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const unfolded = text.replace(/\r\n[ \t]/g, '').slice(0, -2).split('\r\n');
  return unfolded.map((line) => {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0] ?? '';
    const raw = line.slice(colon + 1);
    const value = raw.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    return { name, raw, value };
  });
}

const valuesOf = (lines: ReturnType<typeof parseIcs>, name: string) => lines.filter((l) => l.name === name).map((l) => l.value);

describe('iCalendar file', () => {
  it('has the calendar and one event with every required property, times in UTC', () => {
    const lines = parseIcs(buildIcs(event));
    expect(lines[0]?.raw).toBe('VCALENDAR');
    expect(lines.at(-1)?.raw).toBe('VCALENDAR');
    expect(lines.map((l) => `${l.name}:${l.raw}`).filter((l) => /^(BEGIN|END):/.test(l))).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'BEGIN:VALARM',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    expect(valuesOf(lines, 'VERSION')).toEqual(['2.0']);
    expect(valuesOf(lines, 'PRODID')).toEqual(['-//frontdesk//Appointment//EN']);
    expect(valuesOf(lines, 'METHOD')).toEqual(['PUBLISH']);
    expect(valuesOf(lines, 'UID')).toEqual(['visit-4821@frontdesk.example']);
    expect(valuesOf(lines, 'DTSTAMP')).toEqual(['20261123T200000Z']);
    expect(valuesOf(lines, 'DTSTART')).toEqual(['20261124T170000Z']);
    expect(valuesOf(lines, 'DTEND')).toEqual(['20261124T173000Z']);
    expect(valuesOf(lines, 'SUMMARY')[0]).toBe('Video visit with Riverbend Family Clinic');
    expect(valuesOf(lines, 'DESCRIPTION')[0]).toBe(event.description);
    expect(valuesOf(lines, 'URL')).toEqual(['https://frontdesk.example/visits/4821']);
    expect(valuesOf(lines, 'TRIGGER')).toEqual(['-PT15M']);
  });

  it('escapes backslash, semicolon, comma and line breaks in text, and reads back the same', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const tricky = 'Dr. Ortiz, Chen; and co. \\ team\nSecond line';
    const lines = parseIcs(buildIcs({ ...event, summary: tricky, description: tricky }));
    expect(valuesOf(lines, 'SUMMARY')[0]).toBe(tricky);
    expect(lines.find((l) => l.name === 'SUMMARY')?.raw).toBe('Dr. Ortiz\\, Chen\\; and co. \\\\ team\\nSecond line');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const long = `${'Ünïcödé clinic – '.repeat(12)}😀 end`;
    const folded = foldLine(`SUMMARY:${long}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    // Nothing lost, nothing broken: no replacement characters from a split UTF-8 sequence.
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${long}`);
    expect(folded).not.toContain('\ufffd');
    // A line of exactly 75 octets stays whole; one more octet folds.
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes UTC date-times without separators or milliseconds', () => {
    expect(icsDateTime('2026-07-07T16:30:00.000Z')).toBe('20260707T163000Z');
    expect(icsDateTime('2026-07-07T09:30:00-07:00')).toBe('20260707T163000Z');
  });
});

describe('calendar links', () => {
  it('fills in a Google Calendar event', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe(event.summary);
    expect(url.searchParams.get('dates')).toBe('20261124T170000Z/20261124T173000Z');
    expect(url.searchParams.get('details')).toBe(event.description);
    expect(url.search).not.toContain('+');
  });

  it('fills in an Outlook.com event', () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/0/action/compose');
    expect(url.searchParams.get('subject')).toBe(event.summary);
    expect(url.searchParams.get('startdt')).toBe('2026-11-24T17:00:00Z');
    expect(url.searchParams.get('enddt')).toBe('2026-11-24T17:30:00Z');
    expect(url.searchParams.get('body')).toBe(event.description);
  });
});
