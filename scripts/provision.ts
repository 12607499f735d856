/**
 * npm run provision -- providers.csv
 *
 * Onboards providers through frontdesk's provisioning API (see server/provision/run.ts for the
 * CSV format). Needs ADMIN_API_TOKEN; talks to FRONTDESK_URL (else PUBLIC_URL, else
 * http://localhost:$PORT or :8080). Exit code: 0 all rows done, 1 some row failed, 2 bad usage.
 */
import { readFile } from 'node:fs/promises';
import { cliEnv, CsvError, runProvision, summaryTable } from '../server/provision/run';

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((a) => a !== '--');
  if (!file) {
    console.error('Usage: npm run provision -- providers.csv   (columns: code,firstName,lastName,email,roomName,roomSlug)');
    return 2;
  }
  const env = cliEnv.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)));
  if (!env.success) {
    const issue = env.error.issues[0]!;
    console.error(`provision: ${String(issue.path[0])}: ${issue.message}`);
    return 2;
  }
  const baseUrl = env.data.FRONTDESK_URL ?? env.data.PUBLIC_URL ?? `http://localhost:${env.data.PORT ?? 8080}`;
  let csv: string;
  try {
    csv = await readFile(file, 'utf8');
  } catch (err) {
    console.error(`provision: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  try {
    const outcomes = await runProvision({ csv, baseUrl, token: env.data.ADMIN_API_TOKEN, progress: process.stderr });
    console.log(summaryTable(outcomes));
    return outcomes.some((o) => o.result === 'failed') ? 1 : 0;
  } catch (err) {
    if (err instanceof CsvError) {
      console.error(`provision: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main();
