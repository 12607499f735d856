/**
 * One frontdesk process for the fault suite, configured by its environment like production:
 * a proxy (VSEE_API_BASE set), or — without it — the sandbox playing VSee over HTTP. Prints
 * "READY <port>" once it listens; drains and exits on SIGTERM like `npm start`.
 */
import { loadConfig } from '../../../server/config';
import { startServer } from '../../../server/main';

const running = await startServer(loadConfig());
process.stdout.write(`READY ${running.port}\n`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
