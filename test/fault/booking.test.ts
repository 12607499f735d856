/**
 * The exactly-once promise under real faults (#10 items 2–5): two proxy processes sharing one
 * redis-server, VSee (the sandbox) in its own process over HTTP behind a pass-through that holds,
 * delays, drops and redirects. For each: exactly one visit in VSee, every answer within the
 * booking's deadline, and the right message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorCode,
  patient,
  requireRedis,
  sleep,
  startCluster,
  startProcess,
  visitsAtVsee,
  type Answer,
  type Cluster,
  type ServerProcess,
} from './support/cluster';

const run = requireRedis();
/** VSEE_TIMEOUT_MS 1000 → BOOKING_TIMEOUT_MS 2000: every answer within it, plus the store's and the network's slack. */
const BOOKING_MS = 2000;
const ANSWER_BOUND_MS = BOOKING_MS + 1500;

let n = 0;
const key = () => `fault-key-${Date.now()}-${++n}`;

/** Retries as the SPA would after "still checking": honouring Retry-After, up to `maxMs`. Every answer is timed. */
async function retryUntilSettled(send: () => Promise<Answer>, maxMs: number) {
  const answers: Answer[] = [];
  const t0 = Date.now();
  for (;;) {
    const a = await send();
    answers.push(a);
    if (a.status !== 409 || errorCode(a) !== 'booking_pending' || Date.now() - t0 > maxMs) return answers;
    await sleep(Math.min(2000, Number(a.headers.get('Retry-After') ?? '1') * 1000));
  }
}

