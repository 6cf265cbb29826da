// `safety-scan check`: goals, expectation gaps and divergences in every format, --fail-on exit codes,
// byte-identical output whatever the import order, and bad goals files pointing at their line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const GOALS = `${DEMO}/goals.yaml`;

const check = (...args: string[]) => demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', GOALS, ...args]);

describe('check --json', () => {
  it('judges every demo goal in file order', async () => {
    const run = await check('--json');
    expect(run.code, explain(run)).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['schema_version', 'wave', 'goals', 'expectation_gaps', 'divergences', 'max_risk', 'whole_area_apart', 'respondents_left_out']);
    expect(result.respondents_left_out).toEqual([]);
    expect(result.whole_area_apart).toEqual([]);
    expect(result.schema_version).toBe(2);
    expect(result.goals.map((g: { id: string; status: string; risk: string }) => [g.id, g.status, g.risk])).toEqual([
      // 14.6% to 10% with about 200 answers a wave: smaller than the 8.2 points such samples can show
      ['G1', 'unmeasurable', 'medium'],
      ['G2', 'achieved', 'low'],
      ['G3', 'behind', 'high'],
      ['G4', 'worsening', 'high'],
      ['G5', 'unmeasurable', 'medium'],
      ['G6', 'behind', 'high'],
    ]);
    expect(result.max_risk).toBe('high');
  });

  it('gives each goal the contract’s fields and a reason in words', async () => {
    const [g1] = JSON.parse((await check('--json')).stdout).goals;
    for (const key of ['id', 'title', 'indicator', 'district', 'direction', 'status', 'risk', 'estimate', 'ci_low', 'ci_high', 'path_value', 'baseline', 'target', 'reason']) {
      expect(g1).toHaveProperty(key);
    }
    expect(g1).toMatchObject({ district: 'Oudegem', direction: 'decrease', target: 0.1, evidence: 'direct', baseline_evidence: 'direct' });
    expect(g1.reason).toMatch(/^The promised change of 4\.6 percentage points \(from 14\.6% in 2023 to 10\.0% in 2029\) is smaller than the smallest change these samples can show \(8\.2 percentage points, with 191 answers in 2023 and as many at the deadline as in 2026, 227\)/);
    // path: B + (T - B) * (2026 - 2023) / (2029 - 2023)
    expect(g1.path_value).toBeCloseTo(g1.baseline + (0.1 - g1.baseline) * 0.5, 12);
  });

  it('sizes every goal against its samples: the smallest change they show, and the completes that would show the promised one', async () => {
    const goals = JSON.parse((await check('--json')).stdout).goals;
    const [g1, g2, g3, , g5] = goals;
    expect(g1).toMatchObject({ measurable: false, baseline_n: 191, deadline_n: 227, deadline_n_source: 'last_wave', completes_needed_for: 'new_baseline_and_deadline' });
    expect(g1.mdc).toBeGreaterThan(g1.promised_change);
    // measured already: the evidence decided, the size is still given
    expect(g2).toMatchObject({ status: 'achieved', measurable: false });
    expect(g3).toMatchObject({ measurable: true, completes_needed: null, completes_needed_for: null });
    expect(g3.mdc).toBeLessThan(g3.promised_change);
    // Drieënhoek: 9 answers about the police in 2023 and in 2026; a 15-point rise cannot be shown
    expect(g5).toMatchObject({ status: 'unmeasurable', reason_code: 'unmeasurable_new_baseline', mdc: null, baseline_n: 9, deadline_n: 9, completes_needed: 212 });
    expect(g5.reason).toMatch(/it would take a new baseline and a measurement at the deadline with 212 completed questionnaires each\. /);
  });

  it('sizes goals with the completes the goals file plans', async () => {
    const work = new Workdir();
    const planned = `${readFileSync(GOALS, 'utf8')}\nplanned_completes:\n  zone: 3000\n  districts: { oudegem: 700 }\n`;
    work.write({ 'goals.yaml': planned });
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', work.path('goals.yaml'), '--json']);
    expect(run.code, explain(run)).toBe(0);
    const goals = JSON.parse(run.stdout).goals;
    // Oudegem its own plan; the whole area the zone's; Sint-Amandsberg its share of 3000 by its 2026 answers
    expect(goals[0]).toMatchObject({ deadline_n: 700, deadline_n_source: 'planned' });
    expect(goals[2]).toMatchObject({ deadline_n: 3000, deadline_n_source: 'planned' });
    // 309 of the 1,425 answers on drug nuisance in 2026
    expect(goals[3].deadline_n).toBe(Math.round((3000 * 309) / 1425));
  });

  // adversarial run r20, F3: a zone total whose share for Oudegem rounds to 0 made G1 'on track, low' with no MDC
  it('a plan that gives a goal\'s area no completes at the deadline makes the goal unmeasurable, never on track', async () => {
    const work = new Workdir();
    work.write({ 'goals.yaml': `${readFileSync(GOALS, 'utf8')}\nplanned_completes:\n  zone: 2\n` });
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', work.path('goals.yaml'), '--json']);
    expect(run.code, explain(run)).toBe(0);
    const g1 = JSON.parse(run.stdout).goals.find((goal: { id: string }) => goal.id === 'G1');
    expect(g1).toMatchObject({ status: 'unmeasurable', risk: 'medium', deadline_n: 0, deadline_n_source: 'planned', mdc: null });
    expect(g1.completes_needed).toBeGreaterThan(0);
  });

  it('an unknown district among the planned completes exits 4 at its line', async () => {
    const work = new Workdir();
    const goals = readFileSync(GOALS, 'utf8');
    work.write({ 'goals.yaml': `${goals}\nplanned_completes:\n  districts:\n    Oudgem: 700\n` });
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', work.path('goals.yaml')]);
    expect(run.code).toBe(4);
    const line = goals.split('\n').length + 3;
    expect(run.stderr).toMatch(new RegExp(`goals\\.yaml:${line}: planned_completes: district \`Oudgem\` is not in the store \\(did you mean Oudegem\\?\\)`));
  });

  // adversarial run r24b, F6: the later of two spellings of one district won silently
  it.each(['oudegem: 5000, Oudegem: 1', 'Oudegem: 1, OUDEGEM: 5000'])('one district given twice among the planned completes (%s) exits 4 naming both lines', async (pair) => {
    const work = new Workdir();
    const goals = readFileSync(GOALS, 'utf8');
    const [first, second] = pair.split(', ').map((entry) => entry.split(':')[0]);
    work.write({ 'goals.yaml': `${goals}\nplanned_completes:\n  districts:\n    ${pair.replace(', ', '\n    ')}\n` });
    const line = goals.split('\n').length + 3;
    for (const args of [['--store', 'zone/safety-scan.db', 'check', '--goals', work.path('goals.yaml')], ['validate', work.path('goals.yaml'), '--as', 'goals']]) {
      const run = await demo.run(args);
      expect(run.code, explain(run)).toBe(4);
      // validate lists it among the file's problems (on stdout), check stops on it
      expect((run.stderr + run.stdout).replace(/\s+/g, ' ')).toContain(`goals.yaml:${line + 1}: planned_completes: \`${second}\` and \`${first}\` on line ${line} are one district to safety-scan`);
    }
  });

  // adversarial run r38, minor: `zone: 1` beside a district's 5,000,000 sized every whole-area goal on 1
  it('a zone planned below what its districts are planned exits 4 at the zone\'s line, in check and validate', async () => {
    const work = new Workdir();
    const goals = readFileSync(GOALS, 'utf8');
    work.write({ 'goals.yaml': `${goals}\nplanned_completes:\n  zone: 100\n  districts: { Oudegem: 80, Baasrode: 40 }\n` });
    const line = goals.split('\n').length + 2;
    for (const args of [['--store', 'zone/safety-scan.db', 'check', '--goals', work.path('goals.yaml')], ['validate', work.path('goals.yaml')]]) {
      const run = await demo.run(args);
      expect(run.code, explain(run)).toBe(4);
      expect((run.stderr + run.stdout).replace(/\s+/g, ' ')).toContain(`goals.yaml:${line}: planned_completes: the zone’s number, 100, is below the 120 questionnaires planned under \`districts:\``);
    }
    work.write({ 'goals.yaml': `${goals}\nplanned_completes:\n  zone: 120\n  districts: { Oudegem: 80, Baasrode: 40 }\n` });
    expect((await demo.run(['validate', work.path('goals.yaml')])).code).toBe(0);
  });

  it('lists expectation gaps and source divergences with their risk', async () => {
    const result = JSON.parse((await check('--json')).stdout);
    expect(result.expectation_gaps[0]).toMatchObject({ district: 'Baasrode', theme: 'burglary', rank: 2, risk: 'medium' });
    expect(result.expectation_gaps.every((gap: { estimate: number }) => gap.estimate >= 0.4)).toBe(true);
    // G4 covers drugs in Sint-Amandsberg, G6 covers speeding everywhere
    expect(result.expectation_gaps.some((gap: { theme: string }) => gap.theme === 'speeding')).toBe(false);
    expect(result.divergences).toContainEqual(expect.objectContaining({ district: 'Zwijnaarde', theme: 'drugs', direction: 'key_figures_higher', risk: 'low' }));
  });

  it('gives the reason in the chosen language', async () => {
    const run = await demo.run(['--store', 'zone/safety-scan.db', '--lang', 'nl', 'check', '--goals', GOALS, '--json']);
    expect(JSON.parse(run.stdout).goals[0].reason).toMatch(/2026/);
    expect(JSON.parse(run.stdout).goals[0].reason).not.toMatch(/^In 2026 the estimate/);
  });
});

