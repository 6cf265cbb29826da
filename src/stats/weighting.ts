// Weighting a wave (docs/methods.md sections 1-2): start weights, calibration to the population margins,
// optional trimming, and the diagnostics every output reports. Data problems come back as values, not throws.
import { SEX_COUNT, type Design, type PopulationMargins, type SurveyFrame } from './design.js';
import { planCells, usableRespondents, type CalibrationKind, type CellPlan, type CollapsedCells, type EmptyMarginCell, type Exclusions, type ProblemCell } from './cells.js';
import { cellTotals, poststratifyCells, rakeCells, type CellCalibration } from './calibrate.js';

export type { CollapsedCells, Exclusions, ProblemCell } from './cells.js';

/** 'none' = unweighted (d = 1); 'supplied' = the data's own weight column without calibration. */
export type WeightingMethod = 'none' | 'supplied' | CalibrationKind;

export interface WeightingOptions {
  /** Calibration when margins are given; raking is the default. */
  method?: CalibrationKind;
  /** Merge an empty age group with its neighbour instead of failing. */
  collapseEmptyCells?: boolean;
  /** Cap weights above r times the mean weight of their district, then calibrate again (only with margins). */
  maxWeightRatio?: number;
}

export interface WeightingDiagnostics {
  method: WeightingMethod;
  converged: boolean;
  /** raking sweeps over all calibration rounds (1 per post-stratification, 0 without calibration) */
  sweeps: number;
  respondents: number;
  excluded: number;
  excludedBy: Exclusions;
  weightMin: number;
  weightMax: number;
  weightMean: number;
  /** Kish design effect of weighting: n * sum w^2 / (sum w)^2 */
  kishDeff: number;
  /** per district; NaN for a district without respondents */
  kishDeffByDistrict: Float64Array;
  collapsed: CollapsedCells[];
  /** respondents whose weight was capped in at least one trimming round */
  capped: number;
  /** calibration rounds (1 without trimming) */
  trimRounds: number;
  /** false when weights still exceeded their cap after the last trimming round */
  trimConverged: boolean;
  /** how far the largest weight stays above its cap after the last round, relative (0.25 = 25% above); 0 when trimming converged or was off */
  trimExcess: number;
  /** districts with exactly one respondent: they add nothing to any variance */
  singletonStrata: number[];
  /** districts with no usable respondent: nothing to estimate there */
  districtsWithoutRespondents: number[];
  /**
   * Calibration cells with fewer residents than respondents, then joint cells (district x sex x age group)
   * whose weights fall below 1: the population figures are probably wrong or of another area.
   */
  implausibleCells: ImplausibleCell[];
  /** Calibration cells the figures give no residents, with the respondents left out for it (Exclusions.margin). */
  emptyMargins: EmptyMarginCell[];
}

/** A cell the population figures cannot be right for: its residents, its respondents and its smallest weight. */
export interface ImplausibleCell {
  district: number;
  sex?: number;
  ageGroup?: number;
  /** the cell's residents; absent for a joint cell of raking, which has no figure of its own */
  population?: number;
  respondents: number;
  weight: number;
}

export interface WeightingProblem {
  code: 'empty_cells' | 'not_converged';
  cells: ProblemCell[];
}

export type WeightingResult = { ok: true; design: Design; diagnostics: WeightingDiagnostics } | { ok: false; problem: WeightingProblem };

const MAX_TRIM_ROUNDS = 100;
/** A weight counts as above its cap only beyond this relative margin, so trimming stops once caps hold. */
const TRIM_TOLERANCE = 1e-6;
/** A round that leaves more than this share of the previous excess over the caps counts as no progress. */
const TRIM_STALL = 0.9;

