import { Hono } from 'hono';
import { z } from 'zod';
import { clinicQuery, type Clinic, type ClinicProvider, type VisitType } from '../../../src/api/contract';
import { VseeError } from '../../vsee/client';
import { modalityFromSubtype } from '../../vsee/codes';
import { consultation, personName, room, roomProvider } from '../../vsee/schemas';
import { Problem, toProblem, UPSTREAM_MESSAGE } from '../problem';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readQuery } from '../input';

const CACHE_MS = 60_000;

/**
 * The room lookup failed. Nobody is signed in yet, so this is never "your session has ended":
 * the patient hears that online booking is not available, the operator reads what is wrong.
 */
function roomProblem(deps: ProxyDeps, err: unknown): Problem {
  if (!(err instanceof VseeError)) return toProblem(err);
  const hint =
    err.status === 401 || err.status === 403
      ? 'VSee refused the account: check VSEE_ACCOUNT_CODE (and that the key may read this room)'
      : err.status === 404
        ? `VSee has no room "${deps.config.vsee.roomCode}": check VSEE_ROOM_CODE`
        : err.status >= 500 || err.status === 0
          ? `VSee did not answer usefully (${err.kind}${err.status ? ` ${err.status}` : ''}): check VSEE_API_BASE or VSee's status`
          : `VSee answered ${err.status}`;
  deps.log.error({ err: { name: err.name, kind: err.kind, status: err.status } }, `clinic room lookup failed: ${hint}. Run \`npm run doctor\`.`);
  const misconfigured = err.status >= 400 && err.status < 500;
  return new Problem(
    misconfigured ? 503 : 502,
    'upstream_unavailable',
    misconfigured
      ? 'Online booking is not available right now. Please call the clinic, or try again later.'
      : UPSTREAM_MESSAGE,
  );
}

/**
 * The room's consultation types a patient can choose (decision 052): those with an id, a length
 * and not hidden from patients. A price only when VSee charges for it.
 */
export function visitTypesOf(r: z.infer<typeof room>): VisitType[] {
  const currency = (r.payment?.currency ?? r.payment?.paymentCurrency ?? 'USD').toUpperCase();
  const out: VisitType[] = [];
  for (const raw of r.payment?.consultations ?? []) {
    const c = consultation.safeParse(raw);
    if (!c.success || !c.data.id || c.data.visible_to_patient === false) continue;
    const minutes = c.data.duration ?? 0;
    if (!Number.isInteger(minutes) || minutes <= 0 || minutes > 24 * 60) continue;
    const amount = c.data.amount ?? 0;
    const charged = c.data.charge !== false && amount > 0 && /^[A-Z]{3}$/.test(currency);
    out.push({
      id: c.data.id,
      description: c.data.description?.trim() || `${minutes} min`,
      minutes,
      price: charged ? { amount, currency } : null,
      // An e-consult is not a visit type here: it has its own way in.
      modality: modalityFromSubtype(c.data.subtype) === 'econsult' ? 'video' : modalityFromSubtype(c.data.subtype),
    });
  }
  return out;
}

/** A photo link the browser may load: an absolute http(s) URL, else none. */
function photoLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The room's providers (GET /rooms/:code/providers, public). Choosing one is a convenience:
 * when VSee cannot say, the patient books with any available provider.
 */
async function providersOf(deps: ProxyDeps, code: string): Promise<ClinicProvider[]> {
  try {
    const list = await deps.vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(code)}/providers`, schema: z.array(z.unknown()) });
    const out: ClinicProvider[] = [];
    for (const raw of list) {
      const p = roomProvider.safeParse(raw);
      const name = p.success ? personName(p.data) : null;
      if (!p.success || !name || !/^[0-9A-Za-z_-]{1,40}$/.test(p.data.id)) continue;
      out.push({ id: p.data.id, name, photoUrl: photoLink(p.data.photo) });
    }
    return out;
  } catch (err) {
    deps.log.warn({ err: { name: (err as Error).name, status: err instanceof VseeError ? err.status : undefined } }, 'room provider list unavailable: patients book with any provider');
    return [];
  }
}

/** Rooms remembered at once; anyone can ask for any code, so the cache must not grow without end. */
const MAX_CACHED = 500;

export const ROOM_NOT_FOUND = () => new Problem(404, 'not_found', 'We could not find this waiting room.');

/**
 * Clinic facts from a room's public settings (GET /rooms/:code needs no token): the clinic's room
 * (VSEE_ROOM_CODE), or a provider's own room (`/r/{roomCode}`; unknown → 404, not cached).
 */
export function createRoomInfo(deps: ProxyDeps) {
  const cache = new Map<string, { at: number; value: Clinic }>();
  return async function roomInfo(code: string): Promise<Clinic> {
    const hit = cache.get(code);
    if (hit && deps.now() - hit.at <= CACHE_MS) return hit.value;
    let r;
    try {
      r = await deps.vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(code)}`, schema: room });
    } catch (err) {
      if (code !== deps.config.vsee.roomCode && err instanceof VseeError && err.status === 404) throw ROOM_NOT_FOUND();
      throw roomProblem(deps, err);
    }
    const closed = r.operation_settings?.is_closed ?? false;
    const value: Clinic = {
      name: r.name,
      timezone: r.operation_settings?.default_timezone ?? 'America/Los_Angeles',
      walkinEnabled: r.visits?.walkin?.enabled ?? true,
      appointmentEnabled: r.visits?.appointment?.enabled ?? true,
      econsultEnabled: deps.config.econsult,
      isOpen: !closed,
      closedMessage: closed ? (r.operation_settings?.close_msg ?? null) : null,
      maxWaitMinutes: deps.config.walkinMaxWaitMinutes || null,
      guestBooking: deps.config.guestBooking,
      handoffTarget: deps.config.handoffTarget,
      // Only when configured: a clinic without a number answers as before.
      phone: deps.config.clinicPhone ?? null,
      logoUrl: deps.config.brand.logoUrl,
      brandColor: deps.config.brand.color,
      address: deps.config.clinicAddress,
      visitTypes: visitTypesOf(r),
      providers: await providersOf(deps, code),
      questions: deps.config.intakeQuestions,
      scheduling: deps.config.scheduling,
    };
    cache.delete(code);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(code, { at: deps.now(), value });
    return value;
  };
}
export type RoomInfo = ReturnType<typeof createRoomInfo>;

/** GET /api/clinic[?room=…]: the clinic's room, or a provider's. */
export function clinicRoutes(deps: ProxyDeps, roomInfo: RoomInfo) {
  const app = new Hono<ProxyEnv>();
  app.get('/', async (c) => {
    const q = readQuery(c, clinicQuery);
    return c.json(await roomInfo(q.room ?? deps.config.vsee.roomCode));
  });
  return app;
}
