// `indicators --model fh` and `small_areas:` on the demo zone: the model estimate beside the direct one in
// JSON and the table, intervals withheld with the reason when s2u = 0, --explain, a district without
// respondents getting the synthetic estimate, and configuration mistakes pointing at their line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const indicators = (...args: string[]) => demo.run(['--store', 'zone/safety-scan.db', 'indicators', ...args]);

interface Fh {
  estimate: number;
  rmse: number | null;
  ci_low: number | null;
  ci_high: number | null;
  ci_method: string;
  gamma: number;
  synthetic: boolean;
  synthetic_basis: string | null;
}
interface Row {
  indicator: string;
  district: string | null;
  estimate: number | null;
  flag: string;
  fh: Fh | null;
}

async function json(...args: string[]) {
  const run = await indicators('--json', ...args);
  expect(run.code, explain(run)).toBe(0);
  return JSON.parse(run.stdout) as { schema_version: number; rows: Row[]; models: Array<Record<string, unknown>> | null };
}

describe('indicators --model fh --json', () => {
  it('adds fh to every district row, null for the whole area, and the model to `models`', async () => {
    const result = await json('--model', 'fh', '--indicator', 'police_satisfied');
    expect(result.schema_version).toBe(3);
    for (const row of result.rows) {
      if (row.district === null) expect(row.fh).toBeNull();
      else expect(Object.keys(row.fh ?? {})).toEqual(['estimate', 'rmse', 'ci_low', 'ci_high', 'ci_method', 'gamma', 'synthetic', 'synthetic_basis']);
    }
    const [model] = result.models ?? [];
    expect(model).toMatchObject({ indicator: 'police_satisfied', fitted: true, method: 'fay-herriot-reml', intervals_withheld: null });
    expect(model.s2u).toBeGreaterThan(0);
  });

  it('gives Drieënhoek, whose direct estimate is suppressed, a model estimate with its interval, from the covariates alone', async () => {
    const { rows } = await json('--model', 'fh', '--indicator', 'police_satisfied');
    const drieenhoek = rows.find((row) => row.district === 'Drieënhoek');
    expect(drieenhoek).toMatchObject({ estimate: null, flag: 'suppressed' });
    const fh = drieenhoek?.fh;
    expect(fh).toMatchObject({ ci_method: 'fh', gamma: 0, synthetic: true, synthetic_basis: 'withheld' });
    expect(fh?.ci_low).toBeLessThan(fh?.estimate ?? 0);
    expect(fh?.ci_high).toBeGreaterThan(fh?.estimate ?? 1);
    // a sampled district: its own answers weigh gamma, the interval is the EBLUP ± z rmse
    const oudegem = rows.find((row) => row.district === 'Oudegem')?.fh;
    expect(oudegem?.synthetic).toBe(false);
    expect(oudegem?.gamma).toBeGreaterThan(0);
    expect(oudegem?.ci_high ?? 0).toBeCloseTo((oudegem?.estimate ?? 0) + 1.959963984540054 * (oudegem?.rmse ?? 0), 10);
  });

  it('withholds the intervals when s2u is truncated at 0, and says why', async () => {
    const result = await json('--model', 'fh', '--indicator', 'unsafe_often');
    const [model] = result.models ?? [];
    expect(model).toMatchObject({ s2u: 0, intervals_withheld: 's2u_zero' });
    for (const row of result.rows.filter((r) => r.district !== null)) expect(row.fh).toMatchObject({ rmse: null, ci_low: null, ci_high: null, synthetic: true, synthetic_basis: 'no_variation' });
    const table = await indicators('--model', 'fh', '--indicator', 'unsafe_often');
    expect(table.stdout).toContain('The model finds no differences between districts beyond what the covariates predict (s2u = 0)');
    expect(table.stdout).toContain('72%');
  });

  it('leaves fh null and models null without --model', async () => {
    const result = await json('--indicator', 'police_satisfied');
    expect(result.models).toBeNull();
    expect(result.rows.every((row) => row.fh === null)).toBe(true);
  });
});

