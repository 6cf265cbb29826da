// `safety-scan indicators` in every format, with flags, filters, languages and the unweighted case.
import { describe, expect, it } from 'vitest';
import { BAD, Workdir, explain, useDemoZone } from '../helpers/cli.js';
import { en } from '../../src/i18n/en.js';

const demo = useDemoZone();

const store = ['--store', 'zone/safety-scan.db'];
const indicators = (...args: string[]) => demo.run([...store, 'indicators', ...args]);

describe('indicators --json', () => {
  it('has the contract shape: one row per indicator and district plus the whole area', async () => {
    const run = await indicators('--json');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).slice(0, 4)).toEqual(['schema_version', 'wave', 'weighting', 'rows']);
    expect(result).toMatchObject({ schema_version: 3, wave: '2026', models: null });
    expect(result.weighting).toMatchObject({ method: 'rake', converged: true, respondents: 1497, excluded: 5 });
    for (const key of ['sweeps', 'weight_min', 'weight_max', 'kish_deff']) expect(typeof result.weighting[key]).toBe('number');
    expect(result.rows).toHaveLength(17 * 11);
    expect(Object.keys(result.rows[0])).toEqual(['indicator', 'district', 'wave', 'estimate', 'se', 'ci_low', 'ci_high', 'ci_method', 'n', 'n_eff', 'deff', 'flag', 'suppression', 'not_finite', 'fh']);
    expect(result.rows.every((row: { fh: unknown }) => row.fh === null)).toBe(true);
    const area = result.rows.filter((row: { district: string | null }) => row.district === null);
    expect(area).toHaveLength(17);
  });

  it('withholds suppressed estimates but shows their n', async () => {
    const rows = JSON.parse((await indicators('--json')).stdout).rows;
    const row = rows.find((r: { indicator: string; district: string }) => r.indicator === 'police_satisfied' && r.district === 'Drieënhoek');
    expect(row).toMatchObject({ estimate: null, se: null, ci_low: null, ci_high: null, n: 9, flag: 'suppressed' });
  });

  it('flags unreliable estimates', async () => {
    const rows = JSON.parse((await indicators('--json')).stdout).rows;
    const row = rows.find((r: { indicator: string; district: string }) => r.indicator === 'unsafe_often' && r.district === 'Drieënhoek');
    expect(row).toMatchObject({ estimate: 0, flag: 'unreliable', ci_low: 0, ci_method: 'korn-graubard' });
  });

  it('reports Cronbach’s alpha of the insecurity index', async () => {
    const scores = JSON.parse((await indicators('--json')).stdout).scores;
    expect(scores).toHaveLength(1);
    expect(scores[0].indicator).toBe('insecurity_index');
    expect(scores[0].cronbach_alpha).toBeGreaterThan(0);
  });

  it('gives the same bytes twice', async () => {
    expect((await indicators('--json')).stdout).toBe((await indicators('--json')).stdout);
  });

  it('--format json and --json are the same', async () => {
    expect((await indicators('--format', 'json')).stdout).toBe((await indicators('--json')).stdout);
  });
});

describe('indicators as a table', () => {
  it('shows percentages with intervals, the whole area set apart, a legend and the weighting', async () => {
    const run = await indicators('--indicator', 'unsafe_often');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/feels unsafe often or always \(unsafe_often\)/);
    expect(run.stdout).toMatch(/│ Oudegem +│ +6\.6 │ +3\.8–10\.7 │ +227 │/);
    expect(run.stdout).toMatch(/│ ─+ │[─ │]+\n│ Whole area +│ +12\.2 │/);
    expect(run.stdout).toMatch(/\* unreliable: .* – suppressed: fewer than 10 answers; never shown\./);
    expect(run.stdout).toMatch(/Weighted by raking to district × sex and district × age group \(\d+ sweeps\): 1,497 respondents used, 5 left out/);
  });

  it('shows no number for a suppressed estimate', async () => {
    const table = (await indicators('--indicator', 'police_satisfied')).stdout;
    const line = table.split('\n').find((l) => l.includes('Drieënhoek'))!;
    expect(line).toMatch(/│ Drieënhoek +│ +– │ +│ +9 │ +│/);
  });

  it('follows the language: decimal commas in Dutch', async () => {
    const run = await demo.run([...store, '--lang', 'nl', 'indicators', '--indicator', 'unsafe_often']);
    expect(run.stdout).toMatch(/│ Oudegem +│ +6,6 │ +3,8–10,7 │/);
  });
});

