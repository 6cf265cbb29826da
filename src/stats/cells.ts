// Which respondents can be calibrated, and the calibration cells they fall in (docs/methods.md section 2):
// empty cells are reported, or merged with the neighbouring age group when collapsing is asked for.
import { SEX_COUNT, cellIndex, type PopulationMargins, type SurveyFrame } from './design.js';

export type CalibrationKind = 'rake' | 'poststratify';

/** Why respondents were left out; each respondent counts once, under the first reason that applies. */
export interface Exclusions {
  /** no district, or one outside the frame's districts */
  district: number;
  /** the district has no population figures */
  figures: number;
  /** sex missing or a category the margins lack (X) */
  sex: number;
  /** age missing or in no age group */
  ageGroup: number;
  /** the supplied weight is missing, zero or negative */
  weight: number;
  /** the population of their calibration cell is zero */
  margin: number;
}

/**
 * A calibration cell the population figures give no residents though respondents are in it (a district's women
 * all counted 0): its respondents are left out (Exclusions.margin), and the figures are probably wrong.
 */
export interface EmptyMarginCell {
  district: number;
  /** the sex margin's cell (raking), or the joint cell's sex (post-stratification) */
  sex?: number;
  /** the age margin's cell (raking), or the joint cell's age group (post-stratification) */
  ageGroup?: number;
  respondents: number;
}

/** A cell calibration cannot reach: population without respondents, or a total raking cannot meet. */
export interface ProblemCell {
  district: number;
  sex?: number;
  ageGroup?: number;
  population: number;
  weighted?: number;
}

/** Age groups first..last (original indices, inclusive) now form one cell; sex null = both sexes (raking). */
export interface CollapsedCells {
  district: number;
  sex: number | null;
  ageGroups: [number, number];
}

export interface MarginPlan {
  ofCell: Int32Array;
  cellCount: number;
  population: Float64Array;
  /** what each margin cell is, for naming it in a problem */
  describe: (cell: number) => { district: number; sex?: number; ageGroup?: number };
}

export interface CellPlan {
  /** joint cell of every usable respondent, in the order of `rows` */
  cell: Int32Array;
  cellCount: number;
  cellDistrict: Int32Array;
  margins: MarginPlan[];
  collapsed: CollapsedCells[];
}

export type CellPlanResult = { ok: true; plan: CellPlan } | { ok: false; cells: ProblemCell[] };

const noExclusions = (): Exclusions => ({ district: 0, figures: 0, sex: 0, ageGroup: 0, weight: 0, margin: 0 });

/** Population of a cell; a NaN inside a district that has figures reads as 0. */
function populationOf(margins: PopulationMargins, d: number, s: number, a: number): number {
  const value = margins.cells[cellIndex(d, s, a, margins.ageGroupCount)];
  return Number.isFinite(value) ? value : 0;
}

export function districtsWithFigures(margins: PopulationMargins): Uint8Array {
  const has = new Uint8Array(margins.districtCount);
  for (let c = 0; c < margins.cells.length; c++) {
    if (Number.isFinite(margins.cells[c])) has[Math.floor(c / (SEX_COUNT * margins.ageGroupCount))] = 1;
  }
  return has;
}

