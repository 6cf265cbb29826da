// Two districts whose answers the calibration explains entirely (adversarial run r38): in 2026 Noord answers all
// "often" and Zuid all "never", so the whole area's design effect is rounding noise (~2e-16) and its SE 9.5e-10.
// Such a design effect is no basis for a plan or a goal (F1, F3), and a change over such an SE is certain (F2).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';
import type { PlanJsonRow } from '../helpers/plan.js';

let work: Workdir;

/** 2 districts x 30 respondents per wave: 2023 all "never"; 2026 Noord all "often", Zuid all "never"; drugs a problem in Zuid only. */
function survey(): string {
  const lines = ['respondent_id,wave,district,sex,age,unsafe_freq,police_satisfaction,problem_drugs'];
  let id = 0;
  for (const wave of ['2023', '2026'])
    for (const district of ['Noord', 'Zuid'])
      for (let i = 0; i < 30; i++) {
        id++;
        const unsafe = wave === '2023' ? 1 : district === 'Noord' ? 4 : 1;
        lines.push([id, wave, district, i % 2 ? 'M' : 'F', 20 + i * 2, unsafe, 5, district === 'Zuid' ? 4 : 1].join(','));
      }
  return `${lines.join('\n')}\n`;
}

function population(): string {
  const lines = ['district,sex,age_group,population'];
  for (const district of ['Noord', 'Zuid']) for (const sex of ['M', 'F']) for (const age of ['15-29', '30-44', '45-59', '60-74', '75+']) lines.push([district, sex, age, 1000].join(','));
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  work = new Workdir();
  work.write({ 's.csv': survey(), 'pop.csv': population() });
  for (const args of [['import', '--kind', 'population', 'pop.csv'], ['import', '--kind', 'survey', 's.csv']]) {
    const run = await work.run(args);
    if (run.code !== 0) throw new Error(explain(run));
  }
});
afterAll(() => work?.remove());

describe('plan on a design effect of rounding noise (adversarial run r38, F1)', () => {
  test('--half-width: 1 in its place, marked ‡ with the reason, as many questionnaires as a simple random sample', async () => {
    const run = await work.run(['plan', '--half-width', '0.05', '--indicator', 'unsafe_often', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const rows: PlanJsonRow[] = JSON.parse(run.stdout).rows;
    expect(rows).toHaveLength(3);
    // 1.96^2 * 0.25 / 0.05^2 = 384.1
    for (const row of rows) expect(row, String(row.district)).toMatchObject({ p: 0.5, p_source: 'whole_area', deff: 1, deff_source: 'none', completes: 385 });
    const table = await work.run(['plan', '--half-width', '0.05', '--indicator', 'unsafe_often']);
    expect(table.stdout).toContain('1.00‡');
    expect(table.stdout.replace(/\s+/g, ' ')).toContain('‡ a design effect of practically 0 (the weighting explains the answers entirely; only rounding noise is left) is no basis for a plan: 1 is used instead.');
    expect(table.stdout).not.toContain('no usable estimate');
  });

  test('--change: the questionnaires per wave of power.prop.test, not 1', async () => {
    const run = await work.run(['plan', '--change', '0.1', '--indicator', 'unsafe_often', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const rows: PlanJsonRow[] = JSON.parse(run.stdout).rows;
    // R: power.prop.test(p1 = .5, p2 = .4, power = .8)$n = 387.3385
    for (const row of rows) expect(row, String(row.district)).toMatchObject({ deff: 1, deff_source: 'none', completes: 388 });
  });
});

describe('compare over a float-noise SE (adversarial run r38, F2)', () => {
  test('the whole area from 0% to 50%: p = 0, significant, in the test family; Markdown never prints NaN', async () => {
    const run = await work.run(['compare', '--from', '2023', '--to', '2026', '--indicator', 'unsafe_often', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const whole = (JSON.parse(run.stdout).rows as Array<{ district: string | null; p: number | null; q: number | null; significant: boolean | null }>).find((row) => row.district === null);
    expect(whole).toMatchObject({ p: 0, q: 0, significant: true });
    const md = await work.run(['compare', '--from', '2023', '--to', '2026', '--indicator', 'unsafe_often', '--format', 'md']);
    expect(md.code, explain(md)).toBe(0);
    expect(md.stdout).not.toMatch(/NaN|Infinity/);
    expect(md.stdout).toMatch(/\| Whole area \| 0\.0 \| 50\.0 \| \+50\.0 \| &lt; 0\.001 \| &lt; 0\.001 \| significant \|/);
  });
});

describe('check on a design effect of rounding noise (adversarial run r38, F3)', () => {
  test('a 1-point change from 100% of 30 answers is not called measurable on an MDC of 6e-61', async () => {
    work.write({
      'g.yaml': 'goals:\n  - id: T1\n    title: Drugs Zuid iets minder\n    indicator: problem_drugs\n    district: Zuid\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.99\n    deadline: 2030\n',
    });
    const run = await work.run(['check', '--goals', 'g.yaml', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const goal = JSON.parse(run.stdout).goals[0];
    // the area's own design effect is missing (100%) and the whole area's is noise: none to size the goal with
    expect(goal).toMatchObject({ measurable: null, not_sized: 'no_design_effect', mdc: null });
    const text = await work.run(['check', '--goals', 'g.yaml']);
    expect(text.stdout).not.toContain('detectable from: 0.0 percentage points');
  });
});

describe('indicators --model fh --json on indicators without a fit (adversarial run r38, minor)', () => {
  test('every models[] entry has the same keys, and an indicator nobody answered says no_answers', async () => {
    const run = await work.run(['indicators', '--model', 'fh', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const models = JSON.parse(run.stdout).models as Array<Record<string, unknown> & { indicator: string; problem: { code: string } | null }>;
    const keys = ['indicator', 'fitted', 'problem', 'method', 'sampling_variance', 'pooled_deff', 's2u', 'iterations', 'variance_explained', 'districts_in_fit', 'intervals_withheld', 'coefficients', 'districts', 'left_out'];
    for (const model of models) expect(Object.keys(model).sort(), model.indicator).toEqual([...keys].sort());
    const byId = new Map(models.map((model) => [model.indicator, model]));
    // no column for it in the export: nobody answered
    expect(byId.get('unsafe_neighbourhood')).toMatchObject({ fitted: false, problem: { code: 'no_answers' }, s2u: null, coefficients: null });
    // every answer alike ("very satisfied"): answers without spread, still no_spread
    expect(byId.get('police_satisfied')?.problem).toEqual({ code: 'no_spread' });
    const text = await work.run(['indicators', '--model', 'fh', '--indicator', 'unsafe_neighbourhood']);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('no respondent answered this question in this wave');
  });
});
