/**
 * "Can the clinic see you now?": the answer in plain words before the patient types anything —
 * open with the estimated wait, or why not (busy, outside hours with the next opening, no provider
 * on call, closed) and what they can do instead.
 */
import type { AreaStatus, Clinic, WaitEstimate } from '../../../api/contract';
import { Button } from '../../../components/button';
import { ClinicPhone } from '../../../components/clinic-phone';
import { formatSlotName } from '../../../lib/format-time';
import type { Messages } from '../../../lib/i18n/en';
import { format, useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';

/** "Estimated wait: about 15 minutes." / "… more than an hour." */
export function waitSentence(wait: WaitEstimate, t: { estimate: string; estimateOverHour: string }): string {
  return wait.moreThanAnHour ? t.estimateOverHour : format(t.estimate, { minutes: String(wait.minutes) });
}

function reasonSentence(status: Pick<AreaStatus, 'closedReason' | 'opensAt'>, t: Messages['area'], timeZone: string): string {
  switch (status.closedReason) {
    case 'busy':
      return t.busy;
    case 'off_hours':
      return status.opensAt ? format(t.offHoursOpens, { when: formatSlotName(status.opensAt, timeZone) }) : t.offHours;
    case 'no_provider_on_call':
      return t.noProvider;
    default:
      return t.closed;
  }
}

export interface AreaStatusPanelProps {
  clinic: Clinic;
  status: Pick<AreaStatus, 'isOpen' | 'closedReason' | 'closedMessage' | 'opensAt' | 'wait'>;
  onCheckAgain: () => void;
  checking: boolean;
}

export function AreaStatusPanel({ clinic, status, onCheckAgain, checking }: AreaStatusPanelProps) {
  const { t } = useI18n();
  const timeZone = useTimeZone();
  const a = t.area;
  return (
    <section aria-labelledby="area-status-heading" className="area-status">
      <h2 id="area-status-heading">{a.statusHeading}</h2>
      {status.isOpen ? (
        <>
          <p>{a.openNow}</p>
          {status.wait ? <p className="wait-line">{waitSentence(status.wait, { estimate: a.waitAbout, estimateOverHour: a.waitOverHour })}</p> : null}
        </>
      ) : (
        <>
          <p>{reasonSentence(status, a, timeZone)}</p>
          {status.closedMessage ? <p>{format(a.clinicSays, { message: status.closedMessage })}</p> : null}
          {/* The clinic's own words often say "try later" already. */}
          {clinic.appointmentEnabled ? <p>{a.bookInstead}</p> : status.closedMessage ? null : <p>{a.tryLater}</p>}
          <ClinicPhone phone={clinic.phone} />
          <Button variant="secondary" busy={checking} onClick={onCheckAgain}>
            {a.checkAgain}
          </Button>
        </>
      )}
    </section>
  );
}