/** Frame rows that can be weighted, and how many were left out for which reason. */
export function usableRespondents(
  frame: SurveyFrame,
  margins: PopulationMargins | null,
  kind: CalibrationKind,
): { rows: Int32Array; excluded: Exclusions; emptyMargins: EmptyMarginCell[] } {
  const excluded = noExclusions();
  const empty = new Map<string, EmptyMarginCell>();
  const inEmpty = (cell: Omit<EmptyMarginCell, 'respondents'>) => {
    const key = `${cell.district}:${cell.sex ?? ''}:${cell.ageGroup ?? ''}`;
    const found = empty.get(key);
    if (found) found.respondents++;
    else empty.set(key, { ...cell, respondents: 1 });
  };
  const rows = new Int32Array(frame.n);
  const A = margins?.ageGroupCount ?? 0;
  const figures = margins ? districtsWithFigures(margins) : null;
  // Raking only needs the district x sex and district x age totals; post-stratification needs the joint cell.
  const sexTotal = new Float64Array(frame.districtCount * SEX_COUNT);
  const ageTotal = new Float64Array(frame.districtCount * A);
  if (margins) {
    for (let d = 0; d < margins.districtCount; d++) {
      for (let s = 0; s < SEX_COUNT; s++) {
        for (let a = 0; a < A; a++) {
          const N = populationOf(margins, d, s, a);
          sexTotal[d * SEX_COUNT + s] += N;
          ageTotal[d * A + a] += N;
        }
      }
    }
  }
  let used = 0;
  for (let i = 0; i < frame.n; i++) {
    const d = frame.district[i];
    const s = frame.sex[i];
    const a = frame.ageGroup[i];
    const w = frame.weight ? frame.weight[i] : 1;
    if (!(d >= 0 && d < frame.districtCount)) excluded.district++;
    else if (figures && !figures[d]) excluded.figures++;
    else if (margins && !(s === 0 || s === 1)) excluded.sex++;
    else if (margins && !(a >= 0 && a < A)) excluded.ageGroup++;
    else if (!(w > 0 && Number.isFinite(w))) excluded.weight++;
    else if (margins && kind === 'rake' && (sexTotal[d * SEX_COUNT + s] <= 0 || ageTotal[d * A + a] <= 0)) {
      excluded.margin++;
      inEmpty(sexTotal[d * SEX_COUNT + s] <= 0 ? { district: d, sex: s } : { district: d, ageGroup: a });
    } else if (margins && kind !== 'rake' && populationOf(margins, d, s, a) <= 0) {
      excluded.margin++;
      inEmpty({ district: d, sex: s, ageGroup: a });
    } else rows[used++] = i;
  }
  return { rows: rows.slice(0, used), excluded, emptyMargins: [...empty.values()] };
}

interface AgeGroupRun {
  first: number;
  last: number;
  respondents: number;
  population: number;
}

/** Merges each empty age group (population, no respondent) with its younger neighbour, else its older one. */
function collapseAgeGroups(respondents: Float64Array, population: Float64Array): { runs: AgeGroupRun[]; ok: boolean } {
  const runs: AgeGroupRun[] = Array.from(respondents, (r, a) => ({ first: a, last: a, respondents: r, population: population[a] }));
  for (;;) {
    const empty = runs.findIndex((run) => run.population > 0 && run.respondents === 0);
    if (empty < 0) return { runs, ok: true };
    if (runs.length === 1) return { runs, ok: false };
    const younger = empty > 0 ? empty - 1 : empty;
    const [a, b] = [runs[younger], runs[younger + 1]];
    runs.splice(younger, 2, { first: a.first, last: b.last, respondents: a.respondents + b.respondents, population: a.population + b.population });
  }
}

/**
 * Joint cells (district x sex x age group) and the margins over them for the usable respondents.
 * Districts without usable respondents have nothing to calibrate and are skipped.
 */
