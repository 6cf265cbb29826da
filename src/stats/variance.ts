// Taylor-linearised variance (docs/methods.md section 4): the calibration adjustment of the influence values
// and the stratified with-replacement variance. Margins are nested in districts, so every step is per stratum.
import { present } from '../invariant.js';
import type { CalibrationMargin, Design } from './design.js';

export const ADJUST_TOLERANCE = 1e-12;
export const ADJUST_MAX_SWEEPS = 100;

/**
 * The shift per joint cell that turns u into its residual on the calibration cells (u_i -= shift[cell_i]),
 * from the cells' totals and sizes (see Calibration.cellSizes). Post-stratification: the cell mean, once.
 * Raking: alternating plain cell means over the margins until no value moves by more than 1e-12 * max|u|
 * of its stratum (`largest`), at most 100 sweeps. Margins are nested in districts, so each district
 * alternates on its own joint cells (a contiguous block), and on their totals: subtracting a margin cell's
 * mean lowers each joint cell's total by its size times that mean.
 */
export function calibrationShift(design: Design, cellSizes: Float64Array, cellTotals: Float64Array, largest: Float64Array): { shift: Float64Array; sweeps: number } {
  const cal = present(design.calibration, 'the calibration of a calibrated design');
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
}

export function stratumSums(design: Design, y: Float64Array): StratumSums {
  const H = design.strataCount;
  const sums: StratumSums = { size: design.stratumSizes, valid: new Float64Array(H), weight: new Float64Array(H), weighted: new Float64Array(H) };
  addValid(y, design.strata, design.weights, sums.valid, sums.weight, sums.weighted);
  return sums;
}

function addValid(y: Float64Array, strata: Int32Array, weights: Float64Array, valid: Float64Array, weight: Float64Array, weighted: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i])) continue;
    const h = strata[i];
    valid[h]++;
    weight[h] += weights[i];
    weighted[h] += weights[i] * y[i];
  }
}

/**
 * One indicator's answers per joint cell, when a cell's respondents share one weight: how many, and their
 * sum and sum of squares as deviations from the cell's first answer (so a cell of equal answers sums to
 * exactly 0), and the smallest and largest answer. Everything the estimates and variances need follows.
 */
export interface CellMoments {
  valid: Float64Array;
  reference: Float64Array;
  sum: Float64Array;
  squares: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function cellMoments(y: Float64Array, cell: Int32Array, cellCount: number): CellMoments {
  const moments: CellMoments = {
    valid: new Float64Array(cellCount),
    reference: new Float64Array(cellCount),
    sum: new Float64Array(cellCount),
    squares: new Float64Array(cellCount),
    min: new Float64Array(cellCount).fill(Infinity),
    max: new Float64Array(cellCount).fill(-Infinity),
  };
  addMoments(y, cell, moments.valid, moments.reference, moments.sum, moments.squares, moments.min, moments.max);
  return moments;
}

function addMoments(y: Float64Array, cell: Int32Array, valid: Float64Array, reference: Float64Array, sum: Float64Array, squares: Float64Array, min: Float64Array, max: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    const value = y[i];
    if (Number.isNaN(value)) continue;
    const c = cell[i];
    if (valid[c] === 0) reference[c] = value;
    const d = value - reference[c];
    valid[c]++;
    sum[c] += d;
    squares[c] += d * d;
    if (value < min[c]) min[c] = value;
    if (value > max[c]) max[c] = value;
  }
}

/** The stratum sums from cell moments: sum_c w_c n_c and sum_c w_c (n_c ref_c + sum_c). */
export function stratumSumsFromCells(design: Design, moments: CellMoments): StratumSums {
  const cal = present(design.calibration, 'the calibration of a calibrated design');
  const { weight: cellWeight } = present(cal.cellWeights, 'the shared weight of each calibration cell');
  const H = design.strataCount;
  const sums: StratumSums = { size: design.stratumSizes, valid: new Float64Array(H), weight: new Float64Array(H), weighted: new Float64Array(H) };
  for (let c = 0; c < cal.cellCount; c++) {
    const n = moments.valid[c];
    if (n === 0) continue;
    const h = cal.cellDistrict[c];
    sums.valid[h] += n;
    sums.weight[h] += cellWeight[c] * n;
    sums.weighted[h] += cellWeight[c] * (n * moments.reference[c] + moments.sum[c]);
  }
  return sums;
}

export interface DomainInfluence {
  /** z per design row, after the calibration adjustment (empty from cell sums unless asked for) */
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
    shift = calibrationShift(design, cal.cellSizes, cellTotals, largest).shift;
  } else {
    residuals(y, design.strata, design.weights, estimate, domainWeight, z, squares);
  }
  const centre = stratumCentres(sums, estimate, domainWeight);
  const sum = new Float64Array(H);
  const sumSquares = new Float64Array(H);
  if (cal && shift) adjustCalibrated(design.strata, design.weights, cal.cell, shift, centre, z, sum, sumSquares);
  else adjust(design.strata, design.weights, centre, z, sum, sumSquares);
  const variance = stratumVariances(sums.size, sum, sumSquares);
  return { z, variance, squares };
}

