// Confidence intervals (docs/methods.md section 5): Korn-Graubard for shares, t for means and scores.
// Distribution functions come from Cephes (the `cephes` package: Moshier's C library compiled to
// WebAssembly), which needs no warming up: the ~2,000 beta quantiles of a regional run take ~10 ms.
import { createRequire } from 'node:module';

// The package's CommonJS entry compiles its WebAssembly synchronously when loaded; its ES module entry
// compiles asynchronously and would make every estimate wait for a promise.
const { incbi, ndtr, ndtri, stdtri } = createRequire(import.meta.url)('cephes') as typeof import('cephes', { with: { 'resolution-mode': 'require' } });

export interface Interval {
  low: number;
  high: number;
}

export interface KornGraubardInterval extends Interval {
  /** n_eff = p(1-p) / V capped at n; n when p is 0 or 1 or V is 0 */
  nEff: number;
}

// Outside these the library cannot be used: with both shapes below 1e-3 it can loop for ever (a = 1e-300,
// b = 1e-20), and with a + b above 1e12 it loses digits (Beta(1e15, 1e15) off by 5e-5, 4,000 SDs).
const SMALLEST_SHAPES = 1e-3;
const LARGEST_SHAPE_SUM = 1e12;
// Cephes takes the t distribution's degrees of freedom as a 32-bit integer.
const LARGEST_T_DF = 2 ** 31 - 1;

/**
 * The p-quantile of Beta(a, b), from the library where it is exact, else from the distribution's limit
 * (betaLimitQuantile). Invalid parameters (negative or NaN, p outside 0..1) are an error.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1 && a >= 0 && b >= 0) || (a === Infinity && b === Infinity)) {
    throw new RangeError(`no beta quantile for p = ${p}, a = ${a}, b = ${b}`);
  }
  if (p === 0 || p === 1) return p;
  if (a === 0 || b === 0 || a + b > LARGEST_SHAPE_SUM || (a < SMALLEST_SHAPES && b < SMALLEST_SHAPES)) return betaLimitQuantile(p, a, b);
  try {
    return incbi(a, b, p);
  } catch {
    // The library reports a quantile it cannot represent ("underflow", "partial loss of precision"), as R's qbeta warns.
    return betaLimitQuantile(p, a, b);
  }
}

/**
 * Where the library is not used or gives up, Beta(a, b) is its limit: with a + b above 1e12, the normal
 * distribution with its mean and SD (off by less than an SD, 5e-7); otherwise, with a or b tiny, two points,
 * 0 with probability b / (a + b) and 1 with a / (a + b). The quantile then lies within about 1e-300 of 0 or 1
 * (Beta(0.001, 5) has its 2.5% quantile at 1e-1600), where R's qbeta warns of lost precision too.
 */
function betaLimitQuantile(p: number, a: number, b: number): number {
  if (a + b > LARGEST_SHAPE_SUM) {
    const mean = a + b < Infinity ? a / (a + b) : 1 / (1 + b / a);
    const sd = Math.sqrt((mean * (1 - mean)) / (a + b + 1));
    return Math.min(1, Math.max(0, mean + ndtri(p) * sd));
  }
  const atZero = a + b === 0 ? 0.5 : b / (a + b);
  return p < atZero ? 0 : 1;
}

/** The p-quantile of Student's t with df degrees of freedom (whole, at least 1); beyond 2^31 - 1 the normal's. */
function tQuantile(p: number, df: number): number {
  return df > LARGEST_T_DF ? ndtri(p) : stdtri(df, p);
}

/** n_eff for a share: p(1-p) / V, capped at n; n when p is 0 or 1 or V is 0. */
export function shareEffectiveSize(p: number, variance: number, n: number): number {
  if (p === 0 || p === 1 || variance === 0) return n;
  return Math.min((p * (1 - p)) / variance, n);
}

/**
 * Korn-Graubard interval for a share p with design variance V from n respondents and df degrees of freedom:
 * n* = n_eff (t_{n-1} / t_df)^2 (factor 1 when df <= 0 or n <= 1), then Clopper-Pearson bounds at n*.
 * Null when the numbers cannot make one: p not a proportion, V not a finite variance, no respondent.
 */
export function kornGraubard(p: number, variance: number, n: number, df: number, level = 0.95): KornGraubardInterval | null {
  if (!(p >= 0 && p <= 1 && variance >= 0 && variance < Infinity && n >= 1 && n < Infinity && Number.isFinite(df))) return null;
  const tail = (1 - level) / 2;
  const nEff = shareEffectiveSize(p, variance, n);
  // df = n - 1 for a single district: the factor is exactly 1, and skipping the quantiles saves time.
  const factor = df < 1 || n < 2 || df === n - 1 ? 1 : (tQuantile(1 - tail, n - 1) / tQuantile(1 - tail, df)) ** 2;
  const size = nEff * factor;
  // The bounds hold p; with a huge n* their last digit could round past it.
  return {
    low: p === 0 ? 0 : Math.min(p, betaQuantile(tail, size * p, size * (1 - p) + 1)),
    high: p === 1 ? 1 : Math.max(p, betaQuantile(1 - tail, size * p + 1, size * (1 - p))),
    nEff,
  };
}

/** estimate +- t_{df} * SE; null when there is no t distribution (df under 1) or the numbers give no finite interval. */
export function tInterval(estimate: number, se: number, df: number, level = 0.95): Interval | null {
  if (!(df >= 1 && se >= 0)) return null;
  const half = tQuantile(1 - (1 - level) / 2, Math.floor(df)) * se;
  const interval = { low: estimate - half, high: estimate + half };
  return Number.isFinite(interval.low) && Number.isFinite(interval.high) ? interval : null;
}

/**
 * Beyond this |x| the normal distribution function is 0 or 1 in doubles: Phi(-38.5) is about 1.6e-324, below
 * the smallest double, and 1 - Phi(8.3) is under half an ulp of 1. The library does not reach these limits by
 * itself: it gives NaN for some arguments beyond 1e5 (Phi(-527847228.8): the whole area's z over a float-noise SE
 * printed p as "NaN" and left the row out of the test family, adversarial run r38, F2) and for infinite ones.
 */
const NORMAL_TAIL_LIMIT = 38.5;

/** The standard normal distribution function Phi(x), exact to the last bit the library gives, 0 and 1 in the tails (and at +-infinity). */
export function normalCdf(x: number): number {
  if (x <= -NORMAL_TAIL_LIMIT) return 0;
  if (x >= NORMAL_TAIL_LIMIT) return 1;
  return ndtr(x);
}

/** Two-sided p-value of a standard normal statistic: 0 for an infinite or huge |z| (docs/methods.md 8). */
export function twoSidedP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

/** Standard normal quantile, from the library. */
export function normalQuantile(p: number): number {
  return ndtri(p);
}

/**
 * SE of a published benchmark from its interval: (upper - lower) / (2 * z). For 95% z is 1.96, as
 * docs/methods.md section 8 says and monitors publish; other levels use the normal quantile.
 */
export function seFromInterval(low: number, high: number, level = 0.95): number {
  const z = level === 0.95 ? 1.96 : normalQuantile(1 - (1 - level) / 2);
  return (high - low) / (2 * z);
}
