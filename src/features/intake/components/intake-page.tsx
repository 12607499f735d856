import { useState } from 'react';
import { ErrorReference } from '../../../components/error-reference';
import type { GuestSessionRequest, Session } from '../../../api/contract';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { SignInFirst } from '../../../components/sign-in-first';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';
import { rich } from '../../../lib/i18n/rich';
import { useRouteNotice } from '../../../lib/route-notice';
import { DetailsForm, type DetailsFormProps } from './details-form';

export interface IntakePageProps {
  kind: BookingKind;
  /** `undefined` while we check who is signed in; `null` when nobody is. */
  patient: Session | null | undefined;
  patientError: { message: string; error?: unknown; retry: () => void; retrying: boolean } | null;
  /** The clinic takes new (guest) patients; `false`: only patients the host site signed in. `undefined` while unknown. */
  guestBooking: boolean | undefined;
  startGuestSession: (body: GuestSessionRequest) => Promise<unknown>;
  signOut: () => Promise<unknown>;
  onIntakeCreated: DetailsFormProps['onIntakeCreated'];
  /** Which of the details (DetailsForm's `part`); `about` is shown inside the appointment's review, without a page of its own. */
  part?: DetailsFormProps['part'];
  onWhereChosen?: DetailsFormProps['onWhereChosen'];
  /**
   * `about` on a page of its own, with heading and steps: the details the clinic's own scheduling
   * page needs, when none of the times shown suits (no time chosen, so nothing to confirm).
   */
  forClinicPage?: boolean;
}

export function IntakePage({
  kind,
  patient,
  patientError,
  guestBooking,
  startGuestSession,
  signOut,
  onIntakeCreated,
  part = 'all',
  onWhereChosen,
  forClinicPage = false,
}: IntakePageProps) {
  const notice = useRouteNotice();
  const { reset } = useBookingFlow();
  // "Not you?" starts a fresh form that asks who the patient is.
  const [formGeneration, setFormGeneration] = useState(0);
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);
  const i18n = useI18n();
  const { t } = i18n;
  const heading = part === 'where' ? t.intake.whereHeading : kind === 'econsult' ? t.intake.questionHeading : t.intake.detailsHeading;
  // Inside the review (`about`), the review's own heading and steps stand.
  const ownPage = part !== 'about' || forClinicPage;
  const intro =
    part === 'where'
      ? t.intake.introWhere
      : forClinicPage
        ? t.intake.introClinicPage
        : { walkin: t.intake.introWalkin, appointment: t.intake.introAppointment, econsult: t.intake.introEconsult }[kind];

  const notYou = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
      // Nothing the previous patient started may carry over to the next one.
      reset();
      setFormGeneration((n) => n + 1);
    } catch (error) {
      setSignOutError(error);
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <>
      {!ownPage ? null : (
        <>
          <PageHeading>{heading}</PageHeading>
          <BookingSteps kind={kind} current="details" />
          <p className="lead">{intro}</p>
          <p className="emergency">
            <strong>{t.common.emergency}</strong>
          </p>
        </>
      )}
      {notice && ownPage ? (
        <Alert tone="info">
          <p>{notice}</p>
        </Alert>
      ) : null}

      {patient === undefined && patientError ? (
        <ErrorState
          title={t.intake.loadError}
          message={patientError.message}
          error={patientError.error}
          onRetry={patientError.retry}
          retrying={patientError.retrying}
        />
      ) : patient === undefined || (patient === null && guestBooking === undefined) ? (
        <Spinner label={t.intake.loading} />
      ) : patient === null && !guestBooking ? (
        <SignInFirst />
      ) : (
        <DetailsForm
          // A patient the host site signed in after the form appeared gets the form without "About you".
          key={`${formGeneration}-${patient?.launched ? 'launched' : 'asked'}-${part}`}
          kind={kind}
          patient={patient}
          startGuestSession={startGuestSession}
          onIntakeCreated={onIntakeCreated}
          part={part}
          {...(onWhereChosen ? { onWhereChosen } : {})}
          {...(part === 'about' && !forClinicPage ? { submitLabel: t.scheduling.confirm } : {})}
          focusOnMount={formGeneration > 0}
          patientBanner={
            patient ? (
              <div className="patient-banner">
                <p>
                  {rich(t.intake.bookingAs, {
                    name: (
                      <strong>
                        {patient.firstName} {patient.lastName}
                      </strong>
                    ),
                  })}
                </p>
                <Button variant="secondary" busy={signingOut} onClick={() => void notYou()}>
                  {t.intake.notYou}
                </Button>
                {signOutError ? (
                  <Alert title={t.intake.signOutError}>
                    <p>{errorText(signOutError, i18n)}</p>
                    <ErrorReference error={signOutError} />
                  </Alert>
                ) : null}
              </div>
            ) : null
          }
        />
      )}
    </>
  );
}