describe('indicators as CSV and Markdown', () => {
  it('CSV has one row per indicator and district and names units', async () => {
    const csv = (await indicators('--format', 'csv')).stdout.split('\r\n').filter(Boolean);
    expect(csv[0]).toBe('indicator,unit,district,scope,wave,estimate,se,ci_low,ci_high,ci_method,n,n_eff,deff,flag,weighting');
    expect(csv).toHaveLength(1 + 17 * 11);
    expect(csv.find((line) => line.startsWith('unsafe_often,proportion_0_1,,whole_area,2026,'))).toBeDefined();
    expect(csv.find((line) => line.startsWith('insecurity_index,score_0_10,Oudegem,district,2026,'))).toBeDefined();
    expect(csv.find((line) => line.startsWith('police_satisfied,proportion_0_1,Drieënhoek,district,2026,,,,,korn-graubard,9,,,suppressed'))).toBeDefined();
  });

  it('Markdown has a table per indicator with the whole area in bold', async () => {
    const md = (await indicators('--format', 'md', '--indicator', 'unsafe_often')).stdout;
    expect(md).toMatch(/^# Indicators, wave 2026\n\n## feels unsafe often or always \(unsafe\\_often\)\n\n\| district \| % \| 95% interval \| n \|\n\| --- \| ---: \| ---: \| ---: \|\n/);
    expect(md).toMatch(/\| \*\*Whole area\*\* \| \*\*12\.2\*\* \|/);
  });
});

describe('filters and errors', () => {
  it('--district keeps that district and the whole area', async () => {
    const rows = JSON.parse((await indicators('--json', '--district', 'oudegem', '--indicator', 'unsafe_often,avoidance')).stdout).rows;
    expect(rows.map((r: { indicator: string; district: string | null }) => `${r.indicator}/${r.district}`)).toEqual([
      'unsafe_often/Oudegem',
      'unsafe_often/null',
      'avoidance/Oudegem',
      'avoidance/null',
    ]);
  });

  it('--wave picks an earlier wave', async () => {
    expect(JSON.parse((await indicators('--json', '--wave', '2023')).stdout).wave).toBe('2023');
  });

  it.each([
    [['--district', 'Oudgem'], /district `Oudgem` is not in this wave \(did you mean Oudegem\?\)/],
    [['--indicator', 'unsafe_oftn'], /unknown indicator `unsafe_oftn` \(did you mean unsafe_often\?\)/],
    [['--wave', '2019'], /wave `2019` is not in the store; use one of these survey waves: 2023, 2026/],
  ])('%j is a usage error', async (args, message) => {
    const run = await indicators(...(args as string[]));
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('a store without a survey says what to import', async () => {
    const dir = new Workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    const run = await dir.run(['indicators']);
    dir.remove();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no survey wave yet/);
  });
});

describe('weighting', () => {
  it('without population figures every output says the figures are unweighted', async () => {
    const dir = new Workdir();
    await dir.run(['import', '--kind', 'survey', `${BAD}/labels-nl.csv`]);
    const json = JSON.parse((await dir.run(['indicators', '--json'])).stdout);
    const table = (await dir.run(['indicators', '--indicator', 'unsafe_often'])).stdout;
    const csv = (await dir.run(['indicators', '--format', 'csv'])).stdout;
    dir.remove();
    expect(json.weighting.method).toBe('none');
    expect(table).toMatch(/Unweighted \(no population figures, or `weighting: method: none`\)/);
    expect(csv.split('\r\n')[1]).toMatch(/,none$/);
  });

  it('post-stratification with an empty cell fails with the cells listed, and collapsing fixes it', async () => {
    const respondents = ['M;30', 'M;40', 'F;30', 'F;70', 'F;80'].map((cell, i) => `R${i};2026;Oudegem;${cell};2`);
    const dir = new Workdir().write({
      'safety-scan.yaml': 'weighting:\n  method: poststratify\n',
      'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq', ...respondents].join('\n'),
    });
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
    await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')]);
    const failed = await dir.run(['indicators']);
    expect(failed.code, explain(failed)).toBe(3);
    expect(failed.stderr).toMatch(/wave 2026 cannot be weighted because these cells have residents but no respondents \(population in brackets\): Oudegem M 75\+ \(400\)/);
    expect(failed.stderr).toMatch(/hint: set `weighting: collapse_empty_cells: true`.*, or weight with `method: rake`\./);
    dir.write({ 'safety-scan.yaml': 'weighting:\n  method: poststratify\n  collapse_empty_cells: true\n' });
    const fixed = await dir.run(['indicators', '--json']);
    dir.remove();
    expect(fixed.code, explain(fixed)).toBe(0);
    expect(JSON.parse(fixed.stdout).weighting.collapsed.length).toBeGreaterThan(0);
  });

  it('raking (the default) with an empty age group: the hint offers merging age groups, not the raking already in use (r17b finding 3)', async () => {
    const respondents = ['M;30', 'M;40', 'F;30', 'F;35'].map((cell, i) => `R${i};2026;Oudegem;${cell};2`);
    const dir = new Workdir().write({ 'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq', ...respondents].join('\n') });
    try {
      await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
      await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')]);
      const failed = await dir.run(['indicators']);
      expect(failed.code, explain(failed)).toBe(3);
      expect(failed.stderr).toMatch(/have residents but no respondents .*Oudegem 75\+/);
      expect(failed.stderr).toContain(`hint: ${en['hint.collapse_empty_cells']}`);
      expect(failed.stderr).not.toContain('method: rake');
      dir.write({ 'safety-scan.yaml': 'weighting:\n  collapse_empty_cells: true\n' });
      const fixed = await dir.run(['indicators', '--json']);
      expect(fixed.code, explain(fixed)).toBe(0);
    } finally {
      dir.remove();
    }
  });
});

