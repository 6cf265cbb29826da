// Linear scales and "nice" axes (1-2-5 steps), with shares ticked at tidy percentages.
import type { ValueKind } from './types.js';

export type Interval = readonly [number, number];

/** Maps the domain onto the range; a zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: Interval, range: Interval, options: { clamp?: boolean } = {}): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const clamp = options.clamp ?? true;
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => {
    const v = clamp ? Math.min(hi, Math.max(lo, value)) : value;
    return r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
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

/** Ticks every nice step from below min to above max (the domain grows to whole steps). */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, count);
  if (min > max) return niceTicks(max, min, count);
  if (min === max) {
    const pad = min === 0 ? 1 : tidy(5, Math.floor(Math.log10(Math.abs(min))) - 1);
    return niceTicks(min - pad, max + pad, count);
  }
  const { mantissa, exponent, step } = niceStep(max - min, count);
  const first = Math.floor(min / step + EPSILON);
  const last = Math.ceil(max / step - EPSILON);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(tidy(k * mantissa, exponent) + 0); // + 0 turns -0 into 0
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks, step, decimals: Math.max(0, -exponent) };
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
 * An axis for the values: nice ticks, clipped to the kind's bounds. Shares are ticked in percentage
 * points and, when a nice sub-range would cover most of 0-100%, get the whole 0-100%.
 */
export function valueAxis(request: AxisRequest): Ticks {
  const count = request.count ?? 5;
  const unit = request.kind === 'share' ? 100 : 1;
  if (request.domain) return fixedAxis(request.domain, unit, count);
  const values = request.values.filter(Number.isFinite);
  const bounds = boundsOf(request.kind);
  if (values.length === 0) return bounds ? fixedAxis(bounds, unit, count) : niceTicks(0, 1, count);
  // A little air, so a point or whisker never sits exactly on the edge of the plot.
  const air = (Math.max(...values) - Math.min(...values)) * 0.03;
  let min = Math.min(...values) - air;
  let max = Math.max(...values) + air;
  if (bounds) {
    min = Math.max(bounds[0], min);
    max = Math.min(bounds[1], max);
  }
  const scaled = niceTicks(min * unit, max * unit, count);
  const axis = bounds ? clip(scaled, bounds[0] * unit, bounds[1] * unit) : scaled;
  if (request.kind === 'share' && axis.domain[1] - axis.domain[0] > 60) return fixedAxis([0, 1], unit, count);
  return unscale(axis, unit);
}

/** A given domain, with ticks on nice steps that fall inside it. */
function fixedAxis(domain: Interval, unit: number, count: number): Ticks {
  const lo = Math.min(domain[0], domain[1]) * unit;
  const hi = Math.max(domain[0], domain[1]) * unit;
  if (lo === hi) return unscale(niceTicks(lo, hi, count), unit);
  return unscale(clip(niceTicks(lo, hi, count), lo, hi), unit);
}

function clip(axis: Ticks, lo: number, hi: number): Ticks {
  const ticks = axis.ticks.filter((tick) => tick >= lo - EPSILON && tick <= hi + EPSILON);
  const domain: [number, number] = [Math.max(lo, axis.domain[0]), Math.min(hi, axis.domain[1])];
  return { ...axis, domain, ticks };
}

/** Back from percentage points to proportions, rounded to the decimal the tick stands for. */
function unscale(axis: Ticks, unit: number): Ticks {
  if (unit === 1) return axis;
  const back = (value: number) => Number((value / unit).toPrecision(12));
  return { ...axis, domain: [back(axis.domain[0]), back(axis.domain[1])], ticks: axis.ticks.map(back), step: back(axis.step) };
}
