/**
 * Handoff `next` tricks: the proxy alone builds the portal URL, only to the configured portal and
 * only to paths it chooses; nothing the browser sends can change where the patient lands.
 */
import { describe, expect, it } from 'vitest';
import { handoff } from '../../src/api/contract';
import { browser, makeServer, joinWalkin } from '../support/server';

const PORTAL = 'http://localhost:8080/sandbox/vc/';

const TRICKS = [
  '//evil.example',
  '//evil.example/visits/start/1',
  'https://evil.example/',
  'http:evil.example',
  '%2F%2Fevil.example',
  '%2f%2fevil.example',
  '..%2F..%2Fevil',
  '../../u/clinic',
  '\\\\evil.example',
  '/\\evil.example',
  '67258/../../evil',
  'javascript:alert(1)',
  '1?next=//evil.example',
  '1#//evil.example',
  '1&next=//evil.example',
  '1 next=//evil.example',
  '1%26next%3D%2F%2Fevil.example',
];

/** The portal URL handed back is on the configured portal, with a `next` the proxy chose. */
function expectSafe(url: string, next: RegExp) {
  const u = new URL(url);
  expect(`${u.origin}${u.pathname}`).toBe(`${PORTAL}auth`);
  expect(u.searchParams.getAll('next')).toHaveLength(1);
  expect(u.searchParams.get('next')).toMatch(next);
  expect([...u.searchParams.keys()].sort()).toEqual(['next', 'sso_token']);
  expect(url).not.toMatch(/evil/);
}

describe('handoff', () => {
  it.each(TRICKS)('a visitId of %j never leaves the portal (404 or 400)', async (trick) => {
    const server = makeServer();
    const b = browser(server);
    await joinWalkin(b);
    const res = await b.post('/api/handoff', { target: 'visit', visitId: trick });
    expect([400, 404]).toContain(res.status);
    expect(await res.text()).not.toMatch(/evil|sso_token/);
  });

  it('extra body fields (next, url, redirect, portal…) change nothing', async () => {
    const server = makeServer();
    const b = browser(server);
    const v = await joinWalkin(b);
    for (const trick of TRICKS) {
      const extra = { next: trick, url: trick, redirect: trick, returnTo: trick, portal: trick, path: trick, target_url: trick };
      const dash = await b.post('/api/handoff', { target: 'dashboard', ...extra });
      expect(dash.status).toBe(200);
      expectSafe(handoff.parse(await dash.json()).url, /^\/u\/clinic$/);
      const visit = await b.post('/api/handoff', { target: 'visit', visitId: v.id, ...extra });
      expect(visit.status).toBe(200);
      expectSafe(handoff.parse(await visit.json()).url, new RegExp(`^/visits/start/${v.id}$`));
    }
  });

  it('an unknown target is refused', async () => {
    const server = makeServer();
    const b = browser(server);
    await joinWalkin(b);
    for (const target of ['https://evil.example', '//evil.example', 'portal', 'Dashboard']) {
      expect((await b.post('/api/handoff', { target })).status).toBe(400);
    }
  });

  it('the answer is not cached and sends no referrer', async () => {
    const server = makeServer();
    const b = browser(server);
    await joinWalkin(b);
    const res = await b.post('/api/handoff', { target: 'dashboard' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });
});
