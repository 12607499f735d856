/**
 * DexCare's v8 virtual-visit API as seed 004 documents it, under `api/8/`:
 *
 *   GET  api/8/DexCare/practices/{practiceId}
 *   GET  api/8/practiceRegions/{practiceRegionId}/availability
 *   GET  api/8/practiceRegions/{practiceRegionId}/waittime
 *   POST api/8/practices/{practiceId}/visits          (AUTH TOKEN REQUIRED)
 *
 * Errors are `{"message": "…"}` (the page only says "See response for info"); see README.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from './deps';
import { regionWait, unavailableReason, windows } from './rules';
import type { Practice, Region, Visit } from './store';
import { firstProblem, visitBody } from './visit-body';

const iso = (ms: number) => new Date(ms).toISOString();

export const dexcareProblem = (c: Context, status: ContentfulStatusCode, message: string, extra: Record<string, unknown> = {}) =>
  c.json({ message, ...extra }, status);

/** What a waiting-room URL looks like for this sandbox (the answer's visitRedirectUrl). */
export function sandboxWaitingRoomUrl(deps: Deps, visitId: string, brand: string): string {
  return `${deps.publicOrigin}${deps.basePath}/DexCare/visit/${visitId}?brand=${encodeURIComponent(brand)}`;
}

/** A TokBox-looking session id ("1_MX4…"); the sandbox has no video, only the shape. */
const tokBoxSession = () => `1_MX4${randomBytes(24).toString('base64url')}`;

