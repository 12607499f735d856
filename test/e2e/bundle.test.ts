/** The built SPA (built by the e2e global setup) must carry no VSee secret or server-only name. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_DIR } from '../../server/app';
import { SANDBOX } from '../../server/vsee-sandbox/credentials';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('built bundle', () => {
  it('names no VSee key, secret, header or user code', () => {
    const all = files(CLIENT_DIR);
    expect(all.some((f) => f.endsWith('.js'))).toBe(true);
    const text = all.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const needle of [SANDBOX.apiKey, SANDBOX.apiSecret, 'X-ApiKey', 'X-ApiSecret', 'X-ApiToken', 'VSEE_API', 'SESSION_SECRET', 'member_id']) {
      expect(text, needle).not.toContain(needle);
    }
  });
});
