/**
 * `npm run launch-token -- --sub rh-123 --name "Jordan Rivera" [--birthdate 1979-02-03]
 *   [--email j@example.com] [--phone 555-0100] [--ttl 120] [--provider]`
 * (`--provider`: a provider's token, `frontdesk_role: "provider"`, for the staff page)
 * Prints a launch token signed with LAUNCH_SECRET for LAUNCH_ISSUER / LAUNCH_AUDIENCE, for testing
 * an embedding by hand. The token is valid for at most 5 minutes and can be used once.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { signLaunchToken } from '../server/demo-host/sign-launch-token';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    name: { type: 'string' },
    birthdate: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    ttl: { type: 'string', default: '120' },
    provider: { type: 'boolean', default: false },
  },
});

const env = z
  .object({
    LAUNCH_SECRET: z.string().min(32, 'must be at least 32 characters'),
    LAUNCH_ISSUER: z.string().min(1),
    LAUNCH_AUDIENCE: z.string().min(1).default('http://localhost:8080'),
  })
  .safeParse(process.env);
if (!env.success) {
  const i = env.error.issues[0]!;
  console.error(`launch-token: ${String(i.path[0])}: ${i.message} (set LAUNCH_SECRET and LAUNCH_ISSUER as the server has them)`);
  process.exit(1);
}
const [givenName, ...rest] = (values.name ?? '').trim().split(/\s+/);
const ttl = Number(values.ttl);
if (!values.sub || !givenName || rest.length === 0 || !Number.isInteger(ttl) || ttl < 1 || ttl > 300) {
  console.error('usage: npm run launch-token -- --sub <host patient id> --name "<given> <family>" [--birthdate YYYY-MM-DD] [--email …] [--phone …] [--ttl seconds ≤ 300]');
  process.exit(1);
}
console.log(
  await signLaunchToken(
    { sub: values.sub, givenName, familyName: rest.join(' '), birthdate: values.birthdate, email: values.email, phone: values.phone },
    { secret: env.data.LAUNCH_SECRET, issuer: env.data.LAUNCH_ISSUER, audience: env.data.LAUNCH_AUDIENCE, ttlSeconds: ttl, ...(values.provider ? { role: 'provider' as const } : {}) },
  ),
);
