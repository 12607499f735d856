import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { clinicQueries } from '../../../api/queries/clinic';
import { availabilityQueries } from '../../../api/queries/availability';
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

/** Checks the chosen time with the patient's intake, then books it (the review's last press). */
export type BookChosen = (attempt: { intakeId: string; idempotencyKey: string }) => Promise<void>;

export interface ReviewPageProps {
  /**
   * The patient's details with the review's Confirm (times first, issue 11): shown until this
   * booking has an intake; its submit makes the session and the intake, then calls `book`.
   * The app passes the details form (features never import one another).
   */
  details?: (book: BookChosen) => ReactNode;
  /** Nobody is signed in: an intake this tab remembers is not this patient's, so ask anyway. */
  signedOut?: boolean;
}

export function ReviewPage({ details, signedOut = false }: ReviewPageProps) {
  const { flow } = useBookingFlow();
  if (flow.kind !== 'appointment' || (!flow.intakeId && !flow.area)) {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState('detailsNeeded')} />;
  }
  if (!flow.slot) return <Navigate to={paths.appointmentTime} replace />;
  return <Review slot={flow.slot} details={details} signedOut={signedOut} />;
}

/**
 * The chosen time, re-checked against the intake-aware availability (the intake's place can
 * narrow the providers, decision 030), then booked once with the attempt's key. A time that
 * vanished — before booking or as VSee refuses it — sends the patient back to the times.
 */
function useBookChosen(slot: Slot): { book: BookChosen; pending: boolean } {
  const booking = useBookAppointment();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { flow } = useBookingFlow();
  const [checking, setChecking] = useState(false);
  const backToTimes = () => navigate(paths.appointmentTime, { replace: true, state: noticeState('slotTaken') });

  const book: BookChosen = async ({ intakeId, idempotencyKey }) => {
    setChecking(true);
    try {
      const providerId = flow.providerId ?? undefined;
      const check = await queryClient.fetchQuery({
        ...availabilityQueries.range({ intakeId, ...(providerId ? { providerId } : {}), from: slot.start, to: slot.end }),
        staleTime: 0,
      });
      if (!check.slots.some((s) => s.start === slot.start && s.end === slot.end)) {
        await backToTimes();
        return;
      }
    } finally {
      setChecking(false);
    }
    try {
      // The same key on every press: a retry after a lost answer cannot book twice.
      const created = await booking.mutateAsync({
        intakeId,
        start: slot.start,
        end: slot.end,
        ...(flow.providerId ? { providerId: flow.providerId } : {}),
        idempotencyKey,
      });
      await navigate(paths.visit.to(created.id), { replace: true, state: bookedState() });
    } catch (failure) {
      if (isApiRequestError(failure) && failure.code === 'slot_taken') {
        // The times held were forgotten (queries/visits.ts), so the picker asks the server again
        // and the taken slot is gone from the list the patient sees next.
        await backToTimes();
        return;
      }
      throw failure;
    }
  };
  return { book, pending: checking || booking.isPending };
}

function Review({ slot, details, signedOut }: { slot: Slot; details: ReviewPageProps['details']; signedOut: boolean }) {
  const [error, setError] = useState<unknown>(null);
  const i18n = useI18n();
  const { t } = i18n;
  const { flow } = useBookingFlow();
  const { book, pending } = useBookChosen(slot);
  const clinic = useQuery(clinicQueries.settings()).data;
  // What the patient chose earlier: the type's length and price, and who they will see.
  const visitType = clinic?.visitTypes.find((v) => v.id === flow.visitTypeId);
  const provider = clinic?.providers.find((p) => p.id === flow.providerId);
  const providerName = provider?.name ?? ((clinic?.providers.length ?? 0) > 0 ? t.choices.anyProvider : null);
  const { intakeId, idempotencyKey } = flow;
  // Asked here until this booking has its intake (made by the details' submit).
  const asking = details && (!intakeId || signedOut);

  const confirm = async () => {
    if (!intakeId || !idempotencyKey) return;
    setError(null);
    try {
      await book({ intakeId, idempotencyKey });
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <PageHeading>{t.scheduling.reviewHeading}</PageHeading>
      <BookingSteps kind="appointment" current="review" />
      <SlotDetails
        slot={slot}
        visitType={(clinic?.visitTypes.length ?? 0) > 1 ? visitType : undefined}
        provider={providerName}
        reason={asking ? null : intakeReason(flow)}
      />
      {/* Before the details, so a patient who wants another time need not pass the form. */}
      <div className="actions">
        <ButtonLink to={paths.appointmentTime} variant="secondary">
          {t.scheduling.chooseDifferent}
        </ButtonLink>
      </div>
      {asking ? (
        details(book)
      ) : (
        <>
          <CoverageStatus />
          {error ? (
            <Alert title={t.scheduling.bookErrorTitle}>
              <p>{errorText(error, i18n)}</p>
              <ErrorReference error={error} />
              <p>{t.scheduling.pressConfirm}</p>
            </Alert>
          ) : null}
          <div role="status" className="form-status">
            {pending ? t.scheduling.booking : ''}
          </div>
          <div className="actions">
            <Button busy={pending} onClick={() => void confirm()}>
              {t.scheduling.confirm}
            </Button>
          </div>
        </>
      )}
    </>
  );
}
