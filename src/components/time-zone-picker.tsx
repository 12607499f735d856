/**
 * Says which timezone the page's times are in (and the clinic's, when that is another one), and
 * lets the patient show them in another zone. Shared by every page that shows a time.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { clinicQueries } from '../api/queries/clinic';
import { format, useI18n } from '../lib/i18n/language';
import { timeZoneName } from '../lib/format-time';
import { chooseTimeZone, detectedTimeZone, useTimeZone } from '../lib/time-zone';
import { timeZoneChoices, timeZoneOptionLabel } from '../lib/time-zone-choices';

export function TimeZonePicker({ at }: { at?: string }) {
  const timeZone = useTimeZone();
  const clinicZone = useQuery(clinicQueries.settings()).data?.timezone;
  const selectId = useId();
  const detected = detectedTimeZone();
  const { t } = useI18n();

  const shown = timeZoneName(timeZone, at);
  const clinic = clinicZone ? timeZoneName(clinicZone, at) : null;
  // Compared by name: two zones with one name ("Pacific Time") keep the same clock.
  const note =
    clinic && clinic !== shown
      ? format(t.timeZone.noteOther, { clinic, shown })
      : format(t.timeZone.noteSame, { shown });

  return (
    <div className="timezone">
      {/* Polite: picking another zone changes every time on the page; this says so once. */}
      <p className="timezone-note" aria-live="polite">
        {note}
      </p>
      <div className="field timezone-field">
        <label className="field-label" htmlFor={selectId}>
          {t.timeZone.label}
        </label>
        <select id={selectId} value={timeZone} onChange={(event) => chooseTimeZone(event.target.value)}>
          {timeZoneChoices(clinicZone, timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone === detected ? format(t.timeZone.thisDevice, { zone: timeZoneOptionLabel(zone) }) : timeZoneOptionLabel(zone)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
