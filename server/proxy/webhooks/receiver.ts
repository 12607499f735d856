/**
 * VSee's webhooks: `POST /webhooks/vsee/<VSEE_WEBHOOK_SECRET>`, the URL a clinic pastes into VSee's
 * admin panel. VSee documents no signing, so the secret is the URL's last segment, compared in
 * constant time (docs/decisions/019-webhook-receiver.md). Mounted by server/app.ts only when a
 * secret is configured.
 *
 * In order: secret (wrong → 404 + audit), size (> 64 KB → 413), JSON and envelope (v1 or v2,
 * zod; bad → 400), the event's own data for the types we act on (bad → 400), then the event id
 * is claimed in the shared store (a repeat → 200, nothing done). The 200 goes out at once; the
 * work (coverage result, visit event) runs after it. If the work fails the claim is released, so
 * a redelivery can do it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../../config';
import type { Metrics } from '../../ops/metrics';
import { statusFromVsee } from '../../vsee/codes';
import {
  eligibilityChecked,
  eligibilityState,
  VISIT_EVENT_TYPES,
  visitEventData,
  webhookEnvelope,
  type VisitEventType,
} from '../../vsee/insurance';
import { audit, type Logger } from '../logger';
import { recordEligibility } from '../payment/coverage';
import type { KvStore } from '../stores/store';
import type { VisitEvents } from './visit-events';

export const MAX_WEBHOOK_BYTES = 64 * 1024;
/** How long a delivery id is remembered once handled (repeats within it change nothing). */
const DONE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** How long a claim holds while its work runs; a crash mid-work frees the id after it. */
const CLAIM_TTL_MS = 5 * 60_000;

/** Where the secret sits in logs: the path is never logged as it came. */
const LOG_PATH = '/webhooks/vsee/:secret';

export interface WebhookReceiverOptions {
  config: Pick<Config, 'webhookSecret' | 'vsee'>;
  kv: KvStore;
  log: Logger;
  visitEvents: VisitEvents;
  now: () => number;
  /** frontdesk_webhook_deliveries_total, by outcome. */
  metrics?: Pick<Metrics, 'webhook'>;
}

export interface WebhookReceiver {
  app: Hono;
  /** Resolves when every piece of work started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function json(status: 200 | 400 | 404 | 413 | 503, body: Record<string, unknown>) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

export function createWebhookReceiver(opts: WebhookReceiverOptions): WebhookReceiver {
  const { kv, log, visitEvents } = opts;
  const secret = opts.config.webhookSecret;
  if (!secret) throw new Error('createWebhookReceiver: no VSEE_WEBHOOK_SECRET');
  const expected = digest(secret);
  const accountCode = opts.config.vsee.accountCode;
  const inFlight = new Set<Promise<void>>();
  const count = (outcome: Parameters<Metrics['webhook']>[1]) => opts.metrics?.webhook('vsee', outcome);

  /** Hashes first, so the comparison takes the same time whatever the length of the guess. */
  const secretMatches = (given: string) => timingSafeEqual(digest(given), expected);

  const app = new Hono();

  app.use('/:secret', async (c, next) => {
    if (!secretMatches(c.req.param('secret'))) {
      audit(log, 'refused', { status: 404, reason: 'webhook_secret', method: c.req.method, path: LOG_PATH });
      count('rejected');
      return json(404, { error: { code: 'not_found', message: 'Not found.' } });
    }
    return next();
  });
  app.use(
    '/:secret',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: () => {
        audit(log, 'refused', { status: 413, reason: 'webhook_too_large', method: 'POST', path: LOG_PATH });
        count('rejected');
        return json(413, { error: { code: 'payload_too_large', message: 'The webhook body is too large.' } });
      },
    }),
  );

  app.post('/:secret', async (c) => {
    const refuse = (reason: string, message: string) => {
      audit(log, 'refused', { status: 400, reason, method: 'POST', path: LOG_PATH });
      count('invalid');
      return json(400, { error: { code: 'bad_request', message } });
    };
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return refuse('webhook_not_json', 'The body must be JSON.');
    }
    const env = webhookEnvelope.safeParse(raw);
    if (!env.success) return refuse('webhook_envelope', 'Not a VSee webhook: id, type, created and data are required.');
    const event = env.data;
    const account = event.clinic_code ?? event.account_code;

    // Parse what we act on before acknowledging, so a broken event is a 4xx VSee can see.
    let work: (() => Promise<void>) | null = null;
    if (account && account !== accountCode) {
      log.warn({ event: 'webhook_other_account', type: event.type, id: event.id });
    } else if (event.type === 'eligibility.checked') {
      const d = eligibilityChecked.safeParse(event.data);
      if (!d.success) return refuse('webhook_data', 'eligibility.checked needs eligibility_id, member_id and eligibility_response.');
      const state = eligibilityState(d.data.eligibility_response);
      work = async () => {
        await recordEligibility(kv, d.data.eligibility_id, d.data.member_id, state, event.created * 1000);
        log.info({ event: 'eligibility_checked', member: d.data.member_id, eligibility: d.data.eligibility_id, state });
      };
    } else if ((VISIT_EVENT_TYPES as readonly string[]).includes(event.type)) {
      const d = visitEventData.safeParse(event.data);
      if (!d.success) return refuse('webhook_data', `${event.type} needs the visit's id.`);
      const version = event.version?.startsWith('2') || event.clinic_code ? '2' : '1';
      work = () =>
        visitEvents.record({
          id: event.id,
          type: event.type as VisitEventType,
          visitId: d.data.id,
          memberId: d.data.member_id ?? null,
          status: d.data.status == null ? null : (statusFromVsee(d.data.status) ?? null),
          at: event.created * 1000,
          version,
        });
    }
    // Anything else (user.created, whatever VSee adds next) is acknowledged and ignored.

    const claimKey = `whk:${event.id}`;
    let fresh: boolean;
    try {
      fresh = await kv.setIfAbsent(claimKey, 'working', CLAIM_TTL_MS);
    } catch {
      // Replay protection fails closed: without the store we cannot tell a repeat, so VSee should retry.
      count('unavailable');
      return json(503, { error: { code: 'upstream_unavailable', message: 'Try again later.' } });
    }
    if (!fresh) {
      log.info({ event: 'webhook_repeat', type: event.type, id: event.id });
      count('duplicate');
      return json(200, { received: true });
    }
    log.info({ event: 'webhook', type: event.type, id: event.id, handled: work !== null });
    count('accepted');

    // After the answer: the work waits for the next turn of the event loop.
    const job = (async () => {
      await new Promise((r) => setImmediate(r));
      try {
        await work?.();
        await kv.set(claimKey, 'done', DONE_TTL_MS);
      } catch (err) {
        log.error({ event: 'webhook_failed', type: event.type, id: event.id, err: { name: (err as Error).name } });
        await kv.del(claimKey).catch(() => {});
      }
    })();
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    return json(200, { received: true });
  });

  return {
    app,
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