export function weight(frame: SurveyFrame, margins: PopulationMargins | null, options: WeightingOptions = {}): WeightingResult {
  if (margins && margins.districtCount !== frame.districtCount) {
    throw new RangeError(`margins have ${margins.districtCount} districts, the frame ${frame.districtCount}`);
  }
  const kind = options.method ?? 'rake';
  const { rows, excluded, emptyMargins } = usableRespondents(frame, margins, kind);
  const strata = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) strata[k] = frame.district[rows[k]];
  const sizes = stratumSizes(strata, frame.districtCount);
  const start = startWeights(frame, margins, rows, strata, sizes);
  const base = { frame, rows, strata, sizes, excluded, emptyMargins };
  if (!margins) {
    return finish(base, start, null, { method: frame.weight ? 'supplied' : 'none', converged: true, sweeps: 0, capped: 0, trimRounds: 0, trimConverged: true, trimExcess: 0, collapsed: [] });
  }
  const planned = planCells(frame, margins, rows, kind, options.collapseEmptyCells ?? false);
  if (!planned.ok) return { ok: false, problem: { code: 'empty_cells', cells: planned.cells } };
  const plan = planned.plan;

  let entering = start;
  const capped = new Uint8Array(rows.length);
  let sweeps = 0;
  let previousExcess = Infinity;
  for (let round = 1; ; round++) {
    const { weights, calibration } = calibrate(entering, plan, kind);
    sweeps += calibration.sweeps;
    if (!calibration.converged) return { ok: false, problem: { code: 'not_converged', cells: calibration.worst } };
    const trim = options.maxWeightRatio ? capWeights(weights, strata, sizes, options.maxWeightRatio) : null;
    // Trimming stops when the caps hold, when a round no longer shrinks the largest excess, or after 100 rounds.
    const done = !trim || trim.excess <= TRIM_TOLERANCE || trim.excess > TRIM_STALL * previousExcess || round === MAX_TRIM_ROUNDS;
    if (done) {
      const design = { kind, plan, startWeights: entering, margins };
      const trimConverged = !trim || trim.excess <= TRIM_TOLERANCE;
      const trimExcess = trim && !trimConverged ? trim.excess : 0;
      const stats = { method: kind, converged: true, sweeps, capped: count(capped), trimRounds: round, trimConverged, trimExcess, collapsed: plan.collapsed };
      return finish(base, weights, design, stats);
    }
    for (let i = 0; i < capped.length; i++) capped[i] |= trim.over[i];
    entering = trim.weights;
    previousExcess = trim.excess;
  }
}

function calibrate(start: Float64Array, plan: CellPlan, kind: CalibrationKind): { weights: Float64Array; calibration: CellCalibration } {
  const totals = cellTotals(start, plan.cell, plan.cellCount);
  const calibration = kind === 'rake' ? rakeCells(totals, plan.margins) : poststratifyCells(totals, plan.margins[0]);
  const weights = new Float64Array(start.length);
  for (let i = 0; i < start.length; i++) weights[i] = start[i] * calibration.factor[plan.cell[i]];
  return { weights, calibration };
}

/** Weights capped at r times their district's mean weight, which exceed it, and by how much at most (relative). */
function capWeights(weights: Float64Array, strata: Int32Array, sizes: Int32Array, ratio: number): { weights: Float64Array; over: Uint8Array; excess: number } {
  const mean = new Float64Array(sizes.length);
  for (let i = 0; i < weights.length; i++) mean[strata[i]] += weights[i];
  for (let h = 0; h < sizes.length; h++) mean[h] /= sizes[h];
  const capped = new Float64Array(weights.length);
  const over = new Uint8Array(weights.length);
  let excess = 0;
  for (let i = 0; i < weights.length; i++) {
    const cap = ratio * mean[strata[i]];
    excess = Math.max(excess, weights[i] / cap - 1);
    over[i] = weights[i] > cap * (1 + TRIM_TOLERANCE) ? 1 : 0;
    capped[i] = Math.min(weights[i], cap);
  }
  return { weights: capped, over, excess };
}

/** d_i = N_h / n_h with figures; a supplied weight column replaces it; 1 without either. */
function startWeights(frame: SurveyFrame, margins: PopulationMargins | null, rows: Int32Array, strata: Int32Array, sizes: Int32Array): Float64Array {
  const start = new Float64Array(rows.length);
  if (frame.weight) {
    for (let k = 0; k < rows.length; k++) start[k] = frame.weight[rows[k]];
    return start;
  }
  if (!margins) return start.fill(1);
  const population = new Float64Array(margins.districtCount);
  const perDistrict = SEX_COUNT * margins.ageGroupCount;
  margins.cells.forEach((N, c) => {
    if (Number.isFinite(N)) population[Math.floor(c / perDistrict)] += N;
  });
  for (let k = 0; k < rows.length; k++) start[k] = population[strata[k]] / sizes[strata[k]];
  return start;
}

function stratumSizes(strata: Int32Array, strataCount: number): Int32Array {
  const sizes = new Int32Array(strataCount);
  for (let i = 0; i < strata.length; i++) sizes[strata[i]]++;
  return sizes;
}

function count(flags: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < flags.length; i++) total += flags[i];
  return total;
}

