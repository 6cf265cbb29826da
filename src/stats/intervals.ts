// Confidence intervals (docs/methods.md section 5): Korn-Graubard for shares, t for means and scores.
// Distribution functions come from Cephes (the `cephes` package: Moshier's C library compiled to
// WebAssembly), which needs no warming up: the ~2,000 beta quantiles of a regional run take ~10 ms.
import { createRequire } from 'node:module';
import type * as Cephes from 'cephes' with { 'resolution-mode': 'require' };

// The package's CommonJS entry compiles its WebAssembly synchronously when loaded; its ES module entry
// compiles asynchronously and would make every estimate wait for a promise.
const { incbi, ndtr, ndtri, stdtri } = createRequire(import.meta.url)('cephes') as typeof Cephes;

export interface Interval {
  low: number;
  high: number;
}

export interface KornGraubardInterval extends Interval {
  /** n_eff = p(1-p) / V capped at n; n when p is 0 or 1 or V is 0 */
  nEff: number;
}

/**
 * The p-quantile of Beta(a, b). Cephes reports a quantile below the smallest double as an error
 * ("underflow", or "partial loss of precision" on the way there); it is 0 then, as R's qbeta says.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  try {
    return incbi(a, b, p);
  } catch (error) {
    if (p < 0.5 && error instanceof Error && /underflow|partial loss of precision/.test(error.message)) return 0;
    throw error;
  }
}

/** The p-quantile of Student's t with df degrees of freedom (a whole number here: respondents minus strata). */
function tQuantile(p: number, df: number): number {
  return stdtri(df, p);
}

/** n_eff for a share: p(1-p) / V, capped at n; n when p is 0 or 1 or V is 0. */
export function shareEffectiveSize(p: number, variance: number, n: number): number {
  if (p === 0 || p === 1 || variance === 0) return n;
  return Math.min((p * (1 - p)) / variance, n);
}

/**
 * Korn-Graubard interval for a share p with design variance V from n respondents and df degrees of freedom:
 * n* = n_eff (t_{n-1} / t_df)^2 (factor 1 when df <= 0 or n <= 1), then Clopper-Pearson bounds at n*.
 */
export function kornGraubard(p: number, variance: number, n: number, df: number, level = 0.95): KornGraubardInterval {
  const tail = (1 - level) / 2;
  const nEff = shareEffectiveSize(p, variance, n);
  // df = n - 1 for a single district: the factor is exactly 1, and skipping the quantiles saves time.
  const factor = df <= 0 || n <= 1 || df === n - 1 ? 1 : (tQuantile(1 - tail, n - 1) / tQuantile(1 - tail, df)) ** 2;
  const size = nEff * factor;
  return {
    low: p === 0 ? 0 : betaQuantile(tail, size * p, size * (1 - p) + 1),
    high: p === 1 ? 1 : betaQuantile(1 - tail, size * p + 1, size * (1 - p)),
    nEff,
  };
}

/** estimate +- t_{df} * SE; null when df <= 0 leaves no t distribution to use. */
export function tInterval(estimate: number, se: number, df: number, level = 0.95): Interval | null {
  if (!(df > 0)) return null;
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return { low: estimate - half, high: estimate + half };
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return 2 * ndtr(-Math.abs(z));
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
