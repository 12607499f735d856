/**
 * An iCalendar file (RFC 5545) with one event, and the "add event" links of Google Calendar and
 * Outlook.com. Times are written in UTC ("…Z"): valid, unambiguous, and every calendar shows them
 * in its owner's zone, so no VTIMEZONE is needed.
 */

export interface CalendarEvent {
  /** Stable for one visit, so a second download updates the same event instead of adding one. */
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  url: string;
  /** Where an in-person visit happens (the clinic's address); none for video or phone. */
  location?: string;
  /** When the file is made (DTSTAMP); now by default. */
  stamp?: Date;
  /** A reminder this many minutes before the start; none when absent. */
  reminderMinutes?: number;
}

const CRLF = '\r\n';
/** Content lines are at most 75 octets, line break excluded (RFC 5545 §3.1). */
const MAX_OCTETS = 75;

/** "20261124T170000Z" */
export function icsDateTime(at: string | Date): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as "\n" (§3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Fold a content line into lines of at most 75 octets, each continuation starting with one space
 * (§3.1). Splits between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const n = octets(char.codePointAt(0) ?? 0);
    if (size + n > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += n;
  }
  out.push(current);
  return out.join(CRLF);
}

export function buildIcs(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//frontdesk//Appointment//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${icsDateTime(event.stamp ?? new Date())}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    // A URI value, not TEXT: written as it is.
    `URL:${event.url}`,
    ...(event.reminderMinutes
      ? [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `TRIGGER:-PT${event.reminderMinutes}M`,
          `DESCRIPTION:${escapeText(event.summary)}`,
          'END:VALARM',
        ]
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** Query strings with %20 for spaces: some calendar sites show a "+" as it is. */
const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');

export function googleCalendarUrl(event: CalendarEvent): string {
  return `https://calendar.google.com/calendar/render?${query({
    action: 'TEMPLATE',
    text: event.summary,
    dates: `${icsDateTime(event.start)}/${icsDateTime(event.end)}`,
    details: event.description,
    ...(event.location ? { location: event.location } : {}),
  })}`;
}

export function outlookCalendarUrl(event: CalendarEvent): string {
  const iso = (at: string) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `https://outlook.live.com/calendar/0/action/compose?${query({
    subject: event.summary,
    startdt: iso(event.start),
    enddt: iso(event.end),
    body: event.description,
    ...(event.location ? { location: event.location } : {}),
  })}`;
}
