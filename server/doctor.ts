/**
 * `npm run doctor`: what an operator runs before (or instead of) guessing. Each check prints one
 * line that names what is wrong and which variable to look at. Nothing here changes anything at
 * VSee except one test user, signed in under a fixed code (so repeated runs reuse it).
 */
import { ConfigError, loadConfig, type Config } from './config';
import { createDexcareClient, DexcareError } from './dexcare/client';
import { createDexcareSandbox } from './dexcare-sandbox';
import { createRedisStore } from './proxy/stores/redis';
import { USER_TYPE } from './vsee/codes';
import { createVseeClient, VseeError, type FetchLike } from './vsee/client';
import { room, ssoUser } from './vsee/schemas';
import { createSandbox } from './vsee-sandbox';

export interface Check {
  name: string;
  ok: boolean | 'skipped';
  detail: string;
}

/** The VSee user the doctor signs in: a fixed code, so it is always the same test user. */
export const DOCTOR_USER_CODE = 'frontdesk-doctor-check';

function explain(err: unknown, what: 'api' | 'sso' | 'room', config: Config): string {
  if (!(err instanceof VseeError)) return `unexpected error: ${(err as Error).message}`;
  if (err.kind === 'timeout') return `no answer within VSEE_TIMEOUT_MS (${config.vsee.timeoutMs} ms): check VSEE_API_BASE and the network`;
  if (err.kind === 'network') return `cannot connect to ${config.vsee.apiBase}: check VSEE_API_BASE (host, port, https) and the network`;
  if (err.kind === 'redirect') return `VSee answered ${err.status} (a redirect): VSEE_API_BASE is probably not the API address (it should end in /api_v3/)`;
  if (err.kind === 'malformed') return `the answer is not VSee's API: check VSEE_API_BASE (it should end in /api_v3/)`;
  if (what === 'sso' && (err.status === 401 || err.status === 403)) return `VSee refused the key: check VSEE_API_KEY, VSEE_API_SECRET and VSEE_ACCOUNT_CODE (VSee said: ${err.message})`;
  if (what === 'room' && err.status === 404) return `VSee has no room "${config.vsee.roomCode}": check VSEE_ROOM_CODE`;
  if (what === 'room' && (err.status === 401 || err.status === 403)) return `VSee refused to show room "${config.vsee.roomCode}": check VSEE_ACCOUNT_CODE and that the account owns the room`;
  return `VSee answered ${err.status}: ${err.message}`;
}

