// Raking and post-stratification (docs/methods.md section 2). Both multiply a respondent's start weight by a
// factor that depends only on the respondent's joint cell, so they run on cell totals: O(cells) per sweep.
import type { MarginPlan, ProblemCell } from './cells.js';

export const RAKE_TOLERANCE = 1e-9;
export const RAKE_MAX_SWEEPS = 1000;
const WORST_CELLS_NAMED = 10;

export interface CellCalibration {
  /** factor g_j per joint cell: calibrated weight = start weight * g_j */
  factor: Float64Array;
  converged: boolean;
  sweeps: number;
  /** the cells furthest from their population when raking did not converge, worst first */
  worst: ProblemCell[];
}

/** Sum of the start weights per joint cell. */
export function cellTotals(weights: Float64Array, cell: Int32Array, cellCount: number): Float64Array {
  const totals = new Float64Array(cellCount);
  for (let i = 0; i < weights.length; i++) totals[cell[i]] += weights[i];
  return totals;
}

function marginSums(totals: Float64Array, margin: MarginPlan, into: Float64Array): Float64Array {
  into.fill(0);
  for (let j = 0; j < totals.length; j++) if (totals[j] > 0) into[margin.ofCell[j]] += totals[j];
  return into;
}

/** Every margin cell with respondents within `tolerance` (relative) of its population. */
function withinTolerance(sums: Float64Array, population: Float64Array, tolerance: number): boolean {
  for (let c = 0; c < sums.length; c++) {
    if (sums[c] > 0 && Math.abs(sums[c] - population[c]) > tolerance * population[c]) return false;
  }
  return true;
}

/**
 * Iterative proportional fitting: one sweep visits every margin and scales each of its cells to the population.
 * Converged when, within one sweep, every margin was already within the tolerance before it was scaled.
 */
export function rakeCells(startTotals: Float64Array, margins: MarginPlan[], maxSweeps = RAKE_MAX_SWEEPS, tolerance = RAKE_TOLERANCE): CellCalibration {
  const totals = startTotals.slice();
  const factor = new Float64Array(totals.length).fill(1);
  const sums = margins.map((m) => new Float64Array(m.cellCount));
  const scale = margins.map((m) => new Float64Array(m.cellCount));
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let converged = true;
    margins.forEach((margin, m) => {
      marginSums(totals, margin, sums[m]);
      if (!withinTolerance(sums[m], margin.population, tolerance)) converged = false;
      for (let c = 0; c < margin.cellCount; c++) scale[m][c] = sums[m][c] > 0 ? margin.population[c] / sums[m][c] : 1;
      for (let j = 0; j < totals.length; j++) {
        const f = scale[m][margin.ofCell[j]];
        totals[j] *= f;
        factor[j] *= f;
      }
    });
    if (converged) return { factor, converged, sweeps: sweep, worst: [] };
  }
  return { factor, converged: false, sweeps: maxSweeps, worst: worstCells(totals, margins, tolerance) };
}

/** w = d * N_c / sum_{j in c} d, for the single margin of joint cells. */
export function poststratifyCells(startTotals: Float64Array, margin: MarginPlan): CellCalibration {
  const factor = new Float64Array(startTotals.length);
  for (let j = 0; j < startTotals.length; j++) factor[j] = startTotals[j] > 0 ? margin.population[margin.ofCell[j]] / startTotals[j] : 1;
  return { factor, converged: true, sweeps: 1, worst: [] };
}

/** The margin cells raking could not bring to their population, by relative distance. */
function worstCells(totals: Float64Array, margins: MarginPlan[], tolerance: number): ProblemCell[] {
  const misses: Array<{ distance: number; cell: ProblemCell }> = [];
  for (const margin of margins) {
    const sums = marginSums(totals, margin, new Float64Array(margin.cellCount));
    for (let c = 0; c < margin.cellCount; c++) {
      const population = margin.population[c];
      const distance = Math.abs(sums[c] - population) / population;
      if (sums[c] > 0 && distance > tolerance) misses.push({ distance, cell: { ...margin.describe(c), population, weighted: sums[c] } });
    }
  }
  misses.sort((a, b) => b.distance - a.distance);
  return misses.slice(0, WORST_CELLS_NAMED).map((miss) => miss.cell);
}
