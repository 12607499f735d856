import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { Clinic } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ClinicPhone } from '../../../components/clinic-phone';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { SignInFirst } from '../../../components/sign-in-first';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { clinicQueryOptions } from '../../../lib/clinic-query';
import { useEmbedStatus } from '../../../lib/embed';
import { sessionQueryOptions } from '../../../lib/session-query';

interface Choice {
  kind: BookingKind;
  label: string;
  hint: string;
}

/** What the clinic offers right now, in the order the patient sees it. A closed room takes no walk-ins. */
function choicesFor(clinic: Clinic): Choice[] {
  const choices: Choice[] = [];
  if (clinic.walkinEnabled && clinic.isOpen) {
    choices.push({
      kind: 'walkin',
      label: 'See a provider now',
      hint: 'Join the queue and talk to the next available provider by video.',
    });
  }
  if (clinic.appointmentEnabled) {
    choices.push({ kind: 'appointment', label: 'Schedule an appointment', hint: 'Pick a time that suits you for a video visit.' });
  }
  if (clinic.econsultEnabled) {
    choices.push({
      kind: 'econsult',
      label: 'Send a question to a provider',
      hint: 'An e-consult: a provider reviews your question and replies. There is no video call now.',
    });
  }
  return choices;
}

/** Closed: say what still works instead of a dead end (whole sentences, for translation). */
function closedAdvice(clinic: Clinic): string {
  if (clinic.appointmentEnabled && clinic.econsultEnabled) {
    return 'You cannot see a provider right now, but you can schedule an appointment for later or send a question to a provider below.';
  }
  if (clinic.appointmentEnabled) return 'You cannot see a provider right now, but you can schedule an appointment for later below.';
  if (clinic.econsultEnabled) return 'You cannot see a provider right now, but you can send a question to a provider below.';
  return 'Please come back later, during opening hours.';
}

export function StartPage() {
  const clinicQuery = useQuery(clinicQueryOptions());
  // Nobody signed in (null), not merely unknown yet or being signed in by the host: only then say who may book.
  const sessionQuery = useQuery(sessionQueryOptions());
  const launching = useEmbedStatus().launch === 'pending';
  const nobodySignedIn = sessionQuery.data === null && !launching;
  const navigate = useNavigate();
  const { reset } = useBookingFlow();

  const begin = (kind: BookingKind) => {
    reset();
    void navigate(paths.details.to(kind));
  };

  const clinic = clinicQuery.data;
  const choices = clinic ? choicesFor(clinic) : [];

  return (
    <>
      <PageHeading>{clinic?.name ?? 'Welcome'}</PageHeading>
      <p className="emergency">
        <strong>If this is an emergency, call 911.</strong>
      </p>

      {clinicQuery.isPending ? <Spinner label="Loading the clinic's details…" /> : null}

      {clinicQuery.isError ? (
        <ErrorState
          title="We could not load the clinic"
          message={clinicQuery.error.message}
          onRetry={() => void clinicQuery.refetch()}
          retrying={clinicQuery.isFetching}
        />
      ) : null}

      {clinic ? (
        <>
          {!clinic.isOpen ? (
            <Alert tone="info" title="The clinic is closed right now">
              {clinic.closedMessage ? <p>{clinic.closedMessage}</p> : null}
              <p>{closedAdvice(clinic)}</p>
              <ClinicPhone phone={clinic.phone} />
            </Alert>
          ) : null}

          {choices.length > 0 ? (
            <section aria-labelledby="choices-heading" className="choices">
              <h2 id="choices-heading">How would you like to see a provider?</h2>
              {!clinic.guestBooking && nobodySignedIn ? <SignInFirst /> : null}
              <ul className="choice-list">
                {choices.map((choice, index) => (
                  <li key={choice.kind}>
                    <Button
                      variant={index === 0 ? 'primary' : 'secondary'}
                      aria-describedby={`choice-${choice.kind}-hint`}
                      onClick={() => begin(choice.kind)}
                    >
                      {choice.label}
                    </Button>
                    <p id={`choice-${choice.kind}-hint`} className="choice-hint">
                      {choice.hint}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ) : clinic.isOpen ? (
            <div className="empty-state">
              <p>Online visits are not available right now. Please contact the clinic.</p>
              <ClinicPhone phone={clinic.phone} />
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
