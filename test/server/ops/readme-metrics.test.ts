/**
 * README's metrics table is the registry's list: every metric server/ops/metrics.ts registers is
 * in it with its labels, and it names no metric that does not exist — so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../server/ops/metrics';

const README = readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');

/** The rows between the markers: name(s) → labels. */
function readmeTable(): Map<string, string[]> {
  const start = README.indexOf('<!-- metrics:start');
  const end = README.indexOf('<!-- metrics:end -->');
  expect(start, 'README has the metrics:start marker').toBeGreaterThan(0);
  expect(end, 'README has the metrics:end marker').toBeGreaterThan(start);
  const rows = new Map<string, string[]>();
  for (const line of README.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`frontdesk_')) continue;
    const labels = [...cells[2]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).sort();
    for (const name of cells[1]!.matchAll(/`(frontdesk_[a-z_*]+)`/g)) rows.set(name[1]!, labels);
  }
  return rows;
}

describe('README metrics table', () => {
  it('lists exactly the registered metrics, each with its labels', async () => {
    const metrics = createMetrics({ processMetrics: true });
    const ours = await metrics.registry.getMetricsAsJSON();
    // Label names as declared (a metric with no samples yet has none in its values).
    const declared = new Map(metrics.registry.getMetricsAsArray().map((m) => [m.name, [...((m as unknown as { labelNames?: string[] }).labelNames ?? [])].sort()]));
    const table = readmeTable();
    const documented = [...table.keys()].filter((n) => !n.endsWith('*'));
    expect(documented.sort()).toEqual(ours.map((m) => m.name).sort());
    for (const [name, labels] of declared) expect(table.get(name), name).toEqual(labels);

    // Node's default metrics: covered by the table's wildcards.
    const wildcards = [...table.keys()].filter((n) => n.endsWith('*')).map((n) => n.slice(0, -1));
    expect(wildcards.length).toBeGreaterThan(0);
    const { body } = await metrics.exposition();
    const processNames = new Set([...body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!).filter((n) => !declared.has(n)));
    expect(processNames.size).toBeGreaterThan(0);
    for (const n of processNames) expect(wildcards.some((w) => n.startsWith(w)), n).toBe(true);
  });
});
