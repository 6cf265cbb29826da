// Taylor-linearised variance (statistics.md section 4): the calibration adjustment of the influence values
// and the stratified with-replacement variance. Margins are nested in districts, so every step is per stratum.
import type { CalibrationMargin, Design } from './design.js';

export const ADJUST_TOLERANCE = 1e-12;
export const ADJUST_MAX_SWEEPS = 100;

/** Respondents per stratum (n_h, all design rows, whether or not y is valid). */
export function stratumSizes(design: Design): Int32Array {
  const sizes = new Int32Array(design.strataCount);
  for (let i = 0; i < design.n; i++) sizes[design.strata[i]]++;
  return sizes;
}

/**
 * The shift per joint cell that turns u into its residual on the calibration cells (u_i -= shift[cell_i]),
 * from the cells' totals and sizes (see StratumSums.cellSizes). Post-stratification: the cell mean, once.
 * Raking: alternating plain cell means over the margins until no value moves by more than 1e-12 * max|u|
 * of its stratum (`largest`), at most 100 sweeps. Margins are nested in districts, so each district
 * alternates on its own joint cells (a contiguous block), and on their totals: subtracting a margin cell's
 * mean lowers each joint cell's total by its size times that mean.
 */
export function calibrationShift(design: Design, cellSizes: Float64Array, cellTotals: Float64Array, largest: Float64Array): { shift: Float64Array; sweeps: number } {
  const cal = design.calibration!;
  const J = cal.cellCount;
  const shift = new Float64Array(J);
  if (cal.kind === 'poststratify') {
    for (let j = 0; j < J; j++) if (cellSizes[j] > 0) shift[j] = cellTotals[j] / cellSizes[j];
    return { shift, sweeps: 1 };
  }
  const total = cellTotals.slice();
  const ofCell = cal.margins.map((m) => m.ofCell);
  const sizes = cal.margins.map((m) => marginSizes(m, cellSizes));
  const sums = cal.margins.map((m) => new Float64Array(m.cellCount));
  let sweepsMax = 0;
  for (let first = 0; first < J; ) {
    const h = cal.cellDistrict[first];
    let end = first;
    while (end < J && cal.cellDistrict[end] === h) end++;
    const sweeps = sweepDistrict(first, end, ADJUST_TOLERANCE * largest[h], ofCell, sizes, sums, cellSizes, total, shift);
    if (sweeps > sweepsMax) sweepsMax = sweeps;
    first = end;
  }
  return { shift, sweeps: sweepsMax };
}

function marginSizes(margin: CalibrationMargin, cellSizes: Float64Array): Float64Array {
  const sizes = new Float64Array(margin.cellCount);
  for (let j = 0; j < cellSizes.length; j++) sizes[margin.ofCell[j]] += cellSizes[j];
  return sizes;
}

/**
 * Alternates over the margins on one district's joint cells [first, end) until the largest steps of a
 * sweep add up to no more than the tolerance; returns the sweeps taken. (Each hot loop of this file is a
 * function of its own with nothing after its loop, so V8 optimises it once instead of deoptimising code
 * that follows a loop compiled on the stack before that code ever ran.)
 */
function sweepDistrict(
  first: number,
  end: number,
  tolerance: number,
  ofCell: Int32Array[],
  sizes: Float64Array[],
  sums: Float64Array[],
  cellSizes: Float64Array,
  total: Float64Array,
  shift: Float64Array,
): number {
  let sweeps = 0;
  let moved = Infinity;
  while (sweeps < ADJUST_MAX_SWEEPS && moved > tolerance) {
    sweeps++;
    moved = 0;
    for (let m = 0; m < ofCell.length; m++) moved += sweepMargin(first, end, ofCell[m], sizes[m], sums[m], cellSizes, total, shift);
  }
  return sweeps;
}

