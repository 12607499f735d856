/**
 * Declarative routing (BrowserRouter-style <Routes>), not the data router: the data router's
 * loaders, fetchers and lazy-route machinery cost ≈ 17 KB gzip on the first page and we used
 * none of it but `lazy` (React.lazy does that) and one loader (the room, below). See
 * docs/decisions/060-first-load-split.md.
 */
import { Component, lazy, Suspense, useLayoutEffect, useState, useTransition, type ReactNode } from 'react';
import {
  matchPath,
  Outlet,
  Route,
  Router,
  Routes,
  useLocation,
  UNSAFE_createBrowserHistory as createBrowserHistory,
  type Location,
} from 'react-router-dom';
import { Spinner } from '../components/spinner';
import { useI18n } from '../lib/i18n/language';
import { setRoom } from '../lib/room';
// The start page is the only page in the first download; every other page loads on demand.
import { StartPage } from '../features/clinic/components/start-page';
import { ErrorPage, RootErrorPage } from './error-page';
import { Layout } from './layout';
import { NavigationPending } from './navigation-pending';
import { paths } from '../lib/paths';

const StaffPage = lazy(async () => ({ default: (await import('../features/staff/components/staff-page')).StaffPage }));
const RoomPage = lazy(async () => ({ default: (await import('../features/clinic/components/room-page')).RoomPage }));
const OutOfAreaPage = lazy(async () => ({ default: (await import('../features/clinic/components/out-of-area-page')).OutOfAreaPage }));
const BookDetailsRoute = lazy(async () => ({ default: (await import('./routes/book-details')).BookDetailsRoute }));
const BookVisitDetailsRoute = lazy(async () => ({
  default: (await import('./routes/book-visit-details')).BookVisitDetailsRoute,
}));
const BookPaymentRoute = lazy(async () => ({ default: (await import('./routes/book-payment')).BookPaymentRoute }));
const SlotPickerPage = lazy(async () => ({
  default: (await import('../features/scheduling/components/slot-picker-page')).SlotPickerPage,
}));
// The review asks who and why too (times first): the app route joins scheduling's review and intake's form.
const BookReviewRoute = lazy(async () => ({ default: (await import('./routes/book-review')).BookReviewRoute }));
const MyVisitsPage = lazy(async () => ({ default: (await import('../features/visits/components/my-visits-page')).MyVisitsPage }));
const VisitPage = lazy(async () => ({ default: (await import('../features/visits/components/visit-page')).VisitPage }));
const RescheduleTimePage = lazy(async () => ({
  default: (await import('../features/scheduling/components/reschedule-time-page')).RescheduleTimePage,
}));
const RescheduleReviewPage = lazy(async () => ({
  default: (await import('../features/scheduling/components/reschedule-review-page')).RescheduleReviewPage,
}));
const WaitingRoomPage = lazy(async () => ({
  default: (await import('../features/walk-in/components/waiting-room-page')).WaitingRoomPage,
}));
const StaffStatusPage = lazy(async () => ({
  default: (await import('../features/staff-status/components/status-page')).StaffStatusPage,
}));
const ReturnVisitPage = lazy(async () => ({
  default: (await import('../features/visits/components/return-visit-page')).ReturnVisitPage,
}));
const NotFoundPage = lazy(async () => ({ default: (await import('./routes/not-found')).NotFoundPage }));

function PageLoading() {
  return <Spinner label={useI18n().t.common.loading} />;
}

interface BoundaryProps {
  children: ReactNode;
  fallback: (error: unknown) => ReactNode;
  /** A new value (the next page) clears a caught error. */
  resetKey?: string;
}

/** A render error (or a page's code that failed to load) shows the error page, not a blank screen. */
export class ErrorBoundary extends Component<BoundaryProps, { error: unknown; caughtAt: string | undefined; failed: boolean }> {
  override state = { error: undefined as unknown, caughtAt: undefined as string | undefined, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { failed: boolean; caughtAt: string | undefined }) {
    if (!state.failed) return { caughtAt: props.resetKey };
    // Not remounted per page (that would show the loading fallback on every navigation): reset instead.
    return state.caughtAt !== props.resetKey ? { error: undefined, failed: false, caughtAt: props.resetKey } : null;
  }

