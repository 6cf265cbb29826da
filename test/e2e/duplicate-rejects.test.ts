// A row refused because it is already stored (or repeats an earlier row's id) is written to the rejects file with
// its line, column and reason only. Its cells are those of a stored row: beside its line they linked the stored
// row, and so its pseudonym, to a line of the export and, with sequential ids, to the id itself (adversarial run
// r38-B, D1: a cumulative export imported after the first part linked 99 of 100 stored rows).
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const HEADER = 'respondent_id;wave;district;sex;age;unsafe_freq;avoid_places';

function survey(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `${i + 1};2026;Oudegem;${i % 2 ? 'M' : 'F'};${20 + ((i * 7) % 60)};${1 + (i % 5)};${i % 2}`);
  return [HEADER, ...rows].join('\n');
}

function rejectsLines(dir: Workdir, name: string): string[] {
  return readFileSync(dir.path('rejects', name), 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
}

describe('rows refused as already stored', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'part1.csv': survey(10), 'part2.csv': survey(25), 'part3.csv': survey(30) });

  it('keep their line and reason in the rejects file, none of their answers, and the new rows are stored', async () => {
    expect((await dir.run(['import', '--kind', 'survey', 'part1.csv'])).code).toBe(0);
    const run = await dir.run(['import', '--kind', 'survey', 'part2.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/25 rows read, 15 stored, 10 rejected/);
    const [header, ...rows] = rejectsLines(dir, 'part2.survey.rejects.csv');
    expect(header).toBe(`safety_scan_line;safety_scan_column;safety_scan_reason;${HEADER}`);
    expect(rows).toHaveLength(10);
    for (const [i, row] of rows.entries()) {
      const [line, column, reason, ...cells] = row.split(';');
      expect([line, column]).toEqual([String(i + 2), 'respondent_id (1)']);
      expect(reason).toContain('already stored in batch 1');
      expect(cells).toEqual(['', '', '', '', '', '', '']);
    }
  });

  it('in a dry run too', async () => {
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'part3.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(dir.path('rejects'))).toContain('part3.survey.rejects.csv');
    const rows = rejectsLines(dir, 'part3.survey.rejects.csv').slice(1);
    expect(rows).toHaveLength(25);
    for (const row of rows) expect(row).toMatch(/^\d+;respondent_id \(1\);[^;]*already stored in batch [12][^;]*;{7}$/);
  });
});

describe('key-figure rows refused as already stored', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  const header = 'interview_id,wave,district,organisation_type,theme,severity,trend,note';
  const rows = ['K1,2026,Oudegem,school,burglary,3,same,', 'K1,2026,Oudegem,school,speeding,4,worse,', 'K2,2026,Oudegem,shop,drugs,2,better,'];
  dir.write({ 'k1.csv': [header, rows[0]].join('\n'), 'k2.csv': [header, ...rows].join('\n') });

  it('keep their line and reason only', async () => {
    expect((await dir.run(['import', '--kind', 'keyfigures', 'k1.csv'])).code).toBe(0);
    const run = await dir.run(['import', '--kind', 'keyfigures', 'k2.csv']);
    expect(run.code, explain(run)).toBe(0);
    const lines = rejectsLines(dir, 'k2.keyfigures.rejects.csv');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2,interview_id \(1\),[^,]*already stored in batch 1[^,]*,{7}$/);
    expect(lines[1]).not.toMatch(/Oudegem|school|burglary/);
  });
});
