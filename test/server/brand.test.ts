import { describe, expect, it } from 'vitest';
import { clinic } from '../../src/api/contract';
import { contrastRatio, isReadableBrand } from '../../src/api/contrast';
import { loadConfig } from '../../server/config';
import { browser, makeServer } from '../support/server';

describe('the clinic’s look', () => {
  it('measures contrast as WCAG 2 does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The default brand colour with white text: well over AA.
    expect(contrastRatio('#0b4f6c', '#ffffff')).toBeGreaterThan(8);
    // #767676 is the classic lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(isReadableBrand('#767676')).toBe(true);
    expect(isReadableBrand('#777777')).toBe(false);
    expect(isReadableBrand('red')).toBe(false);
  });

  it('refuses at start a brand colour white text on which would fail AA, naming the ratio', () => {
    expect(() => loadConfig({ CLINIC_BRAND_COLOR: '#ffcc00' })).toThrow(/^CLINIC_BRAND_COLOR: white text on #ffcc00 has a contrast of 1\.\d\d:1; WCAG AA needs 4\.5:1/);
    expect(() => loadConfig({ CLINIC_BRAND_COLOR: 'teal' })).toThrow(/^CLINIC_BRAND_COLOR: must be a colour as #rrggbb/);
    expect(() => loadConfig({ CLINIC_LOGO_URL: 'http://cdn.example/logo.png' })).toThrow(/^CLINIC_LOGO_URL:/);
    expect(() => loadConfig({ CLINIC_LOGO_URL: '//cdn.example/logo.png' })).toThrow(/^CLINIC_LOGO_URL:/);
    expect(loadConfig({ CLINIC_BRAND_COLOR: '#7A1F5C', CLINIC_LOGO_URL: '/logo.svg' }).brand).toEqual({ color: '#7a1f5c', logoUrl: '/logo.svg' });
  });

  it('sends the logo and colour with the clinic, and lets the page load a logo from its https origin only', async () => {
    const server = makeServer({ CLINIC_BRAND_COLOR: '#7a1f5c', CLINIC_LOGO_URL: 'https://cdn.clinic.example/brand/logo.svg' });
    const res = await browser(server).get('/api/clinic');
    expect(clinic.parse(await res.json())).toMatchObject({ brandColor: '#7a1f5c', logoUrl: 'https://cdn.clinic.example/brand/logo.svg' });
    const page = await server.app.request('/');
    expect(page.headers.get('Content-Security-Policy')).toMatch(/img-src 'self' data: https:\/\/cdn\.clinic\.example;/);

    const plain = await browser(makeServer()).get('/api/clinic');
    expect(clinic.parse(await plain.json())).toMatchObject({ brandColor: null, logoUrl: null });
  });
});
