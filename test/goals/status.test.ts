// A goal's status and risk (docs/methods.md section 9): every status on both sides of its threshold.
import { describe, expect, test } from 'vitest';
import type { Goal } from '../../src/goals/file.js';
import { baselineFrom, evidenceFor, goalStatus, pathValue, type BaselineInput, type EvidenceRow, type WaveEstimate } from '../../src/goals/status.js';
import { twoSidedP } from '../../src/stats/intervals.js';

function goal(fields: Partial<Goal> = {}): Goal {
  return {
    id: 'G1',
    title: null,
    indicator: 'unsafe_often',
    district: 'Oudegem',
    direction: 'decrease',
    baseline: { wave: '2023', value: 0.14 },
    target: 0.1,
    deadline: '2029',
    themes: [],
    ...fields,
  };
}

/** Police satisfaction up from 0.60 (2023) to 0.70 by 2029: the path is 0.65 in 2026. */
const up = (fields: Partial<Goal> = {}) =>
  goal({ indicator: 'police_satisfied', direction: 'increase', baseline: { wave: '2023', value: 0.6 }, target: 0.7, ...fields });

function at(wave: string, estimate: number | null, ciLow: number | null, ciHigh: number | null, se: number | null = 0.01, flag: WaveEstimate['flag'] = 'ok'): WaveEstimate {
  return { wave, estimate, se, ciLow, ciHigh, flag, n: 250 };
}

const given = (value: number): BaselineInput => ({ source: 'file', value });
const stored = (value: number | null, se: number | null, flag: WaveEstimate['flag'] = 'ok'): BaselineInput => ({ source: 'store', value, se, flag });

describe('the path value', () => {
  test('is the straight line from baseline to target', () => {
    expect(pathValue(0.14, 0.1, '2023', '2029', '2023')).toBe(0.14);
    expect(pathValue(0.14, 0.1, '2023', '2029', '2026')).toBeCloseTo(0.12, 14);
    expect(pathValue(0.14, 0.1, '2023', '2029', '2024')).toBeCloseTo(0.14 - 0.04 / 6, 14);
    expect(pathValue(4.2, 3, '2020', '2026', '2024')).toBeCloseTo(3.4, 14);
    expect(pathValue(0.6, 0.7, '2023', '2029', '2025')).toBeCloseTo(0.6 + 0.1 / 3, 14);
  });

  test('is the target at the deadline and stays there afterwards (clamped, not extrapolated)', () => {
    expect(pathValue(0.14, 0.1, '2023', '2029', '2029')).toBe(0.1);
    expect(pathValue(0.14, 0.1, '2023', '2029', '2031')).toBe(0.1);
    expect(pathValue(0.6, 0.7, '2023', '2029', '2035')).toBe(0.7);
  });

  test('is reported with the status', () => {
    const result = goalStatus(goal(), given(0.14), at('2025', 0.13, 0.12, 0.14));
    expect(result.pathValue).toBeCloseTo(0.14 - (0.04 * 2) / 6, 14);
    expect(result.reason.params.path).toBeCloseTo(0.126667, 6);
  });
});