describe('output safety', () => {
  it('neutralises formulas in CSV and escapes markup in Markdown', async () => {
    const dir = new Workdir().write({
      'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq', ...Array.from({ length: 12 }, (_, i) => `R${i};2026;${i % 2 ? '=HYPERLINK("x")' : '<script>alert(1)</script>'};F;40;${(i % 5) + 1}`)].join('\n'),
    });
    // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
    await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')]);
    const csv = (await dir.run(['indicators', '--format', 'csv', '--indicator', 'unsafe_often'])).stdout;
    const md = (await dir.run(['indicators', '--format', 'md', '--indicator', 'unsafe_often'])).stdout;
    dir.remove();
    expect(csv).toMatch(/"'=HYPERLINK\(""x""\)"/);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(md).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(md).not.toMatch(/<script>/);
  });
});

describe('indicators the configuration defines', () => {
  it('estimates a share, a mean and a weighted score of a local item, with Cronbach’s alpha', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `R${i};2026;Oudegem;${i % 2 ? 'F' : 'M'};${20 + i};${(i % 5) + 1};${(i * 3) % 5 + 1}`);
    const dir = new Workdir().write({
      'safety-scan.yaml': [
        'codebook:',
        '  items:',
        '    cohesion: { values: [1, 2, 3, 4, 5], labels: { nl: [helemaal oneens, oneens, neutraal, eens, helemaal eens] } }',
        'indicators:',
        '  - { id: cohesion_agree, type: share, item: cohesion, values: [4, 5] }',
        '  - { id: cohesion_mean, type: mean, item: cohesion }',
        '  - { id: cohesion_score, type: score, items: [cohesion, unsafe_freq], item_weights: [2, 1], min_items: 2 }',
        '',
      ].join('\n'),
      'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq;cohesion', ...rows].join('\n'),
    });
    // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
    expect((await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')])).code).toBe(0);
    const run = await dir.run(['indicators', '--json', '--indicator', 'cohesion_agree,cohesion_mean,cohesion_score']);
    dir.remove();
    expect(run.code, explain(run)).toBe(0);
    const result = JSON.parse(run.stdout);
    const area = (id: string) => result.rows.find((row: { indicator: string; district: string | null }) => row.indicator === id && row.district === null);
    // cohesion cycles 1,4,2,5,3: two of every five agree; the mean is 3
    expect(area('cohesion_agree').estimate).toBeCloseTo(0.4, 12);
    expect(area('cohesion_mean').estimate).toBeCloseTo(3, 12);
    expect(area('cohesion_mean').ci_method).toBe('t');
    // score: (2 * 10(c-1)/4 + 10(u-1)/4) / 3, averaged over respondents (both cycles average 5 on the 0-10 scale)
    expect(area('cohesion_score').estimate).toBeCloseTo(5, 12);
    expect(result.scores).toEqual([expect.objectContaining({ indicator: 'cohesion_score', respondents: 40 })]);
  });

  it('an indicator on an item the codebook lacks is a configuration error with its line', async () => {
    const dir = new Workdir().write({ 'safety-scan.yaml': 'indicators:\n  - { id: x_share, type: share, item: nothing, values: [1] }\n' });
    const run = await dir.run(['status']);
    dir.remove();
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/safety-scan\.yaml:2: `indicators\.0\.item`: item `nothing` is not in the codebook/);
  });
});
