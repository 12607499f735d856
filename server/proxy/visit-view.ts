/** VSee's visit as the patient API speaks of it: product words, ISO times, only what pages show. */
import type { Visit } from '../../src/api/contract';
import { kindFromVsee, modalityFromSubtype, statusFromVsee } from '../vsee/codes';
import { VseeError } from '../vsee/client';
import { oneTimeAppointmentUrl } from '../vsee/portal';
import { personName, type VseeVisit } from '../vsee/schemas';

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

export const VISIT_ID = /^[0-9A-Za-z_-]{1,40}$/;

export function toVisit(v: VseeVisit): Visit {
  const status = statusFromVsee(v.status);
  if (!status) throw new VseeError(0, `VSee sent an unknown visit status "${String(v.status)}"`, 'malformed');
  const name = v.provider_id === '0' ? null : personName(v.provider);
  const subtype = v.subtype ?? v.subType ?? undefined;
  const kind = kindFromVsee(v.type ?? undefined, subtype);
  // An e-consult is one by its kind even where VSee sends no subtype (seed 001's table, decision 052).
  const modality = kind === 'econsult' ? 'econsult' : modalityFromSubtype(subtype);
  const callNumber = modality === 'phone' ? v.intake?.phone?.trim() : undefined;
  return {
    id: v.id,
    kind,
    status,
    start: iso(v.start),
    end: iso(v.end),
    provider: name ? { name } : null,
    modality,
    ...(callNumber && /^\+?[0-9 ().-]{7,20}$/.test(callNumber) ? { callNumber } : {}),
  };
}

/**
 * The visit as the patient's pages show it: toVisit() plus what needs the clinic's portal —
 * the one-time appointment link (when VSee issued a token) and whether a summary exists.
 */
export function presentVisit(v: VseeVisit, portalBase: string, me?: string): Visit {
  const out = toVisit(v);
  // Booked for someone else (decision 067): say for whom.
  if (me !== undefined && v.member_id && v.member_id !== me) {
    const name = personName(v.member);
    if (name) out.patientName = name.slice(0, 200);
  }
  if (out.kind === 'appointment' && v.one_time_link_token && /^[0-9A-Za-z]{1,64}$/.test(v.one_time_link_token)) {
    out.oneTimeLink = oneTimeAppointmentUrl(portalBase, v.id, v.one_time_link_token);
  }
  if (out.status === 'completed') out.hasSummary = true;
  return out;
}
