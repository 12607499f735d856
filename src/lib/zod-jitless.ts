/**
 * zod without its JIT: zod probes `new Function('')` when it builds an object schema, and under our
 * CSP (script-src 'self', no 'unsafe-eval') that probe is a reported CSP violation on every load,
 * although zod catches the error. Imported first by main.tsx, before any schema is built (zod reads
 * the setting when a schema is made, not when it parses). The server keeps the JIT: no CSP there.
 */
import { z } from 'zod/mini';

z.config({ jitless: true });
