// Statbel's TF_SOC_POP_STRUCT as published, imported with the `statbel-population` preset and the one-line
// selection of the zone's municipalities (fixtures/statbel/districts.yaml), weights the demo survey exactly as
// the hand-aggregated canonical population file does: `indicators --json` is the same byte for byte.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const STATBEL = join(ROOT, 'fixtures', 'statbel');
const demo = useDemoZone();
const statbel = new Workdir();
afterAll(() => statbel.remove());

describe('a Statbel population file through the statbel-population preset', () => {
  it('gives the indicators of the hand-aggregated canonical file', async () => {
    const survey = await statbel.run(['import', '--kind', 'survey', join(DEMO, 'survey-2026.csv')]);
    expect(survey.code, explain(survey)).toBe(0);
    const population = await statbel.run([
      'import',
      '--kind',
      'population',
      '--preset',
      'statbel-population',
      '--mapping',
      join(STATBEL, 'districts.yaml'),
      '--wave',
      '2026',
      join(STATBEL, 'TF_SOC_POP_STRUCT_2025.txt'),
      '--json',
    ]);
    expect(population.code, explain(population)).toBe(0);
    expect(JSON.parse(population.stdout).files[0]).toMatchObject({ waves: ['2026'], rows_read: 11_647, rows_stored: 7_247, rows_skipped: 4_400, rows_rejected: 0 });
    // by hand: 561 rows of the ten municipalities are under 15, with 13,346 residents; every other row adds to one of 10 x 2 x 5 cells
    expect(JSON.parse(population.stdout).files[0].figures).toEqual({
      rows_combined: 7_247,
      figures_combined: 100,
      left_out_younger: { age: 15, rows: 561, residents: 13_346 },
      left_out_older: { age: null, rows: 0, residents: 0 },
      rows_left_out: 561,
    });
    const ours = await statbel.run(['indicators', '--wave', '2026', '--json']);
    const canonical = await demo.run(['--store', 'zone/safety-scan.db', 'indicators', '--wave', '2026', '--json']);
    expect(ours.code, explain(ours)).toBe(0);
    expect(JSON.parse(ours.stdout).weighting).toMatchObject({ method: 'rake', respondents: 1497, excluded: 5 });
    expect(ours.stdout).toBe(canonical.stdout);
  });
});

describe('the CBS Veiligheidsmonitor through the cbs-monitor preset', () => {
  it('benchmarks the zone in `profile` with the SE of each published interval', async () => {
    const monitor = await statbel.run(['import', '--kind', 'monitor', '--preset', 'cbs-monitor', join(ROOT, 'fixtures', 'cbs', 'vm-85146NED.csv')]);
    expect(monitor.code, explain(monitor)).toBe(0);
    const run = await statbel.run(['profile', '--wave', '2026', '--json']);
    expect(run.code, explain(run)).toBe(0);
    type Entry = { indicator: string; area: string; monitor_wave: string; value: number; ci_low: number; ci_high: number; benchmark_se: number; estimate_se: number; se: number };
    const benchmarks: Entry[] = JSON.parse(run.stdout).area.benchmarks;
    // the 2023 edition (the latest before 2026) of every measure the demo codebook has, for Amsterdam, Noord-Holland and the Netherlands
    expect(new Set(benchmarks.map((b) => `${b.area} ${b.monitor_wave}`))).toEqual(new Set(['GM0363 2023', 'NL01 2023', 'PV27 2023']));
    const unsafe = benchmarks.find((b) => b.area === 'NL01' && b.indicator === 'unsafe_general');
    expect(unsafe).toBeDefined();
    for (const b of benchmarks) {
      expect(b.benchmark_se, `${b.area} ${b.indicator}`).toBeCloseTo((b.ci_high - b.ci_low) / (2 * 1.96), 12);
      expect(b.benchmark_se).toBeGreaterThan(0);
      expect(b.se).toBeCloseTo(Math.hypot(b.benchmark_se, b.estimate_se), 12);
    }
  });
});
