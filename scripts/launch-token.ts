/**
 * `npm run launch-token -- --sub rh-123 --name "Jordan Rivera" [--birthdate 1979-02-03]
 *   [--email j@example.com] [--phone 555-0100] [--ttl 120] [--provider]
 *   [--dexcare-patient <guid> --dexcare-token <token> [--dexcare-dependent "<guid>:<given>:<family>:<YYYY-MM-DD>"]…]
 *   [--dexcare-sandbox]`
 * (`--provider`: a provider's token, `frontdesk_role: "provider"`, for the staff page;
 * `--dexcare-*`: the DexCare claims of decision 014 for CLINIC_BACKEND=dexcare; `--dexcare-sandbox`:
 * the DexCare sandbox's seeded guardian Daniel Reyes with his token and his daughter Sofia)
 * Prints a launch token signed with LAUNCH_SECRET for LAUNCH_ISSUER / LAUNCH_AUDIENCE, for testing
 * an embedding by hand. The token is valid for at most 5 minutes and can be used once.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEXCARE_DEMO_PATIENT } from '../server/demo-host/index';
import { signLaunchToken, type LaunchPatient } from '../server/demo-host/sign-launch-token';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    name: { type: 'string' },
    birthdate: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    ttl: { type: 'string', default: '120' },
    provider: { type: 'boolean', default: false },
    'dexcare-patient': { type: 'string' },
    'dexcare-token': { type: 'string' },
    'dexcare-dependent': { type: 'string', multiple: true },
    'dexcare-sandbox': { type: 'boolean', default: false },
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
const USAGE =
  'usage: npm run launch-token -- --sub <host patient id> --name "<given> <family>" [--birthdate YYYY-MM-DD] [--email …] [--phone …] [--ttl seconds ≤ 300] ' +
  '[--dexcare-patient <guid> --dexcare-token <token> [--dexcare-dependent "<guid>:<given>:<family>:<YYYY-MM-DD>"]…] | --dexcare-sandbox';
const fail = (why: string): never => {
  console.error(`launch-token: ${why}\n${USAGE}`);
  process.exit(1);
};

const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > 300) fail('--ttl must be whole seconds from 1 to 300');

let patient: LaunchPatient;
if (values['dexcare-sandbox']) {
  patient = DEXCARE_DEMO_PATIENT;
} else {
  const [givenName, ...rest] = (values.name ?? '').trim().split(/\s+/);
  if (!values.sub || !givenName || rest.length === 0) fail('--sub and --name "<given> <family>" are required');
  patient = { sub: values.sub!, givenName: givenName!, familyName: rest.join(' '), birthdate: values.birthdate, email: values.email, phone: values.phone };
  if (values['dexcare-patient'] || values['dexcare-token']) {
    if (!values['dexcare-patient'] || !values['dexcare-token']) fail('--dexcare-patient and --dexcare-token come together');
    const dependents = (values['dexcare-dependent'] ?? []).map((d) => {
      const m = /^([A-Za-z0-9-]+):([^:]+):([^:]+):(\d{4}-\d{2}-\d{2})$/.exec(d);
      return m ? { id: m[1]!, givenName: m[2]!, familyName: m[3]!, birthdate: m[4]! } : fail(`--dexcare-dependent "${d}" is not <guid>:<given>:<family>:<YYYY-MM-DD>`);
    });
    patient.dexcare = { patientId: values['dexcare-patient']!, token: values['dexcare-token']!, dependents };
  }
}
console.log(
  await signLaunchToken(patient, {
    secret: env.data.LAUNCH_SECRET,
    issuer: env.data.LAUNCH_ISSUER,
    audience: env.data.LAUNCH_AUDIENCE,
    ttlSeconds: ttl,
    ...(values.provider ? { role: 'provider' as const } : {}),
  }),
);
