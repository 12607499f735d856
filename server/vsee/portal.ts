/**
 * Builds VSee portal URLs the way VSee's pages write them:
 *   {portal_base_url}auth?sso_token={token}&next={path}[&disable_navigation=1]
 * `next` is written raw (the docs show `next=/u/clinic`, not `%2Fu%2Fclinic`), so it must be a
 * plain path made only of safe characters: the proxy builds it, the browser never supplies it.
 */
const SAFE_PATH = /^\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+$/;
const SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;
/** The one next with a query frontdesk sends: VSee's scheduling page with an intake (step 3b). */
const SAFE_PATH_WITH_QUERY = /^\/u\/clinic\?intake_id=[0-9A-Za-z-]{1,64}&action=appointment#schedule-appointment$/;

export function portalPath(kind: 'dashboard' | 'start-visit' | 'provider-dashboard', id?: string): string {
  switch (kind) {
    case 'dashboard':
      return '/u/clinic';
    case 'provider-dashboard':
      return '/providers/dashboard';
    case 'start-visit':
      if (!id || !/^[0-9A-Za-z_-]{1,40}$/.test(id)) throw new Error('portalPath: bad visit id');
      return `/visits/start/${id}`;
  }
}

export function authUrl(
  portalBase: string,
  opts: { ssoToken: string; next: string; disableNavigation?: boolean },
): string {
  if (!portalBase.endsWith('/')) throw new Error('portal base URL must end with "/"');
  if (!SAFE_TOKEN.test(opts.ssoToken)) throw new Error('authUrl: token has unexpected characters');
  let next = opts.next;
  if (!SAFE_PATH.test(next)) {
    // A next with its own query (step 3b's scheduling page) is percent-encoded, or its `&action=`
    // would be read as a parameter of the auth page itself (decision 055).
    if (!SAFE_PATH_WITH_QUERY.test(next)) throw new Error('authUrl: next must be a plain absolute path');
    next = encodeURIComponent(next);
  }
  const extra = opts.disableNavigation ? '&disable_navigation=1' : '';
  return `${portalBase}auth?sso_token=${opts.ssoToken}&next=${next}${extra}`;
}

const SAFE_ID = /^[0-9A-Za-z_-]{1,64}$/;
const need = (what: string, v: string, re: RegExp) => {
  if (!re.test(v)) throw new Error(`portal URL: bad ${what}`);
  return v;
};

/** Guest invite (use case 5): `{portal}visits/join/{visit.code}`. */
export function guestJoinUrl(portalBase: string, visitCode: string): string {
  return `${portalBase}visits/join/${need('visit code', visitCode, /^[0-9A-Za-z]{1,64}$/)}`;
}

/** One-time appointment link (use case 3): `{portal}members/appointment/{id}?token={one_time_link_token}`. */
export function oneTimeAppointmentUrl(portalBase: string, visitId: string, token: string): string {
  return `${portalBase}members/appointment/${need('visit id', visitId, SAFE_ID)}?token=${need('token', token, /^[0-9A-Za-z]{1,64}$/)}`;
}

/**
 * VSee's own scheduling page with an intake already made (use case 3, step 3b):
 * `/u/clinic?intake_id=…&action=appointment#schedule-appointment`, a path for authUrl's `next`.
 */
export function scheduleFromIntakePath(intakeId: string): string {
  return `/u/clinic?intake_id=${need('intake id', intakeId, /^[0-9A-Za-z-]{1,64}$/)}&action=appointment#schedule-appointment`;
}
