/**
 * "Add to your calendar" for an upcoming appointment: an .ics file made in the browser, and links
 * that open Google Calendar or Outlook.com with the event filled in (in the page's language). The event holds only the
 * clinic's name, the time and the link to this visit's page on frontdesk: no reason for visit, no
 * patient name, and never the VSee portal's one-time link.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { clinicQueries } from '../../../api/queries/clinic';
import { format, useI18n } from '../../../lib/i18n/language';
import { buildIcs, googleCalendarUrl, outlookCalendarUrl, type CalendarEvent } from '../../../lib/ics';

/** `returnUrl`: the visit's return link (opens it on any device); until it is made, this page's address. */
export function AddToCalendar({ visit, returnUrl }: { visit: Visit; returnUrl?: string }) {
  const clinic = useQuery(clinicQueries.settings()).data;
  const clinicName = clinic?.name;
  const address = clinic?.address ?? null;
  const { t: all } = useI18n();
  const t = all.calendar;
  const m = all.visitMode;
  const event = useMemo<CalendarEvent>(() => {
    const url = returnUrl ?? `${window.location.origin}${paths.visit.to(visit.id)}`;
    // A phone or in-person visit is never described as a video visit (issue #16).
    const words =
      visit.modality === 'phone'
        ? { summary: m.calendarPhoneSummary, none: m.calendarPhoneSummaryNoName, description: m.calendarPhoneDescription }
        : visit.modality === 'in_person'
          ? { summary: m.calendarInPersonSummary, none: m.calendarInPersonSummaryNoName, description: m.calendarInPersonDescription }
          : { summary: t.summary, none: t.summaryNoName, description: t.description };
    return {
      uid: `visit-${visit.id}@${window.location.host}`,
      start: visit.start,
      end: visit.end,
      summary: clinicName ? format(words.summary, { clinic: clinicName }) : words.none,
      description: format(words.description, { url }),
      url,
      ...(visit.modality === 'in_person' && address ? { location: address } : {}),
      reminderMinutes: 15,
    };
  }, [visit.id, visit.start, visit.end, visit.modality, clinicName, address, t, m, returnUrl]);

  // One object URL per version of the event, made and freed by the effect (an outside resource:
  // made during render, StrictMode's second effect run would free the URL the link still shows).
  const [fileUrl, setFileUrl] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([buildIcs(event)], { type: 'text/calendar;charset=utf-8' }));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL only exists once the effect made it
    setFileUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [event]);

  return (
    <section aria-labelledby="calendar-heading" className="calendar">
      <h2 id="calendar-heading">{t.heading}</h2>
      <ul className="calendar-links">
        {fileUrl ? (
          <li>
            <a className="button button-secondary" href={fileUrl} download="appointment.ics">
              {t.download}
            </a>
          </li>
        ) : null}
        <li>
          <a className="button button-secondary" href={googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer">
            {t.google}
          </a>
        </li>
        <li>
          <a className="button button-secondary" href={outlookCalendarUrl(event)} target="_blank" rel="noopener noreferrer">
            {t.outlook}
          </a>
        </li>
      </ul>
    </section>
  );
}
