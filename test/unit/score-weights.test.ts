// A score's item weights: only their ratios count, whatever their scale (docs/methods.md section 7.1).
import { describe, expect, it } from 'vitest';
import type { IndicatorDefinition } from '../../src/config/codebook.js';
import { defaultSettings } from '../../src/config/settings.js';
import { indicatorValues } from '../../src/indicators/engine.js';
import { MISSING_CODE, type SurveyWave } from '../../src/store/survey.js';

const n = 40;
const wave: SurveyWave = {
  wave: '2026',
  n,
  districts: ['A'],
  district: new Int32Array(n),
  sex: new Int8Array(n),
  age: new Int16Array(n).fill(40),
  weight: null,
  items: new Map([
    ['unsafe_freq', Int16Array.from({ length: n }, (_, i) => (i % 7 === 0 ? MISSING_CODE : 1 + (i % 5)))],
    ['unsafe_dark', Int16Array.from({ length: n }, (_, i) => 1 + ((i * 3) % 5))],
  ]),
};
const index = Int32Array.from({ length: n }, (_, i) => i);
const settings = defaultSettings();
const score = (itemWeights?: number[]) => {
  const definition: IndicatorDefinition = { id: 's', type: 'score', items: ['unsafe_freq', 'unsafe_dark'], itemWeights, minItems: 1, label: {} };
  return Array.from(indicatorValues(definition, wave, settings, index));
};

describe('score item weights', () => {
  it('equal weights of any scale give the unweighted score, never 0 or a rounded one (adversarial run r15, finding F2)', () => {
    const equal = score([1, 1]);
    expect(score()).toEqual(equal);
    for (const weight of [1e308, 5e-324, 1e-6, 1e6, 3]) expect(score([weight, weight]), String(weight)).toEqual(equal);
    expect(equal.every((value) => value >= 0 && value <= 10)).toBe(true);
  });

  it('unequal weights give the weighted mean of the 0-10 item scores, to 1e-12', () => {
    const weighted = score([2, 1]);
    weighted.forEach((value, i) => {
      const freq = wave.items.get('unsafe_freq')?.[i] ?? MISSING_CODE;
      const dark = wave.items.get('unsafe_dark')?.[i] ?? MISSING_CODE;
      const expected = freq === MISSING_CODE ? (10 * (dark - 1)) / 4 : (2 * ((10 * (freq - 1)) / 4) + (10 * (dark - 1)) / 4) / 3;
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-12);
    });
    expect(score([2e300, 1e300])).toEqual(weighted);
  });
});
