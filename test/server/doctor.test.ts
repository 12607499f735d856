/** `npm run doctor`: all green against the sandbox; against a misconfigured VSee, each line names the problem. */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { formatChecks, runDoctor } from '../../server/doctor';
import { startServer, type RunningServer } from '../../server/main';
import { REDIS_MISSING, redisAvailable, startRedis } from '../support/redis';

describe('npm run doctor', () => {
  let vsee: RunningServer;
  let base: string;
  beforeAll(async () => {
    vsee = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_HOST_PORT: '0' }));
    base = `http://127.0.0.1:${vsee.port}/sandbox/`;
  });
  afterAll(async () => vsee?.close());

  const real = () => ({
    LOG_LEVEL: 'silent',
    VSEE_API_BASE: `${base}api_v3/`,
    VSEE_ACCOUNT_CODE: 'demo',
    VSEE_API_KEY: 'sandbox-api-key',
    VSEE_API_SECRET: 'sandbox-api-secret',
    VSEE_PORTAL_URL: `${base}vc/`,
    VSEE_ROOM_CODE: 'sandbox',
    SESSION_SECRET: 'd'.repeat(32),
    PUBLIC_URL: 'https://frontdesk.example',
    VSEE_TIMEOUT_MS: '1500',
  });
  const line = (checks: Awaited<ReturnType<typeof runDoctor>>, name: string) => checks.find((c) => c.name === name)!;

  it('the script in sandbox mode: every check green, exit 0', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts'], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ room: "Sandbox Clinic"/);
    expect(r.stdout).toMatch(/✓ SSO:/);
    expect(r.stdout).not.toMatch(/✗/);
  });

  it('a VSee over HTTP that is set up right: green', async () => {
    const checks = await runDoctor(real());
    expect(checks.filter((c) => c.ok === false)).toEqual([]);
    expect(formatChecks(checks)).toMatch(/✓ webhook URL: VSee calls back under https:\/\/frontdesk.example/);
  });

  it.each([
    ['a wrong room code', { VSEE_ROOM_CODE: 'no-such-room' }, 'room', /no room "no-such-room": check VSEE_ROOM_CODE/],
    ['a wrong API secret', { VSEE_API_SECRET: 'wrong' }, 'SSO', /refused the key: check VSEE_API_KEY, VSEE_API_SECRET/],
    ['an API base that is not the API', { VSEE_API_BASE: `${'http://127.0.0.1:1/'}api_v3/` }, 'VSee API', /cannot connect .* check VSEE_API_BASE/],
    ['a plain-http public address', { PUBLIC_URL: 'http://frontdesk.example' }, 'webhook URL', /need an https address/],
    ['a missing secret', { SESSION_SECRET: undefined }, 'configuration', /SESSION_SECRETS: required/],
  ])('%s: the line names it', async (_name, over, check, message) => {
    const checks = await runDoctor({ ...real(), ...over });
    expect(line(checks, check)).toMatchObject({ ok: false, detail: expect.stringMatching(message) });
  });

  it('Redis: green when it answers, named when it does not', async (ctx) => {
    if (!redisAvailable()) {
      if (process.env.CI === 'true') throw new Error(REDIS_MISSING);
      console.warn(`skipped: ${REDIS_MISSING}`);
      return ctx.skip();
    }
    const redis = await startRedis();
    try {
      expect(line(await runDoctor({ ...real(), REDIS_URL: redis.url }), 'Redis').ok).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(line(await runDoctor({ ...real(), REDIS_URL: redis.url }), 'Redis')).toMatchObject({ ok: false, detail: expect.stringMatching(/check REDIS_URL/) });
  });
});