describe.runIf(run)('exactly once, with proxies dying and VSee losing answers', () => {
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    cluster = await startCluster();
    [a, b] = await Promise.all([startProcess(cluster.proxyEnv()), startProcess(cluster.proxyEnv())]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.kill9(), b?.kill9()]);
    await cluster?.stop();
  });

  it('item 2: a proxy killed -9 mid-booking → the retry on the other proxy hears "still checking", then gets the one visit', async () => {
    const p = patient('Killed');
    await p.signIn(a);
    const intakeId = await p.intake(a);
    const held = cluster.passThrough.on('POST', /\/visits\/add_walkin/, { kind: 'hold' });
    const k = key();
    const first = p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': k }).catch((err: Error) => err);
    const release = await held.arrived; // A has written its claim and mark and called VSee
    await a.kill9();
    expect(await first).toBeInstanceOf(Error); // the patient's browser saw the connection die
    release(); // VSee still gets the request and makes the visit
    await held.processed;

    a = await startProcess(cluster.proxyEnv()); // back to two proxies (for the tests after this one)
    const answers = await retryUntilSettled(() => p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': k }), 20_000);
    const last = answers.at(-1)!;
    expect(answers[0]!.body).toMatchObject({ error: { code: 'booking_pending' } });
    expect(answers[0]!.status).toBe(409);
    expect(errorCode(answers[0]!)).toBe('booking_pending');
    expect(last.status).toBe(201);
    for (const x of answers) expect(x.ms).toBeLessThan(ANSWER_BOUND_MS);
    const atVsee = await visitsAtVsee(cluster.vsee, 'Killed');
    expect(atVsee).toHaveLength(1);
    expect((last.body as { id: string }).id).toBe(atVsee[0]!.id);
    // Reloaded page, new key: the intake is used up (the session no longer lists it).
    const again = await p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() });
    expect(again.status).toBe(404);
    expect(await visitsAtVsee(cluster.vsee, 'Killed')).toHaveLength(1);
  }, 60_000);

  it('item 3: "try again" 0.5 s after a 502 while VSee is still working → "still checking", never a second visit', async () => {
    const p = patient('Early');
    await p.signIn(a);
    const intakeId = await p.intake(a);
    // VSee gets the request after the proxy gave up on it (3 s > the 2 s booking deadline).
    const late = cluster.passThrough.on('POST', /\/visits\/add_walkin/, { kind: 'delay', ms: 3000 });
    const first = await p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() });
    expect(first.status).toBe(502);
    expect(errorCode(first)).toBe('upstream_unavailable');
    expect(first.ms).toBeLessThan(ANSWER_BOUND_MS);
    await sleep(500);
    // The page reloaded: a new key, the other proxy, and VSee has not made the visit yet.
    const early = await p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() });
    expect(early.status).toBe(409);
    expect(errorCode(early)).toBe('booking_pending');
    expect(Number(early.headers.get('Retry-After'))).toBeGreaterThan(0);
    await late.processed;
    const k = key();
    const answers = await retryUntilSettled(() => p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': k }), 15_000);
    expect(answers.at(-1)!.status).toBe(201);
    for (const x of answers) expect(x.ms).toBeLessThan(ANSWER_BOUND_MS);
    const atVsee = await visitsAtVsee(cluster.vsee, 'Early');
    expect(atVsee).toHaveLength(1);
    expect((answers.at(-1)!.body as { id: string }).id).toBe(atVsee[0]!.id);
  }, 60_000);

  it('item 3, the other way: VSee surely made nothing → after the settle time the retry books, once', async () => {
    const p = patient('Nothing');
    await p.signIn(b);
    const intakeId = await p.intake(b);
    cluster.passThrough.on('POST', /\/visits\/add_walkin/, { kind: 'reset' });
    const first = await p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() });
    expect(first.status).toBe(502);
    const k = key();
    const answers = await retryUntilSettled(() => p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': k }), 15_000);
    expect(answers.at(-1)!.status).toBe(201);
    expect(await visitsAtVsee(cluster.vsee, 'Nothing')).toHaveLength(1);
  }, 60_000);

  it('item 4: with VSEE_TIMEOUT_MS=60000 a booking still answers within BOOKING_TIMEOUT_MS, and a same-key retry does not book again', async () => {
    const slow = await startProcess(cluster.proxyEnv({ VSEE_TIMEOUT_MS: '60000', BOOKING_TIMEOUT_MS: String(BOOKING_MS) }));
    try {
      const p = patient('Slow');
      await p.signIn(slow);
      const intakeId = await p.intake(slow);
      // VSee takes 5 s over the create (and then makes it) and hangs every lookup.
      const late = cluster.passThrough.on('POST', /\/visits\/add_walkin/, { kind: 'delay', ms: 5000 });
      cluster.passThrough.on('GET', /\/visits(\.json)?$/, { kind: 'delay', ms: 5000 }, 3);
      const k = key();
      const first = await p.post(slow, '/api/walkins', { intakeId }, { 'Idempotency-Key': k });
      expect(first.status).toBe(502);
      expect(first.ms).toBeLessThan(ANSWER_BOUND_MS); // not 60 s, not 3 × 60 s
      const retry = await p.post(slow, '/api/walkins', { intakeId }, { 'Idempotency-Key': k });
      expect(retry.status).toBe(409);
      expect(errorCode(retry)).toBe('booking_pending');
      await late.processed;
      cluster.passThrough.clear();
      const answers = await retryUntilSettled(() => p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() }), 20_000);
      expect(answers.at(-1)!.status).toBe(201);
      expect(await visitsAtVsee(cluster.vsee, 'Slow')).toHaveLength(1);
    } finally {
      await slow.kill9();
    }
  }, 60_000);

  it('item 5: a redirect after VSee processed the create is ambiguous → the visit is found, not made again', async () => {
    const p = patient('Redirected');
    await p.signIn(a);
    const intakeId = await p.intake(a);
    cluster.passThrough.on('POST', /\/visits\/add_walkin/, { kind: 'redirect-after' });
    const first = await p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() });
    expect(first.status).toBe(201);
    expect(first.ms).toBeLessThan(ANSWER_BOUND_MS);
    const atVsee = await visitsAtVsee(cluster.vsee, 'Redirected');
    expect(atVsee).toHaveLength(1);
    expect((first.body as { id: string }).id).toBe(atVsee[0]!.id);
  }, 30_000);

  it('item 5: a lost answer to a cancel → the patient hears "cancelled", and so does the retry', async () => {
    const p = patient('Cancelled');
    await p.signIn(a);
    const intakeId = await p.intake(a);
    const made = await p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': key() });
    const id = (made.body as { id: string }).id;
    cluster.passThrough.on('POST', /\/visits\/close/, { kind: 'drop-after' });
    const cancel = await p.post(a, `/api/visits/${id}/cancel`, { reason: 'patient_exit_room' });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ id, status: 'cancelled' });
    const retry = await p.post(b, `/api/visits/${id}/cancel`, { reason: 'patient_exit_room' });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id, status: 'cancelled' });
  }, 30_000);
});