  override render() {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** Inside the layout: a page's error or loading state shows under the header. */
function PageFrame() {
  const location = useLocation();
  return (
    <Suspense fallback={<PageLoading />}>
      <ErrorBoundary resetKey={location.key} fallback={(error) => <ErrorPage error={error} />}>
        <Outlet />
      </ErrorBoundary>
    </Suspense>
  );
}

const rootError = (error: unknown) => <RootErrorPage error={error} />;

/** Every route; tests mount them under `AppRouter` with a memory history. */
export function AppRoutes() {
  return (
    <Routes>
      {/* The provider's page: its own layout, none of the patient pages' navigation. */}
      <Route
        path={paths.staff}
        element={
          <ErrorBoundary fallback={rootError}>
            <Suspense fallback={<PageLoading />}>
              <StaffPage />
            </Suspense>
          </ErrorBoundary>
        }
      />
      <Route
        path={paths.start}
        element={
          <ErrorBoundary fallback={rootError}>
            <Layout />
          </ErrorBoundary>
        }
      >
        <Route element={<PageFrame />}>
          <Route index element={<StartPage />} />
          {/* A provider's room: from here on the start page, settings and bookings are that room's. */}
          <Route path={paths.room.pattern} element={<RoomPage />} />
          <Route path={paths.outOfArea} element={<OutOfAreaPage />} />
          <Route path={paths.details.pattern} element={<BookDetailsRoute />} />
          <Route path={paths.visitDetails} element={<BookVisitDetailsRoute />} />
          <Route path={paths.payment.pattern} element={<BookPaymentRoute />} />
          <Route path={paths.appointmentTime} element={<SlotPickerPage />} />
          <Route path={paths.appointmentReview} element={<BookReviewRoute />} />
          <Route path={paths.visits} element={<MyVisitsPage />} />
          <Route path={paths.visit.pattern} element={<VisitPage />} />
          <Route path={paths.rescheduleTime.pattern} element={<RescheduleTimePage />} />
          <Route path={paths.rescheduleReview.pattern} element={<RescheduleReviewPage />} />
          <Route path={paths.waitingRoom.pattern} element={<WaitingRoomPage />} />
          <Route path={paths.staffStatus} element={<StaffStatusPage />} />
          <Route path={paths.returnVisit.pattern} element={<ReturnVisitPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

/** Entering /r/:roomCode enters that room before the page renders (what a loader did before). */
function enterRoomFrom(location: Pick<Location, 'pathname'>) {
  const match = matchPath(paths.room.pattern, location.pathname);
  if (match) setRoom(match.params.roomCode ?? null);
}

export type AppHistory = ReturnType<typeof createBrowserHistory>;

/**
 * BrowserRouter, plus what the layout needs from the data router: whether a navigation is still
 * loading its page. Navigations are transitions, so the old page stays (with "Loading the next
 * page…" announced) until the new one's code is here, and the new heading and the location commit
 * together — the layout moves focus to that heading.
 */
export function AppRouter({ history: given, children }: { history?: AppHistory; children: ReactNode }) {
  const [history] = useState(() => given ?? createBrowserHistory({ v5Compat: true }));
  const [state, setState] = useState(() => {
    enterRoomFrom(history.location);
    return { action: history.action, location: history.location };
  });
  const [pending, startTransition] = useTransition();
  useLayoutEffect(
    () =>
      history.listen((update) => {
        enterRoomFrom(update.location);
        startTransition(() => setState(update));
      }),
    [history],
  );
  return (
    <NavigationPending.Provider value={pending}>
      <Router location={state.location} navigationType={state.action} navigator={history}>
        {children}
      </Router>
    </NavigationPending.Provider>
  );
}
