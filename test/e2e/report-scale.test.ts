// A report holds one section per district: past MAX_REPORT_DISTRICTS (a sector-level table of a whole country,
// adversarial run r18, F1: 100,000 districts ran for minutes in gigabytes) it asks for the districts to report.
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_DISTRICTS } from '../../src/cli/commands/report.js';
import { explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

describe('a report of more districts than one report holds', () => {
  it('is exit 2 asking for --district, and a report of the districts named is written', async () => {
    const count = MAX_REPORT_DISTRICTS + 1;
    const population = ['district|sex|age_group|population', ...Array.from({ length: count }, (_, i) => `Sector ${i}|M|15-29|10`)].join('\n');
    const survey = ['respondent_id;wave;district;sex;age;unsafe_freq', ...Array.from({ length: 40 }, (_, i) => `R${i};2026;Sector ${i % 2};M;30;${1 + (i % 4)}`)].join('\n');
    const dir = workdir().write({ 'pop.csv': `${population}\n`, 'survey.csv': `${survey}\n` });
    for (const [kind, file] of [['population', 'pop.csv'], ['survey', 'survey.csv']]) expect((await dir.run(['import', '--kind', kind, file])).code).toBe(0);
    const refused = await dir.run(['report', '--out', 'r']);
    expect(refused.code, explain(refused)).toBe(2);
    expect(refused.stderr).toContain('the report would hold 25,001 district sections; one report holds at most 25,000 sections: choose the districts to report with `--district`.');
    const chosen = await dir.run(['report', '--out', 'r', '--district', 'Sector 0', '--district', 'Sector 1']);
    expect(chosen.code, explain(chosen)).toBe(0);
  }, 60_000);
});
