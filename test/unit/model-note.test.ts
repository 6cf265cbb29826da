// The small-area model's note names every covariate a district lacks in words, never as a structured value.
import { describe, expect, it } from 'vitest';
import { LANGS, translator } from '../../src/i18n/index.js';
import type { CovariateName, SmallAreaFit } from '../../src/indicators/small-area-model.js';
import { modelNote } from '../../src/render/indicators/model.js';

const covariates: CovariateName[] = [
  { code: 'age_group', groups: ['75+'] },
  { code: 'sex', sex: 'F' },
  { code: 'previous_wave', wave: '2023' },
  { code: 'key_figures', theme: 'drugs' },
];

const fit: SmallAreaFit = {
  ok: true,
  indicator: 'unsafe_general',
  wave: '2026',
  covariates: [{ code: 'intercept' }, ...covariates],
  coefficients: [],
  s2u: 0.001,
  iterations: 5,
  varianceExplained: 0.5,
  pooledDeff: 1.2,
  pooledDeffSource: 'districts',
  sampled: 6,
  intervalsWithheld: false,
  districts: [],
  leftOut: [
    { district: 'Noord', covariate: covariates[0] },
    { district: 'Oost', covariate: covariates[1] },
    { district: 'Zuid', covariate: covariates[2] },
    { district: 'West', covariate: covariates[3] },
    { district: 'Centrum', covariate: covariates[0] },
  ],
};

describe('the model note on districts left out of the model', () => {
  it('names the covariate each lacks in words, grouped, in every language', () => {
    for (const lang of LANGS) {
      const note = modelNote(fit, translator(lang)) ?? '';
      expect(note, lang).not.toMatch(/\{"|\[object |"code"/);
      for (const district of ['Noord', 'Oost', 'Zuid', 'West']) expect(note, lang).toContain(district);
    }
    const en = modelNote(fit, translator('en'));
    expect(en).toContain('No model estimate for Noord and Centrum: no value for “share of inhabitants aged 75+”.');
    expect(en).toContain('No model estimate for Oost: no value for “share of women”.');
    expect(en).toContain("No model estimate for Zuid: the model needs each district's estimate in 2023, and this district's is not shown");
    expect(en).toContain('No model estimate for West: no value for “key figures\' mean severity for');
  });
});
