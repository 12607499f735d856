import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { Link, Outlet, useLocation, useNavigation } from 'react-router-dom';
import { sessionQueryOptions } from '../features/session/api/session-query';
import { SessionEnded } from '../features/session/components/session-ended';
import { useBookingFlow } from '../lib/booking-flow';
import { clinicQueryOptions } from '../lib/clinic-query';
import { useSessionEnded } from '../lib/session-ended';
import { paths } from './paths';

export function Layout() {
  const clinicQuery = useQuery(clinicQueryOptions());
  // Only to offer "My visits" to a signed-in patient; nobody signed in is an answer (null), not an error.
  const sessionQuery = useQuery(sessionQueryOptions());
  const navigation = useNavigation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const { ended, clear } = useSessionEnded();
  const { reset } = useBookingFlow();
  const queryClient = useQueryClient();

  useRouteFocus(location.key, ended, mainRef);

  // A new page is a fresh start; a 401 on it will end the session again if it must.
  useEffect(() => {
    clear();
  }, [location.key, clear]);

  // The link's navigation clears the "ended" state (above); the old page never comes back.
  const startAgain = () => {
    reset();
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'clinic' });
  };

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // Focus the content without adding "#main" to the router's history.
          event.preventDefault();
          focusHeading(mainRef.current);
        }}
      >
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={paths.start} className="clinic-name">
            {clinicQuery.data?.name ?? 'Telehealth clinic'}
          </Link>
          {sessionQuery.data && !ended ? (
            <nav aria-label="Your account" className="site-nav">
              <Link to={paths.visits} className="site-nav-link">
                My visits
              </Link>
            </nav>
          ) : null}
          <div role="status" className="navigation-status">
            {navigation.state === 'loading' ? 'Loading the next page…' : ''}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {ended ? <SessionEnded onStartAgain={startAgain} /> : <Outlet />}
      </main>
    </>
  );
}

function focusHeading(main: HTMLElement | null) {
  const heading = main?.querySelector<HTMLElement>('h1');
  (heading ?? main)?.focus();
}

/**
 * After every navigation (not the first page load) move focus to the new page's h1, so a
 * screen reader announces the page and keyboard users start at its top. Lazy pages are loaded
 * before the router commits the new location, so the heading is already there. The "session
 * ended" screen replaces the page, so it (and leaving it) counts as a new page too.
 */
function useRouteFocus(locationKey: string, sessionEnded: boolean, mainRef: RefObject<HTMLElement | null>) {
  const firstKey = useRef(locationKey);
  const navigated = useRef(false);
  // Layout effect: focus moves in the same commit that shows the new heading, never a frame later.
  useLayoutEffect(() => {
    if (!navigated.current && locationKey === firstKey.current && !sessionEnded) return;
    navigated.current = true;
    focusHeading(mainRef.current);
  }, [locationKey, sessionEnded, mainRef]);
}