describe('check as a table and as Markdown', () => {
  it('shows the goals with status and risk, the reasons, gaps, divergences and the highest risk', async () => {
    const run = await check();
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/│ G3 +│ Halve the share .* │ Whole area +│ behind schedule +│ high +│/);
    expect(run.stdout).toMatch(/G4: In 2026 the estimate, 44\.0%, is significantly worse than the baseline of 23\.7% in 2023/);
    expect(run.stdout).toMatch(/Baasrode: residents rank burglary as problem no\. 2/);
    expect(run.stdout).toMatch(/Zwijnaarde: key figures put drugs at no\. 1, residents at no\. 10 \(4 interviews\)\./);
    expect(run.stdout).toMatch(/Highest risk: high\.\n$/);
  });

  it('renders Markdown tables and lists', async () => {
    const md = (await check('--format', 'md')).stdout;
    expect(md).toMatch(/^# Goals and expectation risk, wave 2026\n\n## Goals of the plan\n\n\| goal \|/);
    expect(md).toMatch(/\| G5 \| More residents of Drieënhoek .* \| unmeasurable \| medium \| – · model \d+\.\d% \(\d+\.\d%–\d+\.\d%\) \| 60\.6% \| 70\.0% \(2031\) \| not on the scale \| 212 × 2 new waves \|/);
    expect(md).toMatch(/\*\*Highest risk: high\.\*\*\n$/);
  });
});

