/** An app with a built-looking client dir (an index.html) for the ops tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/proxy/logger';
import type { KvStore } from '../../../server/proxy/stores/store';

export function builtDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-ops-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>frontdesk</title>');
  return dir;
}

export function opsServer(env: Record<string, string> = {}, opts: { kv?: KvStore; clientDir?: string; logs?: string[] } = {}) {
  const clock = { now: Date.now() };
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '8080', ...env });
  const logs = opts.logs ?? [];
  const log = createLogger(opts.logs ? 'info' : 'silent', { write: (line: string) => void logs.push(line) });
  const built = createApp({ config, log, now: () => clock.now, clientDir: opts.clientDir ?? builtDir(), kv: opts.kv });
  if (!built.sandbox) throw new Error('tests run against the sandbox');
  return { ...built, sandbox: built.sandbox, config, clock, logs };
}