export async function runDoctor(env: Record<string, string | undefined> = process.env): Promise<Check[]> {
  const checks: Check[] = [];
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [{ name: 'configuration', ok: false, detail: err.message }];
  }
  if (config.clinicBackend === 'dexcare') return runDexcareDoctor(config);
  const mode = config.sandbox ? 'sandbox mode (no VSEE_API_BASE): checking the built-in VSee sandbox' : `VSee at ${config.vsee.apiBase}`;
  checks.push({ name: 'configuration', ok: true, detail: `${mode}; ${config.sessionSecrets.length} session secret(s)` });

  let fetchLike: FetchLike = (req) => fetch(req);
  if (config.sandbox) {
    const sandbox = createSandbox({ basePath: '/sandbox', publicOrigin: config.publicUrl });
    fetchLike = (req) => sandbox.fetch(req);
  }
  const vsee = createVseeClient({ ...config.vsee, retries: 0, fetch: fetchLike });

  // Reaching VSee and finding the room: one call (GET /rooms/:code needs no user token).
  let reached = false;
  try {
    const r = await vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(config.vsee.roomCode)}`, schema: room });
    reached = true;
    checks.push({ name: 'VSee API', ok: true, detail: `answers at ${config.vsee.apiBase}` });
    checks.push({ name: 'room', ok: true, detail: `"${r.name}" (${config.vsee.roomCode})${r.operation_settings?.is_closed ? ', marked closed' : ''}` });
  } catch (err) {
    reached = err instanceof VseeError && err.kind === 'http';
    checks.push({ name: 'VSee API', ok: reached, detail: reached ? `answers at ${config.vsee.apiBase}` : explain(err, 'api', config) });
    checks.push({ name: 'room', ok: reached ? false : 'skipped', detail: reached ? explain(err, 'room', config) : 'VSee could not be reached' });
  }

  if (reached) {
    try {
      const u = await vsee.call({
        method: 'POST',
        path: 'users/sso',
        appAuth: true,
        schema: ssoUser,
        body: { code: DOCTOR_USER_CODE, first_name: 'Frontdesk', last_name: 'Doctor', type: USER_TYPE.member },
      });
      checks.push({ name: 'SSO', ok: true, detail: `signed in the test user (VSee user ${u.id}) with VSEE_API_KEY/VSEE_API_SECRET` });
    } catch (err) {
      checks.push({ name: 'SSO', ok: false, detail: explain(err, 'sso', config) });
    }
  } else {
    checks.push({ name: 'SSO', ok: 'skipped', detail: 'VSee could not be reached' });
  }

  if (config.sandbox) {
    checks.push({ name: 'portal', ok: true, detail: `the sandbox portal at ${config.vsee.portalUrl}` });
  } else {
    try {
      const res = await fetch(config.vsee.portalUrl, { redirect: 'manual', signal: AbortSignal.timeout(config.vsee.timeoutMs) });
      const ok = res.status < 500;
      checks.push({ name: 'portal', ok, detail: ok ? `answers at ${config.vsee.portalUrl} (${res.status})` : `${config.vsee.portalUrl} answered ${res.status}: check VSEE_PORTAL_URL` });
    } catch {
      checks.push({ name: 'portal', ok: false, detail: `cannot reach ${config.vsee.portalUrl}: check VSEE_PORTAL_URL` });
    }
  }

  if (config.redisUrl) {
    const kv = await createRedisStore({ url: config.redisUrl, connectTimeoutMs: 2000 });
    try {
      for (let waited = 0; !kv.ready() && waited < 2000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const key = `doctor:${Date.now()}`;
      await Promise.race([kv.set(key, '1', 5000), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
      checks.push({ name: 'Redis', ok: true, detail: `answers at ${new URL(config.redisUrl).host}` });
    } catch {
      checks.push({ name: 'Redis', ok: false, detail: `no answer from ${new URL(config.redisUrl).host}: check REDIS_URL (and that Redis runs)` });
    } finally {
      await kv.close().catch(() => {});
    }
  } else {
    checks.push({ name: 'Redis', ok: 'skipped', detail: 'REDIS_URL not set: one process, state in memory (set it when several copies run)' });
  }

  // VSee (webhooks) and the patients' browsers (Secure cookies) both need an https public address.
  const https = config.publicUrl.startsWith('https://');
  if (config.sandbox) checks.push({ name: 'webhook URL', ok: 'skipped', detail: 'sandbox mode: VSee does not call back' });
  else {
    checks.push({
      name: 'webhook URL',
      ok: https,
      detail: https ? `VSee calls back under ${config.publicUrl}/webhooks/vsee/…` : `PUBLIC_URL is ${config.publicUrl}: VSee's webhooks (and patients' Secure cookies) need an https address`,
    });
  }
  if (!config.sandbox && config.host !== '127.0.0.1' && config.host !== 'localhost' && config.trustProxy.kind === 'none') {
    checks.push({ name: 'client addresses', ok: false, detail: `HOST is ${config.host} but TRUST_PROXY is unset: behind a load balancer every patient shares one session-start limit` });
  }
  return checks;
}

/** The shared store, when one is configured. */
async function redisCheck(config: Config): Promise<Check> {
  if (!config.redisUrl) return { name: 'Redis', ok: 'skipped', detail: 'REDIS_URL not set: one process, state in memory (set it when several copies run)' };
  const kv = await createRedisStore({ url: config.redisUrl, connectTimeoutMs: 2000 });
  try {
    for (let waited = 0; !kv.ready() && waited < 2000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await Promise.race([kv.set(`doctor:${Date.now()}`, '1', 5000), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return { name: 'Redis', ok: true, detail: `answers at ${new URL(config.redisUrl).host}` };
  } catch {
    return { name: 'Redis', ok: false, detail: `no answer from ${new URL(config.redisUrl).host}: check REDIS_URL (and that Redis runs)` };
  } finally {
    await kv.close().catch(() => {});
  }
}

function explainDexcare(err: unknown, config: Config): string {
  const d = config.dexcare;
  if (!(err instanceof DexcareError)) return `unexpected error: ${(err as Error).message}`;
  if (err.kind === 'timeout') return `no answer within DEXCARE_TIMEOUT_MS (${d.timeoutMs} ms): check DEXCARE_API_BASE and the network`;
  if (err.kind === 'network') return `cannot connect to ${d.apiBase}: check DEXCARE_API_BASE (host, port, https) and the network`;
  if (err.kind === 'redirect') return `DexCare answered ${err.status} (a redirect): DEXCARE_API_BASE is probably not the API address`;
  if (err.kind === 'malformed') return `the answer is not DexCare's practice: check DEXCARE_API_BASE`;
  if (err.status === 404) return `DexCare has no practice "${d.practiceId}": check DEXCARE_PRACTICE_ID (and DEXCARE_API_BASE)`;
  if (err.status === 401 || err.status === 403) return `DexCare refused to show practice "${d.practiceId}" (${err.status}): check DEXCARE_API_BASE and that the practice is public`;
  return `DexCare answered ${err.status}: ${err.message}`;
}

