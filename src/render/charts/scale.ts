// Linear scales and "nice" axes (1-2-5 steps), with shares ticked at tidy percentages. Whatever the numbers
// (equal, a rounding apart, huge, tiny, not finite), an axis has a handful of ticks: no loop runs on their scale.
import type { ValueKind } from './types.js';

export type Interval = readonly [number, number];

/**
 * Maps the domain onto the range; a domain without width (or not finite) maps everything to the middle.
 * Halves keep the width of a domain as wide as the doubles allow finite, and are exact.
 */
export function linearScale(domain: Interval, range: Interval, options: { clamp?: boolean } = {}): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const clamp = options.clamp ?? true;
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  const width = d1 / 2 - d0 / 2;
  if (width === 0 || !Number.isFinite(width)) return () => (r0 + r1) / 2;
  return (value) => {
    const v = clamp ? Math.min(hi, Math.max(lo, value)) : value;
    return r0 + ((v / 2 - d0 / 2) / width) * (r1 - r0);
  };
}

/** A step of 1, 2 or 5 times a power of ten, near span / count. */
export function niceStep(span: number, count: number): { step: number; mantissa: number; exponent: number } {
  const raw = Math.abs(span) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return { step: 1, mantissa: 1, exponent: 0 };
  let exponent = Math.floor(Math.log10(raw));
  const fraction = raw / 10 ** exponent;
  let mantissa = fraction <= 1.5 ? 1 : fraction <= 3.5 ? 2 : fraction <= 7.5 ? 5 : 10;
  if (mantissa === 10) {
    mantissa = 1;
    exponent += 1;
  }
  return { step: tidy(mantissa, exponent), mantissa, exponent };
}

/** k * mantissa * 10^exponent as the double nearest the decimal, so ticks read 0.3 rather than 0.30000000000000004. */
function tidy(multiple: number, exponent: number): number {
  return exponent >= 0 ? multiple * 10 ** exponent : multiple / 10 ** -exponent;
}

export interface Ticks {
  domain: [number, number];
  ticks: number[];
  step: number;
  /** decimals that tell the ticks apart, in the unit they are read in */
  decimals: number;
}

// A whisper under one, so that 0.3 / 0.1 = 2.9999999999999996 still counts as a whole step.
const EPSILON = 1e-9;
/** An axis asks for 2 to 20 ticks and gets at most 1.75 times that plus 3 (a 1-2-5 step can be span / (1.75 count)). */
const MAX_COUNT = 20;
export const MAX_TICKS = Math.ceil(1.75 * MAX_COUNT) + 3;
/** Axes end within this; a value beyond it is drawn at the edge (no survey number comes near). */
const LIMIT = 1e300;
/** Below this size numbers are 0 to an axis: steps that small would need powers of ten past the doubles. */
const TINY = 1e-280;
/** Tick decimals go to number formatters, which take at most 20 (toFixed and Intl take up to 100). */
const MAX_DECIMALS = 20;

/** Values a billionth of their size apart are one value to an axis (10 and 9.999999999999998). */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(Math.abs(a), Math.abs(b), TINY);
}

/** Ticks every nice step from below min to above max (the domain grows to whole steps). */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  const wanted = Number.isFinite(count) ? Math.min(MAX_COUNT, Math.max(2, Math.round(count))) : 5;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, wanted);
  const lo = Math.max(-LIMIT, Math.min(min, max, LIMIT));
  const hi = Math.min(LIMIT, Math.max(min, max, -LIMIT));
  if (sameValue(lo, hi)) return around(lo / 2 + hi / 2, wanted);
  const { mantissa, exponent, step } = niceStep(hi - lo, wanted);
  const first = Math.floor(lo / step + EPSILON);
  // (hi - lo) / step is at most 1.75 * wanted, so this is a handful of ticks whatever the values.
  const steps = Math.min(Math.ceil(hi / step - EPSILON) - first, MAX_TICKS - 1);
  const ticks: number[] = [];
  for (let k = 0; k <= steps; k++) ticks.push(tidy((first + k) * mantissa, exponent) + 0); // + 0 turns -0 into 0
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks, step, decimals: Math.min(MAX_DECIMALS, Math.max(0, -exponent)) };
}

