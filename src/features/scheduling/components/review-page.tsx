import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { clinicQueries } from '../../../api/queries/clinic';
import { ErrorReference } from '../../../components/error-reference';
import { Navigate, useNavigate } from 'react-router-dom';
import { isApiRequestError } from '../../../api/client';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { BookingSteps } from '../../../components/booking-steps';
import { ButtonLink } from '../../../components/button-link';
import { CoverageStatus } from '../../../components/coverage-status';
import { PageHeading } from '../../../components/page-heading';
import { useBookAppointment } from '../../../api/queries/visits';
import { useBookingFlow } from '../../../lib/booking-flow';
import { intakeReason } from '../../../lib/intake-reason';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';
import { bookedState, noticeState } from '../../../lib/route-notice';
import { SlotDetails } from './slot-details';

export function ReviewPage() {
  const { flow } = useBookingFlow();
  if (!flow.intakeId || flow.kind !== 'appointment') {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState('detailsNeeded')} />;
  }
  if (!flow.slot || !flow.idempotencyKey) return <Navigate to={paths.appointmentTime} replace />;
  return <Review intakeId={flow.intakeId} slot={flow.slot} idempotencyKey={flow.idempotencyKey} reason={intakeReason(flow)} />;
}

function Review({
  intakeId,
  slot,
  idempotencyKey,
  reason,
}: {
  intakeId: string;
  slot: Slot;
  idempotencyKey: string;
  reason: string | null;
}) {
  const book = useBookAppointment();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const i18n = useI18n();
  const { t } = i18n;
  const { flow } = useBookingFlow();
  const clinic = useQuery(clinicQueries.settings()).data;
  // What the patient chose earlier: the type's length and price, and the provider by name.
  const visitType = clinic?.visitTypes.find((v) => v.id === flow.visitTypeId);
  const provider = clinic?.providers.find((p) => p.id === flow.providerId);

  const confirm = async () => {
    setError(null);
    try {
      // The same key on every press: a retry after a lost answer cannot book twice.
      const created = await book.mutateAsync({ intakeId, start: slot.start, end: slot.end, ...(provider ? { providerId: provider.id } : {}), idempotencyKey });
      await navigate(paths.visit.to(created.id), { replace: true, state: bookedState() });
    } catch (failure) {
      if (isApiRequestError(failure) && failure.code === 'slot_taken') {
        // The times held were forgotten (queries/visits.ts), so the picker asks the server again
        // and the taken slot is gone from the list the patient sees next.
        await navigate(paths.appointmentTime, { replace: true, state: noticeState('slotTaken') });
        return;
      }
      setError(failure);
    }
  };

  return (
    <>
      <PageHeading>{t.scheduling.reviewHeading}</PageHeading>
      <BookingSteps kind="appointment" current="review" />
      <SlotDetails slot={slot} visitType={(clinic?.visitTypes.length ?? 0) > 1 ? visitType : undefined} provider={provider?.name} reason={reason} />
      <CoverageStatus />

      {error ? (
        <Alert title={t.scheduling.bookErrorTitle}>
          <p>{errorText(error, i18n)}</p>
          <ErrorReference error={error} />
          <p>{t.scheduling.pressConfirm}</p>
        </Alert>
      ) : null}
      <div role="status" className="form-status">
        {book.isPending ? t.scheduling.booking : ''}
      </div>
      <div className="actions">
        <Button busy={book.isPending} onClick={() => void confirm()}>
          {t.scheduling.confirm}
        </Button>
        <ButtonLink to={paths.appointmentTime} variant="secondary">
          {t.scheduling.chooseDifferent}
        </ButtonLink>
      </div>
    </>
  );
}
