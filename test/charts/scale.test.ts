// Scales and nice axes: the positions and tick values every chart builds on.
import { describe, expect, test } from 'vitest';
import { linearScale, niceStep, niceTicks, valueAxis } from '../../src/render/charts/scale.js';

describe('linear scale', () => {
  test('maps the ends of the domain to the ends of the range', () => {
    const x = linearScale([0, 1], [100, 500]);
    expect(x(0)).toBe(100);
    expect(x(1)).toBe(500);
    expect(x(0.25)).toBe(200);
  });

  test('maps onto a reversed range, as a vertical axis needs', () => {
    const y = linearScale([1, 5], [300, 20]);
    expect(y(1)).toBe(300);
    expect(y(5)).toBe(20);
    expect(y(3)).toBe(160);
  });

  test('clamps values outside the domain to its ends', () => {
    const x = linearScale([0, 10], [0, 200]);
    expect(x(-3)).toBe(0);
    expect(x(12)).toBe(200);
  });

  test('extrapolates when clamping is off', () => {
    expect(linearScale([0, 10], [0, 200], { clamp: false })(12)).toBe(240);
  });

  test('a zero-width domain maps every value to the middle of the range', () => {
    const x = linearScale([3, 3], [0, 100]);
    expect(x(3)).toBe(50);
    expect(x(-1)).toBe(50);
  });
});

describe('nice steps', () => {
  test.each([
    [1, 5, 0.2],
    [10, 5, 2],
    [100, 5, 20],
    [4, 5, 1],
    [0.035, 5, 0.005],
    [7, 5, 1],
    [30, 5, 5],
  ])('a span of %s in about %s ticks steps by %s', (span, count, step) => {
    expect(niceStep(span, count).step).toBe(step);
  });

  test('every step is 1, 2 or 5 times a power of ten', () => {
    for (let span = 0.0013; span < 5000; span *= 1.37) {
      expect([1, 2, 5]).toContain(niceStep(span, 5).mantissa);
    }
  });
});

describe('nice ticks', () => {
  test('0-1 proportions tick every 0.2', () => {
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('0-10 scores tick every 2', () => {
    expect(niceTicks(0, 10).ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  test('1-5 means tick every whole point', () => {
    expect(niceTicks(1, 5).ticks).toEqual([1, 2, 3, 4, 5]);
  });

  test('the domain grows outwards to whole steps', () => {
    const axis = niceTicks(0.03, 0.97);
    expect(axis.domain).toEqual([0, 1]);
    expect(axis.decimals).toBe(1);
  });

  test('ticks are the decimals they stand for, not float noise', () => {
    const axis = niceTicks(0.1, 0.7, 6);
    expect(axis.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(axis.ticks.map(String)).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7']);
  });

  test('a tiny range gets tiny steps and enough decimals', () => {
    const axis = niceTicks(0.0012, 0.0047);
    expect(axis.step).toBe(0.0005);
    expect(axis.ticks[0]).toBe(0.001);
    expect(axis.ticks[axis.ticks.length - 1]).toBe(0.005);
    expect(axis.decimals).toBe(4);
  });

  test('a zero-width domain widens around its value', () => {
    const axis = niceTicks(3.2, 3.2);
    expect(axis.domain[0]).toBeLessThan(3.2);
    expect(axis.domain[1]).toBeGreaterThan(3.2);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
  });

  test('a zero-width domain at zero becomes -1..1', () => {
    expect(niceTicks(0, 0).domain).toEqual([-1, 1]);
  });

  test('negative ranges work and never show -0', () => {
    const axis = niceTicks(-4, 4);
    expect(axis.ticks).toEqual([-4, -2, 0, 2, 4]);
    expect(Object.is(axis.ticks[2], -0)).toBe(false);
  });

  test('reversed or non-finite input still gives an axis', () => {
    expect(niceTicks(5, 1).ticks).toEqual([1, 2, 3, 4, 5]);
    expect(niceTicks(NaN, Infinity).domain).toEqual([0, 1]);
  });
});

describe('value axes', () => {
  test('shares tick at tidy percentages inside 0-100%', () => {
    const axis = valueAxis({ kind: 'share', values: [0.12, 0.08, 0.36] });
    expect(axis.domain[0]).toBeGreaterThanOrEqual(0);
    for (const tick of axis.ticks) expect(Number.isInteger(Math.round(tick * 1e6) / 1e4)).toBe(true);
    expect(axis.ticks).toContain(0.1);
    expect(axis.ticks).toContain(0.2);
    expect(axis.decimals).toBe(0);
  });

  test('shares near 0 never go below 0%, shares near 1 never above 100%', () => {
    const low = valueAxis({ kind: 'share', values: [0, 0.03, 0.05] });
    expect(low.domain[0]).toBe(0);
    const high = valueAxis({ kind: 'share', values: [0.95, 0.99, 1] });
    expect(high.domain[1]).toBe(1);
  });

  test('shares spread over most of the scale get the whole 0-100%', () => {
    const axis = valueAxis({ kind: 'share', values: [0.05, 0.8] });
    expect(axis.domain).toEqual([0, 1]);
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('share decimals count percentage points', () => {
    const axis = valueAxis({ kind: 'share', values: [0.0081, 0.0094] });
    expect(axis.step).toBe(0.002);
    expect(axis.decimals).toBe(1);
  });

  test('share and score axes start at 0, so 11.9% -> 12.2% never looks like a rise', () => {
    for (const values of [[0.119, 0.122], [0.09, 0.15], [0.5, 0.6], [0.97, 0.99]]) {
      const axis = valueAxis({ kind: 'share', values });
      expect(axis.domain[0], String(values)).toBe(0);
      expect(axis.ticks[0]).toBe(0);
      expect(axis.domain[1]).toBeGreaterThanOrEqual(Math.max(...values));
    }
    expect(valueAxis({ kind: 'score', values: [6.1, 9.9] }).domain[0]).toBe(0);
    expect(valueAxis({ kind: 'mean', values: [3.1, 3.4] }).domain[0]).toBeGreaterThan(0);
  });

  test('scores stay inside 0-10', () => {
    const axis = valueAxis({ kind: 'score', values: [6.1, 9.9] });
    expect(axis.domain[1]).toBe(10);
    expect(axis.ticks.length).toBeGreaterThan(1);
    expect(axis.ticks.every((tick) => tick >= 0 && tick <= 10)).toBe(true);
  });

  test('means use their own unit with no bounds', () => {
    const axis = valueAxis({ kind: 'mean', values: [2.4, 3.9] });
    expect(axis.domain[0]).toBeLessThanOrEqual(2.4);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(3.9);
    expect(axis.domain[1]).toBeLessThanOrEqual(5);
  });

  test('a fixed domain is kept exactly, with ticks inside it', () => {
    const axis = valueAxis({ kind: 'mean', values: [2.4, 3.9], domain: [1, 5] });
    expect(axis.domain).toEqual([1, 5]);
    expect(axis.ticks).toEqual([1, 2, 3, 4, 5]);
  });

  test('no values give the kind\'s natural axis', () => {
    expect(valueAxis({ kind: 'share', values: [] }).domain).toEqual([0, 1]);
    expect(valueAxis({ kind: 'score', values: [] }).domain).toEqual([0, 10]);
    expect(valueAxis({ kind: 'mean', values: [] }).domain).toEqual([0, 1]);
  });

  test('a single value gets an axis around it', () => {
    const axis = valueAxis({ kind: 'share', values: [0.4] });
    expect(axis.domain[0]).toBeLessThan(0.4);
    expect(axis.domain[1]).toBeGreaterThan(0.4);
  });
});
