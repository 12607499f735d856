/**
 * Configuration from the environment, validated at start. A wrong or missing value stops the
 * server with one line naming the variable. With no VSEE_API_BASE the sandbox is mounted
 * in-process and every VSee setting defaults to the sandbox's documented values.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SANDBOX } from './vsee-sandbox/credentials';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const originList = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.url().transform((u) => new URL(u).origin)));

const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  VSEE_API_BASE: z.url().optional(),
  VSEE_ACCOUNT_CODE: z.string().min(1).optional(),
  VSEE_API_KEY: z.string().min(1).optional(),
  VSEE_API_SECRET: z.string().min(1).optional(),
  VSEE_PORTAL_URL: z.url().optional(),
  VSEE_ROOM_CODE: z.string().min(1).optional(),
  VSEE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GUEST_BOOKING: bool.default(true),
  ECONSULT: bool.default(true),
  WALKIN_MAX_WAIT_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  VSEE_DISABLE_NAVIGATION: bool.default(false),
  EMBED_ORIGINS: originList.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** The origin patients reach us on; same-origin checks and sandbox links use it. */
  publicUrl: string;
  sandbox: boolean;
  vsee: {
    apiBase: string;
    accountCode: string;
    apiKey: string;
    apiSecret: string;
    portalUrl: string;
    roomCode: string;
    timeoutMs: number;
  };
  sessionSecret: string;
  guestBooking: boolean;
  /** Whether the clinic offers e-consults (the room object has no such setting). */
  econsult: boolean;
  /** Minutes after which a waiting walk-in is closed; 0 = no limit. */
  walkinMaxWaitMinutes: number;
  /** Add disable_navigation=1 to portal handoff URLs. */
  disableNavigation: boolean;
  embedOrigins: string[];
  logLevel: z.infer<typeof env>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

const withSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set" (a blank line in an .env file must not become a value).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  const e = parsed.data;
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).origin;
  const sandbox = !e.VSEE_API_BASE;

  if (!sandbox) {
    for (const name of ['VSEE_ACCOUNT_CODE', 'VSEE_API_KEY', 'VSEE_API_SECRET', 'VSEE_PORTAL_URL', 'VSEE_ROOM_CODE', 'SESSION_SECRET'] as const) {
      if (!e[name]) throw new ConfigError(`${name}: required when VSEE_API_BASE is set`);
    }
  }

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    sandbox,
    vsee: {
      // In sandbox mode the proxy reaches the sandbox in-process; this host is never resolved.
      apiBase: withSlash(e.VSEE_API_BASE ?? 'http://vsee-sandbox.internal/api_v3/'),
      accountCode: e.VSEE_ACCOUNT_CODE ?? SANDBOX.accountCode,
      apiKey: e.VSEE_API_KEY ?? SANDBOX.apiKey,
      apiSecret: e.VSEE_API_SECRET ?? SANDBOX.apiSecret,
      portalUrl: withSlash(e.VSEE_PORTAL_URL ?? `${publicUrl}/sandbox/vc/`),
      roomCode: e.VSEE_ROOM_CODE ?? SANDBOX.roomCode,
      timeoutMs: e.VSEE_TIMEOUT_MS,
    },
    // Sandbox: a fresh secret per process is fine (demo sessions end with the process).
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    guestBooking: e.GUEST_BOOKING,
    econsult: e.ECONSULT,
    walkinMaxWaitMinutes: e.WALKIN_MAX_WAIT_MINUTES,
    disableNavigation: e.VSEE_DISABLE_NAVIGATION,
    embedOrigins: e.EMBED_ORIGINS,
    logLevel: e.LOG_LEVEL,
  };
}