/**
 * CLINIC_BACKEND=dexcare: the practice call every patient's first page makes (GET
 * api/8/DexCare/practices/{id}), the launch key its patients come with, the waiting room, Redis.
 */
async function runDexcareDoctor(config: Config): Promise<Check[]> {
  const d = config.dexcare;
  const checks: Check[] = [
    { name: 'configuration', ok: true, detail: `${d.sandbox ? 'DexCare sandbox (no DEXCARE_API_BASE): checking the built-in DexCare sandbox' : `DexCare at ${d.apiBase}`}; practice ${d.practiceId}, brand ${d.brand}` },
  ];
  const sandbox = d.sandbox ? createDexcareSandbox({ basePath: '/sandbox/dexcare', publicOrigin: config.publicUrl }) : null;
  const client = createDexcareClient({ ...d, retries: 0, fetch: sandbox ? (req) => sandbox.fetch(req) : (req) => fetch(req) });
  try {
    const p = await client.practice(d.practiceId);
    const regions = p.practiceRegions.filter((r) => r.active).length;
    checks.push({ name: 'DexCare practice', ok: regions > 0, detail: regions > 0 ? `"${p.displayName}" (${p.id}), ${regions} active practice region(s)` : `"${p.displayName}" has no active practice region: patients cannot book` });
  } catch (err) {
    checks.push({ name: 'DexCare practice', ok: false, detail: explainDexcare(err, config) });
  }
  checks.push(
    config.launch
      ? { name: 'launch', ok: true, detail: config.launch.jwksUrl ? `host sites' launch tokens checked against ${config.launch.jwksUrl}` : `host sites' launch tokens checked with LAUNCH_SECRET (issuer ${config.launch.issuer})` }
      : { name: 'launch', ok: false, detail: 'no LAUNCH_SECRET or LAUNCH_JWKS_URL: DexCare patients come launched by the health system (decision 014)' },
  );
  if (d.sandbox) checks.push({ name: 'waiting room', ok: true, detail: `the sandbox's DexCare waiting room at ${d.waitingRoomUrl}` });
  else {
    try {
      const res = await fetch(d.waitingRoomUrl, { redirect: 'manual', signal: AbortSignal.timeout(d.timeoutMs) });
      const ok = res.status < 500;
      checks.push({ name: 'waiting room', ok, detail: ok ? `answers at ${d.waitingRoomUrl} (${res.status})` : `${d.waitingRoomUrl} answered ${res.status}: check DEXCARE_WAITING_ROOM_URL` });
    } catch {
      checks.push({ name: 'waiting room', ok: false, detail: `cannot reach ${d.waitingRoomUrl}: check DEXCARE_WAITING_ROOM_URL` });
    }
  }
  checks.push(await redisCheck(config));
  return checks;
}

export function formatChecks(checks: Check[]): string {
  return checks.map((c) => `${c.ok === 'skipped' ? '–' : c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`).join('\n');
}