interface Base {
  frame: SurveyFrame;
  rows: Int32Array;
  strata: Int32Array;
  sizes: Int32Array;
  excluded: Exclusions;
  emptyMargins: EmptyMarginCell[];
}

type RunStats = Pick<WeightingDiagnostics, 'method' | 'converged' | 'sweeps' | 'capped' | 'trimRounds' | 'trimConverged' | 'trimExcess' | 'collapsed'>;

function finish(
  base: Base,
  weights: Float64Array,
  calibrated: { kind: CalibrationKind; plan: CellPlan; startWeights: Float64Array; margins: PopulationMargins } | null,
  stats: RunStats,
): WeightingResult {
  const { frame, rows, strata, sizes, excluded } = base;
  const D = frame.districtCount;
  const design: Design = {
    n: rows.length,
    index: rows,
    strata,
    strataCount: D,
    stratumSizes: sizes,
    weights,
    calibration: calibrated && {
      kind: calibrated.kind,
      cell: calibrated.plan.cell,
      cellCount: calibrated.plan.cellCount,
      cellDistrict: calibrated.plan.cellDistrict,
      margins: calibrated.plan.margins.map(({ ofCell, cellCount }) => ({ ofCell, cellCount })),
      startWeights: calibrated.startWeights,
      ...cellSummary(calibrated.kind, calibrated.plan.cell, calibrated.plan.cellCount, weights, calibrated.startWeights),
    },
  };
  const sum = new Float64Array(D);
  const sumSquares = new Float64Array(D);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < weights.length; i++) {
    sum[strata[i]] += weights[i];
    sumSquares[strata[i]] += weights[i] * weights[i];
    min = Math.min(min, weights[i]);
    max = Math.max(max, weights[i]);
  }
  let total = 0;
  let totalSquares = 0;
  const kishDeffByDistrict = new Float64Array(D);
  for (let h = 0; h < D; h++) {
    total += sum[h];
    totalSquares += sumSquares[h];
    kishDeffByDistrict[h] = sizes[h] > 0 ? (sizes[h] * sumSquares[h]) / (sum[h] * sum[h]) : NaN;
  }
  const n = rows.length;
  const districts = Array.from({ length: D }, (_, h) => h);
  const diagnostics: WeightingDiagnostics = {
    ...stats,
    respondents: n,
    excluded: frame.n - n,
    excludedBy: excluded,
    emptyMargins: base.emptyMargins,
    weightMin: n > 0 ? min : NaN,
    weightMax: n > 0 ? max : NaN,
    weightMean: n > 0 ? total / n : NaN,
    kishDeff: n > 0 ? (n * totalSquares) / (total * total) : NaN,
    kishDeffByDistrict,
    singletonStrata: districts.filter((h) => sizes[h] === 1),
    districtsWithoutRespondents: districts.filter((h) => sizes[h] === 0),
    implausibleCells: calibrated ? implausibleCells(calibrated.plan, weights, D, calibrated.kind === 'rake' ? givenCellsShort(frame, calibrated.margins, rows, weights) : []) : [],
  };
  return { ok: true, design, diagnostics };
}

/** A weight of a calibrated respondent stands for this many residents at least, or the figures cannot be right. */
const PLAUSIBLE_WEIGHT = 1;

/** Respondents and the smallest weight per cell, for cells given by `cellOf` of every joint cell. */
function cellsOfRespondents(jointCell: Int32Array, weights: Float64Array, cellOf: (joint: number) => number, cellCount: number) {
  const respondents = new Int32Array(cellCount);
  const smallest = new Float64Array(cellCount).fill(Infinity);
  for (let i = 0; i < jointCell.length; i++) {
    const c = cellOf(jointCell[i]);
    respondents[c]++;
    smallest[c] = Math.min(smallest[c], weights[i]);
  }
  return { respondents, smallest };
}

/**
 * Raking's joint cells that the figures give (a district's cross-table) with fewer residents than respondents,
 * each with the design rows in it. Raking weights to the margins only, so a cell of 0 residents with
 * respondents in it was weighted without a word, although its figure is plainly wrong (adversarial run r34,
 * F6); a district whose cells are derived from its margins has no figure for a cell, and is not judged.
 */
