/** `npm run doctor`: checks configuration, VSee, the room, SSO, the portal, Redis and the webhook URL; one line each. */
import { formatChecks, runDoctor } from '../server/doctor';

const checks = await runDoctor();
console.log(formatChecks(checks));
process.exit(checks.some((c) => c.ok === false) ? 1 : 0);
