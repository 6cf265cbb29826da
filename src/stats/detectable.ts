// Whether a goal's promised change can be shown at all (docs/methods.md section 11): the minimum detectable
// change between the baseline wave and the deadline wave, and the completes that make a change detectable.
//
// Definition. A goal moves a share from the baseline p_b to a target p_t. The two waves are independent and
// compared by the z-test of section 8 at two-sided level alpha. With a change of size d the target share is
// p_t = p_b - d (a decrease) or p_b + d (an increase), the waves' variances are
//   V_b = p_b (1 - p_b) deff_b / n_b   and   V_t = p_t (1 - p_t) deff_t / n_t,
// (V_b = p_t (1 - p_t) deff_b / n_b for a baseline of 0 or 1, see baselineSpread)
// and the test rejects with power Phi(delta - z) + Phi(-delta - z), delta = d / sqrt(V_b + V_t), z = z_{alpha/2}
// (both tails counted). The minimum detectable change (MDC) is the smallest d whose power reaches 1 - beta
// (0.8 at alpha 0.05 by default). delta grows with d on [0, p_b] and [0, 1 - p_b], so the MDC is unique and is
// found by bisection to full precision. A goal promising less than the MDC is unmeasurable.
import { normalCdf, normalQuantile } from './intervals.js';
import { roundUp, type Completes } from './plan.js';

export type Direction = 'decrease' | 'increase';

export interface WaveSize {
  /** completes (respondents with a valid answer) */
  n: number;
  deff: number;
}

export interface TestLevels {
  /** two-sided significance level */
  alpha?: number;
  /** 1 - beta */
  power?: number;
}

/** Power of the two-sided z-test of section 8 for a true difference `difference` with standard error `se`. */
export function zTestPower(difference: number, se: number, alpha = 0.05): number {
  const z = -normalQuantile(alpha / 2);
  const delta = Math.abs(difference) / se;
  return normalCdf(delta - z) + normalCdf(-delta - z);
}

/** The delta = d / SE at which zTestPower reaches `power`. */
function requiredDelta(alpha: number, power: number): number {
  const z = -normalQuantile(alpha / 2);
  // Power rises with delta; the one-tail root z + z_power is an upper bound (the other tail only adds power).
  let low = 0;
  let high = z + normalQuantile(power);
  for (let i = 0; i < 200 && high - low > 1e-15 * high; i++) {
    const middle = (low + high) / 2;
    if (normalCdf(middle - z) + normalCdf(-middle - z) < power) low = middle;
    else high = middle;
  }
  return high;
}

function varianceOf(share: number, wave: WaveSize): number {
  return (share * (1 - share) * wave.deff) / wave.n;
}

/**
 * p(1 - p) of the baseline wave when the change reaches `reached`. A baseline of 0% or 100% is what its answers
 * showed, not a share known exactly: its p(1 - p) of 0 made the baseline wave count as if without sampling
 * error, and with it a 1-point change from 100% on 30 answers measurable (MDC 6e-61, adversarial run r38, F3).
 * There the baseline wave takes the variance at the share the change reaches, the share a wave of the same
 * area must be told apart from (docs/methods.md 11.4); inside (0, 1) it keeps its own.
 */
function baselineSpread(baseline: number, reached: number): number {
  const own = baseline * (1 - baseline);
  return own > 0 ? own : reached * (1 - reached);
}

/** V_b: the baseline wave's variance when the change reaches `reached` (baselineSpread), as varianceOf gives V_t. */
function baselineVarianceOf(baseline: number, reached: number, wave: WaveSize): number {
  return (baselineSpread(baseline, reached) * wave.deff) / wave.n;
}