describe('indicators --model fh (table and --explain)', () => {
  it('shows the model beside the direct estimate and says in plain words what it is', async () => {
    const run = await indicators('--model', 'fh', '--indicator', 'police_satisfied');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/│ Drieënhoek +│ +– │ .*│ +62\.5† │ +52\.6–72\.4 │ 0\.00 │/);
    expect(run.stdout).toContain('estimated with help from similar districts');
  });

  it('--explain prints the coefficients with their SEs and the standardised residuals', async () => {
    const run = await indicators('--model', 'fh', '--explain', '--indicator', 'police_satisfied');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/Model fit: REML in \d+ iterations, s2u = 0\.000\d+/);
    expect(run.stdout).toMatch(/│ share of inhabitants aged 75\+ │ +-?\d\.\d{4} │ +\d\.\d{4} │/);
    expect(run.stdout).toContain('standardised residual');
  });

  it('--explain with --model none is a usage error', async () => {
    const run = await indicators('--model', 'none', '--explain');
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('`--explain` shows a model');
  });

  // adversarial run r19b, F4 g: `--explain --format csv` dropped --explain without a word, exit 0
  it.each([
    ['csv', ['--format', 'csv']],
    ['xlsx', ['--format', 'xlsx', '--out', 'explained.xlsx']],
  ])('--explain with --format %s, which cannot hold the fit, is a usage error; with JSON and Markdown it is shown', async (format, args) => {
    const run = await indicators('--model', 'fh', '--explain', ...args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: \`--explain\` shows a model's fit in the table and in Markdown (JSON always holds it), not with \`--format ${format}\`: leave out \`--explain\`, or choose \`--format table\`, \`md\` or \`json\`.`);
    expect(run.stdout).toBe('');
    const md = await indicators('--model', 'fh', '--explain', '--indicator', 'police_satisfied', '--format', 'md');
    expect(md.code, explain(md)).toBe(0);
    expect(md.stdout).toMatch(/Model fit: REML in \d+ iterations/);
    const json = await indicators('--model', 'fh', '--explain', '--indicator', 'police_satisfied', '--json');
    expect(json.code, explain(json)).toBe(0);
    expect(JSON.parse(json.stdout).models[0].coefficients.length).toBeGreaterThan(0);
  });
});

