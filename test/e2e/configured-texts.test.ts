// Reports and tables quote the configuration they were made with: the suppression and uncertainty thresholds, the number
// of top problems an expectation gap looks at, the false discovery rate and the weighting method, never the
// defaults when the configuration says otherwise.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const GOALS = join(DEMO, 'goals.yaml');

async function reportWith(config: string, name: string): Promise<string> {
  demo.write({ [`${name}.yaml`]: config });
  const run = await demo.run(['--config', `${name}.yaml`, '--store', 'zone/safety-scan.db', 'report', '--goals', GOALS, '--format', 'md', '--out', name]);
  expect(run.code, explain(run)).toBe(0);
  return readFileSync(demo.path(name, 'report-2026-en.md'), 'utf8').replace(/\s+/g, ' ');
}

describe('report texts follow the configuration', () => {
  it('thresholds, the gap count and the false discovery rate as configured', async () => {
    const text = await reportWith('estimates: { min_cell: 12, min_n_eff: 40 }\ncheck: { gap_top: 4 }\ncompare: { fdr: 0.1 }\n', 'configured');
    expect(text).toContain('fewer than 12 answers is not shown');
    expect(text).toContain('fewer than 40 respondents');
    expect(text).toContain('Benjamini-Hochberg method, 10%');
    expect(text).toContain('among their top 4 problems');
    expect(text).toContain('(a method called raking)');
  });

  it('post-stratification is described as such, not as raking', async () => {
    const text = await reportWith('weighting: { method: poststratify, collapse_empty_cells: true }\n', 'poststratified');
    expect(text).toContain('post-stratification');
    expect(text).not.toContain('(a method called raking)');
    expect(text).toContain('fewer than 10 answers is not shown');
  });

  it('profile: the interviews a key-figure rank needs, as configured', async () => {
    demo.write({ 'interviews.yaml': 'profile: { min_interviews: 5 }\n' });
    const run = await demo.run(['--config', 'interviews.yaml', '--store', 'zone/safety-scan.db', 'profile', '--district', 'Oudegem']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('! fewer than 5 interviews');
  });
});