describe('goals judged on the model (`goals: use_model: true`)', () => {
  const withConfig = async (config: string, ...args: string[]) => {
    const work = new Workdir();
    work.write({ 'safety-scan.yaml': config });
    return demo.run(['--store', 'zone/safety-scan.db', '--config', work.path('safety-scan.yaml'), 'check', '--goals', GOALS, ...args]);
  };

  it('stay direct-only by default: the suppressed Drieënhoek estimate stays out, the model estimate stands beside it unused', async () => {
    const [g1, , , , g5] = JSON.parse((await check('--json')).stdout).goals;
    expect(g5).toMatchObject({ evidence: 'direct', estimate: null, ci_low: null, status: 'unmeasurable', completes_needed: 212 });
    expect(g5.model).toMatchObject({ used: false, synthetic: true });
    expect(g5.model.ci_low).toBeLessThan(g5.model.estimate);
    expect(g5.model.ci_high).toBeGreaterThan(g5.model.estimate);
    expect(g5.reason).toMatch(/Too few residents answered to show the district's own figure; estimated with help from similar districts, it is \d+\.\d% \(\d+\.\d% to \d+\.\d%\)\. The goal is judged on the district's own figures only/);
    // Oudegem's direct estimate is reliable: no model beside it
    expect(g1.model).toBeNull();
    const table = (await check()).stdout;
    expect(table).toMatch(/│ G5 .*│ unmeasurable +│ medium +│ – · model \d+\.\d% \(\d+\.\d%–\d+\.\d%\) │/);
  });

  it('use the model estimate, with its interval, where the direct one is suppressed, and say so in words', async () => {
    const run = await withConfig('goals: { use_model: true }\n', '--json');
    expect(run.code, explain(run)).toBe(0);
    const [g1, , , , g5] = JSON.parse(run.stdout).goals;
    expect(g1.evidence).toBe('direct');
    expect(g5).toMatchObject({ evidence: 'model', baseline_evidence: 'file', status: 'unmeasurable', model: { used: true } });
    expect(g5.ci_low).toBeLessThan(g5.estimate);
    expect(g5.ci_high).toBeGreaterThan(g5.estimate);
    expect(g5.reason).toMatch(/is a model estimate, estimated with help from similar districts, because too few residents answered to show the district's own figure\.$/);
    const model = JSON.parse((await demo.run(['--store', 'zone/safety-scan.db', 'indicators', '--model', 'fh', '--indicator', 'police_satisfied', '--json'])).stdout);
    const drieenhoek = model.rows.find((row: { district: string | null }) => row.district === 'Drieënhoek');
    expect(g5.estimate).toBe(drieenhoek.fh.estimate);
    expect(g5.ci_low).toBe(drieenhoek.fh.ci_low);
  });

  it('mark the model estimate in the table and explain the mark', async () => {
    const run = await withConfig('goals: { use_model: true }\n');
    expect(run.stdout).toMatch(/│ G5 .*│ unmeasurable +│ medium +│ +\d+\.\d%‡ \(\d+\.\d%–\d+\.\d%\) │/);
    expect(run.stdout).toMatch(/‡ model estimate: estimated with help from similar districts/);
  });

  it('only for the indicators `small_areas` names', async () => {
    const run = await withConfig('goals: { use_model: true }\nsmall_areas:\n  indicators: [unsafe_often]\n', '--json');
    expect(JSON.parse(run.stdout).goals[4]).toMatchObject({ evidence: 'direct', estimate: null });
  });
});

describe('--fail-on', () => {
  it('exits 1 when a finding reaches the level, and says why on stderr', async () => {
    const run = await check('--json', '--fail-on', 'high');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^failed: a finding reaches high risk \(highest: high\), so `--fail-on high` fails the run\./);
    expect(JSON.parse(run.stdout).max_risk).toBe('high');
  });

  it('exits 0 when nothing reaches the level', async () => {
    const dir = demo;
    dir.write({ 'low.yaml': readFileSync(GOALS, 'utf8').split('\n  - id: G3')[0] + '\n' });
    const base = ['--store', 'zone/safety-scan.db', 'check', '--goals', 'low.yaml', '--json'];
    expect((await dir.run([...base, '--fail-on', 'high'])).code).toBe(0);
    // expectation gaps are medium, divergences low
    expect((await dir.run([...base, '--fail-on', 'medium'])).code).toBe(1);
    expect((await dir.run([...base, '--fail-on', 'low'])).code).toBe(1);
  });

  it('refuses an unknown level', async () => {
    expect((await check('--fail-on', 'severe')).code).toBe(2);
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON twice and on a store built from the files in another order', async () => {
    const first = (await check('--json')).stdout;
    expect((await check('--json')).stdout).toBe(first);
    const other = new Workdir();
    const order: Array<[string, string, string[]]> = [
      ['signals', 'signals.csv', []],
      ['monitor', 'monitor.csv', ['--mapping', `${DEMO}/monitor-mapping.yaml`]],
      ['keyfigures', 'keyfigures.csv', []],
      ['survey', 'survey-2026.csv', []],
      ['survey', 'survey-2023.csv', []],
      ['population', 'population.csv', []],
    ];
    for (const [kind, file, extra] of order) expect((await other.run(['import', '--kind', kind, `${DEMO}/${file}`, ...extra])).code).toBe(0);
    const again = await other.run(['check', '--goals', GOALS, '--json']);
    const indicators = [(await other.run(['indicators', '--json'])).stdout, (await demo.run(['--store', 'zone/safety-scan.db', 'indicators', '--json'])).stdout];
    const compare = [(await other.run(['compare', '--from', '2023', '--to', '2026', '--json'])).stdout, (await demo.run(['--store', 'zone/safety-scan.db', 'compare', '--from', '2023', '--to', '2026', '--json'])).stdout];
    const profile = [(await other.run(['profile', '--json'])).stdout, (await demo.run(['--store', 'zone/safety-scan.db', 'profile', '--json'])).stdout];
    other.remove();
    expect(profile[0]).toBe(profile[1]);
    expect(again.stdout).toBe(first);
    expect(indicators[0]).toBe(indicators[1]);
    expect(compare[0]).toBe(compare[1]);
  });
});