describe('small_areas: in the configuration', () => {
  const withConfig = (config: string, ...args: string[]) => {
    const work = new Workdir().write({ 'safety-scan.yaml': `store: ${demo.path('zone', 'safety-scan.db')}\n${config}` });
    return work.run(['indicators', ...args]).finally(() => work.remove());
  };

  it('fits the listed indicators without --model, with the configured covariates', async () => {
    const run = await withConfig('small_areas:\n  indicators: [police_satisfied]\n  covariates:\n    - age_group: 75+\n    - sex: F\n', '--json');
    expect(run.code, explain(run)).toBe(0);
    // every entry has `coefficients` (null without a fit, adversarial run r38): `fitted` tells them apart
    const result = JSON.parse(run.stdout) as { rows: Row[]; models: Array<{ indicator: string; fitted: boolean; coefficients: Array<{ covariate: string }> | null }> };
    const fitted = result.models.filter((m) => m.fitted);
    expect(fitted.map((m) => m.indicator)).toEqual(['police_satisfied']);
    expect(fitted[0].coefficients?.map((c) => c.covariate)).toEqual(['intercept', 'age_group:75+', 'sex:F']);
    expect(result.rows.filter((row) => row.indicator === 'unsafe_often').every((row) => row.fh === null)).toBe(true);
  });

  it('takes the previous wave\'s estimate and a key-figure score as covariates, and says why the first wave has no model', async () => {
    const config = 'small_areas:\n  indicators: [unsafe_general]\n  covariates:\n    - previous_wave\n    - key_figures: drugs\n';
    const run = await withConfig(config, '--json');
    expect(run.code, explain(run)).toBe(0);
    const model = (JSON.parse(run.stdout).models as Array<{ indicator: string; fitted: boolean; coefficients: Array<{ covariate: string }> }>).find((m) => m.indicator === 'unsafe_general');
    expect(model?.fitted).toBe(true);
    expect(model?.coefficients.map((c) => c.covariate)).toEqual(['intercept', 'previous_wave:2023', 'key_figures:drugs']);
    const first = await withConfig(config, '--wave', '2023', '--indicator', 'unsafe_general');
    expect(first.code, explain(first)).toBe(0);
    expect(first.stdout).toContain('No model estimates for this indicator: the covariate `previous_wave` needs an earlier wave, and this is the first.');
    const json = await withConfig(config, '--wave', '2023', '--indicator', 'unsafe_general', '--json');
    const result = JSON.parse(json.stdout) as { rows: Row[]; models: Array<{ fitted: boolean; problem: { code: string } }> };
    expect(result.models[0]).toMatchObject({ fitted: false, problem: { code: 'no_previous_wave' } });
    expect(result.rows.every((row) => row.fh === null)).toBe(true);
  });

  it('says in words why a district whose estimate was not shown in the previous wave has no model estimate, in every language', async () => {
    const config = 'small_areas:\n  indicators: [police_satisfied]\n  covariates:\n    - previous_wave\n';
    const expected = {
      en: "No model estimate for Drieënhoek and Schoonaarde: the model needs each district's estimate in 2023, and these districts' are not shown (too few answers in 2023,",
      nl: 'Geen modelschatting voor Drieënhoek en Schoonaarde: het model heeft de schatting van elke wijk in 2023 nodig, en die van deze wijken worden niet getoond (te weinig antwoorden in 2023,',
      fr: 'Pas d’estimation par modèle pour Drieënhoek et Schoonaarde\u202f: le modèle a besoin de l’estimation de chaque quartier en 2023, et celles de ces quartiers ne sont pas publiées (trop peu de réponses en 2023,',
    };
    for (const [lang, sentence] of Object.entries(expected)) {
      const run = await withConfig(config, '--lang', lang, '--indicator', 'police_satisfied', '--format', 'md');
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toContain(sentence);
      expect(run.stdout).not.toMatch(/\{"|\[object /);
    }
  });

  it('names the file, line and closest value for an unknown indicator or age group', async () => {
    const indicator = await withConfig('small_areas:\n  indicators: [police_satisfaction]\n');
    expect(indicator.code, explain(indicator)).not.toBe(0);
    expect(indicator.stderr).toMatch(/safety-scan\.yaml:3\b/);
    expect(indicator.stderr).toContain('police_satisfied');
    const age = await withConfig('small_areas:\n  covariates:\n    - age_group: 75-\n', '--model', 'fh');
    expect(age.code, explain(age)).not.toBe(0);
    expect(age.stderr).toMatch(/safety-scan\.yaml:4\b/);
    expect(age.stderr).toContain('75+');
  });

  it('never echoes an unknown age group that holds personal data: `***` as every echoed configuration value (r24b F1)', async () => {
    for (const value of ['"jan.peeters@example.be"', '["75+", "0470 12 34 56"]']) {
      const run = await withConfig(`small_areas:\n  covariates:\n    - age_group: ${value}\n`, '--indicator', 'unsafe_often');
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toContain('`small_areas.covariates.0.age_group`: `***` is not known');
      expect(run.stderr).not.toMatch(/peeters|0470/i);
    }
    // a plain label is the user's own words, shown
    const plain = await withConfig('small_areas:\n  covariates:\n    - age_group: 80-99\n', '--indicator', 'unsafe_often');
    expect(plain.stderr).toContain('`80-99` is not known');
  });
});

describe('a district without respondents', () => {
  it('gets the synthetic estimate, marked, with its interval', async () => {
    const work = new Workdir();
    try {
      // The demo's survey export is Windows-1252, as Excel writes it: read and written back byte for byte.
      const survey = readFileSync(`${DEMO}/survey-2026.csv`, 'latin1')
        .split('\n')
        .filter((line) => !line.includes(';Drieënhoek;'))
        .join('\n');
      work.write({ 'survey.csv': Buffer.from(survey, 'latin1') });
      for (const [kind, file] of [
        ['population', `${DEMO}/population.csv`],
        ['survey', work.path('survey.csv')],
      ]) {
        const run = await work.run(['--store', 'z.db', 'import', '--kind', kind, file]);
        expect(run.code, explain(run)).toBe(0);
      }
      const run = await work.run(['--store', 'z.db', 'indicators', '--model', 'fh', '--indicator', 'police_satisfied', '--json']);
      expect(run.code, explain(run)).toBe(0);
      const row = (JSON.parse(run.stdout).rows as Row[]).find((r) => r.district === 'Drieënhoek');
      expect(row?.estimate).toBeNull();
      expect(row?.fh).toMatchObject({ synthetic: true, synthetic_basis: 'no_answers', gamma: 0 });
      expect(row?.fh?.ci_low).not.toBeNull();
      const table = await work.run(['--store', 'z.db', 'indicators', '--model', 'fh', '--indicator', 'police_satisfied']);
      expect(table.stdout).toMatch(/│ Drieënhoek +│ .*\d\.\d† │/);
    } finally {
      work.remove();
    }
  });
});

describe('indicators --model fh --format csv', () => {
  it('adds the fh_* columns at the end, empty on the whole-area row', async () => {
    const run = await indicators('--model', 'fh', '--indicator', 'police_satisfied', '--format', 'csv');
    expect(run.code, explain(run)).toBe(0);
    const [header, ...lines] = run.stdout.trim().split(/\r?\n/);
    expect(header).toMatch(/,weighting,fh_estimate,fh_rmse,fh_ci_low,fh_ci_high,fh_gamma,fh_synthetic$/);
    expect(lines.find((line) => line.includes(',Drieënhoek,'))).toMatch(/,suppressed,rake,0\.\d+,0\.\d+,0\.\d+,0\.\d+,0,true$/);
    expect(lines.find((line) => line.includes(',whole_area,'))).toMatch(/,rake,,,,,,$/);
  });
});
