import pino from 'pino';

/**
 * Structured logs with PHI and secrets redacted by path, for anything that slips into a log
 * object. Routes log ids and event names only; request bodies and query strings are never logged.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'frontdesk' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-apitoken"]',
        '*.firstName', '*.lastName', '*.dob', '*.email', '*.phone', '*.reason',
        '*.first_name', '*.last_name', '*.token', '*.sso_token', '*.url',
      ],
      censor: '[redacted]',
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