export function createApi(deps: Deps): Hono {
  const { store } = deps;
  const api = new Hono();

  const regionJson = (r: Region, nowMs: number) => ({
    id: r.id,
    practiceId: r.practiceId,
    displayName: r.displayName,
    regionCode: r.regionCode,
    active: r.active,
    availability: windows(r, nowMs).map((w) => ({ start: iso(w.start), end: iso(w.end) })),
    busy: r.busy,
    busyMessage: r.busyMessage,
    paymentAccountId: r.paymentAccountId,
    visitPrice: r.visitPrice,
    departments: r.departments.map((d) => ({ ...d })),
  });

  api.get('/DexCare/practices/:practiceId', (c) => {
    const p = store.practices.get(c.req.param('practiceId'));
    if (!p) return dexcareProblem(c, 404, 'Practice not found');
    const now = deps.now();
    return c.json({
      id: p.id,
      displayName: p.displayName,
      careMode: p.careMode,
      payment: { ...p.payment },
      epicBookingEnabled: p.epicBookingEnabled,
      practiceRegions: store.regionsOf(p.id).map((r) => regionJson(r, now)),
    });
  });

  /** An unknown or inactive region is not an error here: it is what NO_REGIONS_FOUND says. */
  api.get('/practiceRegions/:id/availability', (c) => {
    const reason = unavailableReason(store, c.req.param('id'), deps.now());
    return c.json({ available: reason === null, reason });
  });

  /**
   * Only an available region has a wait. Otherwise 400 naming the reason, as DexCare's own SDKs
   * expect of the wait-time call ("400 … OFF_HOURS" → offHours).
   */
  api.get('/practiceRegions/:id/waittime', (c) => {
    const now = deps.now();
    const reason = unavailableReason(store, c.req.param('id'), now);
    if (reason) return dexcareProblem(c, 400, `No wait time is available for this practice region: ${reason}`, { reason });
    const seconds = regionWait(store, store.regions.get(c.req.param('id'))!);
    // "Although returned as float, this is always an integer value": written as 30.0, like the sample.
    const body = `{"estimateGeneratedAt":${JSON.stringify(iso(now))},"estimatedWaitTimeSeconds":${seconds.toFixed(1)}}`;
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  api.post('/practices/:practiceId/visits', async (c) => {
    // Authentication comes first, as in any web API's pipeline: an anonymous caller learns nothing.
    const auth = c.req.header('Authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const bookerId = token ? store.tokens.get(token) : undefined;
    const booker = bookerId ? store.patients.get(bookerId) : undefined;
    if (!booker) return dexcareProblem(c, 401, 'Authorization has been denied for this request.');

    const practice = store.practices.get(c.req.param('practiceId'));
    if (!practice) return dexcareProblem(c, 404, 'Practice not found');

    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      return dexcareProblem(c, 400, 'The request body must be JSON.');
    }
    const parsed = visitBody.safeParse(json);
    if (!parsed.success) return dexcareProblem(c, 400, firstProblem(parsed.error));
    const body = parsed.data;
    const d = body.visitDetails;

    if (d.declaration === 'other' && !body.actor) return dexcareProblem(c, 400, 'actor is required when visitDetails.declaration is other');
    if (d.declaration === 'self' && body.actor) return dexcareProblem(c, 400, 'actor must not be sent when visitDetails.declaration is self');

    const region = store.regions.get(d.practiceRegionId);
    if (!region || region.practiceId !== practice.id || !region.active) {
      return dexcareProblem(c, 400, 'visitDetails.practiceRegionId is not a practice region of this practice: NO_REGIONS_FOUND', { reason: 'NO_REGIONS_FOUND' });
    }
    const reason = unavailableReason(store, region.id, deps.now());
    if (reason) return dexcareProblem(c, 400, `The practice region is not available: ${reason}`, { reason });
    const department = region.departments.find((x) => x.id === d.departmentId);
    if (!department) return dexcareProblem(c, 400, 'visitDetails.departmentId is not a department of this practice region');
    if (department.ehrSystemName !== d.ehrSystemName) return dexcareProblem(c, 400, "visitDetails.ehrSystemName is not the department's EHR system");

    const patient = store.patients.get(body.patient.identifier);
    if (!patient) return dexcareProblem(c, 400, 'patient.identifier is not a known patient');
    if (d.declaration === 'self' && patient.id !== booker.id) {
      return dexcareProblem(c, 400, 'patient.identifier must be the signed-in patient when visitDetails.declaration is self');
    }
    if (d.declaration === 'other' && !booker.dependents.includes(patient.id)) {
      return dexcareProblem(c, 400, 'patient.identifier is not a patient this account may book for');
    }

    const billingProblem = checkBilling(practice, body.billingInfo, store.coupons);
    if (billingProblem) return dexcareProblem(c, 400, billingProblem);

    const now = deps.now();
    const visit: Visit = {
      id: randomUUID(),
      practiceId: practice.id,
      regionId: region.id,
      departmentId: department.id,
      patientId: patient.id,
      bookedBy: booker.id,
      declaration: d.declaration,
      actor: body.actor ? { firstName: body.actor.firstName, lastName: body.actor.lastName } : null,
      paymentMethod: body.billingInfo.paymentMethod,
      email: body.patient.email,
      status: 'waiting',
      created: now,
      startedAt: null,
      endedAt: null,
      providerId: null,
      waitingroomId: randomUUID(),
      conferenceroomId: randomUUID(),
      tokBox: { apiKey: SANDBOX_TOKBOX_API_KEY, waitingRoomSessionId: tokBoxSession(), videoConferenceSessionId: tokBoxSession() },
    };
    store.visits.set(visit.id, visit);
    return c.json({
      visitId: visit.id,
      userId: booker.userId,
      userEmail: visit.email,
      waitingroomId: visit.waitingroomId,
      conferenceroomId: visit.conferenceroomId,
      visitRedirectUrl: sandboxWaitingRoomUrl(deps, visit.id, practice.brand),
      isTokBox: true,
      tokBoxVisit: {
        apiKey: visit.tokBox.apiKey,
        waitingRoomSession: { sessionId: visit.tokBox.waitingRoomSessionId },
        videoConferenceSession: { sessionId: visit.tokBox.videoConferenceSessionId },
      },
    });
  });

  api.all('*', (c) => dexcareProblem(c, 404, 'No HTTP resource was found that matches the request URI.'));
  api.onError((_err, c) => dexcareProblem(c, 500, 'An error has occurred.'));
  return api;
}

export const SANDBOX_TOKBOX_API_KEY = '46000000';

type Billing = ReturnType<typeof visitBody.parse>['billingInfo'];

/** "Not all payment methods are supported for each service": the practice's `payment` says which. */
function checkBilling(practice: Practice, billing: Billing, coupons: Set<string>): string | null {
  switch (billing.paymentMethod) {
    case 'creditcard':
      return practice.payment.selfPay ? null : 'billingInfo.paymentMethod creditcard is not accepted by this practice';
    case 'insurance':
      return practice.payment.insurance ? null : 'billingInfo.paymentMethod insurance is not accepted by this practice';
    case 'couponcode': {
      if (!practice.payment.serviceKey) return 'billingInfo.paymentMethod couponcode is not accepted by this practice';
      const code = billing.couponCode.trim().toUpperCase();
      return [...coupons].some((c) => c.toUpperCase() === code) ? null : 'billingInfo.couponCode is not a valid coupon code or service key';
    }
  }
}