/**
 * c_h, the stratum's mean z before the calibration adjustment: sums of z - c_h give the centred sum of
 * squares in one pass without cancellation. 0 for a district's own domain, W_h (est_h - est) / (W n_h) else.
 */
function stratumCentres(sums: StratumSums, estimate: Float64Array, domainWeight: Float64Array): Float64Array {
  const centre = new Float64Array(sums.size.length);
  for (let h = 0; h < centre.length; h++) {
    if (sums.weight[h] > 0) centre[h] = (sums.weighted[h] - estimate[h] * sums.weight[h]) / (domainWeight[h] * sums.size[h]);
  }
  return centre;
}

/** n_h / (n_h - 1) * sum (z - zbar_h)^2 from the sums of z - c_h and of their squares; 0 for one respondent. */
function stratumVariances(size: Int32Array, sum: Float64Array, sumSquares: Float64Array): Float64Array {
  const variance = new Float64Array(size.length);
  for (let h = 0; h < size.length; h++) {
    const n = size[h];
    if (n > 1) variance[h] = (n / (n - 1)) * Math.max(0, sumSquares[h] - (sum[h] * sum[h]) / n);
  }
  return variance;
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

/**
 * domainInfluence from cell moments, for designs whose cells share one weight (Calibration.cellWeights):
 * the same quantities in passes over joint cells instead of respondents. Within a cell every respondent
 * has z = w (y - est) / W - w s (s the cell's shift) when y is valid and -w s when not, so the sums of
 * (z - c_h) and (z - c_h)^2 follow from the cell's count, mean and sum of squared deviations.
 * The influence values themselves are made (one pass over respondents) only when asked for, from `y`.
 */
export function domainVarianceFromCells(design: Design, moments: CellMoments, estimate: Float64Array, domainWeight: Float64Array, sums: StratumSums, y: Float64Array | null): DomainInfluence {
  const cal = present(design.calibration, 'the calibration of a calibrated design');
  const { weight: cellWeight, start: cellStart } = present(cal.cellWeights, 'the shared weight of each calibration cell');
  const H = design.strataCount;
  const J = cal.cellCount;
  const raked = cal.kind === 'rake';
  const mean = new Float64Array(J);
  const spread = new Float64Array(J);
  const cellTotals = new Float64Array(J);
  const largest = new Float64Array(H);
  const squares = new Float64Array(H);
  for (let c = 0; c < J; c++) {
    const n = moments.valid[c];
    if (n === 0) continue;
    const h = cal.cellDistrict[c];
    mean[c] = moments.reference[c] + moments.sum[c] / n;
    spread[c] = Math.max(0, moments.squares[c] - (moments.sum[c] * moments.sum[c]) / n);
    const deviation = mean[c] - estimate[h];
    squares[h] += cellWeight[c] * (spread[c] + n * deviation * deviation);
    cellTotals[c] = ((raked ? 1 : cellStart[c]) * n * deviation) / domainWeight[h];
    const magnitude = Math.max(Math.abs(moments.max[c] - estimate[h]), Math.abs(moments.min[c] - estimate[h])) / domainWeight[h];
    if (magnitude > largest[h]) largest[h] = magnitude;
  }
  const shift = calibrationShift(design, cal.cellSizes, cellTotals, largest).shift;
  const centre = stratumCentres(sums, estimate, domainWeight);
  const sum = new Float64Array(H);
  const sumSquares = new Float64Array(H);
  for (let c = 0; c < J; c++) {
    const rows = cal.cellRows[c];
    if (rows === 0) continue;
    const h = cal.cellDistrict[c];
    const n = moments.valid[c];
    const w = cellWeight[c];
    const scale = w / domainWeight[h];
    const answered = n > 0 ? scale * (mean[c] - estimate[h]) - w * shift[c] - centre[h] : 0;
    const unanswered = -w * shift[c] - centre[h];
    sum[h] += n * answered + (rows - n) * unanswered;
    sumSquares[h] += scale * scale * spread[c] + n * answered * answered + (rows - n) * unanswered * unanswered;
  }
  const variance = stratumVariances(sums.size, sum, sumSquares);
  const z = y ? cellInfluence(y, design.strata, cal.cell, cellWeight, shift, estimate, domainWeight) : new Float64Array(0);
  return { z, variance, squares };
}

function cellInfluence(y: Float64Array, strata: Int32Array, cell: Int32Array, cellWeight: Float64Array, shift: Float64Array, estimate: Float64Array, domainWeight: Float64Array): Float64Array {
  const z = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const c = cell[i];
    const h = strata[i];
    const u = Number.isNaN(y[i]) ? 0 : (y[i] - estimate[h]) / domainWeight[h];
    z[i] = cellWeight[c] * (u - shift[c]);
  }
  return z;
}

/** Per stratum: n_h / (n_h - 1) * sum (a - mean_a)(b - mean_b); a stratum with one respondent gives 0. */
export function stratumCovariances(a: Float64Array, b: Float64Array, design: Design): Float64Array {
  const sizes = design.stratumSizes;
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

