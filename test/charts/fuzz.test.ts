// Finding 1 and its kin: no input makes a chart loop, grow without bound, or write ill-formed SVG or NaN.
// The properties live in chart-fuzz.ts; bench/fuzz-charts.mjs runs them over many more seeds.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { niceTicks, valueAxis } from '../../src/render/charts/index.js';
import { MAX_TICKS } from '../../src/render/charts/scale.js';
import { axisCase, chartCase, checkAxes, checkChart, checkTicks } from './chart-fuzz.js';

// No clock: a loop on the data's scale shows in what is counted (at most MAX_TICKS ticks, a bounded number of
// marks, every position finite); the endless tick loop of finding 1 grew its tick list until Node died.

describe('axes on nearly equal values (finding 1)', () => {
  test('an insecurity index of 10 in one district and 9.999999999999998 in another gives a readable 0-10 axis', () => {
    const axis = valueAxis({ kind: 'score', values: [10, 9.999999999999998, 10] });
    expect(axis.domain).toEqual([0, 10]);
    expect(axis.ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  test('values a rounding apart tick like one value', () => {
    const axis = niceTicks(9.999999999999998, 10);
    checkTicks(axis, 'niceTicks', 2);
    expect(axis.domain[0]).toBeLessThan(9.999999999999998);
    expect(axis.domain[1]).toBeGreaterThan(10);
    expect(axis.step).toBeGreaterThan(0.01);
  });

  test('equal shares are read from 0%, equal means get a padded axis around them', () => {
    expect(valueAxis({ kind: 'share', values: [0.3, 0.3, 0.30000000000000004] }).domain).toEqual([0, 0.35]);
    expect(valueAxis({ kind: 'share', values: [0, 0] }).domain).toEqual([0, 0.1]);
    const mean = valueAxis({ kind: 'mean', values: [3.2, 3.2] });
    expect(mean.domain[0]).toBeLessThan(3.2);
    expect(mean.domain[1]).toBeGreaterThan(3.2);
  });

  test.each([
    [0, 1e-310],
    [1e-300, 1e-300 * (1 + 2 ** -52)],
    [-1e308, 1e308],
    [1e305, 1e306],
    [5e-324, 1e-323],
  ])('niceTicks(%s, %s) ends with a handful of ticks', (min, max) => {
    const axis = niceTicks(min, max);
    checkTicks(axis, 'niceTicks', 2);
    expect(axis.ticks.length).toBeLessThanOrEqual(MAX_TICKS);
  });

  test('a fixed domain beyond the doubles an axis takes, or without width, gives way to the values', () => {
    checkTicks(valueAxis({ kind: 'mean', values: [2, 3], domain: [1e305, 1e306] }), 'far domain', 1);
    expect(valueAxis({ kind: 'mean', values: [2, 3], domain: [4, 4] }).domain[1]).toBeLessThan(4);
    checkTicks(valueAxis({ kind: 'share', values: [0.2], domain: [NaN, 1] }), 'NaN domain', 1);
  });
});

describe('the chart module under random input', () => {
  test('niceTicks, valueAxis and linearScale: a handful of finite ticks in order, positions inside the range', () => {
    fc.assert(fc.property(axisCase, (c) => void checkAxes(c)), { numRuns: 1000 });
  });

  test('every chart builder: ends quickly, bounded ticks and marks, well-formed SVG, no NaN or Infinity', () => {
    fc.assert(fc.property(chartCase, (c) => void checkChart(c)), { numRuns: 400 });
  });
});