describe('finding the goals file', () => {
  it('uses goals.yaml beside the configuration, or the configuration’s goals:', async () => {
    const dir = new Workdir().write({ 'plan/safety-scan.yaml': `store: ${demo.path('zone', 'safety-scan.db')}\n`, 'plan/goals.yaml': readFileSync(GOALS, 'utf8') });
    const beside = await dir.run(['--config', 'plan/safety-scan.yaml', 'check', '--json']);
    dir.write({ 'plan/safety-scan.yaml': `store: ${demo.path('zone', 'safety-scan.db')}\ngoals: elsewhere.yaml\n`, 'plan/elsewhere.yaml': 'goals: []\n' });
    const configured = await dir.run(['--config', 'plan/safety-scan.yaml', 'check', '--json']);
    dir.remove();
    expect(JSON.parse(beside.stdout).goals).toHaveLength(6);
    expect(JSON.parse(configured.stdout).goals).toHaveLength(0);
  });

  it('without a goals file still checks gaps and divergences, and says so', async () => {
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/no goals file at /);
    expect(JSON.parse(run.stdout).expectation_gaps.length).toBeGreaterThan(0);
  });
});

describe('bad goals files (exit 4, pointing at the line)', () => {
  const goal = (extra: string) => `goals:\n  - id: X1\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.1\n    deadline: 2029\n${extra}`;
  it.each([
    ['unknown indicator', goal('').replace('unsafe_often', 'unsafe_oftn'), /goals\.yaml:3: goal X1: unknown indicator `unsafe_oftn` \(did you mean unsafe_often\?\)/],
    ['unknown district', goal('    district: Oudgem\n'), /goals\.yaml:8: goal X1: district `Oudgem` is not in the store \(did you mean Oudegem\?\)/],
    ['target outside the range', goal('').replace('target: 0.1', 'target: 10'), /goals\.yaml:6: goal X1: the target 10 is outside the possible range of unsafe_often \(0 to 1\)/],
    ['deadline before the baseline', goal('').replace('deadline: 2029', 'deadline: 2020'), /goals\.yaml:7: goal X1: the deadline 2020 must come after the baseline wave 2023/],
    ['duplicate ids', goal('') + goal('').replace('goals:\n', ''), /goals\.yaml:8: goal id `X1` is used twice \(first on line 2\)/],
    ['YAML syntax', 'goals:\n  - id: X1\n   indicator: [unsafe_often\n', /goals\.yaml:\d+:\d+: the file is not valid YAML/],
    ['an unknown key', goal('    traget: 0.2\n'), /goals\.yaml:8: unknown key `goals\.0\.traget`/],
  ])('%s', async (_name, text, message) => {
    demo.write({ 'goals.yaml': text as string });
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stdout).toBe('');
  });

  it('a store baseline later than the --wave checked says so, and lists only waves up to it when not stored', async () => {
    demo.write({ 'late.yaml': goal('').replace('wave: 2023', 'wave: 2026'), 'missing.yaml': goal('').replace('wave: 2023', 'wave: 2025') });
    const late = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--wave', '2023', '--goals', 'late.yaml']);
    expect(late.code, explain(late)).toBe(4);
    expect(late.stderr).toMatch(/late\.yaml:5: goal X1: the baseline wave 2026 comes after the wave being checked \(2023\), so there is no baseline yet/);
    expect(late.stderr).not.toContain('not in the store');
    const fine = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--wave', '2026', '--goals', 'late.yaml']);
    expect(fine.code, explain(fine)).toBe(0);
    const missing = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--wave', '2023', '--goals', 'missing.yaml']);
    expect(missing.code, explain(missing)).toBe(4);
    expect(missing.stderr).toMatch(/the baseline wave 2025 is not in the store, .* use one of these survey waves: 2023\.\n/);
  });

  it('a share target written as a percentage gets a hint', async () => {
    demo.write({ 'goals.yaml': goal('').replace('target: 0.1', 'target: 10') });
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', 'goals.yaml']);
    expect(run.stderr).toMatch(/hint: shares are proportions: write 0\.10 for 10%/);
  });
});

