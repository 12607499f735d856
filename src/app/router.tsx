/**
 * Declarative routing (BrowserRouter-style <Routes>), not the data router: the data router's
 * loaders, fetchers and lazy-route machinery cost ≈ 17 KB gzip on the first page and we used
 * none of it but `lazy` (React.lazy does that) and one loader (the room, below). See
 * docs/decisions/060-first-load-split.md.
 */
import { Component, lazy, Suspense, useLayoutEffect, useState, useTransition, type ComponentType, type ReactNode } from 'react';
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
import { laterWords, useI18n } from '../lib/i18n/language';
import { setRoom } from '../lib/room';
// The start page is the only page in the first download; every other page loads on demand.
import { StartPage } from '../features/clinic/components/start-page';
import { ErrorPage, RootErrorPage } from './error-page';
import { Layout } from './layout';
import { NavigationPending } from './navigation-pending';
import { paths } from '../lib/paths';

/**
 * A page after the first: its code and the later pages' words (lib/i18n/language.ts) load
 * together, so it never renders without its words and the first page never downloads them.
 */
function later<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), laterWords()]);
    return { default: pick(module) };
  });
}

const StaffPage = later(() => import('../features/staff/components/staff-page'), (m) => m.StaffPage);
const RoomPage = later(() => import('../features/clinic/components/room-page'), (m) => m.RoomPage);
const OutOfAreaPage = later(() => import('../features/clinic/components/out-of-area-page'), (m) => m.OutOfAreaPage);
const BookDetailsRoute = later(() => import('./routes/book-details'), (m) => m.BookDetailsRoute);
const BookMoreTimesRoute = later(() => import('./routes/book-details'), (m) => m.BookMoreTimesRoute);
const BookVisitDetailsRoute = later(() => import('./routes/book-visit-details'), (m) => m.BookVisitDetailsRoute);
const BookPaymentRoute = later(() => import('./routes/book-payment'), (m) => m.BookPaymentRoute);
const SlotPickerPage = later(() => import('../features/scheduling/components/slot-picker-page'), (m) => m.SlotPickerPage);
// The review asks who and why too (times first): the app route joins scheduling's review and intake's form.
const BookReviewRoute = later(() => import('./routes/book-review'), (m) => m.BookReviewRoute);
const MyVisitsPage = later(() => import('../features/visits/components/my-visits-page'), (m) => m.MyVisitsPage);
const VisitPage = later(() => import('../features/visits/components/visit-page'), (m) => m.VisitPage);
const RescheduleTimePage = later(() => import('../features/scheduling/components/reschedule-time-page'), (m) => m.RescheduleTimePage);
const RescheduleReviewPage = later(() => import('../features/scheduling/components/reschedule-review-page'), (m) => m.RescheduleReviewPage);
const WaitingRoomPage = later(() => import('../features/walk-in/components/waiting-room-page'), (m) => m.WaitingRoomPage);
const StaffStatusPage = later(() => import('../features/staff-status/components/status-page'), (m) => m.StaffStatusPage);
const ReturnVisitPage = later(() => import('../features/visits/components/return-visit-page'), (m) => m.ReturnVisitPage);
const NotFoundPage = later(() => import('./routes/not-found'), (m) => m.NotFoundPage);

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
          <Route path={paths.appointmentMoreTimes} element={<BookMoreTimesRoute />} />
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
