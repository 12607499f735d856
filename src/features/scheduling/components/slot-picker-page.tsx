import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router-dom';
import { clinicQueries } from '../../../api/queries/clinic';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { useI18n } from '../../../lib/i18n/language';
import { noticeState, useRouteNotice } from '../../../lib/route-notice';
import { NoTimesHelp } from './no-times-help';
import { ProviderChoice } from './provider-choice';
import { ScheduleOnSite, ScheduleOnSiteFirst } from './schedule-on-site';
import { SlotPicker } from './slot-picker';

export function SlotPickerPage() {
  const { flow } = useBookingFlow();
  // Times first (issue 11): the first step's place is enough.
  if (flow.kind !== 'appointment' || (!flow.intakeId && !flow.area)) {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState('detailsNeeded')} />;
  }
  return <BookingSlotPicker intakeId={flow.intakeId} initialSlot={flow.slot} />;
}

function BookingSlotPicker({ intakeId, initialSlot }: { intakeId: string | null; initialSlot: Slot | null }) {
  const { flow, chooseSlot, chooseProvider } = useBookingFlow();
  const navigate = useNavigate();
  const notice = useRouteNotice();
  const { t } = useI18n();
  const clinicQuery = useQuery(clinicQueries.settings());
  const clinic = clinicQuery.data;
  const providers = clinic?.providers ?? [];
  // A preselected provider (a link or an embed option) counts only when the clinic lists them.
  const providerId = providers.some((p) => p.id === flow.providerId) ? flow.providerId : null;
  // VSee's own scheduling page takes the intake along; DexCare has none.
  const clinicPage = clinic?.capabilities.scheduleOnSite === true;
  // The patient asked for that page and has given their details: it comes first.
  const toClinicPage = clinicPage && !!intakeId && flow.toClinicPage;

  const choose = (slot: Slot) => {
    chooseSlot(slot);
    void navigate(paths.appointmentReview);
  };

  return (
    <>
      <PageHeading>{t.scheduling.chooseTime}</PageHeading>
      <BookingSteps kind="appointment" current="time" />
      {notice ? (
        <Alert title={t.scheduling.noLongerAvailable}>
          <p>{notice}</p>
        </Alert>
      ) : null}
      {clinicQuery.isPending ? (
        // How this clinic schedules, and whom a link's provider may be, come with its settings: no
        // search before they are here (the page's code can be here before the layout's answer).
        <Spinner label={t.common.loading} />
      ) : clinic?.scheduling === 'vsee' && intakeId ? (
        // The clinic schedules on its own VSee page (SCHEDULING=vsee): the details go along.
        <ScheduleOnSite intakeId={intakeId} primary />
      ) : (
        <>
          {toClinicPage && intakeId ? <ScheduleOnSite intakeId={intakeId} primary first /> : null}
          {/* After "that time was taken" the old choice is gone: start without one. */}
          <SlotPicker
            key={providerId ?? 'any'}
            // The clinic's open times (times first): the intake, once there is one, checks the
            // chosen time again before booking (review-page.tsx).
            openFor={{ ...(flow.visitTypeId ? { visitTypeId: flow.visitTypeId } : {}), ...(providerId ? { providerId } : {}) }}
            onChoose={choose}
            initialSlot={notice ? null : initialSlot}
            empty={<NoTimesHelp />}
          />
          {/* After the times, not above them: on a phone the first time stays above the fold
              (issue 11), and most patients take any available provider. */}
          <ProviderChoice providers={providers} value={providerId} onChange={chooseProvider} />
          {/* None of these times suits: the clinic's own scheduling page may show more. It
              takes the intake along: before there is one, the way there asks the details first. */}
          {!clinicPage || toClinicPage ? null : intakeId ? <ScheduleOnSite intakeId={intakeId} /> : <ScheduleOnSiteFirst />}
        </>
      )}
    </>
  );
}
