/** Confirm moving an appointment to the chosen time. */
import { useState } from 'react';
import { ErrorReference } from '../../../components/error-reference';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { isApiRequestError } from '../../../api/client';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';
import { useRescheduleAppointment } from '../../../api/queries/visits';
import { useBookingFlow } from '../../../lib/booking-flow';
import { formatSlotName } from '../../../lib/format-time';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { noticeState } from '../../../lib/route-notice';
import { useTimeZone } from '../../../lib/time-zone';
import { SlotDetails } from './slot-details';

export function RescheduleReviewPage() {
  const { id = '' } = useParams();
  const { flow } = useBookingFlow();
  // A reload forgets the chosen time (memory only): choose it again.
  if (flow.rescheduleVisitId !== id || !flow.slot || !flow.idempotencyKey) {
    return <Navigate to={paths.rescheduleTime.to(id)} replace />;
  }
  return <RescheduleReview visitId={id} slot={flow.slot} idempotencyKey={flow.idempotencyKey} />;
}

function RescheduleReview({ visitId, slot, idempotencyKey }: { visitId: string; slot: Slot; idempotencyKey: string }) {
  const reschedule = useRescheduleAppointment(visitId);
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const timeZone = useTimeZone();
  const i18n = useI18n();
  const { t } = i18n;

  const confirm = async () => {
    setError(null);
    try {
      // The same key on every press: a retry after a lost answer cannot move it twice.
      await reschedule.mutateAsync({ start: slot.start, end: slot.end, idempotencyKey });
      await navigate(paths.visit.to(visitId), { replace: true, state: noticeState('rescheduled') });
    } catch (failure) {
      if (isApiRequestError(failure) && failure.code === 'slot_taken') {
        await navigate(paths.rescheduleTime.to(visitId), { replace: true, state: noticeState('slotTaken') });
        return;
      }
      setError(failure);
    }
  };

  return (
    <>
      <PageHeading>{t.scheduling.reviewNewHeading}</PageHeading>
      <p className="lead">{format(t.scheduling.moveTo, { time: formatSlotName(slot.start, timeZone) })}</p>
      <SlotDetails slot={slot} />

      {error ? (
        <Alert title={t.scheduling.moveErrorTitle}>
          <p>{errorText(error, i18n)}</p>
          <ErrorReference error={error} />
          <p>{t.scheduling.keepsTime}</p>
        </Alert>
      ) : null}
      <div role="status" className="form-status">
        {reschedule.isPending ? t.scheduling.moving : ''}
      </div>
      <div className="actions">
        <Button busy={reschedule.isPending} onClick={() => void confirm()}>
          {t.scheduling.confirmNew}
        </Button>
        <ButtonLink to={paths.rescheduleTime.to(visitId)} variant="secondary">
          {t.scheduling.chooseDifferent}
        </ButtonLink>
        <ButtonLink to={paths.visit.to(visitId)} variant="secondary">
          {t.scheduling.keepCurrent}
        </ButtonLink>
      </div>
    </>
  );
}
