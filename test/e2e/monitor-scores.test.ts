// A safety-monitor score (the insecurity index, 0-10) keeps its scale: imported wide or long, with or without
// `units: percent`, and shown by `profile` as a score, never multiplied by 100 as a share (adversarial run r24, F5).
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();

/** A copy of the demo store, for one test's imports. */
function storeCopy(name: string): string {
  const copy = zone.path(`${name}.db`);
  copyFileSync(zone.path('zone', 'safety-scan.db'), copy);
  return copy;
}

function stored(store: string, indicator: string): Array<{ value: number; ci_low: number | null; ci_high: number | null }> {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare("SELECT value, ci_low, ci_high FROM monitor WHERE area = 'Belgium' AND wave = '2026' AND indicator = ?").all(indicator) as Array<{ value: number; ci_low: number | null; ci_high: number | null }>;
  } finally {
    db.close();
  }
}

describe('a monitor score', () => {
  it('imported wide, profile shows it and the difference on its own scale (table and Markdown)', async () => {
    const store = storeCopy('wide');
    zone.write({ 'wide.csv': 'wave;area;insecurity_index;insecurity_index_ci_low;insecurity_index_ci_high;n\n2026;Belgium;3,1;2,9;3,3;1000\n' });
    const imported = await zone.run(['--store', store, 'import', '--kind', 'monitor', zone.path('wide.csv')]);
    expect(imported.code, explain(imported)).toBe(0);
    const json = await zone.run(['--store', store, 'profile', '--district', 'Oudegem', '--json']);
    const benchmark = JSON.parse(json.stdout).districts[0].benchmarks.find((b: { indicator: string; area: string }) => b.indicator === 'insecurity_index' && b.area === 'Belgium');
    expect(benchmark.value).toBe(3.1);
    const diff = (benchmark.diff as number).toFixed(1).replace('-', '−');
    for (const format of ['table', 'md']) {
      const run = await zone.run(['--store', store, 'profile', '--district', 'Oudegem', '--format', format]);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toContain('3.1 (2.9–3.3)');
      expect(run.stdout).toContain(diff);
      expect(run.stdout).not.toMatch(/310\.0|290\.0|330\.0/);
    }
  });

  it('imported long: kept on its scale, a share beside it read as a percentage only with `units: percent`', async () => {
    zone.write({ 'long.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2026;Belgium;insecurity_index;4,5;4,2;4,8;100\n2026;Belgium;unsafe_general;36,5;36,1;36,9;100\n' });
    // without units: the score is valid, the share of 36.5 is not a proportion
    const plain = storeCopy('long-plain');
    const run = await zone.run(['--store', plain, 'import', '--kind', 'monitor', '--json', zone.path('long.csv')]);
    expect(run.code, explain(run)).toBe(0);
    expect(stored(plain, 'insecurity_index')).toEqual([{ value: 4.5, ci_low: 4.2, ci_high: 4.8 }]);
    expect(stored(plain, 'unsafe_general')).toEqual([]);
    // with the demo's mapping (`units: percent`): the share divided by 100, the score as written (was: 0.045)
    const mapped = storeCopy('long-mapped');
    const withUnits = await zone.run(['--store', mapped, 'import', '--kind', 'monitor', '--mapping', `${DEMO}/monitor-mapping.yaml`, zone.path('long.csv')]);
    expect(withUnits.code, explain(withUnits)).toBe(0);
    expect(stored(mapped, 'insecurity_index')).toEqual([{ value: 4.5, ci_low: 4.2, ci_high: 4.8 }]);
    expect(stored(mapped, 'unsafe_general')).toEqual([{ value: 0.365, ci_low: 0.361, ci_high: 0.369 }]);
  });

  it('imported long beyond its scale: refused naming the scale, without the hint on percentages', async () => {
    zone.write({ 'beyond.csv': 'wave;area;indicator;value;ci_low;ci_high;n\n2026;Belgium;insecurity_index;45;42;48;100\n' });
    const run = await zone.run(['--store', storeCopy('beyond'), 'import', '--kind', 'monitor', zone.path('beyond.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('`45` in value is out of range (allowed: 0-10)');
    expect(run.stderr).not.toMatch(/proportion|units/);
  });
});
