/**
 * The patient API's payment calls (signed-in patient): what the payment step offers, saving the
 * patient's choice, and the live coverage state the review, confirmation and waiting pages poll.
 */
import { Hono } from 'hono';
import { paymentRequest } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { createCoverage } from './coverage';

export function paymentRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const coverage = createCoverage(deps);

  app.get('/payment/options', async (c) => c.json(await coverage.options(c.var.patient)));

  app.post('/payment', async (c) => {
    const body = await readBody(c, paymentRequest);
    return c.json(await coverage.save(c.var.patient, body));
  });

  app.get('/coverage', async (c) => c.json(await coverage.read(c.var.patient)));

  return app;
}
