import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Spinner } from '../components/spinner';
import { useI18n } from '../lib/i18n/language';
import { setRoom } from '../lib/room';
// The start page is the only page in the first download; every other page loads on demand.
import { StartPage } from '../features/clinic/components/start-page';
import { ErrorPage, RootErrorPage } from './error-page';
import { Layout } from './layout';
import { paths } from '../lib/paths';

function PageLoading() {
  return <Spinner label={useI18n().t.common.loading} />;
}

/** The route objects on their own, so tests can mount them in a memory router. */
export const routes: RouteObject[] = [
  {
    // The provider's page: its own layout, none of the patient pages' navigation.
    path: paths.staff,
    errorElement: <RootErrorPage />,
    HydrateFallback: PageLoading,
    lazy: async () => ({ Component: (await import('../features/staff/components/staff-page')).StaffPage }),
  },
  {
    path: paths.start,
    Component: Layout,
    errorElement: <RootErrorPage />,
    children: [
      {
        // Pathless: errors and first-load fallbacks render inside the layout, under the header.
        errorElement: <ErrorPage />,
        HydrateFallback: PageLoading,
        children: [
          { index: true, Component: StartPage },
          {
            // A provider's room: from here on the start page, settings and bookings are that room's.
            path: paths.room.pattern,
            loader: ({ params }) => {
              setRoom(params.roomCode ?? null);
              return null;
            },
            lazy: async () => ({ Component: (await import('../features/clinic/components/room-page')).RoomPage }),
          },
          {
            path: paths.details.pattern,
            lazy: async () => ({ Component: (await import('./routes/book-details')).BookDetailsRoute }),
          },
          {
            path: paths.visitDetails,
            lazy: async () => ({ Component: (await import('./routes/book-visit-details')).BookVisitDetailsRoute }),
          },
          {
            path: paths.payment.pattern,
            lazy: async () => ({ Component: (await import('./routes/book-payment')).BookPaymentRoute }),
          },
          {
            path: paths.appointmentTime,
            lazy: async () => ({
              Component: (await import('../features/scheduling/components/slot-picker-page')).SlotPickerPage,
            }),
          },
          {
            path: paths.appointmentReview,
            lazy: async () => ({ Component: (await import('../features/scheduling/components/review-page')).ReviewPage }),
          },
          {
            path: paths.visits,
            lazy: async () => ({ Component: (await import('../features/visits/components/my-visits-page')).MyVisitsPage }),
          },
          {
            path: paths.visit.pattern,
            lazy: async () => ({ Component: (await import('../features/visits/components/visit-page')).VisitPage }),
          },
          {
            path: paths.rescheduleTime.pattern,
            lazy: async () => ({
              Component: (await import('../features/scheduling/components/reschedule-time-page')).RescheduleTimePage,
            }),
          },
          {
            path: paths.rescheduleReview.pattern,
            lazy: async () => ({
              Component: (await import('../features/scheduling/components/reschedule-review-page')).RescheduleReviewPage,
            }),
          },
          {
            path: paths.waitingRoom.pattern,
            lazy: async () => ({
              Component: (await import('../features/walk-in/components/waiting-room-page')).WaitingRoomPage,
            }),
          },
          {
            path: paths.staffStatus,
            lazy: async () => ({
              Component: (await import('../features/staff-status/components/status-page')).StaffStatusPage,
              }),
            },
            {
            path: paths.returnVisit.pattern,
            lazy: async () => ({
              Component: (await import('../features/visits/components/return-visit-page')).ReturnVisitPage,
            }),
          },
          { path: '*', lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundPage }) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
