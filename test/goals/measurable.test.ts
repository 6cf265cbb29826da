// Whether a goal's promised change can be shown (docs/methods.md section 11.3), and how `unmeasurable` ranks
// among the statuses: it explains thin evidence and outranks on-track, but never overrides a decided goal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Goal } from '../../src/goals/file.js';
import { measurability, type AreaSample, type MeasurabilityInput } from '../../src/goals/measurable.js';
import { goalStatus, type WaveEstimate } from '../../src/goals/status.js';
import { completesForChange, completesPerWaveForChange, minimumDetectableChange } from '../../src/stats/detectable.js';
import { DEFF_NOISE_FLOOR, usableDesignEffect } from '../../src/stats/plan.js';
import { ROOT } from '../helpers/cli.js';

const goal: Pick<Goal, 'direction' | 'target' | 'deadline' | 'baseline'> = { direction: 'decrease', target: 0.1, deadline: '2029', baseline: { wave: '2023', value: null } };
const area = (n: number, deff: number | null): AreaSample => ({ n, deff, estimate: 0.15, se: 0.02 });

function input(fields: Partial<MeasurabilityInput> = {}): MeasurabilityInput {
  return {
    goal,
    kind: 'share',
    baseline: 0.15,
    baselineArea: area(200, 1.2),
    baselineWholeArea: area(1500, 1.4),
    latestArea: area(220, 1.1),
    latestWholeArea: area(1500, 1.4),
    latestWave: '2026',
    planned: null,
    ...fields,
  };
}

describe('the size of a goal', () => {
  test('the minimum detectable change uses the baseline wave and the last wave when nothing is planned', () => {
    const sized = measurability(input());
    const mdc = minimumDetectableChange({ baseline: 0.15, direction: 'decrease', baselineWave: { n: 200, deff: 1.2 }, deadlineWave: { n: 220, deff: 1.1 } });
    expect(sized).toMatchObject({ known: true, promised: expect.closeTo(0.05, 12), mdc, measurable: false, baselineN: 200, deadlineN: 220, deadlineSource: 'last_wave', lastWave: '2026' });
  });

  test('planned completes replace the last wave at the deadline, and enough of them make the goal measurable', () => {
    expect(measurability(input({ planned: 5000 }))).toMatchObject({ deadlineN: 5000, deadlineSource: 'planned' });
    const sized = measurability(input({ baselineArea: area(2000, 1.2), planned: 3000 }));
    expect(sized).toMatchObject({ measurable: true, needed: null });
  });

  test('an unmeasurable goal gets the deadline completes that would show it, when the baseline allows it', () => {
    const sized = measurability(input({ baselineArea: area(900, 1.2) }));
    const expected = completesForChange({ baseline: 0.15, target: 0.1, baselineWave: { n: 900, deff: 1.2 }, deadlineDeff: 1.1 });
    if (!expected.possible) throw new Error('the case must be possible');
    expect(sized).toMatchObject({ measurable: false, needed: { completes: expected.completes, at: 'deadline' } });
  });

  test('when the baseline alone is too thin, the completes of a new baseline and the deadline', () => {
    const sized = measurability(input({ baselineArea: area(100, 1.2) }));
    // the new baseline with the old one's design effect (1.2), the deadline with the latest wave's (1.1)
    expect(sized).toMatchObject({ measurable: false, needed: { completes: completesPerWaveForChange({ baseline: 0.15, target: 0.1, deff: 1.1, baselineDeff: 1.2 }).completes, at: 'new_baseline_and_deadline' } });
  });

  // adversarial run r37, A1: a latest design effect of almost 0 (answers the weighting explains entirely) asked for
  // 1 questionnaire in each new wave, where 100 at the baseline were too few
  test('a new baseline takes the old one’s design effect: never fewer completes than the baseline that was too thin', () => {
    const sized = measurability(input({ baselineArea: area(100, 1.2), latestArea: area(100, 4.5e-32) }));
    if (!sized.known || sized.needed === null) throw new Error('the case must need completes');
    expect(sized.needed.at).toBe('new_baseline_and_deadline');
    expect(sized.needed.completes).toBeGreaterThan(100);
  });

  test('a withheld design effect falls back to the whole area’s', () => {
    const own = measurability(input({ baselineArea: area(200, null) }));
    const whole = measurability(input({ baselineArea: area(200, 1.4) }));
    expect(own).toEqual(whole);
  });

  // adversarial run r38, F1/F3: a whole-area design effect of 2e-16 (the weighting explains the answers entirely)
  // sized a 1-point change from 100% on 30 answers with an MDC of 6e-61
  test('a design effect of rounding noise counts as none, by the rule plan follows too', () => {
    // the area's own noise gives way to the whole area's, as a withheld one does
    expect(measurability(input({ baselineArea: area(200, 2e-16) }))).toEqual(measurability(input({ baselineArea: area(200, 1.4) })));
    expect(measurability(input({ latestArea: area(220, 3e-20) }))).toEqual(measurability(input({ latestArea: area(220, 1.4) })));
    // noise in both: nothing to size the goal with
    expect(measurability(input({ baselineArea: area(200, null), baselineWholeArea: area(1500, 2e-16) }))).toEqual({ known: false, why: 'no_design_effect' });
    // a small design effect that is real is kept
    expect(measurability(input({ baselineArea: area(200, 0.05) }))).toMatchObject({ known: true, baselineN: 200 });
  });

  // adversarial run r38, F3: a goal promising 1 point from a baseline of 100% on 30 answers was "measurable"
  test('a 1-point change from a baseline of 100% on 30 answers is unmeasurable, at any deadline sample', () => {
    const drugs = { ...goal, target: 0.99 };
    // the district's own design effect is missing at 100%: the whole area's (1.4) stands in
    const sized = measurability(input({ goal: drugs, baseline: 1, baselineArea: area(30, null), latestArea: area(30, null), planned: 5000 }));
    expect(sized).toMatchObject({ known: true, measurable: false, needed: { at: 'new_baseline_and_deadline' } });
    if (!sized.known) throw new Error('the goal must be sized');
    expect(sized.mdc).toBeGreaterThan(0.1);
    // a change the samples can show stays measurable: 100% to 50% with 30 answers at the baseline and 5,000 at the deadline
    expect(measurability(input({ goal: { ...goal, target: 0.5 }, baseline: 1, baselineArea: area(30, null), planned: 5000 }))).toMatchObject({ measurable: true });
  });

  test('one rule decides a usable design effect: finite and above the noise floor, relative as a design effect is', () => {
    for (const deff of [1e-9, 1e-7, 0.05, 1, 4.5]) expect(usableDesignEffect(deff), String(deff)).toBe(true);
    for (const deff of [null, undefined, 0, -1, 2e-16, 9.9e-10, Number.NaN, Infinity]) expect(usableDesignEffect(deff), String(deff)).toBe(false);
    expect(DEFF_NOISE_FLOOR).toBe(1e-9);
  });

  test('cannot be sized without a baseline value, a stored baseline wave, a promised change or a deadline sample', () => {
    expect(measurability(input({ baseline: null }))).toEqual({ known: false, why: 'no_baseline_value' });
    expect(measurability(input({ baselineArea: null }))).toEqual({ known: false, why: 'baseline_wave_not_stored' });
    // adversarial run r38, F5b: a stored baseline wave the area has no answers in was said to be not stored
    expect(measurability(input({ baselineArea: area(0, null) }))).toEqual({ known: false, why: 'no_baseline_answers' });
    expect(measurability(input({ baseline: 0.1 }))).toEqual({ known: false, why: 'no_change_promised' });
    expect(measurability(input({ latestArea: null }))).toEqual({ known: false, why: 'no_deadline_sample' });
  });

  test('a mean takes the whole area’s spread n SE² / deff from the baseline wave', () => {
    const score = { ...goal, target: 3.5 };
    const sized = measurability(input({ goal: score, kind: 'score', baseline: 4, baselineWholeArea: { n: 1500, deff: 1.5, estimate: 4, se: 0.05 } }));
    // s2 = 1500 * 0.0025 / 1.5 = 2.5; SE of the change sqrt(2.5 (1.2 / 200 + 1.1 / 220))
    expect(sized.known && sized.mdc).toBeCloseTo(2.8015852 * Math.sqrt(2.5 * (1.2 / 200 + 1.1 / 220)), 5);
  });
});