export function planCells(
  frame: SurveyFrame,
  margins: PopulationMargins,
  rows: Int32Array,
  kind: CalibrationKind,
  collapse: boolean,
): CellPlanResult {
  const D = margins.districtCount;
  const A = margins.ageGroupCount;
  const J = D * SEX_COUNT * A;
  const counts = new Float64Array(J);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    counts[cellIndex(frame.district[i], frame.sex[i], frame.ageGroup[i], A)]++;
  }

  // A line is the age groups of one district (raking: its district x age margin, both sexes) or of one
  // district and sex (post-stratification); merges stay within a line, so "same district and sex" holds for
  // post-stratification and reads "same district" for raking, whose age margin has no sex.
  const lineCount = kind === 'rake' ? D : D * SEX_COUNT;
  const firstAge = new Int32Array(lineCount * A); // first age group of the run each age group ends up in
  const problems: ProblemCell[] = [];
  const collapsed: CollapsedCells[] = [];
  for (let line = 0; line < lineCount; line++) {
    const d = kind === 'rake' ? line : Math.floor(line / SEX_COUNT);
    const sex = kind === 'rake' ? null : line % SEX_COUNT;
    const lineRespondents = new Float64Array(A);
    const linePopulation = new Float64Array(A);
    const sexRespondents = [0, 0];
    const sexPopulation = [0, 0];
    for (let s = 0; s < SEX_COUNT; s++) {
      for (let a = 0; a < A; a++) {
        const r = counts[cellIndex(d, s, a, A)];
        const N = populationOf(margins, d, s, a);
        sexRespondents[s] += r;
        sexPopulation[s] += N;
        if (sex === null || sex === s) {
          lineRespondents[a] += r;
          linePopulation[a] += N;
        }
      }
    }
    for (let a = 0; a < A; a++) firstAge[line * A + a] = a;
    if (sexRespondents[0] + sexRespondents[1] === 0) continue;
    // Raking: a sex without respondents in the district cannot be repaired by merging age groups.
    for (let s = 0; s < SEX_COUNT; s++) {
      if (sex === null && sexRespondents[s] === 0 && sexPopulation[s] > 0) problems.push({ district: d, sex: s, population: sexPopulation[s] });
    }
    const emptyCell = (a: number): ProblemCell =>
      sex === null ? { district: d, ageGroup: a, population: linePopulation[a] } : { district: d, sex, ageGroup: a, population: linePopulation[a] };
    if (!collapse) {
      for (let a = 0; a < A; a++) if (linePopulation[a] > 0 && lineRespondents[a] === 0) problems.push(emptyCell(a));
      continue;
    }
    const { runs, ok } = collapseAgeGroups(lineRespondents, linePopulation);
    if (!ok) {
      const population = runs[0].population;
      problems.push(sex === null ? { district: d, population } : { district: d, sex, population });
      continue;
    }
    for (const run of runs) {
      for (let a = run.first; a <= run.last; a++) firstAge[line * A + a] = run.first;
      if (run.last > run.first) collapsed.push({ district: d, sex, ageGroups: [run.first, run.last] });
    }
  }
  if (problems.length > 0) return { ok: false, cells: problems };

  const lineOf = (d: number, s: number) => (kind === 'rake' ? d : d * SEX_COUNT + s);
  const cell = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const d = frame.district[i];
    const s = frame.sex[i];
    const line = kind === 'rake' ? d : d * SEX_COUNT + s;
    cell[k] = cellIndex(d, s, firstAge[line * A + frame.ageGroup[i]], A);
  }
  const cellDistrict = new Int32Array(J);
  for (let j = 0; j < J; j++) cellDistrict[j] = Math.floor(j / (SEX_COUNT * A));
  return { ok: true, plan: { cell, cellCount: J, cellDistrict, margins: marginPlans(margins, kind, firstAge, lineOf), collapsed } };
}

function marginPlans(
  margins: PopulationMargins,
  kind: CalibrationKind,
  firstAge: Int32Array,
  lineOf: (d: number, s: number) => number,
): MarginPlan[] {
  const D = margins.districtCount;
  const A = margins.ageGroupCount;
  const J = D * SEX_COUNT * A;
  const cellOfJoint = (j: number) => ({ d: Math.floor(j / (SEX_COUNT * A)), s: Math.floor(j / A) % SEX_COUNT, a: j % A });
  if (kind === 'poststratify') {
    const population = new Float64Array(J);
    for (let j = 0; j < J; j++) {
      const { d, s, a } = cellOfJoint(j);
      population[cellIndex(d, s, firstAge[lineOf(d, s) * A + a], A)] += populationOf(margins, d, s, a);
    }
    const ofCell = Int32Array.from({ length: J }, (_, j) => j);
    return [{ ofCell, cellCount: J, population, describe: (c) => { const { d, s, a } = cellOfJoint(c); return { district: d, sex: s, ageGroup: a }; } }];
  }
  const sexPopulation = new Float64Array(D * SEX_COUNT);
  const agePopulation = new Float64Array(D * A);
  const sexOf = new Int32Array(J);
  const ageOf = new Int32Array(J);
  for (let j = 0; j < J; j++) {
    const { d, s, a } = cellOfJoint(j);
    const N = populationOf(margins, d, s, a);
    sexOf[j] = d * SEX_COUNT + s;
    ageOf[j] = d * A + a;
    sexPopulation[d * SEX_COUNT + s] += N;
    agePopulation[d * A + firstAge[lineOf(d, s) * A + a]] += N;
  }
  return [
    { ofCell: sexOf, cellCount: D * SEX_COUNT, population: sexPopulation, describe: (c) => ({ district: Math.floor(c / SEX_COUNT), sex: c % SEX_COUNT }) },
    { ofCell: ageOf, cellCount: D * A, population: agePopulation, describe: (c) => ({ district: Math.floor(c / A), ageGroup: c % A }) },
  ];
}