// adversarial run r24b, F9: without figures an unweighted wave knew only the districts that answered in it
describe('a goal on a district that answered only in an earlier wave', () => {
  const header = 'respondent_id;wave;district;sex;age;unsafe_freq';
  const survey = [header, 'A1;2023;Noord;M;40;4', ...Array.from({ length: 15 }, (_, k) => `B${k + 1};2026;Zuid;M;40;2`)].join('\n');
  const goals = 'goals:\n  - {id: G, title: t, indicator: unsafe_often, district: Noord, direction: decrease, baseline: {wave: 2023}, target: 0.1, deadline: 2029}\n';

  it.each([
    ['unweighted, without figures', { 'safety-scan.yaml': 'weighting:\n  method: none\n' }],
    ['weighted with figures', { 'p.csv': 'district;sex;age_group;population\nNoord;M;30-44;100\nZuid;M;30-44;100\n' }],
  ])('%s: not enough data, none of its answers in the checked wave', async (_case, files: Record<string, string>) => {
    const work = new Workdir().write({ 's.csv': survey, 'goals.yaml': goals, ...files });
    if (files['p.csv']) expect((await work.run(['import', '--kind', 'population', 'p.csv'])).code).toBe(0);
    expect((await work.run(['import', '--kind', 'survey', 's.csv'])).code).toBe(0);
    const run = await work.run(['check', '--json']);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).goals[0]).toMatchObject({ district: 'Noord', status: 'insufficient_evidence', reason_code: 'suppressed', wave: '2026', reason: 'In 2026 no resident answered, so the goal cannot be judged.' });
  });

  it('a district in no wave is still not in the store (exit 4)', async () => {
    const work = new Workdir().write({ 's.csv': survey, 'goals.yaml': goals.replace('Noord', 'Oost'), 'safety-scan.yaml': 'weighting:\n  method: none\n' });
    expect((await work.run(['import', '--kind', 'survey', 's.csv'])).code).toBe(0);
    const run = await work.run(['check']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('goal G: district `Oost` is not in the store; use one of: Zuid, Noord.');
  });
});