function givenCellsShort(frame: SurveyFrame, margins: PopulationMargins, rows: Int32Array, weights: Float64Array): Array<ImplausibleCell & { rows: number[] }> {
  const given = margins.givenCells;
  if (given === undefined) return [];
  const cellOf = (i: number) => (given[frame.district[i]] === 1 ? (frame.district[i] * SEX_COUNT + frame.sex[i]) * margins.ageGroupCount + frame.ageGroup[i] : -1);
  // respondents per cell first (typed arrays: a large wave costs one pass and no object per cell); rows only for the few short cells
  const respondents = new Int32Array(margins.cells.length);
  for (let k = 0; k < rows.length; k++) {
    const at = cellOf(rows[k]);
    if (at >= 0) respondents[at]++;
  }
  const found = new Map<number, ImplausibleCell & { rows: number[] }>();
  for (let k = 0; k < rows.length; k++) {
    const at = cellOf(rows[k]);
    if (at < 0 || !(Number.isFinite(margins.cells[at]) && margins.cells[at] < respondents[at])) continue;
    const i = rows[k];
    const cell = found.get(at) ?? { district: frame.district[i], sex: frame.sex[i], ageGroup: frame.ageGroup[i], population: margins.cells[at], respondents: respondents[at], weight: Infinity, rows: [] };
    cell.weight = Math.min(cell.weight, weights[k]);
    cell.rows.push(k);
    found.set(at, cell);
  }
  return [...found.values()];
}

/**
 * Margin cells with fewer residents than respondents, then raking's joint cells the figures give with fewer
 * (`short`, see givenCellsShort) that no margin covers, then joint cells with weights below 1 none of those covers.
 */
function implausibleCells(plan: CellPlan, weights: Float64Array, districtCount: number, short: ReadonlyArray<ImplausibleCell & { rows: number[] }> = []): ImplausibleCell[] {
  // joint cells are numbered (district x 2 + sex) x age groups + age group (design.ts cellIndex)
  const ageGroups = plan.cellCount / (SEX_COUNT * districtCount);
  const found: ImplausibleCell[] = [];
  const covered = new Uint8Array(plan.cellCount);
  for (const margin of plan.margins) {
    const { respondents, smallest } = cellsOfRespondents(plan.cell, weights, (joint) => margin.ofCell[joint], margin.cellCount);
    const listed = new Uint8Array(margin.cellCount);
    for (let c = 0; c < margin.cellCount; c++) {
      if (respondents[c] === 0 || margin.population[c] >= respondents[c]) continue;
      listed[c] = 1;
      found.push({ ...margin.describe(c), population: margin.population[c], respondents: respondents[c], weight: smallest[c] });
    }
    for (let j = 0; j < plan.cellCount; j++) covered[j] |= listed[margin.ofCell[j]];
  }
  for (const { rows, ...cell } of short) {
    if (rows.some((k) => covered[plan.cell[k]])) continue;
    found.push(cell);
    for (const k of rows) covered[plan.cell[k]] = 1;
  }
  const joint = cellsOfRespondents(plan.cell, weights, (j) => j, plan.cellCount);
  const single = plan.margins.length === 1;
  for (let j = 0; j < plan.cellCount; j++) {
    if (covered[j] || joint.respondents[j] === 0 || joint.smallest[j] >= PLAUSIBLE_WEIGHT) continue;
    const cell = { district: Math.floor(j / (SEX_COUNT * ageGroups)), sex: Math.floor(j / ageGroups) % SEX_COUNT, ageGroup: j % ageGroups };
    // post-stratification's one margin is the joint cells, whose figures it has; raking's joint cells have none
    found.push(single ? { ...cell, population: plan.margins[0].population[j], respondents: joint.respondents[j], weight: joint.smallest[j] } : { ...cell, respondents: joint.respondents[j], weight: joint.smallest[j] });
  }
  return found;
}

/** Respondents and centring sizes per joint cell, and the weights a cell's respondents share (see Calibration). */
function cellSummary(kind: CalibrationKind, cell: Int32Array, cellCount: number, weights: Float64Array, start: Float64Array) {
  const cellRows = new Int32Array(cellCount);
  const startTotals = new Float64Array(cellCount);
  const weight = new Float64Array(cellCount).fill(NaN);
  const startWeight = new Float64Array(cellCount).fill(NaN);
  let shared = true;
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (cellRows[c] === 0) {
      weight[c] = weights[i];
      startWeight[c] = start[i];
    } else if (weights[i] !== weight[c] || start[i] !== startWeight[c]) {
      shared = false;
    }
    cellRows[c]++;
    startTotals[c] += start[i];
  }
  const cellSizes = kind === 'rake' ? Float64Array.from(cellRows) : startTotals;
  return { cellSizes, cellRows, cellWeights: shared ? { weight, start: startWeight } : null };
}
