/**
 * Sandbox-only controls (not VSee) for time and webhooks: move the sandbox clock on so a 10-second
 * eligibility check finishes now, switch webhook delivery off to show the polling fallback, and see
 * what was delivered.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from './deps';

const advanceBody = z.object({ seconds: z.number().int().min(0).max(30 * 86_400) }).strict();
const webhookBody = z.object({ enabled: z.boolean() }).strict();

export function createClockControl(deps: Deps, advance: (seconds: number) => Promise<void>): Hono {
  const control = new Hono();

  control.get('/clock', (c) => c.json({ data: { now: deps.now() } }));

  /** `{"seconds": 10}`: the clock moves on, due checks run and their webhooks are answered. */
  control.post('/clock', async (c) => {
    const parsed = advanceBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected {"seconds": <whole number ≥ 0>}.' }, 400);
    await advance(parsed.data.seconds);
    return c.json({ data: { now: deps.now() } });
  });

  // The URL itself is not shown: in sandbox mode it carries the receiver's secret.
  const webhookState = () => ({ configured: deps.outbox.configured, enabled: deps.outbox.enabled, deliveries: deps.outbox.deliveries });

  control.get('/webhook', (c) => c.json({ data: webhookState() }));

  /** `{"enabled": false}`: like a clinic with no webhook URL; results are then only read back. */
  control.post('/webhook', async (c) => {
    const parsed = webhookBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected {"enabled": true|false}.' }, 400);
    if (parsed.data.enabled && !deps.outbox.configured) return c.json({ code: 409, message: 'No webhook URL is configured.' }, 409);
    deps.outbox.enabled = parsed.data.enabled;
    return c.json({ data: webhookState() });
  });

  return control;
}