// Adversarial run r37, minor: a district withheld to protect another (secondary suppression) was said to have had
// "only 25 residents answered, too few to show an estimate".
describe('a goal whose district is withheld to protect another', () => {
  it('says the estimate is withheld although enough residents answered, never that too few did', async () => {
    const sizes: Record<string, number> = { Noord: 30, Zuid: 30, Oost: 25, West: 28, Klein: 9 };
    let population = 'district;sex;age_group;population\n';
    for (const district of Object.keys(sizes)) for (const sex of ['M', 'F']) for (const age of ['15-29', '30-44', '45-59', '60-74', '75+']) population += `${district};${sex};${age};${district === 'Klein' ? 20 : 200}\n`;
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const files: Record<string, string> = { 'pop.csv': population, 'safety-scan.yaml': 'store: t.db\nweighting:\n  collapse_empty_cells: true\n' };
    for (const wave of [2023, 2026]) {
      let survey = 'respondent_id;wave;district;sex;age;unsafe_freq;police_satisfaction\n';
      let i = 0;
      for (const [district, size] of Object.entries(sizes)) {
        for (let k = 0; k < size; k++) {
          i++;
          const [r1, r2] = [random(), random()];
          const sex = district === 'Klein' ? (k % 2 ? 'M' : 'F') : r1 < 0.5 ? 'M' : 'F';
          const age = [20, 35, 50, 65, 80][district === 'Klein' ? k % 5 : Math.floor(r2 * 5)];
          const unsafe = district === 'Klein' ? 4 : 1 + Math.floor(random() * 4);
          survey += `W${wave}-${i};${wave};${district};${sex};${age};${unsafe};${1 + Math.floor(random() * 5)}\n`;
        }
      }
      files[`s${wave}.csv`] = survey;
    }
    files['g.yaml'] = 'goals:\n  - id: O\n    title: t\n    indicator: unsafe_often\n    district: Oost\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.10\n    deadline: 2029\n';
    const dir = new Workdir().write(files);
    try {
      expect((await dir.run(['import', '-q', '--kind', 'population', 'pop.csv'])).code).toBe(0);
      expect((await dir.run(['import', '-q', '--kind', 'survey', 's2023.csv', 's2026.csv'])).code).toBe(0);
      const indicators = JSON.parse((await dir.run(['indicators', '--indicator', 'unsafe_often', '--json'])).stdout);
      expect(indicators.rows.find((row: { district: string }) => row.district === 'Oost')).toMatchObject({ suppression: 'secondary', estimate: null });
      const run = await dir.run(['check', '--goals', 'g.yaml', '--json']);
      expect(run.code, explain(run)).toBe(0);
      const [goal] = JSON.parse(run.stdout).goals;
      expect(goal.reason).toContain('the estimate is withheld, although 25 residents answered, to keep another district’s withheld estimate from being worked out from it');
      expect(goal.reason).not.toContain('too few');
    } finally {
      dir.remove();
    }
  });
});

