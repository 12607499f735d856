import { Hono } from 'hono';
import { cancelRequest, handoffRequest, type Handoff, type Invite, type VisitList, type VisitWait } from '../../../src/api/contract';
import { guestJoinUrl } from '../../vsee/portal';
import { guestInvite, visitSummaryExport } from '../../vsee/schemas';
import type { HandoffTarget } from '../../backend/clinic-backend';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { audit } from '../logger';
import { canInvite, isUpcoming } from '../../../src/api/visit-rules';
import { Problem } from '../problem';
import { toVisit } from '../visit-view';
import { noteVisit } from '../../ops/request-context';

const MAX_SUMMARY_BYTES = 10 * 1024 * 1024;

export function visitRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { vsee, config } = deps;
  const portal = config.vsee.portalUrl;

  app.get('/visits', async (c) => {
    const all = await c.var.patient.backend.visits();
    const now = deps.now();
    const upcoming = all.filter((v) => isUpcoming(v, now));
    const past = all.filter((v) => !upcoming.includes(v));
    const result: VisitList = {
      upcoming: upcoming.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      past: past.sort((a, b) => Date.parse(b.start) - Date.parse(a.start)),
    };
    return c.json(result);
  });

  app.get('/visits/:id', async (c) => {
    const v = await c.var.patient.backend.visit(c.req.param('id'));
    noteVisit(v); // the waiting-room metrics read it here, not back out of the answer
    return c.json(v);
  });

  app.get('/visits/:id/wait', async (c) => {
    const result: VisitWait = { wait: await c.var.patient.backend.waitFor(c.req.param('id')) };
    return c.json(result);
  });

  app.post('/visits/:id/cancel', async (c) => {
    const patient = c.var.patient;
    const body = await readBody(c, cancelRequest);
    const v = await patient.backend.cancel(c.req.param('id'), body.reason);
    audit(deps.log, 'cancel', { visit: v.id, reason: body.reason, member: patient.memberId });
    return c.json(v);
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
    let target: HandoffTarget;
    if (body.target === 'visit') {
      if (!body.visitId) throw new Problem(400, 'bad_request', 'Which visit? visitId is required.', { visitId: 'required' });
      target = { target: 'visit', visitId: body.visitId };
    } else if (body.target === 'schedule') {
      // Step 3b: the clinic's own scheduling page, with the intake this session made for an appointment.
      if (!body.intakeId) throw new Problem(400, 'bad_request', 'Which visit details? intakeId is required.', { intakeId: 'required' });
      const intake = patient.ownIntake(body.intakeId);
      if (intake.kind !== 'appointment') throw new Problem(400, 'bad_request', 'These visit details were made for another kind of visit. Please fill them in again.');
      target = { target: 'schedule', intake };
    } else {
      target = { target: 'dashboard' };
    }
    // The backend builds the URL itself, only for this patient's own visit or intake.
    const url = await patient.backend.handoffUrl(target);
    audit(deps.log, 'handoff', { target: body.target, visit: body.visitId ?? null, intake: body.target === 'schedule' ? (body.intakeId ?? null) : undefined, member: patient.memberId });
    const result: Handoff = { url };
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(result);
  });

  return app;
}
