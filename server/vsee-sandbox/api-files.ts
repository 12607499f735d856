/**
 * User photos, which GET /visits links as `{api}/files/index/app_user/photo/{id}/?auth_code=…`.
 * The sandbox stores no uploads, so it draws the user's initials.
 */
import type { Context, Hono } from 'hono';
import { fail, NOT_AVAILABLE } from './errors';
import { photoUrl } from './shapes';
import type { Deps } from './deps';

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? '');

export function registerFiles(api: Hono, deps: Deps): void {
  const photo = (c: Context) => {
    const user = deps.store.users.get(c.req.param('id') ?? '');
    // Assumption: the auth_code gates the file; only the code the sandbox's own link carries works.
    const expected = user ? new URL(photoUrl('', user), 'http://sandbox.invalid').searchParams.get('auth_code') : null;
    if (!user || c.req.query('auth_code') !== expected) return fail(404, NOT_AVAILABLE);
    const initials = escapeXml(`${user.firstName.slice(0, 1)}${user.lastName.slice(0, 1)}`.toUpperCase());
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">' +
      '<rect width="96" height="96" fill="#1f5f8b"/>' +
      `<text x="48" y="60" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  };
  api.get('/files/index/app_user/photo/:id/', photo);
  api.get('/files/index/app_user/photo/:id', photo);
}