describe('a decreasing goal (0.14 in 2023 to 0.10 by 2029; path 0.12 in 2026)', () => {
  test('achieved when the whole interval is at or below the target', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.085, 0.07, 0.1));
    expect(result).toMatchObject({ status: 'achieved', risk: 'low', reason: { code: 'achieved' } });
    expect(result.reason.params).toMatchObject({ wave: '2026', estimate: 0.085, ci_low: 0.07, ci_high: 0.1, target: 0.1 });
  });

  test('not achieved when the interval reaches just above the target', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.09, 0.08, 0.1001));
    expect(result).toMatchObject({ status: 'on_track', risk: 'low', reason: { code: 'on_track_estimate' } });
  });

  test('on track when the estimate is at the path value', () => {
    expect(goalStatus(goal(), given(0.14), at('2026', 0.12, 0.11, 0.13)).reason.code).toBe('on_track_estimate');
  });

  test('on track by its interval when the estimate is just worse than the path but the interval holds it', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.1201, 0.11, 0.13));
    expect(result).toMatchObject({ status: 'on_track', risk: 'low', reason: { code: 'on_track_interval' } });
  });

  test('on track while the interval touches the path value', () => {
    expect(goalStatus(goal(), given(0.14), at('2026', 0.13, 0.12, 0.14)).status).toBe('on_track');
  });

  test('behind when the whole interval lies just above the path value', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.13, 0.1201, 0.14));
    expect(result).toMatchObject({ status: 'behind', risk: 'high', reason: { code: 'behind' } });
    expect(result.z).toBeCloseTo(-1, 12); // improving on the baseline, just not fast enough
  });

  test('worsening when significantly above the baseline (p just below 0.05)', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.14 + 1.96 * 0.01, 0.14, 0.18));
    expect(result.z).toBeCloseTo(1.96, 10);
    expect(result.p!).toBeLessThan(0.05);
    expect(result.p!).toBeGreaterThan(0.0499);
    expect(result).toMatchObject({ status: 'worsening', risk: 'high', reason: { code: 'worsening' } });
    expect(result.reason.params).toMatchObject({ baseline: 0.14, alpha: 0.05 });
  });

  test('behind, not worsening, when p is just above 0.05', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.14 + 1.9599 * 0.01, 0.14, 0.18));
    expect(result.p!).toBeGreaterThan(0.05);
    expect(result.p!).toBeLessThan(0.0501);
    expect(result.status).toBe('behind');
  });

  test('significantly below the baseline is not worsening', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.125, 0.1205, 0.13, 0.002));
    expect(result.p!).toBeLessThan(0.001);
    expect(result.status).toBe('behind');
  });

  test('alpha is configurable', () => {
    const latest = at('2026', 0.155, 0.115, 0.195);
    expect(goalStatus(goal(), given(0.14), latest).status).toBe('on_track');
    const loose = goalStatus(goal(), given(0.14), latest, { alpha: 0.2 });
    expect(loose.p).toBeCloseTo(twoSidedP(1.5), 12);
    expect(loose).toMatchObject({ status: 'worsening', reason: { params: { alpha: 0.2 } } });
  });
});

describe('an increasing goal (0.60 in 2023 to 0.70 by 2029; path 0.65 in 2026)', () => {
  test('achieved when the whole interval is at or above the target', () => {
    expect(goalStatus(up(), given(0.6), at('2026', 0.72, 0.7, 0.74))).toMatchObject({ status: 'achieved', risk: 'low' });
  });

  test('not achieved when the interval starts just below the target', () => {
    expect(goalStatus(up(), given(0.6), at('2026', 0.72, 0.6999, 0.74))).toMatchObject({ status: 'on_track', reason: { code: 'on_track_estimate' } });
  });

  test('on track by its estimate, and by its interval', () => {
    expect(goalStatus(up(), given(0.6), at('2026', 0.65, 0.63, 0.67)).reason.code).toBe('on_track_estimate');
    expect(goalStatus(up(), given(0.6), at('2026', 0.6499, 0.63, 0.67)).reason.code).toBe('on_track_interval');
  });

  test('behind when the whole interval lies just below the path value', () => {
    expect(goalStatus(up(), given(0.6), at('2026', 0.64, 0.62, 0.65)).status).toBe('on_track');
    expect(goalStatus(up(), given(0.6), at('2026', 0.64, 0.62, 0.6499))).toMatchObject({ status: 'behind', risk: 'high' });
  });

  test('worsening when significantly below the baseline, on both sides of 0.05', () => {
    const worse = goalStatus(up(), given(0.6), at('2026', 0.6 - 1.96 * 0.01, 0.56, 0.6));
    expect(worse).toMatchObject({ status: 'worsening', risk: 'high' });
    expect(worse.z).toBeCloseTo(-1.96, 10);
    const notQuite = goalStatus(up(), given(0.6), at('2026', 0.6 - 1.9599 * 0.01, 0.56, 0.6));
    expect(notQuite.status).toBe('behind');
  });

  test('significantly above the baseline is not worsening', () => {
    expect(goalStatus(up(), given(0.6), at('2026', 0.66, 0.64, 0.68)).status).toBe('on_track');
  });

  test('a score goal works on its own scale', () => {
    const index = goal({ indicator: 'insecurity_index', baseline: { wave: '2020', value: 4.2 }, target: 3, deadline: '2026' });
    const result = goalStatus(index, given(4.2), at('2024', 3.8, 3.5, 4.1, 0.15));
    expect(result.pathValue).toBeCloseTo(3.4, 12);
    expect(result).toMatchObject({ status: 'behind', reason: { code: 'behind' } });
    expect(goalStatus(index, given(4.2), at('2024', 3.5, 3.2, 3.8, 0.15)).status).toBe('on_track');
  });
});