/** One margin's step on a district's joint cells: the largest step taken. */
function sweepMargin(first: number, end: number, ofCell: Int32Array, sizes: Float64Array, sum: Float64Array, cellSizes: Float64Array, total: Float64Array, shift: Float64Array): number {
  for (let j = first; j < end; j++) sum[ofCell[j]] = 0;
  for (let j = first; j < end; j++) sum[ofCell[j]] += total[j];
  let largest = 0;
  for (let j = first; j < end; j++) {
    if (cellSizes[j] === 0) continue;
    const step = sum[ofCell[j]] / sizes[ofCell[j]];
    total[j] -= cellSizes[j] * step;
    shift[j] += step;
    const size = Math.abs(step);
    if (size > largest) largest = size;
  }
  return largest;
}

/** Per-stratum sums of one indicator (one pass): the point estimates and everything later passes need. */
export interface StratumSums {
  /** n_h: every design row of the stratum */
  size: Int32Array;
  /** respondents with a valid y */
  valid: Float64Array;
  weight: Float64Array;
  weighted: Float64Array;
  /**
   * Per joint cell, what the calibration adjustment centres by: respondents for raking (plain cell means, as
   * R's svyrecvar), the weights that entered for post-stratification (R's postStratify centres by their
   * weighted mean, a plain mean whenever they are constant within districts, as N_h / n_h are). Null
   * without calibration.
   */
  cellSizes: Float64Array | null;
}

export function stratumSums(design: Design, y: Float64Array): StratumSums {
  const { strata, weights, calibration: cal } = design;
  const H = design.strataCount;
  const sums: StratumSums = { size: new Int32Array(H), valid: new Float64Array(H), weight: new Float64Array(H), weighted: new Float64Array(H), cellSizes: cal ? new Float64Array(cal.cellCount) : null };
  const raked = cal?.kind === 'rake';
  for (let i = 0; i < design.n; i++) {
    const h = strata[i];
    sums.size[h]++;
    if (cal) sums.cellSizes![cal.cell[i]] += raked ? 1 : cal.startWeights[i];
    if (Number.isNaN(y[i])) continue;
    sums.valid[h]++;
    sums.weight[h] += weights[i];
    sums.weighted[h] += weights[i] * y[i];
  }
  return sums;
}

export interface DomainInfluence {
  /** z per design row, after the calibration adjustment */
  z: Float64Array;
  /** per stratum: n_h / (n_h - 1) * sum (z - zbar_h)^2, 0 for a one-respondent stratum */
  variance: Float64Array;
  /** per stratum: sum w (y - est)^2 over valid y */
  squares: Float64Array;
}

/**
 * Influence values z_i = w_i (y_i - est) / W for domains that are unions of strata, given each stratum's
 * domain estimate and domain weight W, then the calibration adjustment and the stratified variance.
 */
export function domainInfluence(design: Design, y: Float64Array, estimate: Float64Array, domainWeight: Float64Array, sums: StratumSums): DomainInfluence {
  const H = design.strataCount;
  const cal = design.calibration;
  const z = new Float64Array(design.n);
  const squares = new Float64Array(H);
  let shift: Float64Array | null = null;
  if (cal) {
    const cellTotals = new Float64Array(cal.cellCount);
    const largest = new Float64Array(H);
    residualsCalibrated(y, design.strata, design.weights, estimate, domainWeight, cal.cell, cal.kind === 'rake' ? null : cal.startWeights, z, squares, cellTotals, largest);
    shift = calibrationShift(design, sums.cellSizes!, cellTotals, largest).shift;
  } else {
    residuals(y, design.strata, design.weights, estimate, domainWeight, z, squares);
  }
  // Sums of z - c_h, with c_h the stratum's mean z before the adjustment, give the centred sum of squares in
  // the same pass without cancellation: c_h = 0 for a district's own domain, W_h (est_h - est) / (W n_h) else.
  const centre = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    if (sums.weight[h] > 0) centre[h] = (sums.weighted[h] - estimate[h] * sums.weight[h]) / (domainWeight[h] * sums.size[h]);
  }
  const sum = new Float64Array(H);
  const sumSquares = new Float64Array(H);
  if (shift) adjustCalibrated(design.strata, design.weights, cal!.cell, shift, centre, z, sum, sumSquares);
  else adjust(design.strata, design.weights, centre, z, sum, sumSquares);
  const variance = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const n = sums.size[h];
    if (n > 1) variance[h] = (n / (n - 1)) * Math.max(0, sumSquares[h] - (sum[h] * sum[h]) / n);
  }
  return { z, variance, squares };
}

