/**
 * Sandbox-only controls (not VSee) for the insurance flow: move the sandbox clock on (or hold it)
 * so a 10-second eligibility check finishes when a test says, switch webhook delivery off to show
 * the polling fallback, see what was delivered, and set what the clinic's VSee account is
 * configured with (insurers, the consultation price).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CONSULTATION_PRICES, SEED_INSURERS } from './seed';
import { SANDBOX } from './credentials';
import type { Deps } from './deps';

const clockBody = z
  .object({ seconds: z.number().int().min(0).max(30 * 86_400).optional(), paused: z.boolean().optional() })
  .strict()
  .refine((b) => b.seconds !== undefined || b.paused !== undefined);
const webhookBody = z
  .object({ enabled: z.boolean().optional(), version: z.enum(['1', '2']).optional() })
  .strict()
  .refine((b) => b.enabled !== undefined || b.version !== undefined);
const paymentBody = z.object({ insurers: z.boolean().optional(), price: z.number().min(0).max(100_000).nullable().optional() }).strict();

export interface ClockControls {
  advance(seconds: number): Promise<void>;
  pause(paused: boolean): void;
}

export function createInsuranceControl(deps: Deps, clock: ClockControls): Hono {
  const control = new Hono();

  control.get('/clock', (c) => c.json({ data: { now: deps.now() } }));

  /**
   * `{"paused": true}` holds the clock; `{"seconds": 10}` moves it on, runs the checks that became
   * due and waits for their webhooks to be answered.
   */
  control.post('/clock', async (c) => {
    const parsed = clockBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected {"seconds": <whole number ≥ 0>} and/or {"paused": true|false}.' }, 400);
    if (parsed.data.paused !== undefined) clock.pause(parsed.data.paused);
    if (parsed.data.seconds !== undefined) await clock.advance(parsed.data.seconds);
    return c.json({ data: { now: deps.now() } });
  });

  /**
   * What VSee is configured with for this clinic: `{"insurers": false}` empties GET /insurances,
   * `{"price": 0}` makes every consultation free, `{"price": null}` restores the seeded prices.
   * A clinic with neither gets no payment step in frontdesk.
   */
  control.post('/payment', async (c) => {
    const parsed = paymentBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected {"insurers": true|false, "price": <number ≥ 0>|null}.' }, 400);
    const { insurers, price } = parsed.data;
    if (insurers !== undefined) deps.store.insurers = insurers ? SEED_INSURERS.map((i) => ({ ...i })) : [];
    const room = deps.store.rooms.get(SANDBOX.roomCode);
    if (room && price !== undefined) {
      for (const consultation of room.consultations) {
        consultation.amount = price ?? CONSULTATION_PRICES[consultation.id] ?? 0;
        consultation.charge = consultation.amount > 0;
      }
    }
    return c.json({ data: { insurers: deps.store.insurers.length, prices: room?.consultations.map((x) => x.amount) ?? [] } });
  });

  // The URL itself is not shown: in sandbox mode it carries the receiver's secret.
  const webhookState = () => ({
    configured: deps.outbox.configured,
    enabled: deps.outbox.enabled,
    version: deps.outbox.version,
    deliveries: deps.outbox.deliveries,
  });

  control.get('/webhook', (c) => c.json({ data: webhookState() }));

  /**
   * `{"enabled": false}`: like a clinic with no webhook URL; results are then only read back.
   * `{"version": "2"}`: visit events in VSee's v2 ("beta") envelope instead of v1.
   */
  control.post('/webhook', async (c) => {
    const parsed = webhookBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected {"enabled": true|false} and/or {"version": "1"|"2"}.' }, 400);
    const { enabled, version } = parsed.data;
    if (enabled && !deps.outbox.configured) return c.json({ code: 409, message: 'No webhook URL is configured.' }, 409);
    if (enabled !== undefined) deps.outbox.enabled = enabled;
    if (version !== undefined) deps.outbox.version = version;
    return c.json({ data: webhookState() });
  });

  return control;
}
