import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('defaults to sandbox mode on port 8080', () => {
    const c = loadConfig({});
    expect(c.sandbox).toBe(true);
    expect(c.port).toBe(8080);
    expect(c.vsee.portalUrl).toBe('http://localhost:8080/sandbox/vc/');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT:/);
    expect(() => loadConfig({ EMBED_ORIGINS: 'not a url' })).toThrow(/^EMBED_ORIGINS:/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/^SESSION_SECRET:/);
  });

  it('needs every VSee setting once a real VSee is configured', () => {
    expect(() => loadConfig({ VSEE_API_BASE: 'https://api.vsee.me/api_v3/' })).toThrow(ConfigError);
    expect(() => loadConfig({ VSEE_API_BASE: 'https://api.vsee.me/api_v3/' })).toThrow(/^VSEE_ACCOUNT_CODE:/);
    const c = loadConfig({
      VSEE_API_BASE: 'https://api.vsee.me/api_v3',
      VSEE_ACCOUNT_CODE: 'vclinic',
      VSEE_API_KEY: 'k',
      VSEE_API_SECRET: 's',
      VSEE_PORTAL_URL: 'https://vclinic.vseepreview.com/vc/next',
      VSEE_ROOM_CODE: 'room1',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(c.sandbox).toBe(false);
    expect(c.vsee.apiBase).toBe('https://api.vsee.me/api_v3/');
    expect(c.vsee.portalUrl).toBe('https://vclinic.vseepreview.com/vc/next/');
  });

  it('reads EMBED_ORIGINS as exact origins', () => {
    // (DEMO_HOST_PORT=0: no sandbox demo host, which is otherwise allowlisted too.)
    expect(loadConfig({ EMBED_ORIGINS: 'https://a.example, https://b.example:8443/', DEMO_HOST_PORT: '0' }).embedOrigins).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
  });
});
