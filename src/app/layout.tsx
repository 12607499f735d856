import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { AppLink } from '../components/app-link';
import { Alert } from '../components/alert';
import { ErrorReference } from '../components/error-reference';
import { ConnectionStatus } from '../components/connection-status';
import { LanguageSwitch } from '../components/language-switch';
import { startFrame } from '../embed/frame';
import { CookiesBlocked } from '../features/session/components/cookies-blocked';
import { FirstVisit } from '../features/session/components/first-visit';
import { SessionEnded } from '../features/session/components/session-ended';
import { useBookingFlow } from '../lib/booking-flow';
import { clinicQueries } from '../api/queries/clinic';
import { forgetPatient, sessionQueries, showLaunchedPatient } from '../api/queries/session';
import { useBrandColor } from '../lib/brand';
import { emitEmbed, isEmbedded, useEmbedStatus } from '../lib/embed';
import { format, useI18n } from '../lib/i18n/language';
import { useRoom } from '../lib/room';
import { hadSession, markHadSession } from '../lib/had-session';
import { useSessionEnded } from '../lib/session-ended';
import { useNavigationPending } from './navigation-pending';
import { pageName } from './page-name';
import { paths } from '../lib/paths';

export function Layout() {
  // The header names the provider's room once the patient enters it (/r/:roomCode).
  const room = useRoom();
  const clinicQuery = useQuery(clinicQueries.settings(room));
  // Only to offer "My visits" to a signed-in patient; nobody signed in is an answer (null), not an error.
  const sessionQuery = useQuery(sessionQueries.current());
  const navigating = useNavigationPending();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const { ended, clear } = useSessionEnded();
  const { reset } = useBookingFlow();
  const queryClient = useQueryClient();
  const embed = useEmbedStatus();
  const { t } = useI18n();
  // A 401 while the host's patient is being signed in is not the end of a session. Nor is one that
  // comes before the session's own answer: a page whose code is already here asks at once, and only
  // that answer tells an ended session from a first visit (below).
  const showEnded = ended && embed.launch !== 'pending' && !sessionQuery.isPending;
  useBrandColor(clinicQuery.data?.brandColor);

  useRouteFocus(location.key, showEnded || embed.cookiesBlocked, mainRef);

  // Someone is signed in: from now on a 401 in this tab means their session ended.
  const signedIn = Boolean(sessionQuery.data);
  const hadOne = signedIn || hadSession();
  useEffect(() => {
    if (signedIn) markHadSession();
  }, [signedIn]);

  // Embed mode only (a no-op otherwise): talk to the host page once this layout is up.
  useEffect(
    () =>
      startFrame((signedIn) => {
        clear();
        void showLaunchedPatient(queryClient, signedIn);
      }),
    [clear, queryClient],
  );

  // Tell the host which page is showing, once per navigation (StrictMode runs effects twice).
  const pageKey = useRef<string | null>(null);
  useEffect(() => {
    if (pageKey.current === location.key) return;
    pageKey.current = location.key;
    emitEmbed('page', { name: pageName(location.pathname) });
  }, [location.key, location.pathname]);

  // A new page is a fresh start; a 401 on it will end the session again if it must.
  useEffect(() => {
    clear();
  }, [location.key, clear]);

  // The link's navigation clears the "ended" state (above); the old page never comes back.
  const startAgain = () => {
    reset();
    forgetPatient(queryClient);
  };

  const embedded = isEmbedded();
  const SiteHeader = embedded ? 'div' : 'header';

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
        {t.layout.skipLink}
      </a>
      {/* Inside a host site's frame the host owns the page's banner; ours would be a second one. */}
      <SiteHeader className="site-header">
        <div className="site-header-inner">
          <AppLink to={paths.start} className="clinic-name">
            {/* The name beside it says who this is: the logo is decoration. */}
            {clinicQuery.data?.logoUrl ? <img className="clinic-logo" src={clinicQuery.data.logoUrl} alt="" /> : null}
            {clinicQuery.data?.name ?? t.layout.clinicFallback}
          </AppLink>
          {sessionQuery.data && !showEnded && !embed.cookiesBlocked ? (
            <nav aria-label={t.layout.accountNav} className="site-nav">
              <AppLink to={paths.visits} className="site-nav-link">
                {t.layout.myVisits}
              </AppLink>
            </nav>
          ) : null}
          <LanguageSwitch />
          <div role="status" className="navigation-status">
            {navigating ? t.layout.loadingNextPage : ''}
          </div>
        </div>
      </SiteHeader>
      <main id="main" ref={mainRef} tabIndex={-1} aria-label={
          embedded
            ? clinicQuery.data
              ? format(t.layout.embeddedMain, { clinic: clinicQuery.data.name })
              : t.layout.embeddedMainNoName
            : undefined
        }>
        <ConnectionStatus />
        {embed.launchError && !sessionQuery.data && !embed.cookiesBlocked ? (
          <Alert title={t.layout.launchErrorTitle}>
            <p>{embed.launchError === 'expired' ? t.embed.launchExpired : t.embed.launchFailed}</p>
            <ErrorReference reference={embed.launchReference} />
          </Alert>
        ) : null}
        {embed.cookiesBlocked ? (
          <CookiesBlocked path={location.pathname + location.search} />
        ) : showEnded ? (
          hadOne ? (
            <SessionEnded onStartAgain={startAgain} />
          ) : (
            <FirstVisit onStart={startAgain} />
          )
        ) : (
          <Outlet />
        )}
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
 * before the new location commits (navigations are transitions, router.tsx), so the heading is already there. The "session
 * ended" screen (or, in a frame, "cookies blocked") replaces the page, so it (and leaving it) counts as a new page too.
 */
function useRouteFocus(locationKey: string, pageReplaced: boolean, mainRef: RefObject<HTMLElement | null>) {
  const firstKey = useRef(locationKey);
  const navigated = useRef(false);
  // Layout effect: focus moves in the same commit that shows the new heading, never a frame later.
  useLayoutEffect(() => {
    if (!navigated.current && locationKey === firstKey.current && !pageReplaced) return;
    navigated.current = true;
    focusHeading(mainRef.current);
  }, [locationKey, pageReplaced, mainRef]);
}
