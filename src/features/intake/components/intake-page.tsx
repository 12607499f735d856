import { useState } from 'react';
import type { GuestSessionRequest, Session } from '../../../api/contract';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { SignInFirst } from '../../../components/sign-in-first';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { useRouteNotice } from '../../../lib/route-notice';
import { DetailsForm, type DetailsFormProps } from './details-form';

export interface IntakePageProps {
  kind: BookingKind;
  /** `undefined` while we check who is signed in; `null` when nobody is. */
  patient: Session | null | undefined;
  patientError: { message: string; retry: () => void; retrying: boolean } | null;
  /** The clinic takes new (guest) patients; `false`: only patients the host site signed in. `undefined` while unknown. */
  guestBooking: boolean | undefined;
  startGuestSession: (body: GuestSessionRequest) => Promise<unknown>;
  signOut: () => Promise<unknown>;
  onIntakeCreated: DetailsFormProps['onIntakeCreated'];
}

const HEADING: Record<BookingKind, string> = {
  walkin: 'Your details',
  appointment: 'Your details',
  econsult: 'Describe your question',
};

const INTRO: Record<BookingKind, string> = {
  walkin: 'Tell us about yourself and why you need care today. Then you join the queue for the next available provider.',
  appointment: 'Tell us about yourself and why you need care. Then you choose a time for your video visit.',
  econsult:
    'Tell us about yourself and what you would like to ask. A provider reviews your question and replies; there is no video call now.',
};

export function IntakePage({
  kind,
  patient,
  patientError,
  guestBooking,
  startGuestSession,
  signOut,
  onIntakeCreated,
}: IntakePageProps) {
  const notice = useRouteNotice();
  const { reset } = useBookingFlow();
  // "Not you?" starts a fresh form that asks who the patient is.
  const [formGeneration, setFormGeneration] = useState(0);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  const notYou = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
      // Nothing the previous patient started may carry over to the next one.
      reset();
      setFormGeneration((n) => n + 1);
    } catch (error) {
      setSignOutError(error instanceof Error ? error.message : 'Please try again.');
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <>
      <PageHeading>{HEADING[kind]}</PageHeading>
      <BookingSteps kind={kind} current="details" />
      <p className="lead">{INTRO[kind]}</p>
      <p className="emergency">
        <strong>If this is an emergency, call 911.</strong>
      </p>
      {notice ? (
        <Alert tone="info">
          <p>{notice}</p>
        </Alert>
      ) : null}

      {patient === undefined && patientError ? (
        <ErrorState
          title="We could not load this form"
          message={patientError.message}
          onRetry={patientError.retry}
          retrying={patientError.retrying}
        />
      ) : patient === undefined || (patient === null && guestBooking === undefined) ? (
        <Spinner label="Loading the form…" />
      ) : patient === null && !guestBooking ? (
        <SignInFirst />
      ) : (
        <DetailsForm
          // A patient the host site signed in after the form appeared gets the form without "About you".
          key={`${formGeneration}-${patient?.launched ? 'launched' : 'asked'}`}
          kind={kind}
          patient={patient}
          startGuestSession={startGuestSession}
          onIntakeCreated={onIntakeCreated}
          focusOnMount={formGeneration > 0}
          patientBanner={
            patient ? (
              <div className="patient-banner">
                <p>
                  You are booking as{' '}
                  <strong>
                    {patient.firstName} {patient.lastName}
                  </strong>
                  .
                </p>
                <Button variant="secondary" busy={signingOut} onClick={() => void notYou()}>
                  Not you? Start over
                </Button>
                {signOutError ? (
                  <Alert title="We could not sign you out">
                    <p>{signOutError}</p>
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
