// Columns that hold data under no heading are named in one warning per file: the first 12, then how many more,
// as the list of columns ignored (adversarial run r14, F10c: 100,000 of them wrote 689 KB to stderr).
import { describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

describe('columns without a heading that hold data', () => {
  it('are listed up to 12, then counted, once per file; --json keeps every number', async () => {
    const dir = new Workdir();
    try {
      const n = 20_000;
      const header = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', ...Array<string>(n).fill('')].join(';');
      const row = ['V1', '2030', 'Oudegem', 'M', '40', '3', ...Array<string>(n).fill('1')].join(';');
      dir.write({ 'wide.csv': `${header}\n${row}\n`, 'few.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;;\nV2;2030;Oudegem;M;40;3;1;\n' });
      const run = await dir.run(['import', '--kind', 'survey', 'wide.csv']);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stderr).toContain('wide.csv: the columns without a heading were not read, though they hold data: 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 and 19,988 more. Give such a column a heading to import it.');
      expect(run.stderr.length).toBeLessThan(2000);
      const few = await dir.run(['import', '--kind', 'survey', '--json', 'few.csv']);
      expect(few.code, explain(few)).toBe(0);
      expect(few.stderr).toContain('few.csv: the columns without a heading were not read, though they hold data: 7. Give');
      expect(JSON.parse(few.stdout).files[0].unheaded_columns).toEqual(['7']);
    } finally {
      dir.remove();
    }
  });
});
