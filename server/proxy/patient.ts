/**
 * Everything the proxy does on the patient's behalf at VSee: SSO, calls with the patient's token
 * (re-minted with the stored user code when it has expired or VSee answers 401), and the mapping
 * from VSee's visit to the patient API's.
 */
import type { Visit } from '../../src/api/contract';
import { kindFromVsee, statusFromVsee, USER_TYPE } from '../vsee/codes';
import { VseeError, type VseeClient } from '../vsee/client';
import { oneTimeAppointmentUrl } from '../vsee/portal';
import { personName, ssoUser, visit as vseeVisit, type VseeVisit } from '../vsee/schemas';
import { Problem } from './problem';
import type { SessionData } from './session';

export interface SsoInput {
  code: string;
  firstName: string;
  lastName: string;
  dob?: string;
  email?: string;
}

export function createPatientGateway(vsee: VseeClient, now: () => number) {
  const nowS = () => Math.floor(now() / 1000);

  async function sso(input: SsoInput) {
    const user = await vsee.call({
      method: 'POST',
      path: 'users/sso',
      appAuth: true,
      schema: ssoUser,
      body: {
        code: input.code,
        first_name: input.firstName,
        last_name: input.lastName,
        dob: input.dob,
        email: input.email,
        type: USER_TYPE.member,
      },
    });
    return { mid: user.id, tok: user.token.token, texp: user.token.expiry };
  }

  /** A fresh token for the same VSee user (same code → same user). */
  async function remint(s: SessionData): Promise<SessionData> {
    const t = await sso({ code: s.uc, firstName: s.fn, lastName: s.ln });
    if (t.mid !== s.mid) throw new VseeError(0, 'VSee returned another user for the same code', 'malformed');
    return { ...s, tok: t.tok, texp: t.texp };
  }

  /**
   * Runs `fn` with a valid patient token. Returns the session too, since a re-mint changes it
   * and the caller must store the new token.
   */
  async function withToken<T>(s: SessionData, fn: (token: string) => Promise<T>): Promise<[T, SessionData]> {
    let cur = s.texp - 60 <= nowS() ? await remint(s) : s;
    try {
      return [await fn(cur.tok), cur];
    } catch (err) {
      if (!(err instanceof VseeError) || err.status !== 401) throw err;
      cur = await remint(cur);
      return [await fn(cur.tok), cur];
    }
  }

  return { sso, remint, withToken };
}
export type PatientGateway = ReturnType<typeof createPatientGateway>;

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

export function toVisit(v: VseeVisit): Visit {
  const status = statusFromVsee(v.status);
  if (!status) throw new VseeError(0, `VSee sent an unknown visit status "${String(v.status)}"`, 'malformed');
  const name = v.provider_id === '0' ? null : personName(v.provider);
  return {
    id: v.id,
    kind: kindFromVsee(v.type ?? undefined, v.subtype ?? v.subType ?? undefined),
    status,
    start: iso(v.start),
    end: iso(v.end),
    provider: name ? { name } : null,
  };
}

/**
 * The visit as the patient's pages show it: toVisit() plus what needs the clinic's portal —
 * the one-time appointment link (when VSee issued a token) and whether a summary exists.
 */
export function presentVisit(v: VseeVisit, portalBase: string): Visit {
  const out = toVisit(v);
  if (out.kind === 'appointment' && v.one_time_link_token && /^[0-9A-Za-z]{1,64}$/.test(v.one_time_link_token)) {
    out.oneTimeLink = oneTimeAppointmentUrl(portalBase, v.id, v.one_time_link_token);
  }
  if (out.status === 'completed') out.hasSummary = true;
  return out;
}

export const VISIT_ID = /^[0-9A-Za-z_-]{1,40}$/;

/** Reads a visit and proves it belongs to this patient; anything else is "not found". */
export async function ownVisit(
  vsee: VseeClient,
  gateway: PatientGateway,
  s: SessionData,
  id: string,
): Promise<[VseeVisit, SessionData]> {
  if (!VISIT_ID.test(id)) throw new Problem(404, 'not_found', 'We could not find that visit.');
  const [v, next] = await gateway.withToken(s, (token) =>
    vsee.call({ method: 'GET', path: `visits/${id}`, token, schema: vseeVisit }),
  );
  if (v.member_id && v.member_id !== s.mid) throw new Problem(404, 'not_found', 'We could not find that visit.');
  return [v, next];
}
