import type { Slot } from '../../../api/contract';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDate, formatTimeRange } from '../../../lib/format-time';
import { useTimeZone } from '../../../lib/time-zone';

/** The chosen time as the review pages show it, in the patient's timezone (and saying which). */
export function SlotDetails({ slot }: { slot: Slot }) {
  const timeZone = useTimeZone();
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
      <TimeZonePicker at={slot.start} />
    </>
  );
}
