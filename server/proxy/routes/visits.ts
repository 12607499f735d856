import { Hono } from 'hono';
import { cancelRequest, handoffRequest, type Handoff, type Invite, type VisitList } from '../../../src/api/contract';
import { VseeError } from '../../vsee/client';
import { authUrl, guestJoinUrl, portalPath, scheduleFromIntakePath } from '../../vsee/portal';
import { closed, guestInvite, visitSummaryExport } from '../../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { audit } from '../logger';
import { canCancel, canInvite, canJoin, isUpcoming } from '../../../src/api/visit-rules';
import { Problem } from '../problem';
import { presentVisit, toVisit } from '../visit-view';

const MAX_SUMMARY_BYTES = 10 * 1024 * 1024;

export function visitRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { vsee, config } = deps;
  const portal = config.vsee.portalUrl;

  app.get('/visits', async (c) => {
    const patient = c.var.patient;
    const all = await patient.listVisits();
    const now = deps.now();
    // GET /visits lists the token's own visits; one that names another member is not shown.
    const mine = all.filter((v) => !v.member_id || v.member_id === patient.memberId).map((v) => presentVisit(v, portal));
    const upcoming = mine.filter((v) => isUpcoming(v, now));
    const past = mine.filter((v) => !upcoming.includes(v));
    const result: VisitList = {
      upcoming: upcoming.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      past: past.sort((a, b) => Date.parse(b.start) - Date.parse(a.start)),
    };
    return c.json(result);
  });

  app.get('/visits/:id', async (c) => {
    return c.json(presentVisit(await c.var.patient.ownVisit(c.req.param('id')), portal));
  });

  app.post('/visits/:id/cancel', async (c) => {
    const patient = c.var.patient;
    const body = await readBody(c, cancelRequest);
    const v = await patient.ownVisit(c.req.param('id'), { fresh: true });
    const current = toVisit(v);
    // Cancelling is idempotent: a retry whose first answer was lost finds the visit cancelled.
    if (current.status === 'cancelled') return c.json(presentVisit(v, portal));
    if (!canCancel(current, deps.now())) {
      throw new Problem(409, 'conflict', 'This visit has already started or ended, so it cannot be cancelled.');
    }
    if (body.reason === 'max_waiting_time_reached') {
      const limit = config.walkinMaxWaitMinutes * 60_000;
      const waited = deps.now() - Date.parse(current.start);
      // Only the clinic's own limit closes a visit for waiting too long (5 s of clock slack).
      if (current.kind !== 'walkin' || !limit || waited + 5000 < limit) {
        throw new Problem(400, 'bad_request', 'This visit has not reached the clinic’s maximum waiting time.');
      }
    }
    try {
      await patient.call({ method: 'POST', path: 'visits/close', schema: closed, body: { id: v.id, reason: body.reason } });
    } catch (err) {
      // The answer was lost: read the visit again; if VSee closed it, that is the answer.
      if (!(err instanceof VseeError) || !err.ambiguous) throw err;
      const after = await patient.ownVisit(v.id, { fresh: true }).catch(() => null);
      if (!after || toVisit(after).status !== 'cancelled') throw err;
      audit(deps.log, 'cancel', { visit: v.id, reason: body.reason, member: patient.memberId, recovered: true });
      return c.json(presentVisit(after, portal));
    }
    const after = await patient.ownVisit(v.id, { fresh: true });
    audit(deps.log, 'cancel', { visit: v.id, reason: body.reason, member: patient.memberId });
    return c.json(presentVisit(after, portal));
  });

  app.post('/visits/:id/invite', async (c) => {
    const patient = c.var.patient;
    const v = await patient.ownVisit(c.req.param('id'));
    const current = toVisit(v);
    if (!canInvite(current, deps.now())) throw new Problem(409, 'conflict', 'Guests can join only an upcoming appointment or a waiting walk-in visit.');
    // Use case 5: the invite code is the `code` of GET /visits/:id (which ownVisit just read).
    const parsed = guestInvite.shape.code.safeParse(v.code);
    if (!parsed.success) throw new Problem(502, 'upstream_unavailable', 'The clinic’s system did not give an invite code.');
    audit(deps.log, 'invite', { visit: v.id, member: patient.memberId });
    const result: Invite = { url: guestJoinUrl(portal, parsed.data) };
    return c.json(result);
  });

  app.get('/visits/:id/summary', async (c) => {
    const patient = c.var.patient;
    const v = await patient.ownVisit(c.req.param('id'));
    if (toVisit(v).status !== 'completed') throw new Problem(409, 'conflict', 'A summary is ready once the visit is completed.');
    const exp = await patient.call({ method: 'GET', path: `visits/${v.id}/exports/visit_summary`, schema: visitSummaryExport });
    const pdf = await vsee.download(exp.url, { maxBytes: MAX_SUMMARY_BYTES, contentType: /^application\/pdf\b/ });
    audit(deps.log, 'summary_download', { visit: v.id, member: patient.memberId });
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="visit-summary-${v.id}.pdf"`);
    return c.body(pdf);
  });

  app.post('/handoff', async (c) => {
    const patient = c.var.patient;
    const body = await readBody(c, handoffRequest);
    let next: string;
    if (body.target === 'visit') {
      if (!body.visitId) throw new Problem(400, 'bad_request', 'Which visit? visitId is required.', { visitId: 'required' });
      const v = await patient.ownVisit(body.visitId);
      if (!canJoin(toVisit(v), deps.now())) {
        throw new Problem(409, 'conflict', 'This visit has ended. You can book a new one from the start page.');
      }
      next = portalPath('start-visit', v.id);
    } else if (body.target === 'schedule') {
      // Step 3b: VSee's own scheduling page, with the intake this session made for an appointment.
      if (!body.intakeId) throw new Problem(400, 'bad_request', 'Which visit details? intakeId is required.', { intakeId: 'required' });
      const intake = patient.ownIntake(body.intakeId);
      if (intake.kind !== 'appointment') throw new Problem(400, 'bad_request', 'These visit details were made for another kind of visit. Please fill them in again.');
      next = scheduleFromIntakePath(intake.id);
    } else {
      next = portalPath('dashboard');
    }
    // The portal link carries a token minted just now, for this one handoff.
    const ssoToken = await patient.freshToken();
    audit(deps.log, 'sso_mint', { member: patient.memberId });
    audit(deps.log, 'handoff', { target: body.target, visit: body.visitId ?? null, intake: body.target === 'schedule' ? (body.intakeId ?? null) : undefined, member: patient.memberId });
    const result: Handoff = { url: authUrl(portal, { ssoToken, next, disableNavigation: config.disableNavigation }) };
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(result);
  });

  return app;
}
