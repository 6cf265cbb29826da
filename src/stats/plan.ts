// Planning the next survey (docs/methods.md section 11): completes for a target interval half-width, completes
// per wave to detect a change as R's power.prop.test, and invitations from an expected response rate.
import { normalCdf, normalQuantile } from './intervals.js';

export interface Completes {
  /** the unrounded requirement */
  exact: number;
  /** rounded up to whole respondents */
  completes: number;
}

/**
 * The whole number a requirement lies on when it is one but for the last bits of floating-point noise (700 / 0.7
 * is 1000.0000000000001 in doubles), else the requirement itself. The noise allowed is relative (1e-12) but never
 * more than a millionth: a relative allowance alone grew past a whole unit for huge requirements and rounded
 * 428,295,084,894,527.4 down (adversarial run r9, F9).
 */
function withoutNoise(value: number): number {
  const whole = Math.round(value);
  return Math.abs(value - whole) <= Math.min(Math.abs(value) * 1e-12, 1e-6) ? whole : value;
}

/** Rounds a requirement up to a whole number, ignoring the last bits of floating-point noise: 700 / 0.7 stays 1000. */
export function roundUp(value: number): number {
  return Math.ceil(withoutNoise(value));
}

/** A requirement and its whole number: never below it, the noise of 700 / 0.7 taken off both. */
function requirement(value: number): Completes {
  const exact = withoutNoise(value);
  return { exact, completes: Math.ceil(exact) };
}

/**
 * Below this a design effect is rounding noise, not a property of the design. A design effect is the variance
 * relative to the unweighted one, V / (p(1 - p) / n) (docs/methods.md 5.4), so the floor is relative by nature.
 * Where the calibration explains the answers entirely (every district all "often" or all "never"), what V keeps
 * is the noise of weights that meet their margins to a relative 1e-9 (the raking tolerance): residuals of that
 * relative size, so V / V_srs of order 1e-18 times the weights' spread over p(1 - p), 2e-16 in the r38 store and
 * below 1e-12 for any share of n <= 1e5 answers. One answer the calibration does not explain leaves at least
 * V / V_srs ~ 2 (w / w_mean)^2 / n, above 1e-7 for those sizes. 1e-9 lies orders of magnitude from both
 * (adversarial run r38, F1; docs/methods.md 11.4).
 */
export const DEFF_NOISE_FLOOR = 1e-9;

/**
 * Whether a design effect can size a survey or judge a goal: finite and above the noise floor. Below it, the
 * variance the calibration leaves is nothing, and planning on it asks for 1 questionnaire (adversarial run r38,
 * F1); `plan` and `check` both decide with this one function.
 */
export function usableDesignEffect(deff: number | null | undefined): deff is number {
  return deff !== null && deff !== undefined && Number.isFinite(deff) && deff >= DEFF_NOISE_FLOOR;
}

function checkShare(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be a share between 0 and 1, got ${p}`);
}

function checkProbability(name: string, p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${name} must lie strictly between 0 and 1, got ${p}`);
}

export interface HalfWidthInput {
  /** the largest acceptable half-width of the interval, as a share (0.05 = 5 points) */
  halfWidth: number;
  /** the expected share: the last wave's estimate; 0.5 (the worst case) when unknown */
  share?: number;
  /** the design effect of the last wave (per district, or the area's) */
  deff?: number;
  level?: number;
}

/** n = deff z^2 p (1 - p) / h^2, rounded up (section 11). */
export function completesForHalfWidth({ halfWidth, share = 0.5, deff = 1, level = 0.95 }: HalfWidthInput): Completes {
  if (!(halfWidth > 0)) throw new RangeError(`the half-width must be positive, got ${halfWidth}`);
  checkShare('the share', share);
  if (!(deff > 0)) throw new RangeError(`the design effect must be positive, got ${deff}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  return requirement((deff * z * z * share * (1 - share)) / (halfWidth * halfWidth));
}

/** Invitations that yield `completes` at the expected response rate, rounded up. */
export function invitationsFor(completes: number, responseRate: number): number {
  if (!(responseRate > 0 && responseRate <= 1)) throw new RangeError(`the response rate must be in (0, 1], got ${responseRate}`);
  return roundUp(completes / responseRate);
}

export interface ChangeDetection {
  /** the share in the earlier wave */
  p1: number;
  /** the share to detect in the later wave */
  p2: number;
  /** two-sided significance level */
  alpha?: number;
  /** 1 - beta */
  power?: number;
  /**
   * R's `strict = TRUE`: also count rejections in the wrong tail. R's default (and section 11's call) is
   * false; the difference is negligible at usual levels.
   */
  strict?: boolean;
}

/**
 * Per-group n of R's power.prop.test(p1 =, p2 =, sig.level =, power =): the n at which
 *   Phi((sqrt(n) |p1 - p2| - z_{alpha/2} sqrt(2 pbar qbar)) / sqrt(p1 q1 + p2 q2)) = power
 * (plus Phi(-(sqrt(n) |p1 - p2| + z_{alpha/2} sqrt(2 pbar qbar)) / sqrt(p1 q1 + p2 q2)) when strict).
 * R finds it with uniroot to about 1e-4; here it is exact: closed form, or bisection on sqrt(n) when strict.
 */
export function powerPropTestN({ p1, p2, alpha = 0.05, power = 0.8, strict = false }: ChangeDetection): number {
  checkShare('p1', p1);
  checkShare('p2', p2);
  checkProbability('alpha', alpha);
  checkProbability('the power', power);
  const difference = Math.abs(p1 - p2);
  if (difference === 0) throw new RangeError('p1 and p2 must differ: no change cannot be detected');
  const criticalZ = -normalQuantile(alpha / 2);
  const pooled = criticalZ * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2));
  const spread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const oneTail = (pooled + normalQuantile(power) * spread) / difference; // sqrt(n) without the other tail
  if (!strict) return oneTail * oneTail;
  const powerAt = (root: number) => normalCdf((root * difference - pooled) / spread) + normalCdf(-(root * difference + pooled) / spread);
  // The other tail only adds power, so the root lies below the one-tail root; power rises with sqrt(n).
  let low = 0;
  let high = oneTail;
  for (let i = 0; i < 200 && high - low > 1e-15 * high; i++) {
    const middle = (low + high) / 2;
    if (powerAt(middle) < power) low = middle;
    else high = middle;
  }
  return high * high;
}

/** Completes per wave to detect p1 -> p2: power.prop.test's per-group n times the design effect (section 11). */
export function completesToDetect(detection: ChangeDetection & { deff?: number }): Completes {
  const deff = detection.deff ?? 1;
  if (!(deff > 0)) throw new RangeError(`the design effect must be positive, got ${deff}`);
  return requirement(powerPropTestN(detection) * deff);
}
