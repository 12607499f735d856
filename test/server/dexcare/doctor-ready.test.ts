/**
 * CLINIC_BACKEND=dexcare: `npm run doctor` checks DexCare's practice call (the one every patient's
 * first page makes) and /readyz asks DexCare, not VSee — against the DexCare sandbox over HTTP,
 * set up right and set up wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { formatChecks, runDoctor } from '../../../server/doctor';
import { startServer, type RunningServer } from '../../../server/main';
import { BRAND, PRACTICE_ID } from '../../../server/dexcare-sandbox/seed';
import { createLogger } from '../../../server/proxy/logger';

describe('DexCare: doctor and readiness', () => {
  let upstream: RunningServer;
  let base: string;
  beforeAll(async () => {
    // A whole frontdesk in DexCare sandbox mode plays "DexCare over HTTP" at /sandbox/dexcare/.
    upstream = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_HOST_PORT: '0', CLINIC_BACKEND: 'dexcare' }));
    base = `http://127.0.0.1:${upstream.port}/sandbox/dexcare/`;
  });
  afterAll(async () => upstream?.close());

  const real = (over: Record<string, string> = {}) => ({
    LOG_LEVEL: 'silent',
    CLINIC_BACKEND: 'dexcare',
    DEXCARE_API_BASE: base,
    DEXCARE_PRACTICE_ID: PRACTICE_ID,
    DEXCARE_BRAND: BRAND,
    DEXCARE_WAITING_ROOM_URL: base,
    DEXCARE_TIMEOUT_MS: '1500',
    DEXCARE_RETRIES: '0',
    SESSION_SECRET: 'd'.repeat(32),
    LAUNCH_SECRET: 'l'.repeat(32),
    LAUNCH_ISSUER: 'https://health.example',
    PUBLIC_URL: 'https://frontdesk.example',
    ...over,
  });
  const line = (checks: Awaited<ReturnType<typeof runDoctor>>, name: string) => checks.find((c) => c.name === name)!;

  it('doctor, DexCare sandbox mode: every check green', async () => {
    const checks = await runDoctor({ LOG_LEVEL: 'silent', CLINIC_BACKEND: 'dexcare' });
    expect(checks.filter((c) => c.ok === false), formatChecks(checks)).toEqual([]);
    expect(line(checks, 'DexCare practice').detail).toMatch(/^"Riverside Virtual Care" \(.+\), \d+ active practice region/);
  });

  it('doctor, a DexCare over HTTP set up right: the practice answers', async () => {
    const checks = await runDoctor(real());
    expect(checks.filter((c) => c.ok === false), formatChecks(checks)).toEqual([]);
    expect(line(checks, 'DexCare practice').ok).toBe(true);
    expect(line(checks, 'waiting room').detail).toMatch(/answers at/);
  });

  it('doctor names DEXCARE_PRACTICE_ID for an unknown practice, and DEXCARE_API_BASE when nothing answers', async () => {
    const unknown = line(await runDoctor(real({ DEXCARE_PRACTICE_ID: '00000000-0000-4000-8000-000000000000' })), 'DexCare practice');
    expect(unknown.ok).toBe(false);
    expect(unknown.detail).toMatch(/no practice .* check DEXCARE_PRACTICE_ID/);
    const closed = line(await runDoctor(real({ DEXCARE_API_BASE: 'http://127.0.0.1:9/' })), 'DexCare practice');
    expect(closed.ok).toBe(false);
    expect(closed.detail).toMatch(/DEXCARE_API_BASE/);
  });

  it('/readyz asks DexCare’s practice: ready while it answers, not ready for an unknown practice', async () => {
    const ready = async (env: Record<string, string>) => {
      const { app } = createApp({ config: loadConfig(env), log: createLogger('silent'), clientDir: '/nonexistent' });
      const res = await app.request('/readyz');
      return ((await res.json()) as { checks: { vendor: string } }).checks.vendor;
    };
    expect(await ready(real())).toBe('ok');
    expect(await ready(real({ DEXCARE_PRACTICE_ID: '00000000-0000-4000-8000-000000000000' }))).toBe('failing');
    expect(await ready(real({ DEXCARE_API_BASE: 'http://127.0.0.1:9/' }))).toBe('failing');
  });
});
