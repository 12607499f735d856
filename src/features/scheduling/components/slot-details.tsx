import type { Slot } from '../../../api/contract';
import { formatDate, formatTimeRange, patientTimeZone, timeZoneLabel } from '../../../lib/format-time';

/** The chosen time as the review pages show it, in the patient's timezone (and saying which). */
export function SlotDetails({ slot }: { slot: Slot }) {
  const timeZone = patientTimeZone();
  return (
    <>
      <dl className="details">
        <div>
          <dt>Date</dt>
          <dd>{formatDate(slot.start, timeZone)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{formatTimeRange(slot.start, slot.end, timeZone)}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>Video visit</dd>
        </div>
      </dl>
      <p className="timezone-note">Times are shown in {timeZoneLabel(timeZone, slot.start)}.</p>
    </>
  );
}
