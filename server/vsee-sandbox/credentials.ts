/**
 * The sandbox's fixed developer credentials. They are not secrets: the sandbox is an in-process
 * stand-in for VSee and accepts exactly these values (see README / DESIGN "sandbox mode").
 */
export const SANDBOX = {
  accountCode: 'demo',
  apiKey: 'sandbox-api-key',
  apiSecret: 'sandbox-api-secret',
  roomCode: 'sandbox',
  /**
   * The clinic admin token ("app token", seed 001 "Admin Token"): VSee makes these by hand in the
   * developer app; the sandbox accepts this one for admin-only calls such as POST /rooms.
   */
  adminToken: 'sandbox-admin-token',
  /** The clinic's domain, as POST /rooms' `domain` names it (VSee's sample: `vclinic.vsee.me`). */
  domain: 'sandbox.vsee.local',
} as const;
