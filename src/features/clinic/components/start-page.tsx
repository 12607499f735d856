import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import type { AreaStatus, Clinic } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ClinicPhone } from '../../../components/clinic-phone';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { SignInFirst } from '../../../components/sign-in-first';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { clinicQueries } from '../../../api/queries/clinic';
import { sessionQueries } from '../../../api/queries/session';
import { useEmbedStatus } from '../../../lib/embed';
import type { Messages } from '../../../lib/i18n/en';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';
import { setArea, useArea } from '../../../lib/service-area';
import { AreaQuestion } from './area-question';
import { ClinicAnswerState } from './clinic-answer-state';
import { AreaStatusPanel } from './area-status';

interface Choice {
  kind: BookingKind;
  label: string;
  hint: string;
}

/**
 * What the clinic offers right now, in the order the patient sees it. A closed room — or an area
 * the clinic cannot see patients in now — takes no walk-ins.
 */
function choicesFor(clinic: Clinic, t: Messages['start'], canSeeNow: boolean): Choice[] {
  const choices: Choice[] = [];
  if (clinic.walkinEnabled && clinic.isOpen && canSeeNow) choices.push({ kind: 'walkin', label: t.walkinLabel, hint: t.walkinHint });
  if (clinic.appointmentEnabled) {
    choices.push({ kind: 'appointment', label: t.appointmentLabel, hint: t.appointmentHint });
  }
  if (clinic.econsultEnabled) choices.push({ kind: 'econsult', label: t.econsultLabel, hint: t.econsultHint });
  return choices;
}

/** Closed: say what still works instead of a dead end (whole sentences, for translation). */
function closedAdvice(clinic: Clinic, t: Messages['start']): string {
  if (clinic.appointmentEnabled && clinic.econsultEnabled) return t.closedBoth;
  if (clinic.appointmentEnabled) return t.closedAppointment;
  if (clinic.econsultEnabled) return t.closedEconsult;
  return t.closedNothing;
}

export function StartPage() {
  const clinicQuery = useQuery(clinicQueries.settings());
  // Nobody signed in (null), not merely unknown yet or being signed in by the host: only then say who may book.
  const sessionQuery = useQuery(sessionQueries.current());
  const launching = useEmbedStatus().launch === 'pending';
  const nobodySignedIn = sessionQuery.data === null && !launching;
  const navigate = useNavigate();
  const { reset } = useBookingFlow();
  const i18n = useI18n();
  const { t } = i18n;

  const begin = (kind: BookingKind) => {
    reset();
    void navigate(paths.details.to(kind));
  };

  const clinic = clinicQuery.data;
  // A clinic with service areas asks where the patient is first; its answer is that area's.
  const areas = clinic?.capabilities.serviceAreas ? (clinic.serviceAreas ?? null) : null;
  const areaId = useArea();
  const chosen = areas?.find((a) => a.id === areaId) ?? null;
  const areaQuery = useQuery({ ...clinicQueries.area(chosen?.id ?? ''), enabled: chosen !== null && !chosen.outOfArea });
  const outOfArea = chosen?.outOfArea === true || areaQuery.data?.closedReason === 'out_of_area';
  useEffect(() => {
    if (outOfArea) void navigate(paths.outOfArea);
  }, [outOfArea, navigate]);
  // Without areas, the clinic's own answer (VSee: the room's closed state and the learnt wait).
  const status: Pick<AreaStatus, 'isOpen' | 'closedReason' | 'closedMessage' | 'opensAt' | 'wait'> | null = areas
    ? (areaQuery.data ?? null)
    : clinic
      ? { isOpen: clinic.isOpen, closedReason: clinic.closedReason, closedMessage: clinic.closedMessage, opensAt: clinic.opensAt, wait: clinic.wait }
      : null;
  const answered = areas === null || (status !== null && !outOfArea);
  const choices = clinic && answered ? choicesFor(clinic, t.start, status?.isOpen ?? false) : [];

  return (
    <>
      <PageHeading>{clinic?.name ?? t.start.welcome}</PageHeading>
      <p className="emergency">
        <strong>{t.common.emergency}</strong>
      </p>

      <ClinicAnswerState query={clinicQuery} />

      {clinic ? (
        <>
          {areas ? <AreaQuestion areas={areas} value={chosen?.id ?? null} onChange={setArea} /> : null}
          {areas && areaQuery.isFetching && !areaQuery.data ? <Spinner label={t.area.checking} /> : null}
          {areas && areaQuery.isError ? (
            <ErrorState
              title={t.area.checkError}
              message={errorText(areaQuery.error, i18n)}
              error={areaQuery.error}
              onRetry={() => void areaQuery.refetch()}
              retrying={areaQuery.isFetching}
            />
          ) : null}
          {status && answered && (areas !== null || status.isOpen ? clinic.walkinEnabled : false) ? (
            <AreaStatusPanel clinic={clinic} status={status} onCheckAgain={() => void (areas ? areaQuery.refetch() : clinicQuery.refetch())} checking={areas ? areaQuery.isFetching : clinicQuery.isFetching} />
          ) : null}
          {!areas && !clinic.isOpen ? (
            <Alert tone="info" title={t.start.closedTitle}>
              {clinic.closedMessage ? <p>{clinic.closedMessage}</p> : null}
              <p>{closedAdvice(clinic, t.start)}</p>
              <ClinicPhone phone={clinic.phone} />
            </Alert>
          ) : null}

          {choices.length > 0 ? (
            <section aria-labelledby="choices-heading" className="choices">
              <h2 id="choices-heading">{t.start.choicesHeading}</h2>
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
          ) : clinic.isOpen && answered && (status?.isOpen ?? true) ? (
            <div className="empty-state">
              <p>{t.start.unavailable}</p>
              <ClinicPhone phone={clinic.phone} />
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