// Adversarial run r38, F5: with `goals: use_model: true` a goal for a district no resident answered in was judged
// ("achieved", low) on the model's prediction alone, and a baseline no one answered in was the model's too.
describe('a goal whose district no resident answered in, with `goals: use_model: true`', () => {
  const DRIEENHOEK = /Drie.{1,4}nhoek/;
  const without = (file: string) =>
    readFileSync(`${DEMO}/${file}`, 'latin1')
      .split('\n')
      .filter((line) => !DRIEENHOEK.test(line))
      .join('\n');
  /** The demo's population and surveys, Drieënhoek's answers left out of the waves named. */
  const zone = async (leftOut: string[], goals: string) => {
    const work = new Workdir().write({
      's23.csv': leftOut.includes('2023') ? Buffer.from(without('survey-2023.csv'), 'latin1') : readFileSync(`${DEMO}/survey-2023.csv`),
      's26.csv': leftOut.includes('2026') ? Buffer.from(without('survey-2026.csv'), 'latin1') : readFileSync(`${DEMO}/survey-2026.csv`),
      'safety-scan.yaml': 'goals: { file: goals.yaml, use_model: true }\nsmall_areas:\n  indicators: all\n',
      'goals.yaml': `goals:\n${goals}`,
    });
    expect((await work.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const imported = await work.run(['import', '--kind', 'survey', 's23.csv', 's26.csv']);
    expect(imported.code, explain(imported)).toBe(0);
    return work;
  };
  const goal = (id: string, indicator: string, direction: string, baseline: string, target: number) =>
    `  - {id: ${id}, title: t, indicator: ${indicator}, district: Drieënhoek, direction: ${direction}, baseline: ${baseline}, target: ${target}, deadline: 2029}\n`;

  it('none in the wave checked: not enough data, the prediction shown beside it, marked, never judging it', async () => {
    const work = await zone(['2026'], goal('M2', 'police_satisfied', 'increase', '{wave: 2023, value: 0.30}', 0.5));
    const run = await work.run(['check', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const [m2] = JSON.parse(run.stdout).goals;
    expect(m2).toMatchObject({ status: 'insufficient_evidence', risk: 'medium', evidence: 'direct', estimate: null, model: { used: false, no_answers: true, synthetic: true } });
    expect(m2.reason).toMatch(/^In 2026 no resident answered, so the goal cannot be judged\. The model's prediction, made without a single answer from the district, is \d+\.\d% \(\d+\.\d% to \d+\.\d%\); a goal is never judged on a prediction with no answers behind it, not even with `goals: use_model: true`\.$/);
    expect(m2.reason).not.toMatch(/too few residents answered/);
    const table = (await work.run(['check'])).stdout;
    expect(table).toMatch(/│ M2 .*│ not enough data +│ medium +│ – · model \d+\.\d% \(\d+\.\d%–\d+\.\d%\) │/);
    expect(table).not.toContain('‡');
  });

  it('none in either wave: the baseline is no prediction either', async () => {
    const work = await zone(['2023', '2026'], goal('M4', 'unsafe_general', 'decrease', '{wave: 2023}', 0.3));
    const [m4] = JSON.parse((await work.run(['check', '--json'])).stdout).goals;
    expect(m4).toMatchObject({ status: 'insufficient_evidence', evidence: 'direct', baseline_evidence: 'direct', baseline: null, path_value: null, model: { used: false, no_answers: true } });
  });

  it('none in the baseline wave only: the estimate may be the model\'s, the baseline is not, and the reason says nobody answered', async () => {
    const work = await zone(['2023'], goal('M5', 'unsafe_general', 'decrease', '{wave: 2023}', 0.0));
    const [m5] = JSON.parse((await work.run(['check', '--json'])).stdout).goals;
    expect(m5).toMatchObject({ status: 'insufficient_evidence', reason_code: 'baseline_no_answers', evidence: 'model', baseline_evidence: 'direct', baseline: null, model: { used: true, no_answers: false } });
    expect(m5.reason).toMatch(/^In 2023 no resident answered, so there is no baseline and progress cannot be judged; add `baseline: value:` to the goals file\./);
    const nl = JSON.parse((await work.run(['--lang', 'nl', 'check', '--json'])).stdout).goals[0];
    expect(nl.reason).toMatch(/^In 2023 antwoordde geen enkele bewoner, dus er is geen nulmeting/);
  });
});

// Adversarial run r38, F4: population figures replaced by ones without Oudegem (or with 0 residents there) left its
// respondents out of every weighted figure; only `indicators` said so, and `check` said "no resident answered".
describe('a district whose respondents the population figures leave out', () => {
  const zone = async (figures: (line: string) => string | null) => {
    const work = new Workdir();
    expect((await work.run(['demo', 'zone'])).code).toBe(0);
    const population = readFileSync(`${DEMO}/population.csv`, 'utf8').split('\n').map(figures).filter((line) => line !== null).join('\n');
    work.write({ 'zone/pop.csv': population });
    const imported = await work.run(['--store', 'zone/safety-scan.db', 'import', '--kind', 'population', '--replace', 'zone/pop.csv']);
    expect(imported.code, explain(imported)).toBe(0);
    return { run: (...args: string[]) => work.run(['--store', 'zone/safety-scan.db', ...args]), work };
  };
  const leftOut = /230 respondents left out of every weighted figure, the whole area's included: the population figures for 2026 (have none for|count 0 residents in) Oudegem \(230\)/;

  it('figures without the district: check says the respondents are left out, on stderr, in its reason and its JSON', async () => {
    const { run, work } = await zone((line) => (line.startsWith('Oudegem') ? null : line));
    try {
      const table = await run('check', '--goals', GOALS);
      expect(table.stderr).toMatch(leftOut);
      expect(table.stdout).not.toMatch(/no resident answered/);
      const [g1] = JSON.parse((await run('check', '--goals', GOALS, '--json')).stdout).goals;
      expect(g1).toMatchObject({ district: 'Oudegem', status: 'insufficient_evidence', reason_code: 'left_out' });
      // a baseline value from the goals file: its wave's respondents answered, and are left out, never "no baseline answers"
      work.write({ 'given.yaml': 'goals:\n  - {id: B, title: t, indicator: unsafe_often, district: Oudegem, direction: decrease, baseline: {wave: 2023, value: 0.3}, target: 0.2, deadline: 2029}\n' });
      const [given] = JSON.parse((await run('check', '--goals', work.path('given.yaml'), '--json')).stdout).goals;
      expect(given).toMatchObject({ reason_code: 'left_out', not_sized: 'baseline_left_out' });
      expect(g1.reason).toBe('In 2026 230 respondents of Oudegem are left out: the population figures count no residents in it, so the goal cannot be judged; correct the figures and import them again with --replace.');
      const json = JSON.parse((await run('check', '--goals', GOALS, '--json')).stdout);
      expect(json.respondents_left_out).toContainEqual({ wave: '2026', respondents_without_figures: [{ district: 'Oudegem', respondents: 230 }], respondents_without_residents: [], respondents_in_empty_margins: [] });
      const nl = JSON.parse((await run('--lang', 'nl', 'check', '--goals', GOALS, '--json')).stdout).goals[0];
      expect(nl.reason).toMatch(/^In 2026 zijn 230 respondenten van Oudegem weggelaten: de bevolkingscijfers tellen er geen inwoners/);
      for (const args of [['compare', '--from', '2023', '--to', '2026', '--district', 'Oudegem'], ['profile', '--district', 'Oudegem'], ['plan', '--half-width', '0.05', '--indicator', 'unsafe_often']]) {
        const other = await run(...args);
        expect(other.code, explain(other)).toBe(0);
        expect(other.stderr, args[0]).toMatch(leftOut);
        // compare's dashes and plan's 0 answers say why, not "too few answers" alone
        if (args[0] !== 'profile') expect(other.stdout.replace(/\s+/g, ' '), args[0]).toContain('The respondents of Oudegem are left out of every figure here: the population figures count no residents in it, so its figures read as if no one answered.');
      }
      expect((await run('plan', '--half-width', '0.05', '--indicator', 'unsafe_often', '--format', 'md')).stdout).toContain('- The respondents of Oudegem are left out of every figure here');
      const oudegem = { district: 'Oudegem', respondents: 230 };
      const compared = JSON.parse((await run('compare', '--from', '2023', '--to', '2026', '--json')).stdout);
      expect(compared.respondents_left_out.map((entry: { wave: string }) => entry.wave)).toEqual(['2023', '2026']);
      expect(compared.respondents_left_out[1].respondents_without_figures).toEqual([oudegem]);
      expect(JSON.parse((await run('profile', '--json')).stdout).weighting.respondents_without_figures).toEqual([oudegem]);
      expect(JSON.parse((await run('plan', '--half-width', '0.05', '--indicator', 'unsafe_often', '--json')).stdout).respondents_left_out[0].respondents_without_figures).toEqual([oudegem]);
      const report = await run('report', '--goals', GOALS, '--district', 'Oudegem', '--format', 'md', '--out', 'rep');
      expect(report.stderr).toMatch(leftOut);
      const text = readFileSync(work.path('rep', 'report-2026-oudegem-en.md'), 'utf8');
      expect(text).toContain('Feels unsafe often or always: not shown: 230 respondents of Oudegem are left out, the population figures counting no residents in it.');
      expect(text).not.toMatch(/too few answers to say|no resident answered/);
    } finally {
      work.remove();
    }
  });

  it('figures giving the district 0 residents: the same reason, and the districts that are weighted are not named', async () => {
    const { run, work } = await zone((line) => (line.startsWith('Oudegem') ? line.replace(/\|\d+$/, '|0') : line));
    try {
      const table = await run('check', '--goals', GOALS);
      expect(table.stderr).toMatch(leftOut);
      expect(table.stderr).not.toMatch(/Baasrode|Drieënhoek/);
      expect(table.stdout).toMatch(/G1: In 2026 230 respondents of Oudegem are left out/);
      // named once, whole, not again by its sexes, which are all empty then
      expect(table.stderr).not.toMatch(/Oudegem [MF] \(\d+\)/);
      const json = JSON.parse((await run('check', '--goals', GOALS, '--json')).stdout);
      expect(json.respondents_left_out).toContainEqual({ wave: '2026', respondents_without_figures: [], respondents_without_residents: [{ district: 'Oudegem', respondents: 230 }], respondents_in_empty_margins: [] });
    } finally {
      work.remove();
    }
  });
});

// Adversarial run r38, minor: a score goal from 9.99 to 10 read "0.0 (from 10.0 ... to 10.0)".
describe('a goal whose baseline and target differ by less than the usual decimals', () => {
  const scoreGoal = (baseline: number, target: number) =>
    `goals:\n  - {id: S, title: t, indicator: insecurity_index, district: null, direction: decrease, baseline: {wave: 2023, value: ${baseline}}, target: ${target}, deadline: 2029}\n`;
  const reason = async (goals: string) => {
    const work = new Workdir().write({ 'g.yaml': goals });
    const run = await demo.run(['--store', 'zone/safety-scan.db', 'check', '--goals', work.path('g.yaml'), '--json']);
    expect(run.code, explain(run)).toBe(0);
    work.remove();
    return JSON.parse(run.stdout).goals[0];
  };

  it('shows as many decimals as set them apart, in every number of the reason', async () => {
    const close = await reason(scoreGoal(3.21, 3.2));
    expect(close.status).toBe('unmeasurable');
    expect(close.reason).toMatch(/^The promised change of 0\.01 \(from 3\.21 in 2023 to 3\.20 in 2029\) is smaller than the smallest change these samples can show \(\d+\.\d\d, /);
    // the usual decimals where they already differ
    const apart = await reason(scoreGoal(3.5, 3));
    expect(apart.reason).toMatch(/ from 3\.5 in 2023 to 3\.0 in 2029\.$/);
  });
});