describe('exact boundaries (numbers exact in binary: 0.5 to 0.25 over 2020-2028, path 0.375 in 2024)', () => {
  const down = goal({ baseline: { wave: '2020', value: 0.5 }, target: 0.25, deadline: '2028' });
  const rise = goal({ direction: 'increase', baseline: { wave: '2020', value: 0.25 }, target: 0.5, deadline: '2028' });
  const wide = (estimate: number, ciLow: number, ciHigh: number) => at('2024', estimate, ciLow, ciHigh, 0.25);

  test('the path value is exact', () => {
    expect(goalStatus(down, given(0.5), wide(0.375, 0.3, 0.45)).pathValue).toBe(0.375);
  });

  test('decreasing: an interval starting at the path is on track, just above it is behind', () => {
    expect(goalStatus(down, given(0.5), wide(0.4, 0.375, 0.45))).toMatchObject({ status: 'on_track', reason: { code: 'on_track_interval' } });
    expect(goalStatus(down, given(0.5), wide(0.4, 0.375000001, 0.45)).status).toBe('behind');
  });

  test('decreasing: an estimate at the path is on track by its estimate, just above by its interval', () => {
    expect(goalStatus(down, given(0.5), wide(0.375, 0.3, 0.45)).reason.code).toBe('on_track_estimate');
    expect(goalStatus(down, given(0.5), wide(0.375000001, 0.3, 0.45)).reason.code).toBe('on_track_interval');
  });

  test('increasing: an interval ending at the path is on track, just below it is behind', () => {
    expect(goalStatus(rise, given(0.25), wide(0.35, 0.3, 0.375)).status).toBe('on_track');
    expect(goalStatus(rise, given(0.25), wide(0.35, 0.3, 0.374999999)).status).toBe('behind');
  });

  test('increasing: an estimate at the path is on track by its estimate, just below by its interval', () => {
    expect(goalStatus(rise, given(0.25), wide(0.375, 0.3, 0.45)).reason.code).toBe('on_track_estimate');
    expect(goalStatus(rise, given(0.25), wide(0.374999999, 0.3, 0.45)).reason.code).toBe('on_track_interval');
  });

  test('the target itself: touching it is achieved, either way', () => {
    expect(goalStatus(down, given(0.5), wide(0.2, 0.125, 0.25)).status).toBe('achieved');
    expect(goalStatus(down, given(0.5), wide(0.2, 0.125, 0.250000001)).status).toBe('on_track');
    expect(goalStatus(rise, given(0.25), wide(0.55, 0.5, 0.625)).status).toBe('achieved');
    expect(goalStatus(rise, given(0.25), wide(0.55, 0.499999999, 0.625)).status).toBe('on_track');
  });
});

describe('given and computed baselines', () => {
  // The same latest estimate: 1.96 SE above 0.14 with its own SE alone, but not with the stored baseline's SE added.
  const latest = at('2026', 0.14 + 1.96 * 0.01, 0.14, 0.18);

  test('a baseline from the file is tested with the estimate SE alone', () => {
    const result = goalStatus(goal(), given(0.14), latest);
    expect(result).toMatchObject({ status: 'worsening', baseline: 0.14, baselineSe: null });
  });

  test('a baseline from the store adds its SE to the test', () => {
    const result = goalStatus(goal({ baseline: { wave: '2023', value: null } }), stored(0.14, 0.01), latest);
    expect(result.z).toBeCloseTo(1.96 / Math.SQRT2, 10);
    expect(result).toMatchObject({ status: 'behind', baseline: 0.14, baselineSe: 0.01 });
  });

  test('the store baseline sets the path', () => {
    const result = goalStatus(goal({ baseline: { wave: '2023', value: null } }), stored(0.16, 0.01), at('2026', 0.125, 0.11, 0.14));
    expect(result.pathValue).toBeCloseTo(0.13, 14);
    expect(result.reason.code).toBe('on_track_estimate');
  });

  test('baselineFrom prefers the file value, then the store row', () => {
    const row = { estimate: 0.15, se: 0.01, ciLow: 0.13, ciHigh: 0.17, flag: 'ok' as const };
    expect(baselineFrom(goal(), row)).toEqual({ source: 'file', value: 0.14 });
    expect(baselineFrom(goal({ baseline: { wave: '2023', value: null } }), row)).toEqual({ source: 'store', value: 0.15, se: 0.01, flag: 'ok' });
    expect(baselineFrom(goal({ baseline: { wave: '2023', value: null } }), undefined)).toEqual({ source: 'missing' });
  });
});

