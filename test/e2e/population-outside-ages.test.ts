// A population file whose every row counts residents outside the age groups is refused for that reason, not for a
// mapping's `skip:` rules it never used (adversarial run r14, F10a).
import { describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

describe('a population file of ages outside the age groups only', () => {
  it('exits 3 naming the ages, not a mapping', async () => {
    const dir = new Workdir();
    try {
      dir.write({ 'kids.csv': 'district|sex|age_group|population\nOudegem|M|0-14|100\nOudegem|F|0-14|100\n' });
      const run = await dir.run(['import', '--kind', 'population', 'kids.csv']);
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain('every row (2 read) counts residents younger than 15, where the age groups start, so nothing was stored');
      expect(run.stderr).not.toMatch(/skip:|LimeSurvey|mapping/);
      const nl = await dir.run(['import', '--kind', 'population', '--lang', 'nl', 'kids.csv']);
      expect(nl.stderr).toContain('elke rij (2 gelezen) telt inwoners jonger dan 15 jaar');
    } finally {
      dir.remove();
    }
  });
});
