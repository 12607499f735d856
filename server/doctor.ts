/**
 * `npm run doctor`: what an operator runs before (or instead of) guessing. Each check prints one
 * line that names what is wrong and which variable to look at. Nothing here changes anything at
 * VSee except one test user, signed in under a fixed code (so repeated runs reuse it).
 */
import { ConfigError, loadConfig, type Config } from './config';
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

export function formatChecks(checks: Check[]): string {
  return checks.map((c) => `${c.ok === 'skipped' ? '–' : c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`).join('\n');
}