function checkLevels({ alpha = 0.05, power = 0.8 }: TestLevels): { alpha: number; power: number } {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie strictly between 0 and 1, got ${alpha}`);
  if (!(power > alpha && power < 1)) throw new RangeError(`the power must lie between alpha and 1, got ${power}`);
  return { alpha, power };
}

function checkWave(name: string, wave: WaveSize): void {
  if (!(wave.n > 0) || !(wave.deff > 0)) throw new RangeError(`the ${name} wave needs completes and a design effect above 0`);
}

export interface DetectableChangeInput extends TestLevels {
  /** the goal's baseline share */
  baseline: number;
  direction: Direction;
  baselineWave: WaveSize;
  /** the planned (or last) completes at the deadline, and the design effect expected there */
  deadlineWave: WaveSize;
}

/**
 * The minimum detectable change (see the definition above); null when no change within [0, 1] in that
 * direction reaches the power (the samples are too small for any target).
 */
export function minimumDetectableChange(input: DetectableChangeInput): number | null {
  const { alpha, power } = checkLevels(input);
  if (!(input.baseline >= 0 && input.baseline <= 1)) throw new RangeError(`the baseline must be a share, got ${input.baseline}`);
  checkWave('baseline', input.baselineWave);
  checkWave('deadline', input.deadlineWave);
  const sign = input.direction === 'increase' ? 1 : -1;
  const delta = (change: number) => {
    const reached = input.baseline + sign * change;
    return change / Math.sqrt(baselineVarianceOf(input.baseline, reached, input.baselineWave) + varianceOf(reached, input.deadlineWave));
  };
  const target = requiredDelta(alpha, power);
  const largest = input.direction === 'increase' ? 1 - input.baseline : input.baseline;
  if (!(delta(largest) >= target)) return null;
  let low = 0;
  let high = largest;
  for (let i = 0; i < 200 && high - low > 1e-15 * high; i++) {
    const middle = (low + high) / 2;
    if (delta(middle) < target) low = middle;
    else high = middle;
  }
  return high;
}

export interface CompletesForChangeInput extends TestLevels {
  baseline: number;
  /** the goal's target share at the deadline */
  target: number;
  baselineWave: WaveSize;
  /** the design effect expected at the deadline (the last wave's) */
  deadlineDeff: number;
}

export type CompletesForChange =
  | ({ possible: true } & Completes)
  /**
   * Even infinitely many completes at the deadline leave the baseline's own variance V_b, and with it the
   * test's power can reach at most `maxPower` < 1 - beta: a larger baseline sample was needed. Also when the
   * target equals the baseline (no change to detect).
   */
  | { possible: false; maxPower: number };

/**
 * Completes at the deadline that make the change baseline -> target detectable (power 1 - beta): with
 * delta* the required d / SE, V_t must be at most (d / delta*)^2 - V_b, so n_t = p_t (1 - p_t) deff_t / that,
 * rounded up, and at least 1 (a target of 0 or 1 has no variance in this model).
 */
export function completesForChange(input: CompletesForChangeInput): CompletesForChange {
  const { alpha, power } = checkLevels(input);
  for (const [name, share] of [['baseline', input.baseline], ['target', input.target]] as const) {
    if (!(share >= 0 && share <= 1)) throw new RangeError(`the ${name} must be a share, got ${share}`);
  }
  checkWave('baseline', input.baselineWave);
  if (!(input.deadlineDeff > 0)) throw new RangeError(`the deadline design effect must be positive, got ${input.deadlineDeff}`);
  const change = Math.abs(input.target - input.baseline);
  const baselineVariance = baselineVarianceOf(input.baseline, input.target, input.baselineWave);
  const allowed = (change / requiredDelta(alpha, power)) ** 2 - baselineVariance;
  if (!(allowed > 0)) return { possible: false, maxPower: change === 0 ? alpha : zTestPower(change, Math.sqrt(baselineVariance), alpha) };
  const exact = (input.target * (1 - input.target) * input.deadlineDeff) / allowed;
  return { possible: true, exact, completes: Math.max(1, roundUp(exact)) };
}

export interface PerWaveInput extends TestLevels {
  baseline: number;
  target: number;
  /** the design effect expected at the deadline (and in the new baseline, without `baselineDeff`) */
  deff: number;
  /** the design effect expected in the new baseline wave: the old baseline's, which proved too thin */
  baselineDeff?: number;
}

/**
 * Completes in each of two new waves (a new baseline and the deadline) that make the change baseline -> target
 * detectable by the same test: d / sqrt((p_b q_b deff_b + p_t q_t deff_t) / n) = delta*, so
 * n = (p_b q_b deff_b + p_t q_t deff_t) (delta* / d)^2, rounded up. For a goal whose own baseline is too thin to
 * show it. The new baseline takes the old one's design effect: with the latest wave's for both, a latest design
 * effect of almost 0 (answers the weighting explains entirely) asked for 1 questionnaire per wave where 30 at the
 * baseline were too few (adversarial run r37, A1).
 */
export function completesPerWaveForChange(input: PerWaveInput): Completes {
  const { alpha, power } = checkLevels(input);
  for (const [name, share] of [['baseline', input.baseline], ['target', input.target]] as const) {
    if (!(share >= 0 && share <= 1)) throw new RangeError(`the ${name} must be a share, got ${share}`);
  }
  const baselineDeff = input.baselineDeff ?? input.deff;
  if (!(input.deff > 0) || !(baselineDeff > 0)) throw new RangeError(`the design effects must be positive, got ${baselineDeff} and ${input.deff}`);
  const change = Math.abs(input.target - input.baseline);
  if (change === 0) throw new RangeError('the target must differ from the baseline: no change cannot be detected');
  const spread = baselineSpread(input.baseline, input.target) * baselineDeff + input.target * (1 - input.target) * input.deff;
  const exact = spread * (requiredDelta(alpha, power) / change) ** 2;
  return { exact, completes: Math.max(1, roundUp(exact)) };
}

// Means and scores. Their variance does not follow from the value, so both waves take the baseline wave's
// weighted variance s2 (docs/methods.md section 11.3): V_w = s2 deff_w / n_w.

export interface MeanDetectableInput extends TestLevels {
  /** the weighted variance s2_w of the answers in the baseline wave */
  spread: number;
  baselineWave: WaveSize;
  deadlineWave: WaveSize;
}

/** The minimum detectable change of a mean: delta* sqrt(s2 (deff_b / n_b + deff_t / n_t)). */
export function minimumDetectableChangeOfMean(input: MeanDetectableInput): number {
  const { alpha, power } = checkLevels(input);
  if (!(input.spread > 0)) throw new RangeError(`the spread must be positive, got ${input.spread}`);
  checkWave('baseline', input.baselineWave);
  checkWave('deadline', input.deadlineWave);
  const variance = input.spread * (input.baselineWave.deff / input.baselineWave.n + input.deadlineWave.deff / input.deadlineWave.n);
  return requiredDelta(alpha, power) * Math.sqrt(variance);
}

export interface MeanCompletesInput extends TestLevels {
  spread: number;
  /** |target - baseline| */
  change: number;
  baselineWave: WaveSize;
  deadlineDeff: number;
}

/** Completes at the deadline that make a change of a mean detectable: n_t = s2 deff_t / ((d / delta*)^2 - V_b). */
export function completesForChangeOfMean(input: MeanCompletesInput): CompletesForChange {
  const { alpha, power } = checkLevels(input);
  if (!(input.spread > 0)) throw new RangeError(`the spread must be positive, got ${input.spread}`);
  checkWave('baseline', input.baselineWave);
  if (!(input.deadlineDeff > 0)) throw new RangeError(`the deadline design effect must be positive, got ${input.deadlineDeff}`);
  const baselineVariance = (input.spread * input.baselineWave.deff) / input.baselineWave.n;
  const allowed = (input.change / requiredDelta(alpha, power)) ** 2 - baselineVariance;
  if (!(allowed > 0)) return { possible: false, maxPower: input.change === 0 ? alpha : zTestPower(input.change, Math.sqrt(baselineVariance), alpha) };
  const exact = (input.spread * input.deadlineDeff) / allowed;
  return { possible: true, exact, completes: Math.max(1, roundUp(exact)) };
}

/**
 * Completes in each of two new waves for a change of a mean: n = s2 (deff_b + deff_t) (delta* / d)^2, the new
 * baseline with the old one's design effect (`baselineDeff`, else `deff`), as completesPerWaveForChange.
 */
export function completesPerWaveForChangeOfMean(input: TestLevels & { spread: number; change: number; deff: number; baselineDeff?: number }): Completes {
  const { alpha, power } = checkLevels(input);
  const baselineDeff = input.baselineDeff ?? input.deff;
  if (!(input.spread > 0) || !(input.deff > 0) || !(baselineDeff > 0) || !(input.change > 0)) throw new RangeError('the spread, the design effects and the change must be positive');
  const exact = input.spread * (baselineDeff + input.deff) * (requiredDelta(alpha, power) / input.change) ** 2;
  return { exact, completes: Math.max(1, roundUp(exact)) };
}