describe('a deadline already passed', () => {
  test('judged against the target itself (clamped path)', () => {
    // Unclamped, the path in 2031 would be 0.0867 and this interval would lie wholly above it.
    const result = goalStatus(goal(), given(0.14), at('2031', 0.095, 0.088, 0.105));
    expect(result.pathValue).toBe(0.1);
    expect(result).toMatchObject({ status: 'on_track', reason: { code: 'on_track_estimate' } });
  });

  test('behind after the deadline has its own reason', () => {
    expect(goalStatus(goal(), given(0.14), at('2031', 0.12, 0.105, 0.135)).reason.code).toBe('behind_after_deadline');
    expect(goalStatus(goal(), given(0.14), at('2029', 0.12, 0.105, 0.135)).reason.code).toBe('behind_after_deadline');
    expect(goalStatus(goal(), given(0.14), at('2028', 0.14, 0.135, 0.145, 0.1)).reason.code).toBe('behind');
  });

  test('achieved after the deadline', () => {
    expect(goalStatus(goal(), given(0.14), at('2031', 0.08, 0.07, 0.095)).status).toBe('achieved');
  });
});

describe('insufficient evidence', () => {
  test('no wave after the baseline', () => {
    const none = goalStatus(goal(), given(0.14), null);
    expect(none).toMatchObject({ status: 'insufficient_evidence', risk: 'medium', wave: null, pathValue: null, reason: { code: 'no_later_wave' } });
    expect(goalStatus(goal(), given(0.14), at('2023', 0.05, 0.04, 0.06)).reason.code).toBe('no_later_wave');
    expect(goalStatus(goal(), given(0.14), at('2024', 0.05, 0.04, 0.06)).status).toBe('achieved');
  });

  test('a suppressed estimate', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', null, null, null, null, 'suppressed'));
    expect(result).toMatchObject({ status: 'insufficient_evidence', risk: 'medium', reason: { code: 'suppressed', params: { n: 250, wave: '2026' } } });
  });

  test('an unreliable estimate never declares a goal met', () => {
    const result = goalStatus(goal(), given(0.14), at('2026', 0.05, 0.01, 0.09, 0.02, 'unreliable'));
    expect(result).toMatchObject({ status: 'insufficient_evidence', risk: 'medium', reason: { code: 'unreliable' } });
    expect(goalStatus(goal(), given(0.14), at('2026', 0.05, 0.01, 0.09, 0.02, 'ok')).status).toBe('achieved');
  });

  test('an unreliable estimate never declares a goal failed', () => {
    expect(goalStatus(goal(), given(0.14), at('2026', 0.3, 0.2, 0.4, 0.05, 'unreliable')).reason.code).toBe('unreliable');
    expect(goalStatus(goal(), given(0.14), at('2026', 0.3, 0.2, 0.4, 0.05, 'ok')).status).toBe('worsening');
  });

  test('an estimate without an interval is treated as unreliable', () => {
    expect(goalStatus(goal(), given(0.14), at('2026', 0.05, null, null)).reason.code).toBe('unreliable');
  });

  test('the baseline wave has no estimate in the store', () => {
    const fromStore = goal({ baseline: { wave: '2023', value: null } });
    const result = goalStatus(fromStore, { source: 'missing' }, at('2026', 0.13, 0.12, 0.14));
    expect(result).toMatchObject({ status: 'insufficient_evidence', risk: 'medium', pathValue: null, baseline: null, reason: { code: 'baseline_missing' } });
  });

  test('the baseline is suppressed or unreliable in the store', () => {
    const fromStore = goal({ baseline: { wave: '2023', value: null } });
    const latest = at('2026', 0.13, 0.12, 0.14);
    expect(goalStatus(fromStore, stored(null, null, 'suppressed'), latest).reason.code).toBe('baseline_suppressed');
    expect(goalStatus(fromStore, stored(0.14, 0.05, 'unreliable'), latest)).toMatchObject({ status: 'insufficient_evidence', reason: { code: 'baseline_unreliable' } });
    expect(goalStatus(fromStore, stored(0.14, 0.005, 'ok'), latest).status).toBe('on_track');
  });

  // adversarial run r38, F5: a baseline wave in which nobody answered was said to have "too few residents"
  test('a baseline no resident answered in is said so, one with a few answers as too few', () => {
    const fromStore = goal({ baseline: { wave: '2023', value: null } });
    const latest = at('2026', 0.13, 0.12, 0.14);
    expect(goalStatus(fromStore, { source: 'store', value: null, se: null, flag: 'suppressed', n: 0 }, latest)).toMatchObject({ status: 'insufficient_evidence', reason: { code: 'baseline_no_answers' } });
    expect(goalStatus(fromStore, { source: 'store', value: null, se: null, flag: 'suppressed', n: 4 }, latest).reason.code).toBe('baseline_suppressed');
    expect(baselineFrom(fromStore, { estimate: null, se: null, ciLow: null, ciHigh: null, flag: 'suppressed', n: 0 })).toMatchObject({ source: 'store', n: 0 });
  });

  // adversarial run r38, F4: respondents left out for want of population figures did answer: never "no resident answered"
  test('respondents left out for want of figures are said so, in the latest wave and the baseline wave', () => {
    const fromStore = goal({ baseline: { wave: '2023', value: null } });
    const empty: WaveEstimate = { wave: '2026', estimate: null, se: null, ciLow: null, ciHigh: null, flag: 'suppressed', n: 0 };
    expect(goalStatus(fromStore, stored(0.14, 0.01), { ...empty, leftOut: 230 }).reason).toEqual({ code: 'left_out', params: expect.objectContaining({ left_out: 230, n: 0 }) });
    expect(goalStatus(fromStore, stored(0.14, 0.01), empty).reason.code).toBe('suppressed');
    const baseline: BaselineInput = { source: 'store', value: null, se: null, flag: 'suppressed', n: 0, leftOut: 195 };
    expect(goalStatus(fromStore, baseline, at('2026', 0.13, 0.12, 0.14)).reason).toEqual({ code: 'baseline_left_out', params: expect.objectContaining({ baseline_left_out: 195 }) });
  });

  test('a goal is achieved on the latest interval alone, whatever the baseline', () => {
    const fromStore = goal({ baseline: { wave: '2023', value: null } });
    expect(goalStatus(fromStore, { source: 'missing' }, at('2026', 0.08, 0.06, 0.1)).status).toBe('achieved');
  });
});

