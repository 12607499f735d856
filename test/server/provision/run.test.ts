/**
 * `npm run provision -- providers.csv`: reading the CSV, one call per row, the summary, re-runs,
 * and (as a real process against a listening frontdesk) the exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';
import { startServer } from '../../../server/main';
import { CsvError, readCsv, runProvision, summaryTable } from '../../../server/provision/run';
import { makeServer, type TestServer } from '../../support/server';

const TOKEN = 'admin-api-token-for-tests-0123456789abcdef';
const CSV = `code,firstName,lastName,email,roomName,roomSlug
hs-0001,Ana,Ruiz,ana@health.example,Dr. Ruiz,dr-ruiz
hs-0002,"Lee, Jr.",Park,,"Dr. Park, Pediatrics",dr-park
hs-0003,Bad,Slug,,Nope,Not A Slug
`;

const inProcess = (server: TestServer): typeof fetch => (input, init) => Promise.resolve(server.app.fetch(new Request(input as string | URL, init)));

describe('readCsv', () => {
  it('reads quoted fields and blank emails, and names the bad field of a bad row', () => {
    const rows = readCsv(CSV);
    expect(rows[0]).toEqual({ row: 2, request: { code: 'hs-0001', firstName: 'Ana', lastName: 'Ruiz', email: 'ana@health.example', room: { name: 'Dr. Ruiz', slug: 'dr-ruiz' } } });
    expect(rows[1]).toMatchObject({ row: 3, request: { firstName: 'Lee, Jr.', room: { name: 'Dr. Park, Pediatrics' } } });
    expect(rows[1]).not.toHaveProperty('request.email');
    expect(rows[2]).toMatchObject({ row: 4, code: 'hs-0003', error: expect.stringMatching(/^roomSlug: /) });
  });

  it('refuses a file without the needed header, with no rows, or that is not CSV', () => {
    expect(() => readCsv('code,first,last\nx,y,z\n')).toThrow(CsvError);
    expect(() => readCsv('')).toThrow(/no rows/);
    expect(() => readCsv('code,firstName,lastName,roomName,roomSlug\n"unterminated,x,y,z,w\n')).toThrow(/not valid CSV/);
  });
});

describe('runProvision', () => {
  it('provisions each row, reports created / already there / failed, and a re-run repairs nothing twice', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const lines: string[] = [];
    const first = await runProvision({ csv: CSV, baseUrl: 'http://localhost:8080', token: TOKEN, fetch: inProcess(server), progress: { write: (s) => lines.push(s) } });
    expect(first.map((o) => o.result)).toEqual(['created', 'created', 'failed']);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^\[#+\] 3\/3 row 4 hs-0003: failed/);
    const again = await runProvision({ csv: CSV, baseUrl: 'http://localhost:8080', token: TOKEN, fetch: inProcess(server) });
    expect(again.map((o) => o.result)).toEqual(['already there', 'already there', 'failed']);
    expect(again.slice(0, 2)).toEqual(first.slice(0, 2).map((o) => ({ ...o, result: 'already there' })));
    expect([...server.sandbox.store.rooms.values()]).toHaveLength(3);

    const table = summaryTable(again);
    expect(table.split('\n')[0]).toMatch(/^row\s+code\s+result\s+room\s+patient URL \/ reason$/);
    expect(table).toContain('http://localhost:8080/r/');
    expect(table).toMatch(/hs-0003\s+failed\s+roomSlug: /);
    expect(table.trim().split('\n').at(-1)).toBe('0 created, 2 already there, 1 failed (3 rows)');
  });

  it('says why a row failed when frontdesk refuses (wrong token) or cannot be reached', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const refused = await runProvision({ csv: CSV, baseUrl: 'http://localhost:8080', token: 'wrong', fetch: inProcess(server) });
    expect(refused[0]).toMatchObject({ result: 'failed', reason: 'A valid ADMIN_API_TOKEN bearer token is required.' });
    const down = await runProvision({ csv: CSV, baseUrl: 'http://127.0.0.1:9', token: TOKEN, timeoutMs: 2000 });
    expect(down[0]).toMatchObject({ result: 'failed', reason: expect.stringContaining('could not be reached') });
  });
});

describe('npm run provision (a real process against a listening frontdesk)', () => {
  it('exits 1 when a row failed, 0 when every row is done, 2 on bad usage', { timeout: 60_000 }, async () => {
    const running = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ADMIN_API_TOKEN: TOKEN, DEMO_HOST_PORT: '0' }));
    try {
      const dir = await mkdtemp(join(tmpdir(), 'provision-'));
      const mixed = join(dir, 'mixed.csv');
      const good = join(dir, 'good.csv');
      await writeFile(mixed, CSV);
      await writeFile(good, CSV.split('\n').slice(0, 3).join('\n'));
      const env = { ...process.env, ADMIN_API_TOKEN: TOKEN, FRONTDESK_URL: `http://127.0.0.1:${running.port}` };
      const run = (args: string[], e: NodeJS.ProcessEnv = env) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/provision.ts', ...args], { env: e }).then(
          (r) => ({ code: 0, ...r }),
          (err: { code: number; stdout: string; stderr: string }) => err,
        );
      const a = await run([mixed]);
      expect(a.code).toBe(1);
      expect(a.stdout).toContain('2 created, 0 already there, 1 failed (3 rows)');
      const b = await run([good]);
      expect(b.code).toBe(0);
      expect(b.stdout).toContain('0 created, 2 already there, 0 failed (2 rows)');
      expect(b.stderr).toContain('2/2');
      const noToken = { ...env, ADMIN_API_TOKEN: '' };
      expect((await run([good], noToken)).code).toBe(2);
    } finally {
      await running.close();
    }
  });
});
