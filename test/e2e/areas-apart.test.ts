// A whole area whose two waves rest on different districts (respondents in Zuid in 2023 only, in Oost in 2026
// only): its change compares two areas, which compare, check and report say (adversarial run r34, F1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const CONFIG = 'zone: PZ Test\ncodebook:\n  age_groups: [15-44, 45+]\nestimates:\n  min_cell: 1\n  min_n_eff: 1\n';

function population(): string {
  const lines = ['district,sex,age_group,population'];
  for (const [i, district] of ['Noord', 'Zuid', 'Oost'].entries()) for (const sex of ['M', 'F']) for (const group of ['15-44', '45+']) lines.push(`${district},${sex},${group},${200 + 37 * i + (sex === 'M' ? 11 : 0) + (group === '45+' ? 50 : 0)}`);
  return `${lines.join('\n')}\n`;
}

function survey(wave: string, districts: string[]): string {
  const lines = ['respondent_id,wave,district,sex,age,unsafe_freq'];
  let id = 0;
  for (const district of districts) for (let k = 0; k < 40; k++) lines.push(`${wave}-${++id},${wave},${district},${k % 2 ? 'M' : 'F'},${18 + ((k * 7) % 70)},${1 + ((k * 3 + id) % 5)}`);
  return `${lines.join('\n')}\n`;
}

const GOALS = `goals:
  - id: Z1
    indicator: unsafe_often
    direction: decrease
    baseline: { wave: 2023 }
    target: 0.05
    deadline: 2030
  - id: S1
    indicator: unsafe_often
    district: Zuid
    direction: decrease
    baseline: { wave: 2023 }
    target: 0.05
    deadline: 2030
  - id: N1
    indicator: unsafe_often
    district: Noord
    direction: decrease
    baseline: { wave: 2023 }
    target: 0.05
    deadline: 2030
`;

describe('the whole area over waves that rest on different districts', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  beforeAll(async () => {
    dir.write({ 'safety-scan.yaml': CONFIG, 'pop.csv': population(), 's23.csv': survey('2023', ['Noord', 'Zuid']), 's26.csv': survey('2026', ['Noord', 'Oost']), 'goals.yaml': GOALS });
    expect((await dir.run(['import', '--kind', 'population', 'pop.csv'])).code).toBe(0);
    const run = await dir.run(['import', '--kind', 'survey', 's23.csv', 's26.csv']);
    expect(run.code, explain(run)).toBe(0);
  });
  const said = 'the whole area does not rest on the same districts in 2023 and in 2026 (respondents only in 2023: Zuid; respondents only in 2026: Oost): its change between them compares two different areas, not one area over time.';

  it('compare says so on stderr in every format, and in its JSON', async () => {
    for (const format of ['table', 'csv', 'md']) {
      const run = await dir.run(['compare', '--from', '2023', '--to', '2026', '--indicator', 'unsafe_often', '--format', format]);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stderr).toContain(said);
    }
    const json = await dir.run(['compare', '--from', '2023', '--to', '2026', '--json']);
    expect(JSON.parse(json.stdout).whole_area_apart).toEqual({ only_from: ['Zuid'], only_to: ['Oost'] });
    const nl = await dir.run(['--lang', 'nl', 'compare', '--from', '2023', '--to', '2026']);
    expect(nl.stderr).toContain('de hele zone steunt in 2023 en in 2026 niet op dezelfde wijken (respondenten alleen in 2023: Zuid; respondenten alleen in 2026: Oost)');
    const fr = await dir.run(['--lang', 'fr', 'compare', '--from', '2023', '--to', '2026']);
    expect(fr.stderr).toContain('(répondants seulement en 2023\u202f: Zuid\u202f; répondants seulement en 2026\u202f: Oost)');
  });

  it('check says so for a whole-area goal whose baseline the store gives, not for a district goal', async () => {
    const run = await dir.run(['check', '--goals', 'goals.yaml', '--json']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr.split(said)).toHaveLength(2);
    expect(JSON.parse(run.stdout).whole_area_apart).toEqual([{ from: '2023', to: '2026', only_from: ['Zuid'], only_to: ['Oost'] }]);
    // a district without answers in the checked wave: no resident answered, never "only 0 residents" (r34, minor)
    const zuid = JSON.parse(run.stdout).goals.find((goal: { id: string }) => goal.id === 'S1');
    expect(zuid).toMatchObject({ status: 'insufficient_evidence', reason_code: 'suppressed', reason: 'In 2026 no resident answered, so the goal cannot be judged.' });
  });

  it('says nothing when both waves rest on the same districts', async () => {
    const same = new Workdir();
    try {
      same.write({ 'safety-scan.yaml': CONFIG, 'pop.csv': population(), 's23.csv': survey('2023', ['Noord', 'Zuid', 'Oost']), 's26.csv': survey('2026', ['Noord', 'Zuid', 'Oost']), 'goals.yaml': GOALS });
      expect((await same.run(['import', '--kind', 'population', 'pop.csv'])).code).toBe(0);
      expect((await same.run(['import', '--kind', 'survey', 's23.csv', 's26.csv'])).code).toBe(0);
      const compare = await same.run(['compare', '--from', '2023', '--to', '2026', '--json']);
      expect(compare.stderr).not.toContain('rest on different districts');
      expect(JSON.parse(compare.stdout).whole_area_apart).toBeNull();
      const check = await same.run(['check', '--goals', 'goals.yaml', '--json']);
      expect(check.stderr).not.toContain('rest on different districts');
      expect(JSON.parse(check.stdout).whole_area_apart).toEqual([]);
    } finally {
      same.remove();
    }
  });
});
