/**
 * DexCare's env block: sandbox values when DEXCARE_API_BASE is unset, every setting required once
 * it is set, and the DexCare sandbox mounted in-process under /sandbox/dexcare in sandbox mode only.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { ConfigError, loadConfig } from '../../../server/config';
import { createDexcareClient } from '../../../server/dexcare/client';
import { waitingRoomUrl } from '../../../server/dexcare/waiting-room';
import { BRAND, INSURANCE_PROVIDERS, PRACTICE_ID, REGION, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { createLogger } from '../../../server/proxy/logger';

const REAL = {
  DEXCARE_API_BASE: 'https://api.dexcare.example/v',
  DEXCARE_PRACTICE_ID: '0cee700e-f4c1-4459-b390-263e4ded436c',
  DEXCARE_BRAND: 'acme',
  DEXCARE_WAITING_ROOM_URL: 'https://care.acme.example',
};

const build = (env: Record<string, string> = {}) =>
  createApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), log: createLogger('silent'), clientDir: '/nonexistent' });

describe('DexCare configuration', () => {
  it('defaults to the DexCare sandbox’s documented values', () => {
    expect(loadConfig({}).dexcare).toEqual({
      sandbox: true,
      apiBase: 'http://dexcare-sandbox.internal/',
      practiceId: PRACTICE_ID,
      brand: BRAND,
      waitingRoomUrl: 'http://localhost:8080/sandbox/dexcare/',
      timeoutMs: 8000,
      retries: 2,
      timezone: 'America/Los_Angeles',
      insurers: INSURANCE_PROVIDERS.map((i) => ({ ...i })),
    });
    expect(loadConfig({ PUBLIC_URL: 'https://frontdesk.example.org' }).dexcare.waitingRoomUrl).toBe('https://frontdesk.example.org/sandbox/dexcare/');
  });

  it('reads DEXCARE_INSURERS as id=Name pairs (v8 has no list call), none by default with a real DexCare', () => {
    const real = { CLINIC_BACKEND: 'dexcare', ...REAL, SESSION_SECRET: 's'.repeat(32), LAUNCH_SECRET: 'l'.repeat(32), LAUNCH_ISSUER: 'https://health.example' };
    expect(loadConfig(real).dexcare.insurers).toEqual([]);
    expect(loadConfig({ ...real, DEXCARE_INSURERS: 'aetna-01=Aetna; bcbs.wa=Blue Cross of Washington' }).dexcare.insurers).toEqual([
      { id: 'aetna-01', name: 'Aetna' },
      { id: 'bcbs.wa', name: 'Blue Cross of Washington' },
    ]);
    expect(() => loadConfig({ ...real, DEXCARE_INSURERS: 'Aetna' })).toThrow(/^DEXCARE_INSURERS:/);
  });

  it('needs every DexCare setting once a real DexCare is configured, naming the one missing', () => {
    for (const name of ['DEXCARE_PRACTICE_ID', 'DEXCARE_BRAND', 'DEXCARE_WAITING_ROOM_URL'] as const) {
      const env: Record<string, string> = { ...REAL };
      delete env[name];
      expect(() => loadConfig(env), name).toThrow(ConfigError);
      expect(() => loadConfig(env), name).toThrow(new RegExp(`^${name}: required when DEXCARE_API_BASE is set`));
    }
    expect(loadConfig(REAL).dexcare).toMatchObject({
      sandbox: false,
      apiBase: 'https://api.dexcare.example/v/',
      practiceId: REAL.DEXCARE_PRACTICE_ID,
      brand: 'acme',
      waitingRoomUrl: 'https://care.acme.example/',
    });
  });

  it('names a wrong value', () => {
    expect(() => loadConfig({ DEXCARE_API_BASE: 'ftp://x.example/' })).toThrow(/^DEXCARE_API_BASE:/);
    expect(() => loadConfig({ DEXCARE_BRAND: 'acme brand' })).toThrow(/^DEXCARE_BRAND:/);
    expect(() => loadConfig({ DEXCARE_PRACTICE_ID: '../x' })).toThrow(/^DEXCARE_PRACTICE_ID:/);
    expect(() => loadConfig({ DEXCARE_WAITING_ROOM_URL: 'javascript:alert(1)' })).toThrow(/^DEXCARE_WAITING_ROOM_URL:/);
    expect(() => loadConfig({ DEXCARE_TIMEOUT_MS: '10' })).toThrow(/^DEXCARE_TIMEOUT_MS:/);
  });
});

describe('the DexCare sandbox in the one process', () => {
  it('is mounted under /sandbox/dexcare in sandbox mode, behind the app’s security headers', async () => {
    const { app, dexcareSandbox } = build();
    expect(dexcareSandbox).not.toBeNull();
    const res = await app.request(`/sandbox/dexcare/api/8/DexCare/practices/${PRACTICE_ID}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { displayName: string }).displayName).toBe('Riverside Virtual Care');
    const provider = await app.request('/sandbox/dexcare/provider');
    expect(provider.status).toBe(200);
    expect(provider.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The VSee sandbox is still where it was.
    expect((await app.request('/sandbox/vc/providers/dashboard')).status).toBe(200);
  });

  it('is reached in-process by a client on the configured values, and its waiting room at the configured URL', async () => {
    const { app, dexcareSandbox } = build();
    const { dexcare } = loadConfig({});
    const client = createDexcareClient({ ...dexcare, fetch: (req) => dexcareSandbox!.fetch(req) });
    const body = {
      patient: { identifier: SEED_GUARDIAN.id, phone: SEED_GUARDIAN.phone, email: SEED_GUARDIAN.email, address: { line1: '1 Main St', city: 'Spokane', state: 'WA', postalCode: '99201' } },
      billingInfo: { paymentMethod: 'couponcode' as const, couponCode: 'RIVERSIDE-CARE' },
      visitDetails: {
        practiceRegionId: REGION.washington,
        ehrSystemName: 'RIVERSIDE_EPIC',
        departmentId: dexcareSandbox!.store.regions.get(REGION.washington)!.departments[0]!.id,
        visitReason: 'Rash',
        declaration: 'self' as const,
        acceptedTerms: true as const,
      },
    };
    const v = await client.createVisit(dexcare.practiceId, SEED_GUARDIAN.token, body);
    const url = new URL(waitingRoomUrl({ base: dexcare.waitingRoomUrl, visitId: v.visitId, brand: dexcare.brand }));
    expect(url.origin).toBe('http://localhost:8080');
    const room = await app.request(url.pathname + url.search);
    expect(room.status).toBe(200);
    expect(await room.text()).toContain('You are in the waiting room');
  });

  it('is not mounted when a real DexCare or a real VSee is configured', async () => {
    expect(build(REAL).dexcareSandbox).toBeNull();
    expect((await build(REAL).app.request(`/sandbox/dexcare/api/8/DexCare/practices/${PRACTICE_ID}`)).status).toBe(404);
    const vsee = build({
      VSEE_API_BASE: 'https://api.vsee.me/api_v3/',
      VSEE_ACCOUNT_CODE: 'vclinic',
      VSEE_API_KEY: 'k',
      VSEE_API_SECRET: 's',
      VSEE_PORTAL_URL: 'https://vclinic.vseepreview.com/vc/next/',
      VSEE_ROOM_CODE: 'room1',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(vsee.dexcareSandbox).toBeNull();
    expect((await vsee.app.request('/sandbox/dexcare/provider')).status).toBe(404);
  });
});
