/**
 * Configuration from the environment, validated at start. A wrong or missing value stops the
 * server with one line naming the variable. With no VSEE_API_BASE the sandbox is mounted
 * in-process and every VSee setting defaults to the sandbox's documented values.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { intakeQuestionList, type IntakeQuestion } from '../src/api/intake-questions';
import { parseTrustProxy, type TrustProxy } from './proxy/client-address';
import { AA_TEXT, contrastRatio, HEX_COLOR } from '../src/api/contrast';
import { intakeRequest, type IntakeRequest } from '../src/api/contract';
import { BRAND as DEXCARE_SANDBOX_BRAND, INSURANCE_PROVIDERS as DEXCARE_SANDBOX_INSURERS, PRACTICE_ID as DEXCARE_SANDBOX_PRACTICE } from './dexcare-sandbox/seed';
import { SANDBOX } from './vsee-sandbox/credentials';
import { faultList, type FaultSpec } from './vsee-sandbox/faults';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const originList = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.url().transform((u) => new URL(u).origin)));

const env = z.object({
  /** Which vendor plays the clinic (server/backend/clinic-backend.ts). */
  CLINIC_BACKEND: z.enum(['vsee', 'dexcare'], 'must be "vsee" or "dexcare"').default('vsee'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  VSEE_API_BASE: z.url().optional(),
  VSEE_ACCOUNT_CODE: z.string().min(1).optional(),
  VSEE_API_KEY: z.string().min(1).optional(),
  VSEE_API_SECRET: z.string().min(1).optional(),
  VSEE_PORTAL_URL: z.url().optional(),
  VSEE_ROOM_CODE: z.string().min(1).optional(),
  VSEE_ADMIN_TOKEN: z.string().min(1).optional(),
  VSEE_ROOM_DOMAIN: z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be a domain name like vclinic.vsee.me').optional(),
  ADMIN_API_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  RATE_LIMIT_ADMIN: z.coerce.number().int().min(0).default(300),
  VSEE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  VSEE_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  BOOKING_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).optional(),
  BOOKING_SETTLE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_SECRETS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().min(32, 'each secret must be at least 32 characters')).min(1).max(5))
    .optional(),
  GUEST_BOOKING: bool.optional(),
  ECONSULT: bool.default(true),
  WALKIN_MAX_WAIT_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  VSEE_DISABLE_NAVIGATION: bool.default(false),
  EMBED_ORIGINS: originList.default([]),
  HANDOFF_TARGET: z.enum(['new-tab', 'top', 'self']).default('new-tab'),
  CLINIC_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{7,20}$/, 'must be a phone number: digits, spaces, dashes, dots or brackets, optionally a leading +')
    .optional(),
  CLINIC_ADDRESS: z.string().trim().min(1).max(300).optional(),
  /** VSee: the states the clinic's providers are licensed in (comma-separated codes); unset: all. */
  SERVICE_STATES: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()))
    .pipe(z.array(z.enum(intakeRequest.shape.state.options, 'must be US state codes such as WA,OR,ID (comma-separated)')).min(1, 'must name at least one state code, such as WA'))
    .transform((codes) => [...new Set(codes)])
    .optional(),
  INTAKE_QUESTIONS: z.string().min(1).optional(),
  SCHEDULING: z.enum(['frontdesk', 'vsee']).default('frontdesk'),
  CLINIC_LOGO_URL: z
    .string()
    .trim()
    .refine((s) => s.startsWith('/') ? !s.startsWith('//') : /^https:\/\//.test(s) && URL.canParse(s), 'must be an https:// URL or a path on this site starting with /')
    .optional(),
  CLINIC_BRAND_COLOR: z
    .string()
    .trim()
    .regex(HEX_COLOR, 'must be a colour as #rrggbb')
    .superRefine((s, ctx) => {
      const ratio = contrastRatio(s, '#ffffff');
      if (ratio < AA_TEXT) {
        ctx.addIssue({
          code: 'custom',
          message: `white text on ${s} has a contrast of ${ratio.toFixed(2)}:1; WCAG AA needs ${AA_TEXT}:1 — choose a darker colour`,
        });
      }
    })
    .optional(),
  LAUNCH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Keys the VSee codes of the people a patient books for (decision 067); unset on a real VSee: no "someone else". */
  DEPENDENT_CODE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LAUNCH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  LAUNCH_ISSUER: z.string().min(1).optional(),
  LAUNCH_AUDIENCE: z.string().min(1).optional(),
  DEMO_HOST_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TRUST_PROXY: z.string().transform((s, ctx) => {
    try {
      return parseTrustProxy(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }).optional(),
  RATE_LIMIT_SESSIONS: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_MUTATIONS: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_READS: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_READS_PER_ADDRESS: z.coerce.number().int().min(0).default(6000),
  VISIT_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(5000).default(300),
  DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  SANDBOX_FAULTS: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: a fault, a list of faults or {"faults": [...]}' });
        return z.NEVER;
      }
    })
    .pipe(faultList)
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // OpenTelemetry (the SDK's own names): unset, tracing is off and its SDK is never loaded.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(100).default('frontdesk'),
  VSEE_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32–128 letters, digits, "-" or "_" (it is the last segment of the webhook URL)')
    .optional(),
  SANDBOX_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  SSE_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(600),
  SSE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
  COVERAGE_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // DexCare v8 (server/dexcare). Unset base: the in-process DexCare sandbox and its documented values.
  DEXCARE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  DEXCARE_PRACTICE_ID: z.string().trim().min(1).max(100).regex(/^[\w-]+$/, 'must be a practice id: letters, digits, - or _').optional(),
  DEXCARE_BRAND: z.string().trim().min(1).max(100).regex(/^[\w.-]+$/, 'must be a brand id: letters, digits, ., - or _').optional(),
  DEXCARE_WAITING_ROOM_URL: z.url({ protocol: /^https?$/ }).optional(),
  DEXCARE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  DEXCARE_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** The insurance providers the practice bills, `id=Name` separated by `;` (v8 has no list call). */
  DEXCARE_INSURERS: z
    .string()
    .transform((s, ctx) => {
      const out: Array<{ id: string; name: string }> = [];
      for (const part of s.split(';').map((p) => p.trim()).filter(Boolean)) {
        const m = /^([\w.-]{1,100})=(.{1,100})$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not id=Name` });
          return z.NEVER;
        }
        out.push({ id: m[1]!, name: m[2]!.trim() });
      }
      return out;
    })
    .optional(),
  /** DexCare's practice answer names no timezone: the clinic's, for the times it shows. */
  DEXCARE_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA timezone like America/Los_Angeles')
    .default('America/Los_Angeles'),
});

export interface Config {
  port: number;
  host: string;
  /** The origin patients reach us on; same-origin checks and sandbox links use it. */
  publicUrl: string;
  /** Which vendor plays the clinic: every patient call goes through its clinic backend. */
  clinicBackend: 'vsee' | 'dexcare';
  /** The chosen backend is its in-process sandbox (VSee: no VSEE_API_BASE; DexCare: no DEXCARE_API_BASE). */
  sandbox: boolean;
  vsee: {
    apiBase: string;
    accountCode: string;
    apiKey: string;
    apiSecret: string;
    portalUrl: string;
    roomCode: string;
    /** Time limit of one VSee call, retries included. */
    timeoutMs: number;
    /** Extra attempts for a safe (GET) call. */
    retries: number;
    /** The clinic admin token (rooms); null: provisioning cannot reach VSee. */
    adminToken: string | null;
    /** The clinic's domain, as POST /rooms names it. */
    roomDomain: string;
  };
  /** Session cookie keys, newest first: the first seals, every one opens (rotation). */
  sessionSecrets: string[];
  /** One booking, end to end (docs/decisions/006-exactly-once.md). */
  booking: {
    /** Deadline of a whole booking, every VSee call in it included: the patient hears back within it. */
    timeoutMs: number;
    /** After an attempt's deadline, how long VSee may still be working on a request it got late. */
    settleMs: number;
    /** How long an Idempotency-Key claim blocks its key: outlives the booking's deadline. */
    claimMs: number;
  };
  guestBooking: boolean;
  /** Whether the clinic offers e-consults (the room object has no such setting). */
  econsult: boolean;
  /** Minutes after which a waiting walk-in is closed; 0 = no limit. */
  walkinMaxWaitMinutes: number;
  /** Add disable_navigation=1 to portal handoff URLs. */
  disableNavigation: boolean;
  embedOrigins: string[];
  /** Where the VSee portal opens when frontdesk is embedded: a new tab, the whole window, or the frame. */
  handoffTarget: 'new-tab' | 'top' | 'self';
  /** The clinic's phone number, shown to patients where online booking cannot help; null: none. */
  clinicPhone: string | null;
  /** Where in-person visits happen; null: not configured. */
  clinicAddress: string | null;
  /** VSee: the states the clinic sees patients in (SERVICE_STATES); null: every state. */
  serviceStates: IntakeRequest['state'][] | null;
  /** The clinic's own intake questions (INTAKE_QUESTIONS), validated at start. */
  intakeQuestions: IntakeQuestion[];
  /** `vsee`: patients pick their time on VSee's scheduling page (use case 3, step 3b). */
  scheduling: 'frontdesk' | 'vsee';
  /** The clinic's look: its logo (https URL or a path here) and brand colour (AA with white text); null: the defaults. */
  brand: { logoUrl: string | null; color: string | null };
  /** The key of dependents' VSee codes (decision 067); null: booking for someone else is not offered on VSee. */
  dependentCodeSecret: string | null;
  /** Signed patient launch (embedding); null when no key source is configured. */
  launch: {
    secret: string | null;
    jwksUrl: string | null;
    issuer: string;
    audience: string;
  } | null;
  /** Sandbox only: the demo health-system site that embeds frontdesk ("Riverside Health"). */
  demoHost: { port: number; origin: string } | null;
  /** Which proxies in front of us may tell the client's address (X-Forwarded-For). */
  trustProxy: TrustProxy;
  /** Requests per client address (session creation) / per session (mutations) in each window; 0 = no limit. */
  rateLimits: { sessions: number; mutations: number; reads: number; readsPerAddress: number; admin: number; windowMs: number };
  /** Shared store for several proxy processes; null = in memory. */
  redisUrl: string | null;
  /** How long a member's visit reads are reused (per process); 0 = not at all. */
  visitCacheMs: number;
  /** Bound of every shared-store call. */
  storeTimeoutMs: number;
  /** On SIGTERM: how long open requests may finish before connections are closed. */
  drainMs: number;
  /**
   * The last segment of the webhook URL given to VSee (`/webhooks/vsee/<secret>`); null: no
   * receiver. Sandbox mode makes one per process so the sandbox can deliver to us.
   */
  webhookSecret: string | null;
  /**
   * Sandbox mode: where the sandbox posts VSee's webhooks (another copy, behind a load balancer);
   * null: this process's own receiver, in process.
   */
  sandboxWebhookUrl: string | null;
  /** How long one waiting-room event stream stays open before the page reconnects. */
  sseMaxMs: number;
  /**
   * How often a quiet event stream sends a `: hb` comment: under the idle timeouts of proxies in
   * between (nginx's proxy_read_timeout is 60 s), and it keeps the waiting patient counted.
   */
  sseHeartbeatMs: number;
  /** At most one read of VSee's insurance cards per patient per this many ms (no-webhook fallback). */
  coveragePollMs: number;
  /** Faults the sandbox injects from the start (sandbox mode only). */
  sandboxFaults: FaultSpec[];
  logLevel: z.infer<typeof env>['LOG_LEVEL'];
  /** DexCare v8. `sandbox`: no DEXCARE_API_BASE, so the in-process DexCare sandbox plays it (mounted in sandbox mode). */
  dexcare: {
    sandbox: boolean;
    /** Where `api/8/…` is joined to, ending in "/". */
    apiBase: string;
    practiceId: string;
    brand: string;
    /** The base `DexCare/visit/{visitId}?brand={brand}` is joined to, ending in "/". */
    waitingRoomUrl: string;
    timeoutMs: number;
    retries: number;
    /** IANA timezone of the clinic (DEXCARE_TIMEZONE). */
    timezone: string;
    /** Insurance providers offered at booking (DEXCARE_INSURERS); []: the patient types the id instead. */
    insurers: Array<{ id: string; name: string }>;
  };
  /** GET /metrics: bearer token on the main port, and/or a port of its own (all interfaces of HOST). */
  metrics: { token: string | null; port: number | null };
  /**
   * OpenTelemetry traces over OTLP/HTTP: where spans go (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is,
   * else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces); null: tracing off.
   */
  otel: { tracesUrl: string | null; serviceName: string };
  /** Bearer token of the health system's and the clinic's admin calls (provisioning, the status page's data); null: none. */
  adminApiToken: string | null;
}

export class ConfigError extends Error {}

/**
 * INTAKE_QUESTIONS: a JSON file of the clinic's questions. Anything wrong with it stops the
 * server with one line that names the file and the question.
 */
function loadQuestions(file: string): IntakeQuestion[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof SyntaxError ? `not JSON (${err.message})` : (err as Error).message;
    throw new ConfigError(`INTAKE_QUESTIONS: ${file}: ${why}`);
  }
  const parsed = intakeQuestionList.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [index, ...rest] = issue.path;
    const where = typeof index === 'number' ? `question ${index + 1}${rest.length ? ` (${rest.join('.')})` : ''}` : 'the file';
    throw new ConfigError(`INTAKE_QUESTIONS: ${file}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

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
  const dexcareMode = e.CLINIC_BACKEND === 'dexcare';
  // Each backend has its own env block, checked only when it is the one chosen.
  const sandbox = dexcareMode ? !e.DEXCARE_API_BASE : !e.VSEE_API_BASE;

  if (dexcareMode) {
    // The VSee block means nothing here: set, it is a mistake someone should hear about.
    if (e.VSEE_API_BASE) throw new ConfigError('VSEE_API_BASE: set, but CLINIC_BACKEND is dexcare (unset it, or choose CLINIC_BACKEND=vsee)');
    if (e.SERVICE_STATES) throw new ConfigError("SERVICE_STATES: VSee only; DexCare's practice regions say where it sees patients (unset it, or choose CLINIC_BACKEND=vsee)");
    const set = (['DEXCARE_PRACTICE_ID', 'DEXCARE_BRAND', 'DEXCARE_WAITING_ROOM_URL'] as const).filter((n) => e[n]);
    if (!e.DEXCARE_API_BASE && set.length > 0) {
      throw new ConfigError(`DEXCARE_API_BASE: required when ${set[0]} is set (without it, CLINIC_BACKEND=dexcare runs the DexCare sandbox)`);
    }
    if (e.DEXCARE_API_BASE) {
      for (const name of ['DEXCARE_PRACTICE_ID', 'DEXCARE_BRAND', 'DEXCARE_WAITING_ROOM_URL'] as const) {
        if (!e[name]) throw new ConfigError(`${name}: required when CLINIC_BACKEND is dexcare and DEXCARE_API_BASE is set`);
      }
      if (!e.SESSION_SECRET && !e.SESSION_SECRETS) throw new ConfigError('SESSION_SECRETS: required when DEXCARE_API_BASE is set (or SESSION_SECRET)');
      // DexCare patients come signed in by the health system (decision 014): no launch, no patients.
      if (!e.LAUNCH_SECRET && !e.LAUNCH_JWKS_URL) {
        throw new ConfigError('LAUNCH_SECRET: required when CLINIC_BACKEND is dexcare (or LAUNCH_JWKS_URL): DexCare patients come launched by the health system, see docs/decisions/014');
      }
      if (e.GUEST_BOOKING) throw new ConfigError('GUEST_BOOKING: DexCare has no guest sign-up (patients come launched by the health system); unset it or set it to false');
      if (e.SANDBOX_FAULTS) throw new ConfigError('SANDBOX_FAULTS: only in sandbox mode (DEXCARE_API_BASE is set)');
    }
  } else if (!sandbox) {
    for (const name of ['VSEE_ACCOUNT_CODE', 'VSEE_API_KEY', 'VSEE_API_SECRET', 'VSEE_PORTAL_URL', 'VSEE_ROOM_CODE'] as const) {
      if (!e[name]) throw new ConfigError(`${name}: required when VSEE_API_BASE is set`);
    }
    if (!e.SESSION_SECRET && !e.SESSION_SECRETS) throw new ConfigError('SESSION_SECRETS: required when VSEE_API_BASE is set (or SESSION_SECRET)');
    if (e.SANDBOX_FAULTS) throw new ConfigError('SANDBOX_FAULTS: only in sandbox mode (VSEE_API_BASE is set)');
    if (e.SANDBOX_WEBHOOK_URL) throw new ConfigError('SANDBOX_WEBHOOK_URL: only in sandbox mode (VSEE_API_BASE is set)');
  }

  if (e.SESSION_SECRET && e.SESSION_SECRETS) throw new ConfigError('SESSION_SECRET: set either SESSION_SECRETS or SESSION_SECRET, not both');

  const bookingTimeoutMs = e.BOOKING_TIMEOUT_MS ?? Math.min(120_000, 2 * e.VSEE_TIMEOUT_MS);

  const dexcareSandbox = !e.DEXCARE_API_BASE;
  if (!dexcareSandbox && !dexcareMode) {
    for (const name of ['DEXCARE_PRACTICE_ID', 'DEXCARE_BRAND', 'DEXCARE_WAITING_ROOM_URL'] as const) {
      if (!e[name]) throw new ConfigError(`${name}: required when DEXCARE_API_BASE is set`);
    }
  }

  const demoHost = sandbox ? { port: e.DEMO_HOST_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 10), origin: '' } : null;
  // The demo host lives on 127.0.0.1, another *site* than localhost, so the embed is truly
  // cross-site (third-party cookie rules apply) as on a health system's real website.
  if (demoHost) demoHost.origin = `http://127.0.0.1:${demoHost.port}`;

  let launch: Config['launch'] = null;
  if (e.LAUNCH_SECRET || e.LAUNCH_JWKS_URL) {
    if (!e.LAUNCH_ISSUER) throw new ConfigError('LAUNCH_ISSUER: required when LAUNCH_SECRET or LAUNCH_JWKS_URL is set');
    launch = { secret: e.LAUNCH_SECRET ?? null, jwksUrl: e.LAUNCH_JWKS_URL ?? null, issuer: e.LAUNCH_ISSUER, audience: e.LAUNCH_AUDIENCE ?? publicUrl };
  } else if (demoHost) {
    // Sandbox demo: the in-process demo host signs with a per-process secret.
    launch = { secret: randomBytes(32).toString('base64url'), jwksUrl: null, issuer: demoHost.origin, audience: e.LAUNCH_AUDIENCE ?? publicUrl };
  }

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    clinicBackend: e.CLINIC_BACKEND,
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
      retries: e.VSEE_RETRIES,
      adminToken: e.VSEE_ADMIN_TOKEN ?? (sandbox ? SANDBOX.adminToken : null),
      // VSee's sample domain (vclinic.vsee.me) is the portal's host name.
      roomDomain: e.VSEE_ROOM_DOMAIN ?? (sandbox || dexcareMode ? SANDBOX.domain : new URL(e.VSEE_PORTAL_URL!).hostname),
    },
    // Sandbox: a fresh secret per process is fine (demo sessions end with the process).
    sessionSecrets: e.SESSION_SECRETS ?? [e.SESSION_SECRET ?? randomBytes(32).toString('base64url')],
    booking: { timeoutMs: bookingTimeoutMs, settleMs: e.BOOKING_SETTLE_SECONDS * 1000, claimMs: bookingTimeoutMs + 10_000 },
    // Real DexCare: no guests (refused above when asked for); its sandbox gives guests a sandbox patient.
    guestBooking: e.GUEST_BOOKING ?? !(dexcareMode && !sandbox),
    econsult: e.ECONSULT,
    walkinMaxWaitMinutes: e.WALKIN_MAX_WAIT_MINUTES,
    disableNavigation: e.VSEE_DISABLE_NAVIGATION,
    embedOrigins: demoHost && demoHost.port !== 0 ? [...new Set([...e.EMBED_ORIGINS, demoHost.origin])] : e.EMBED_ORIGINS,
    handoffTarget: e.HANDOFF_TARGET,
    clinicPhone: e.CLINIC_PHONE ?? null,
    clinicAddress: e.CLINIC_ADDRESS ?? null,
    serviceStates: e.SERVICE_STATES ?? null,
    intakeQuestions: e.INTAKE_QUESTIONS ? loadQuestions(e.INTAKE_QUESTIONS) : [],
    scheduling: e.SCHEDULING,
    brand: { logoUrl: e.CLINIC_LOGO_URL ?? null, color: e.CLINIC_BRAND_COLOR?.toLowerCase() ?? null },
    // Sandbox: a per-process key (its patients live only as long as the process).
    dependentCodeSecret: e.DEPENDENT_CODE_SECRET ?? (sandbox ? randomBytes(32).toString('base64url') : null),
    launch,
    demoHost,
    trustProxy: e.TRUST_PROXY ?? { kind: 'none' },
    rateLimits: {
      sessions: e.RATE_LIMIT_SESSIONS,
      mutations: e.RATE_LIMIT_MUTATIONS,
      reads: e.RATE_LIMIT_READS,
      readsPerAddress: e.RATE_LIMIT_READS_PER_ADDRESS,
      admin: e.RATE_LIMIT_ADMIN,
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    redisUrl: e.REDIS_URL ?? null,
    visitCacheMs: e.VISIT_CACHE_MS,
    storeTimeoutMs: e.REDIS_TIMEOUT_MS,
    drainMs: e.DRAIN_SECONDS * 1000,
    webhookSecret: e.VSEE_WEBHOOK_SECRET ?? (sandbox ? randomBytes(32).toString('base64url') : null),
    sandboxWebhookUrl: e.SANDBOX_WEBHOOK_URL ?? null,
    sseMaxMs: e.SSE_MAX_SECONDS * 1000,
    sseHeartbeatMs: e.SSE_HEARTBEAT_SECONDS * 1000,
    coveragePollMs: e.COVERAGE_POLL_SECONDS * 1000,
    sandboxFaults: e.SANDBOX_FAULTS ?? [],
    logLevel: e.LOG_LEVEL,
    dexcare: {
      sandbox: dexcareSandbox,
      // In sandbox mode the proxy reaches the DexCare sandbox in-process; this host is never resolved.
      apiBase: withSlash(e.DEXCARE_API_BASE ?? 'http://dexcare-sandbox.internal/'),
      practiceId: e.DEXCARE_PRACTICE_ID ?? DEXCARE_SANDBOX_PRACTICE,
      brand: e.DEXCARE_BRAND ?? DEXCARE_SANDBOX_BRAND,
      waitingRoomUrl: withSlash(e.DEXCARE_WAITING_ROOM_URL ?? `${publicUrl}/sandbox/dexcare/`),
      timeoutMs: e.DEXCARE_TIMEOUT_MS,
      retries: e.DEXCARE_RETRIES,
      timezone: e.DEXCARE_TIMEZONE,
      insurers: e.DEXCARE_INSURERS ?? (dexcareSandbox ? DEXCARE_SANDBOX_INSURERS.map((i) => ({ ...i })) : []),
    },
    metrics: { token: e.METRICS_TOKEN ?? null, port: e.METRICS_PORT ?? null },
    otel: {
      tracesUrl:
        e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
        (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : null),
      serviceName: e.OTEL_SERVICE_NAME,
    },
    adminApiToken: e.ADMIN_API_TOKEN ?? null,
  };
}
