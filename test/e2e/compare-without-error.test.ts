// A change between two waves where neither has sampling error (every answer alike: 0% of 150 residents in one
// wave, 100% in the next): certain and tested, never "too few answers to tell" (docs/methods.md 8.1; r24b F8).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';
import type { TestedDifference } from '../../src/compare/waves.js';

let work: Workdir;

/** 75 answers per district and wave, all "never" in 2023 and all "always" in 2026; 2030 repeats 2026. */
function survey(): string {
  const lines = ['respondent_id;wave;district;sex;age;unsafe_freq'];
  let i = 0;
  for (const wave of ['2023', '2026', '2030'])
    for (const district of ['Noord', 'Zuid'])
      for (let k = 1; k <= 75; k++) {
        i++;
        lines.push(`R${i};${wave};${district};${k % 2 === 0 ? 'M' : 'F'};${16 + ((k * 7) % 70)};${wave === '2023' ? 1 : 4}`);
      }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  work = new Workdir();
  work.write({ 's.csv': survey(), 'safety-scan.yaml': 'weighting:\n  method: none\n' });
  const run = await work.run(['import', '--kind', 'survey', 's.csv']);
  if (run.code !== 0) throw new Error(explain(run));
});
afterAll(() => work?.remove());

interface Row extends TestedDifference {
  district: string | null;
}

async function rows(from: string, to: string): Promise<Row[]> {
  const run = await work.run(['compare', '--from', from, '--to', to, '--indicator', 'unsafe_often', '--json']);
  expect(run.code, explain(run)).toBe(0);
  return (JSON.parse(run.stdout) as { rows: Row[] }).rows;
}

describe('two waves without sampling error', () => {
  test('0% then 100% of 150 answers: p = 0, significant in every district and the whole area', async () => {
    const changes = await rows('2023', '2026');
    expect(changes).toHaveLength(3);
    for (const row of changes) expect(row, String(row.district)).toMatchObject({ diff: 1, se: 0, z: null, p: 0, q: 0, significant: true });
  });

  test('100% in both waves: no change at all, z = 0 and p = 1, tested and not significant', async () => {
    for (const row of await rows('2026', '2030')) expect(row, String(row.district)).toMatchObject({ diff: 0, se: 0, z: 0, p: 1, significant: false });
  });

  test('the report calls the change real, never "too few answers to tell"', async () => {
    const run = await work.run(['report', '--wave', '2026', '--format', 'md', '--out', 'rep']);
    expect(run.code, explain(run)).toBe(0);
    const text = readFileSync(work.path('rep', 'report-2026-en.md'), 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('| Feels unsafe often or always |'));
    expect(line).toContain('a real change');
    expect(line).not.toContain('too few');
  });
});
