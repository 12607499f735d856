import pino from 'pino';
import { currentRequestId } from '../ops/request-context';

/** Where log lines go: stdout by default; tests pass a collector to read what was logged. */
export type LogDestination = pino.DestinationStream;

/**
 * Structured logs with PHI and secrets redacted by path, for anything that slips into a log
 * object. Routes log ids and event names only; request bodies, query strings, cookies and tokens
 * are never logged (test/security/canary.test.ts searches the logs of a whole flow for them).
 */
export function createLogger(level: string, destination?: LogDestination) {
  return pino(
    {
      level,
      base: { service: 'frontdesk' },
      // Every line logged while a request runs names it (server/ops/request-context.ts).
      mixin() {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-apitoken"]',
          'req.headers["x-apisecret"]',
          'req.headers["x-apikey"]',
          'headers.cookie',
          '*.firstName', '*.lastName', '*.dob', '*.email', '*.phone', '*.reason',
          '*.first_name', '*.last_name', '*.token', '*.sso_token', '*.url', '*.answers', 'answers', '*.callNumber',
          'token', 'apiToken', 'userCode', '*.apiToken', '*.userCode', 'cookie', '*.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
export type Logger = ReturnType<typeof createLogger>;

export type AuditEvent =
  | 'session_start'
  | 'session_end'
  | 'sso_mint'
  | 'booking'
  | 'reschedule'
  | 'cancel'
  | 'invite'
  | 'summary_download'
  | 'handoff'
  | 'provision'
  | 'return_link'
  | 'refused';

/**
 * An audit event: what happened, to which visit and VSee member (ids only: no names, no
 * contact details, no reason for visit, no token).
 */
export function audit(log: Logger, event: AuditEvent, fields: Record<string, string | number | boolean | null | undefined> = {}) {
  if (event === 'refused') log.warn({ audit: event, ...fields });
  else log.info({ audit: event, ...fields });
}
