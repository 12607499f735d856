/**
 * /staff: a provider launched by their health system (VSee provider use case 1). Their name, and
 * "Open my VSee dashboard", which asks the proxy for a provider sign-in address minted just then.
 * A page of its own, outside the patient layout: nothing here leads to the patient pages.
 */
import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { AppLink } from '../../../components/app-link';
import { staffDashboardUrl, staffLaunch, staffQueries, staffSignOut } from '../../../api/queries/staff';
import type { StaffSession } from '../../../api/staff-contract';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ErrorReference } from '../../../components/error-reference';
import { LanguageSwitch } from '../../../components/language-switch';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { startFrame } from '../../../embed/frame';
import { clinicQueries } from '../../../api/queries/clinic';
import { isEmbedded, useEmbedStatus } from '../../../lib/embed';
import { checkPortalUrl, handoffQueries, useLeavesByLink, usePortalExit } from '../../../api/queries/handoff';
import { PortalLink } from '../../../components/portal-link';
import { errorText } from '../../../lib/i18n/error-text';
import { format } from '../../../lib/i18n/format';
import { useI18n } from '../../../lib/i18n/language';
import { paths } from '../../../lib/paths';
import { NewTabFallback } from '../../../components/new-tab-fallback';

export function StaffPage() {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const clinic = useQuery(clinicQueries.settings());
  const embed = useEmbedStatus();
  const mainRef = useRef<HTMLElement>(null);

  // Embedded (a no-op otherwise): the host's launch token signs the provider in.
  useEffect(
    () =>
      startFrame((signedIn: StaffSession) => {
        void queryClient.cancelQueries({ queryKey: staffQueries.all }).then(() => queryClient.setQueryData(staffQueries.all, signedIn));
      }, staffLaunch),
    [queryClient],
  );

  const SiteHeader = isEmbedded() ? 'div' : 'header';
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          (mainRef.current?.querySelector<HTMLElement>('h1') ?? mainRef.current)?.focus();
        }}
      >
        {t.layout.skipLink}
      </a>
      <SiteHeader className="site-header">
        <div className="site-header-inner">
          <span className="clinic-name">{clinic.data?.name ?? t.layout.clinicFallback}</span>
          <LanguageSwitch />
        </div>
      </SiteHeader>
      <main id="main" ref={mainRef} tabIndex={-1} aria-label={isEmbedded() ? t.staff.mainLabel : undefined}>
        <StaffContent launching={embed.launch === 'pending'} launchFailed={embed.launch === 'failed'} launchReference={embed.launchReference ?? null} />
      </main>
    </>
  );
}

function StaffContent({ launching, launchFailed, launchReference }: { launching: boolean; launchFailed: boolean; launchReference: string | null }) {
  const { t } = useI18n();
  const session = useQuery(staffQueries.session());
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: staffSignOut,
    onSuccess: () => queryClient.setQueryData(staffQueries.all, null),
  });

  if (launching || (session.isPending && !launchFailed)) return <Spinner label={t.staff.signingIn} />;
  if (session.data) {
    return (
      <>
        <PageHeading>{t.staff.title}</PageHeading>
        <p>{format(t.staff.signedInAs, { name: `${session.data.firstName} ${session.data.lastName}` })}</p>
        <p>{t.staff.intro}</p>
        <OpenDashboard />
        <p>
          <AppLink to={paths.staffStatus}>{t.staff.statusLink}</AppLink>
        </p>
        <p>
          <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate()}>
            {t.staff.signOut}
          </Button>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t.staff.notSignedInTitle}</PageHeading>
      {launchFailed ? (
        <Alert title={t.layout.launchErrorTitle}>
          <p>{t.staff.launchFailed}</p>
          <ErrorReference reference={launchReference} />
        </Alert>
      ) : null}
      <p role={signOut.isSuccess ? 'status' : undefined}>{signOut.isSuccess ? t.staff.signedOut : t.staff.notSignedInBody}</p>
    </>
  );
}

function OpenDashboard() {
  const { t } = useI18n();
  return useLeavesByLink() ? (
    <PortalLink
      address={handoffQueries.staffDashboard()}
      label={t.staff.openDashboard}
      loading={t.staff.opening}
      errorTitle={t.staff.errorTitle}
      target="provider-dashboard"
    />
  ) : (
    <OpenDashboardButton />
  );
}

function OpenDashboardButton() {
  const i18n = useI18n();
  const { t } = i18n;
  const open = usePortalExit(async () => checkPortalUrl(await staffDashboardUrl()), 'provider-dashboard');
  const { outcome } = open;
  return (
    <div className="join-video">
      <Button busy={open.busy} onClick={open.start}>
        {t.staff.openDashboard}
      </Button>
      <div role="status" className="join-video-status">
        {open.busy ? t.staff.opening : ''}
      </div>
      <NewTabFallback outcome={outcome} onFollow={open.followedLink} label={t.staff.link} />
      {open.error ? (
        <Alert title={t.staff.errorTitle}>
          <p>{errorText(open.error, i18n)}</p>
          <ErrorReference error={open.error} />
          <p>{t.staff.pressAgain}</p>
        </Alert>
      ) : null}
    </div>
  );
}