describe('the store evidence for a goal', () => {
  const row = (district: string | null, wave: string, estimate: number | null, flag: EvidenceRow['flag'] = 'ok', indicator = 'unsafe_often'): EvidenceRow => ({
    indicator,
    district,
    wave,
    estimate,
    se: estimate === null ? null : 0.01,
    ciLow: estimate === null ? null : estimate - 0.02,
    ciHigh: estimate === null ? null : estimate + 0.02,
    flag,
    n: 100,
  });
  const rows = [
    row('Oudegem', '2023', 0.14),
    row(null, '2023', 0.09),
    row('Oudegem', '2026', 0.12),
    row(null, '2026', 0.08),
    row('Oudegem', '2028', null, 'suppressed'),
    row(null, '2028', 0.07),
    row('Oudegem', '2026', 0.5, 'ok', 'avoidance'),
  ];
  const fromStore = (district: string | null) => goal({ district, baseline: { wave: '2023', value: null } });

  test('a district goal takes its own district rows', () => {
    const { baseline, latest } = evidenceFor(fromStore('Oudegem'), rows, '2026');
    expect(baseline).toEqual({ source: 'store', value: 0.14, se: 0.01, flag: 'ok', n: 100 });
    expect(latest).toMatchObject({ wave: '2026', estimate: 0.12, n: 100 });
  });

  test('a whole-area goal takes the whole-area rows', () => {
    const { baseline, latest } = evidenceFor(fromStore(null), rows);
    expect(baseline).toMatchObject({ value: 0.09 });
    expect(latest).toMatchObject({ wave: '2028', estimate: 0.07 });
  });

  test('the latest wave is used even when it is suppressed', () => {
    const { baseline, latest } = evidenceFor(fromStore('Oudegem'), rows);
    expect(latest).toMatchObject({ wave: '2028', flag: 'suppressed' });
    expect(goalStatus(fromStore('Oudegem'), baseline, latest).reason.code).toBe('suppressed');
  });

  test('no row after the baseline (or up to the wave checked) leaves no later wave', () => {
    expect(evidenceFor(fromStore('Oudegem'), rows, '2025').latest).toBeNull();
    expect(evidenceFor(goal({ district: 'Appels' }), rows)).toEqual({ baseline: { source: 'file', value: 0.14 }, latest: null });
  });

  test('a district with no row in the estimated wave checked has no answers in it, not "no later wave" (r24b F9)', () => {
    const { baseline, latest } = evidenceFor(fromStore('Appels'), rows, '2026');
    expect(latest).toEqual({ wave: '2026', estimate: null, se: null, ciLow: null, ciHigh: null, flag: 'suppressed', n: 0 });
    expect(goalStatus(fromStore('Appels'), baseline, latest)).toMatchObject({ status: 'insufficient_evidence', reason: { code: 'suppressed' } });
  });
});
