import { Hono } from 'hono';
import { areaId, clinicQuery, type AreaStatus, type Clinic } from '../../../src/api/contract';
import type { ClinicFacts } from '../../backend/clinic-backend';
import type { Config } from '../../config';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readQuery } from '../input';
import { Problem } from '../problem';

/** The patient API's `clinic` answer: the backend's facts and the proxy's own settings. */
export function clinicAnswer(facts: ClinicFacts, config: Config): Clinic {
  const { capabilities, openness } = facts;
  const kinds = capabilities.visitKinds;
  return {
    name: facts.name,
    timezone: facts.timezone,
    walkinEnabled: kinds.includes('walkin'),
    appointmentEnabled: kinds.includes('appointment'),
    econsultEnabled: kinds.includes('econsult'),
    isOpen: openness.open,
    closedMessage: openness.open ? null : openness.message,
    closedReason: openness.open ? null : openness.reason,
    opensAt: openness.open ? null : openness.opensAt,
    maxWaitMinutes: config.walkinMaxWaitMinutes || null,
    guestBooking: config.guestBooking && capabilities.guestBooking,
    handoffTarget: config.handoffTarget,
    // Only when configured: a clinic without a number answers as before.
    phone: config.clinicPhone ?? null,
    capabilities: {
      visitKinds: kinds,
      serviceAreas: capabilities.serviceAreas,
      waitEstimate: capabilities.waitEstimate,
      forSomeoneElse: capabilities.forSomeoneElse,
      someoneElseDetails: capabilities.someoneElseDetails,
      billing: capabilities.billing,
      visitStatus: capabilities.visitStatus,
      cancel: capabilities.cancel,
      appointmentTimes: capabilities.appointmentTimes,
      dashboard: capabilities.dashboard,
      scheduleOnSite: capabilities.scheduleOnSite,
    },
    serviceAreas: facts.serviceAreas,
    wait: facts.wait ?? null,
    address: config.clinicAddress,
    visitTypes: facts.visitTypes,
    providers: facts.providers,
    questions: config.intakeQuestions,
    scheduling: config.scheduling,
    logoUrl: config.brand.logoUrl,
    brandColor: config.brand.color,
    ...(facts.insurers ? { insurers: facts.insurers } : {}),
  };
}

/**
 * GET /api/clinic[?room=…]: the clinic, or a provider's room; GET /api/clinic/areas/:areaId:
 * whether the clinic can see a patient there now, the wait and the price. Both before sign-in.
 */
export function clinicRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  app.get('/', async (c) => {
    const q = readQuery(c, clinicQuery);
    return c.json(clinicAnswer(await deps.backend.clinic(q.room), deps.config));
  });
  app.get('/areas/:areaId', async (c) => {
    const id = areaId.safeParse(c.req.param('areaId'));
    if (!id.success) throw new Problem(404, 'not_found', 'There is no such area.');
    const q = readQuery(c, clinicQuery);
    const s = await deps.backend.areaStatus(id.data, q.room);
    const result: AreaStatus = {
      areaId: s.areaId,
      isOpen: s.openness.open,
      closedReason: s.openness.open ? null : s.openness.reason,
      closedMessage: s.openness.open ? null : s.openness.message,
      opensAt: s.openness.open ? null : s.openness.opensAt,
      wait: s.wait,
      price: s.price,
    };
    return c.json(result);
  });
  return app;
}
