import { Navigate, useNavigate } from 'react-router-dom';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { PageHeading } from '../../../components/page-heading';
import { useBookingFlow } from '../../../lib/booking-flow';
import { useI18n } from '../../../lib/i18n/language';
import { noticeState, useRouteNotice } from '../../../lib/route-notice';
import { NoTimesHelp } from './no-times-help';
import { SlotPicker } from './slot-picker';

export function SlotPickerPage() {
  const { flow } = useBookingFlow();
  if (!flow.intakeId || flow.kind !== 'appointment') {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState('detailsNeeded')} />;
  }
  return <BookingSlotPicker intakeId={flow.intakeId} initialSlot={flow.slot} />;
}

function BookingSlotPicker({ intakeId, initialSlot }: { intakeId: string; initialSlot: Slot | null }) {
  const { chooseSlot } = useBookingFlow();
  const navigate = useNavigate();
  const notice = useRouteNotice();
  const { t } = useI18n();

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
      {/* After "that time was taken" the old choice is gone: start without one. */}
      <SlotPicker search={{ intakeId }} onChoose={choose} initialSlot={notice ? null : initialSlot} empty={<NoTimesHelp />} />
    </>
  );
}
