// Small hand-made frames and margins for the unit and property tests.
import { cellIndex, type Design, type PopulationMargins, type SurveyFrame } from '../../src/stats/design.js';
import { weight, type WeightingOptions } from '../../src/stats/weighting.js';

/** One respondent: district, sex, age group and optionally a supplied weight. */
export type Row = [district: number, sex: number, ageGroup: number, weight?: number];

export function frameOf(rows: Row[], districtCount: number): SurveyFrame {
  const supplied = rows.some((row) => row[3] !== undefined);
  return {
    n: rows.length,
    district: Int32Array.from(rows, (row) => row[0]),
    districtCount,
    sex: Int32Array.from(rows, (row) => row[1]),
    ageGroup: Int32Array.from(rows, (row) => row[2]),
    ...(supplied ? { weight: Float64Array.from(rows, (row) => row[3] ?? NaN) } : {}),
  };
}

export function marginsOf(districtCount: number, ageGroupCount: number, population: (d: number, s: number, a: number) => number): PopulationMargins {
  const cells = new Float64Array(districtCount * 2 * ageGroupCount);
  for (let d = 0; d < districtCount; d++) {
    for (let s = 0; s < 2; s++) for (let a = 0; a < ageGroupCount; a++) cells[cellIndex(d, s, a, ageGroupCount)] = population(d, s, a);
  }
  return { districtCount, sexCount: 2, ageGroupCount, cells };
}

/** Every district x sex x age group cell `copies` times: a sample no calibration can fail on. */
export function fullRows(districtCount: number, ageGroupCount: number, copies = 1): Row[] {
  const rows: Row[] = [];
  for (let d = 0; d < districtCount; d++) {
    for (let s = 0; s < 2; s++) for (let a = 0; a < ageGroupCount; a++) for (let k = 0; k < copies; k++) rows.push([d, s, a]);
  }
  return rows;
}

/** Weights summed per district x sex, district x age group and district x sex x age group. */
export function weightedTotals(design: Design, frame: SurveyFrame, ageGroupCount: number) {
  const D = frame.districtCount;
  const bySex = new Float64Array(D * 2);
  const byAge = new Float64Array(D * ageGroupCount);
  const byCell = new Float64Array(D * 2 * ageGroupCount);
  for (let k = 0; k < design.n; k++) {
    const i = design.index[k];
    const [d, s, a] = [frame.district[i], frame.sex[i], frame.ageGroup[i]];
    bySex[d * 2 + s] += design.weights[k];
    byAge[d * ageGroupCount + a] += design.weights[k];
    byCell[cellIndex(d, s, a, ageGroupCount)] += design.weights[k];
  }
  return { bySex, byAge, byCell };
}

/** Weights a frame that must weight; the tests of failures call weight() themselves. */
export function weighted(frame: SurveyFrame, margins: PopulationMargins | null, options: WeightingOptions = {}) {
  const result = weight(frame, margins, options);
  if (!result.ok) throw new Error(`weighting failed: ${JSON.stringify(result.problem)}`);
  return result;
}

/** A deterministic stream of numbers in [0, 1) for building test data. */
export function randomStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
