// Reliability and disclosure flags (docs/methods.md section 6), applied in order.
import { describe, expect, test } from 'vitest';
import { DEFAULT_THRESHOLDS, reliabilityFlag, type FlagInput } from '../../src/stats/flags.js';

const solid: FlagInput = { type: 'share', n: 400, estimate: 0.4, se: 0.025, nEff: 300, ci: { low: 0.35, high: 0.45 } };

describe('reliability flags', () => {
  test('the defaults follow the NCHS standards for proportions', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ level: 0.95, minCell: 10, minNEff: 30, maxCiWidth: 0.3, maxRelWidth: 1.3 });
  });

  test('a large precise share is ok', () => {
    expect(reliabilityFlag(solid)).toBe('ok');
  });

  test('fewer than 10 respondents is suppressed, before any other rule', () => {
    expect(reliabilityFlag({ ...solid, n: 9, nEff: 2 })).toBe('suppressed');
    expect(reliabilityFlag({ ...solid, n: 10 })).toBe('ok');
  });

  test('an effective sample size under 30 is unreliable', () => {
    expect(reliabilityFlag({ ...solid, nEff: 29.9 })).toBe('unreliable');
    expect(reliabilityFlag({ ...solid, nEff: 30 })).toBe('ok');
  });

  test('a share interval 0.30 wide or wider is unreliable', () => {
    expect(reliabilityFlag({ ...solid, ci: { low: 0.25, high: 0.55 } })).toBe('unreliable');
    expect(reliabilityFlag({ ...solid, ci: { low: 0.26, high: 0.55 } })).toBe('ok');
  });

  test('a share interval wider than 1.30 times the share is unreliable', () => {
    expect(reliabilityFlag({ ...solid, estimate: 0.1, ci: { low: 0.02, high: 0.151 } })).toBe('unreliable');
    expect(reliabilityFlag({ ...solid, estimate: 0.1, ci: { low: 0.02, high: 0.149 } })).toBe('ok');
    expect(reliabilityFlag({ ...solid, estimate: 0, ci: { low: 0, high: 0.01 } })).toBe('ok');
  });

  test('the width rules are for shares: a mean is judged by its effective sample size', () => {
    expect(reliabilityFlag({ type: 'mean', n: 400, estimate: 0.5, se: 0.7, nEff: 300, ci: { low: 0, high: 3 } })).toBe('ok');
  });

  test('a mean without an interval is unreliable', () => {
    expect(reliabilityFlag({ type: 'mean', n: 400, estimate: 5, se: 0.1, nEff: 300, ci: null })).toBe('unreliable');
  });

  test('thresholds are configurable', () => {
    const strict = { ...DEFAULT_THRESHOLDS, minCell: 500 };
    expect(reliabilityFlag(solid, strict)).toBe('suppressed');
    expect(reliabilityFlag({ ...solid, nEff: 20 }, { ...DEFAULT_THRESHOLDS, minNEff: 10 })).toBe('ok');
  });
});
