// Whole numbers written with a thousands point or comma (`1.000`, `3,000`): read as neither 1 nor 1000, the row is refused
// and the reason says how to write the number. A fresh adversarial run: `1.000` residents were stored as 1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const REASON = (value: string, column: string) => `\`${value}\` in ${column} may be a number with a thousands separator or one with decimals, so it is not read: write a whole number in digits only (1000, not 1.000 or 1,000)`;

async function imported(dir: Workdir, kind: string, file: string, body: string): Promise<{ stored: number; rejected: number; rejects: string }> {
  dir.write({ [file]: body });
  const run = await dir.run(['import', '--kind', kind, '--json', file]);
  expect(run.code, explain(run)).toBe(0);
  const summary = JSON.parse(run.stdout) as { files: Array<{ rows_stored: number; rows_rejected: number }> };
  const rejects = readFileSync(dir.path('rejects', `${file.replace(/\.csv$/, '')}.${kind}.rejects.csv`), 'utf8');
  return { stored: summary.files[0]?.rows_stored ?? -1, rejected: summary.files[0]?.rows_rejected ?? -1, rejects };
}

describe('a whole number with a thousands point or comma', () => {
  it('is refused in a population count, a monitor n, a signal count and a respondent age; plain digits are stored', async () => {
    const dir = new Workdir();
    try {
      const population = await imported(dir, 'population', 'p.csv', 'district;sex;age_group;population\nA1;M;15-29;1.000\nA1;F;15-29;12.000\nA1;M;30-44;2.604\nA1;F;30-44;3,000\nA1;M;45-59;1.234.567\nA1;F;45-59;987\n');
      expect(population).toMatchObject({ stored: 1, rejected: 5 });
      // `1.234.567` is shaped like a national number and withheld
      for (const value of ['1.000', '12.000', '2.604', '3,000', '***']) expect(population.rejects).toContain(REASON(value, 'population'));

      const monitor = await imported(dir, 'monitor', 'm.csv', 'wave;area;indicator;value;ci_low;ci_high;n\n2033;Belgium;unsafe_often;0,092;0,08;0,1;100.000\n2033;Belgium;unsafe_general;0,3;0,2;0,4;2604\n');
      expect(monitor).toMatchObject({ stored: 1, rejected: 1 });
      expect(monitor.rejects).toContain(REASON('100.000', 'n'));

      const signals = await imported(dir, 'signals', 's.csv', 'date,district,theme,source,count\n2026-01-21,A1,drugs,complaint,"1.000"\n2026-01-22,A1,drugs,complaint,3\n');
      expect(signals).toMatchObject({ stored: 1, rejected: 1 });
      expect(signals.rejects).toContain(REASON('1.000', 'count'));

      const survey = await imported(dir, 'survey', 'r.csv', 'respondent_id;wave;district;sex;age;unsafe_freq\nR1;2026;A1;F;40.000;2\nR2;2026;A1;M;41;3\n');
      expect(survey).toMatchObject({ stored: 1, rejected: 1 });
      expect(survey.rejects).toContain(REASON('40.000', 'age'));
    } finally {
      dir.remove();
    }
  });

  it('a decimal in a count keeps its reason', async () => {
    const dir = new Workdir();
    try {
      const population = await imported(dir, 'population', 'p.csv', 'district;sex;age_group;population\nA1;M;15-29;12,5\nA1;F;15-29;987\n');
      expect(population).toMatchObject({ stored: 1, rejected: 1 });
      expect(population.rejects).toContain('`12,5` in population is not a whole number: write a count without a thousands separator');
    } finally {
      dir.remove();
    }
  });
});
