import { describe, expect, it } from 'vitest';
import { authUrl, guestJoinUrl, oneTimeAppointmentUrl, portalPath, scheduleFromIntakePath } from '../../../server/vsee/portal';

describe('portal URL builder', () => {
  // The examples exactly as VSee's pages print them (seed 000 and the reference §3.2, §9).
  it.each([
    [{ ssoToken: '66bcd0acff324e8a44992d9596b5d361', next: portalPath('dashboard') }, 'https://vclinic.vseepreview.com/vc/next/auth?sso_token=66bcd0acff324e8a44992d9596b5d361&next=/u/clinic'],
    [{ ssoToken: '66bcd0acff324e8a44992d9596b5d361', next: '/u/clinic', disableNavigation: true }, 'https://vclinic.vseepreview.com/vc/next/auth?sso_token=66bcd0acff324e8a44992d9596b5d361&next=/u/clinic&disable_navigation=1'],
    [{ ssoToken: '9fa6239291aa27d9528416cdcafbd6a5', next: portalPath('start-visit', '67258') }, 'https://vclinic.vseepreview.com/vc/next/auth?sso_token=9fa6239291aa27d9528416cdcafbd6a5&next=/visits/start/67258'],
  ])('reproduces %j', (opts, expected) => {
    expect(authUrl('https://vclinic.vseepreview.com/vc/next/', opts)).toBe(expected);
  });

  it.each(['//evil.example', 'https://evil.example/x', '/visits/start/1?x=1', '/a/../b', '/a\\b', '/%2F%2Fevil'])('refuses next=%s', (next) => {
    expect(() => authUrl('https://p.example/vc/', { ssoToken: 'abc', next })).toThrow();
  });

  it('reproduces the provider dashboard, guest invite, and one-time appointment examples', () => {
    expect(authUrl('https://vclinic.vseepreview.com/vc/next/', { ssoToken: '66bcd0acff324e8a44992d9596b5d361', next: portalPath('provider-dashboard') })).toBe(
      'https://vclinic.vseepreview.com/vc/next/auth?sso_token=66bcd0acff324e8a44992d9596b5d361&next=/providers/dashboard',
    );
    expect(guestJoinUrl('https://vclinic.vseepreview.com/vc/next/', '63ac801a697049cbbf865d660a0300ce')).toBe(
      'https://vclinic.vseepreview.com/vc/next/visits/join/63ac801a697049cbbf865d660a0300ce',
    );
    expect(oneTimeAppointmentUrl('https://vclinic.vseepreview.com/vc/next/', '67258', 'f7gybzjd9o')).toBe(
      'https://vclinic.vseepreview.com/vc/next/members/appointment/67258?token=f7gybzjd9o',
    );
  });

  it.each([
    () => guestJoinUrl('https://p.example/vc/', '../../evil'),
    () => oneTimeAppointmentUrl('https://p.example/vc/', '1', 'a&next=//evil'),
  ])('refuses unsafe parts (%#)', (build) => {
    expect(build).toThrow();
  });

  it('hands off to VSee\'s scheduling page with the intake (step 3b), its query encoded inside next', () => {
    const path = scheduleFromIntakePath('61165a8e-d8cc-47da-bd8e-597d64457b1f');
    expect(path).toBe('/u/clinic?intake_id=61165a8e-d8cc-47da-bd8e-597d64457b1f&action=appointment#schedule-appointment');
    const url = authUrl('https://vclinic.vseepreview.com/vc/stable/', { ssoToken: 'abc123', next: path });
    expect(url).toBe(
      'https://vclinic.vseepreview.com/vc/stable/auth?sso_token=abc123&next=%2Fu%2Fclinic%3Fintake_id%3D61165a8e-d8cc-47da-bd8e-597d64457b1f%26action%3Dappointment%23schedule-appointment',
    );
    // The portal reads next whole: the intake and action are not parameters of the auth page.
    const parsed = new URL(url);
    expect([...parsed.searchParams.keys()]).toEqual(['sso_token', 'next']);
    expect(parsed.searchParams.get('next')).toBe(path);
    expect(parsed.hash).toBe('');
    expect(() => scheduleFromIntakePath('x#y')).toThrow();
    expect(() => scheduleFromIntakePath('a&next=//evil')).toThrow();
    expect(() => authUrl('https://p.example/vc/', { ssoToken: 'abc', next: '/u/clinic?intake_id=1&action=appointment#x' })).toThrow();
  });

  it('refuses a visit id that is not an id', () => {
    expect(() => portalPath('start-visit', '1/../../x')).toThrow();
  });
});