/** u_i = (y_i - est_h) / W_h into z (the adjustment comes before z = w u) and sum w (y - est)^2 per stratum. */
function residuals(y: Float64Array, strata: Int32Array, weights: Float64Array, estimate: Float64Array, domainWeight: Float64Array, z: Float64Array, squares: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i])) continue;
    const h = strata[i];
    const residual = y[i] - estimate[h];
    z[i] = residual / domainWeight[h];
    squares[h] += weights[i] * residual * residual;
  }
}

/**
 * As residuals, and the totals of u per joint cell (weighted by the start weights for post-stratification,
 * null for raking) and the largest |u| per stratum, which the calibration adjustment needs.
 */
function residualsCalibrated(
  y: Float64Array,
  strata: Int32Array,
  weights: Float64Array,
  estimate: Float64Array,
  domainWeight: Float64Array,
  cell: Int32Array,
  startWeights: Float64Array | null,
  z: Float64Array,
  squares: Float64Array,
  cellTotals: Float64Array,
  largest: Float64Array,
): void {
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i])) continue;
    const h = strata[i];
    const residual = y[i] - estimate[h];
    const u = residual / domainWeight[h];
    z[i] = u;
    squares[h] += weights[i] * residual * residual;
    cellTotals[cell[i]] += startWeights === null ? u : startWeights[i] * u;
    const magnitude = Math.abs(u);
    if (magnitude > largest[h]) largest[h] = magnitude;
  }
}

/** z_i = w_i u_i, and per stratum the sums of z - c_h and of its squares. */
function adjust(strata: Int32Array, weights: Float64Array, centre: Float64Array, z: Float64Array, sum: Float64Array, sumSquares: Float64Array): void {
  for (let i = 0; i < z.length; i++) {
    const h = strata[i];
    const value = weights[i] * z[i];
    z[i] = value;
    const d = value - centre[h];
    sum[h] += d;
    sumSquares[h] += d * d;
  }
}

/** As adjust, with u_i replaced by its residual on the calibration cells first. */
function adjustCalibrated(strata: Int32Array, weights: Float64Array, cell: Int32Array, shift: Float64Array, centre: Float64Array, z: Float64Array, sum: Float64Array, sumSquares: Float64Array): void {
  for (let i = 0; i < z.length; i++) {
    const h = strata[i];
    const value = weights[i] * (z[i] - shift[cell[i]]);
    z[i] = value;
    const d = value - centre[h];
    sum[h] += d;
    sumSquares[h] += d * d;
  }
}

/** Per stratum: n_h / (n_h - 1) * sum (a - mean_a)(b - mean_b); a stratum with one respondent gives 0. */
export function stratumCovariances(a: Float64Array, b: Float64Array, design: Design, sizes = stratumSizes(design)): Float64Array {
  const H = design.strataCount;
  const meanA = new Float64Array(H);
  const meanB = new Float64Array(H);
  for (let i = 0; i < design.n; i++) {
    meanA[design.strata[i]] += a[i];
    meanB[design.strata[i]] += b[i];
  }
  for (let h = 0; h < H; h++) {
    meanA[h] /= sizes[h];
    meanB[h] /= sizes[h];
  }
  const products = new Float64Array(H);
  for (let i = 0; i < design.n; i++) {
    const h = design.strata[i];
    products[h] += (a[i] - meanA[h]) * (b[i] - meanB[h]);
  }
  for (let h = 0; h < H; h++) products[h] = sizes[h] > 1 ? (sizes[h] / (sizes[h] - 1)) * products[h] : 0;
  return products;
}

