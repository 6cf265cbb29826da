// Cronbach's alpha and composite scores (docs/methods.md section 7).
import { describe, expect, test } from 'vitest';
import { compositeScore } from '../../src/stats/composite.js';
import { cronbachAlpha } from '../../src/stats/cronbach.js';
import { golden } from './golden-cases.js';

const items = golden.cronbach.items.map((values) => Float64Array.from(values, (v) => (v === null ? NaN : v)));

describe("Cronbach's alpha", () => {
  test('weighted alpha over complete cases matches R (cov.wt)', () => {
    const result = cronbachAlpha(items, Float64Array.from(golden.cronbach.weights))!;
    expect(result.alpha).toBeCloseTo(golden.cronbach.alpha_weighted, 12);
    expect(result.respondents).toBe(golden.cronbach.respondents);
  });

  test('without weights it is the classic alpha', () => {
    expect(cronbachAlpha(items)!.alpha).toBeCloseTo(golden.cronbach.alpha_unweighted, 12);
  });

  test('identical items hang together perfectly', () => {
    const item = Float64Array.from([1, 2, 3, 4, 5, 2]);
    expect(cronbachAlpha([item, item, item])!.alpha).toBeCloseTo(1, 14);
  });

  test('there is no alpha for one item, too few complete answers, or no spread', () => {
    expect(cronbachAlpha([Float64Array.from([1, 2])])).toBeNull();
    expect(cronbachAlpha([Float64Array.from([1, NaN, 3]), Float64Array.from([NaN, 2, 3])])).toBeNull();
    expect(cronbachAlpha([Float64Array.from([2, 2]), Float64Array.from([3, 3])])).toBeNull();
  });
});

describe('composite scores', () => {
  const frequency = Float64Array.from([1, 5, 3, NaN, NaN]);
  const neighbourhood = Float64Array.from([1, 5, 4, 2, NaN]);
  const dark = Float64Array.from([3, 5, NaN, NaN, 4]);

  test('answered items are rescaled to 0-10 and averaged', () => {
    const score = compositeScore([frequency, neighbourhood, dark].map((values) => ({ values, lo: 1, hi: 5 })));
    expect(score[0]).toBeCloseTo((0 + 0 + 5) / 3, 14);
    expect(score[1]).toBe(10);
    expect(score[2]).toBeCloseTo((5 + 7.5) / 2, 14);
  });

  test('a respondent with fewer than min_items answers has no score', () => {
    const score = compositeScore([frequency, neighbourhood, dark].map((values) => ({ values, lo: 1, hi: 5 })));
    expect(score[3]).toBeNaN();
    expect(score[4]).toBeNaN();
    expect(compositeScore([frequency, neighbourhood, dark].map((values) => ({ values, lo: 1, hi: 5 })), 1)[3]).toBeCloseTo(2.5, 14);
  });

  test('item weights weight the mean', () => {
    const score = compositeScore([
      { values: frequency, lo: 1, hi: 5, weight: 3 },
      { values: dark, lo: 1, hi: 5, weight: 1 },
    ]);
    expect(score[0]).toBeCloseTo((3 * 0 + 1 * 5) / 4, 14);
  });
});