/** An axis around one value: half a unit of its leading digit either side (3.2 -> 2.7..3.7), -1..1 around 0. */
function around(value: number, count: number): Ticks {
  const size = Math.abs(value);
  const pad = size < TINY ? 1 : tidy(5, Math.floor(Math.log10(size)) - 1);
  return niceTicks(value - pad, value + pad, count);
}

export interface AxisRequest {
  kind: ValueKind;
  /** every number the axis must hold (estimates and interval ends) */
  values: number[];
  /** a fixed axis, e.g. [1, 5] for a five-point mean; ticks still fall on nice steps inside it */
  domain?: Interval;
  /** about this many ticks */
  count?: number;
}

/** The natural limits of a kind: shares 0-100%, scores 0-10; means have none. */
export function boundsOf(kind: ValueKind): Interval | null {
  return kind === 'share' ? [0, 1] : kind === 'score' ? [0, 10] : null;
}

/**
 * An axis for the values: nice ticks, clipped to the kind's bounds. A bounded kind (shares, scores) always
 * starts at its lower bound, so lengths compare honestly and no break is needed. Shares are ticked in
 * percentage points and, when a nice range would cover most of 0-100%, get the whole 0-100%.
 */
export function valueAxis(request: AxisRequest): Ticks {
  const count = request.count ?? 5;
  const unit = request.kind === 'share' ? 100 : 1;
  const bounds = boundsOf(request.kind);
  if (request.domain && usableDomain(request.domain, unit)) return fixedAxis(request.domain, unit, count);
  const values = request.values.filter(Number.isFinite);
  if (values.length === 0) return bounds ? fixedAxis(bounds, unit, count) : niceTicks(0, 1, count);
  let lowest = values.reduce((a, b) => Math.min(a, b));
  let highest = values.reduce((a, b) => Math.max(a, b));
  if (bounds) {
    lowest = Math.min(bounds[1], Math.max(bounds[0], lowest));
    highest = Math.min(bounds[1], Math.max(bounds[0], highest));
  }
  let min: number;
  let max: number;
  if (bounds && sameValue(lowest, highest)) {
    const range = bounds[1] - bounds[0];
    min = bounds[0];
    max = Math.max(highest + range / 20, bounds[0] + range / 10);
  } else {
    // A little air, so a point or whisker never sits exactly on the edge of the plot (halves: a finite span).
    const air = (highest / 2 - lowest / 2) * 0.06;
    min = lowest - air;
    max = highest + air;
  }
  if (bounds) {
    // A bounded axis starts at its lower bound: a share read from 9% makes 11.9% -> 12.2% look like a rise.
    min = bounds[0];
    max = Math.min(bounds[1], max);
  }
  const scaled = niceTicks(min * unit, max * unit, count);
  const axis = bounds ? clip(scaled, bounds[0] * unit, bounds[1] * unit) : scaled;
  if (request.kind === 'share' && axis.domain[1] - axis.domain[0] > 60) return fixedAxis([0, 1], unit, count);
  return unscale(axis, unit);
}

/** A fixed domain is used when its ends are apart and within what an axis takes; otherwise the values decide. */
function usableDomain(domain: Interval, unit: number): boolean {
  const [lo, hi] = [domain[0] * unit, domain[1] * unit];
  return Math.abs(lo) <= LIMIT && Math.abs(hi) <= LIMIT && !sameValue(lo, hi);
}

/** A given domain, with ticks on nice steps that fall inside it. */
function fixedAxis(domain: Interval, unit: number, count: number): Ticks {
  const lo = Math.min(domain[0], domain[1]) * unit;
  const hi = Math.max(domain[0], domain[1]) * unit;
  return unscale(clip(niceTicks(lo, hi, count), lo, hi), unit);
}

function clip(axis: Ticks, lo: number, hi: number): Ticks {
  const slack = EPSILON * axis.step;
  const ticks = axis.ticks.filter((tick) => tick >= lo - slack && tick <= hi + slack);
  const domain: [number, number] = [Math.max(lo, axis.domain[0]), Math.min(hi, axis.domain[1])];
  return { ...axis, domain, ticks };
}

/** Back from percentage points to proportions, rounded to the decimal the tick stands for. */
function unscale(axis: Ticks, unit: number): Ticks {
  if (unit === 1) return axis;
  const back = (value: number) => Number((value / unit).toPrecision(12));
  return { ...axis, domain: [back(axis.domain[0]), back(axis.domain[1])], ticks: axis.ticks.map(back), step: back(axis.step) };
}
