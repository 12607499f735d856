import { Navigate, useNavigate } from 'react-router-dom';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';
import { useBookingFlow } from '../../../lib/booking-flow';
import { noticeState, useRouteNotice } from '../../../lib/route-notice';
import { DETAILS_NEEDED_NOTICE } from './notices';
import { BOOKING_WINDOW_DAYS, SlotPicker } from './slot-picker';

export function SlotPickerPage() {
  const { flow } = useBookingFlow();
  if (!flow.intakeId || flow.kind !== 'appointment') {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState(DETAILS_NEEDED_NOTICE)} />;
  }
  return <BookingSlotPicker intakeId={flow.intakeId} />;
}

function BookingSlotPicker({ intakeId }: { intakeId: string }) {
  const { chooseSlot } = useBookingFlow();
  const navigate = useNavigate();
  const notice = useRouteNotice();

  const choose = (slot: Slot) => {
    chooseSlot(slot);
    void navigate(paths.appointmentReview);
  };

  return (
    <>
      <PageHeading>Choose a time</PageHeading>
      {notice ? (
        <Alert title="That time is no longer available">
          <p>{notice}</p>
        </Alert>
      ) : null}
      <SlotPicker
        intakeId={intakeId}
        onChoose={choose}
        empty={
          <>
            <p>There are no open times in the next {BOOKING_WINDOW_DAYS} days.</p>
            <p>Please check again later, or see a provider now when the clinic is open.</p>
            <ButtonLink to={paths.start} variant="secondary">
              Back to start
            </ButtonLink>
          </>
        }
      />
    </>
  );
}
