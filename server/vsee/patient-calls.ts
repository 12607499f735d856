/**
 * VSee calls on one signed-in patient's behalf: the patient's token — re-minted with the stored
 * user code when it has expired or VSee answers 401 — ownership checks on visits, and a short
 * per-member read cache. The VSee clinic backend and the VSee-only routes (payment, invite,
 * summary, reschedule) share one of these per request, so a re-minted token is minted once.
 */
import { z } from 'zod';
import type { PatientIdentity } from '../backend/clinic-backend';
import type { ReadCache } from '../proxy/read-cache';
import { Problem } from '../proxy/problem';
import { sso } from '../proxy/sso';
import { VISIT_ID } from '../proxy/visit-view';
import { VseeError, type VseeCall, type VseeClient } from './client';
import { visit as vseeVisit, type VseeVisit } from './schemas';

/** A VSee call on the patient's behalf: the token is this object's business. */
export type PatientCall<T extends z.ZodType> = Omit<VseeCall<T>, 'token' | 'appAuth'>;

/** What re-minting needs to know of the patient, and what it changes. */
export type VseeIdentity = Pick<PatientIdentity, 'userCode' | 'memberId' | 'apiToken' | 'apiTokenExpires'> & { firstName: string; lastName: string };

export interface VseePatientCalls {
  readonly memberId: string;
  /** The visit is this patient's own, or one they booked on someone's behalf (its `creator`, decision 067). */
  owns(v: Pick<VseeVisit, 'member_id' | 'creator'>): boolean;
  /** The identity with the newest token (to be sealed back into the session). */
  identity(): VseeIdentity;
  /** One VSee call with a valid token (re-minted once on expiry or 401). */
  call<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>>;
  /** Reads one visit and proves it is this patient's; anything else is 404 "not found". */
  ownVisit(id: string, opts?: { signal?: AbortSignal; fresh?: boolean }): Promise<VseeVisit>;
  /** The member's visits (GET /visits), briefly cached like ownVisit(). */
  listVisits(): Promise<VseeVisit[]>;
  /** A token minted just now, for one portal handoff. */
  freshToken(): Promise<string>;
}

export const NOT_FOUND_VISIT = 'We could not find that visit.';

export function createVseePatientCalls(deps: { vsee: VseeClient; now: () => number; reads: ReadCache }, initial: VseeIdentity): VseePatientCalls {
  let s: VseeIdentity = initial;
  const nowS = () => Math.floor(deps.now() / 1000);
  const who = () => ({ code: s.userCode, firstName: s.firstName, lastName: s.lastName });

  async function remint(signal?: AbortSignal) {
    const t = await sso(deps.vsee, who(), signal);
    if (t.memberId !== s.memberId) throw new VseeError(0, 'VSee returned another user for the same code', 'malformed');
    s = { ...s, apiToken: t.apiToken, apiTokenExpires: t.apiTokenExpires };
  }

  async function call<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>> {
    if (c.method === 'GET') return send(c);
    // A write may change any visit of the member: what was cached for them is stale now, and so
    // is whatever a read running alongside the write brings back (hence after it too).
    deps.reads.forget(s.memberId);
    try {
      return await send(c);
    } finally {
      deps.reads.forget(s.memberId);
    }
  }

  async function send<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>> {
    if (s.apiTokenExpires - 60 <= nowS()) await remint(c.signal);
    try {
      return await deps.vsee.call({ ...c, token: s.apiToken });
    } catch (err) {
      if (!(err instanceof VseeError) || err.status !== 401) throw err;
      await remint(c.signal);
      return deps.vsee.call({ ...c, token: s.apiToken });
    }
  }

  return {
    get memberId() {
      return s.memberId;
    },
    identity: () => s,
    owns: (v) => (!!v.member_id && v.member_id === s.memberId) || (!!v.creator?.id && v.creator.id === s.memberId),
    call,
    async ownVisit(id, opts = {}) {
      if (!VISIT_ID.test(id)) throw new Problem(404, 'not_found', NOT_FOUND_VISIT);
      const path = `visits/${id}`;
      let v: VseeVisit;
      if (opts.fresh) {
        v = await call({ method: 'GET', path, schema: vseeVisit, signal: opts.signal });
        deps.reads.set(s.memberId, path, v);
      } else {
        // Shared by every tab (and stream) of this member asking now: one VSee call.
        v = await deps.reads.read(s.memberId, path, () => call({ method: 'GET', path, schema: vseeVisit }));
      }
      // Fail closed: a visit VSee does not say is this member's (or booked by them) is nobody's.
      const mine = (!!v.member_id && v.member_id === s.memberId) || (!!v.member_id && !!v.creator?.id && v.creator.id === s.memberId);
      if (!mine) throw new Problem(404, 'not_found', NOT_FOUND_VISIT);
      return v;
    },
    listVisits() {
      return deps.reads.read(s.memberId, 'visits', () => call({ method: 'GET', path: 'visits', schema: z.array(vseeVisit) }));
    },
    async freshToken() {
      // A token for the portal alone: the session keeps its own API token, so the one that
      // travels in a URL is not also the one this session calls VSee with.
      const t = await sso(deps.vsee, who());
      if (t.memberId !== s.memberId) throw new VseeError(0, 'VSee returned another user for the same code', 'malformed');
      return t.apiToken;
    },
  };
}