describe('unmeasurable among the statuses', () => {
  const unmeasurable = measurability(input());
  const ok = (estimate: number, low: number, high: number): WaveEstimate => ({ wave: '2026', estimate, se: (high - low) / 3.92, ciLow: low, ciHigh: high, flag: 'ok', n: 220 });
  const judge = (latest: WaveEstimate | null) => goalStatus({ ...goal, baseline: { wave: '2023', value: 0.15 } }, { source: 'file', value: 0.15 }, latest, { measurability: unmeasurable });

  test('replaces on track, whose evidence such samples cannot back', () => {
    expect(judge(ok(0.12, 0.09, 0.16))).toMatchObject({ status: 'unmeasurable', risk: 'medium', reason: { code: 'unmeasurable_new_baseline' } });
  });

  test('replaces insufficient evidence, which it explains', () => {
    expect(judge(null).status).toBe('unmeasurable');
    expect(judge({ ...ok(0.12, 0.05, 0.3), flag: 'unreliable' }).status).toBe('unmeasurable');
  });

  test('leaves a goal the evidence decided: achieved, behind, worsening', () => {
    expect(judge(ok(0.05, 0.03, 0.08)).status).toBe('achieved');
    expect(judge(ok(0.2, 0.17, 0.23)).status).toBe('worsening');
    expect(goalStatus({ ...goal, baseline: { wave: '2023', value: 0.15 } }, { source: 'file', value: 0.15 }, ok(0.147, 0.135, 0.159), { measurability: unmeasurable, alpha: 0.01 }).status).toBe('behind');
  });

  test('the documents give the order the code uses: unmeasurable after the evidence has decided (r12 low, finding 7)', () => {
    const methods = readFileSync(join(ROOT, 'docs', 'methods.md'), 'utf8');
    const order = methods.slice(methods.indexOf('### 9.3'), methods.indexOf('### 9.4'));
    expect(order).toMatch(/\*\*`unmeasurable`\*\* \(11\.3\) replaces `insufficient_evidence` and `on_track`/);
    expect(order).toMatch(/It does not replace `achieved`, `worsening` or\s+`behind`/);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).not.toContain('on the good side of the path, or the interval holds it), checked in that order');
    expect(readme).toContain('Then, if the goal is not measurable (`measurable: false` in `--json`), an `insufficient_evidence` or `on_track` becomes `unmeasurable`.');
  });

  test('a measurable goal keeps its status', () => {
    expect(goalStatus({ ...goal, baseline: { wave: '2023', value: 0.15 } }, { source: 'file', value: 0.15 }, ok(0.12, 0.09, 0.16), { measurability: measurability(input({ baselineArea: area(5000, 1), planned: 5000 })) }).status).toBe('on_track');
  });

  test('the reason carries the sizes for the sentence', () => {
    const params = judge(ok(0.12, 0.09, 0.16)).reason.params;
    expect(params).toMatchObject({ baseline_n: 200, deadline_n: 220, deadline_source: 'last_wave', last_wave: '2026' });
    expect(params.mdc).toBe(unmeasurable.known ? unmeasurable.mdc : null);
  });
});
