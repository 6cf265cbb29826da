// Reads the committed golden cases (test/golden/cases/*.json) and R's answers (test/golden/stats-golden.json),
// written by test/golden/make-stats-golden.R, into the shapes src/stats works on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PopulationMargins, SurveyFrame } from '../../src/stats/design.js';
import type { WeightingOptions } from '../../src/stats/weighting.js';
import type { IndicatorType } from '../../src/stats/estimate.js';

const goldenDir = fileURLToPath(new URL('../golden/', import.meta.url));

type Num = number | null;

export interface GoldenCase {
  name: string;
  description: string;
  districtCount: number;
  ageGroupCount: number;
  population: Num[] | null;
  respondents: {
    district: number[];
    sex: number[];
    ageGroup: number[];
    weight?: number[];
    y: Record<string, Num[]>;
  };
  indicators: Record<string, IndicatorType>;
  options: { method: 'rake' | 'poststratify' | 'none'; collapseEmptyCells?: boolean; maxWeightRatio?: number };
}

export interface GoldenDomain {
  n: number;
  df?: number;
  estimate: Num;
  se?: number;
  ci_low?: Num;
  ci_high?: Num;
  n_eff?: number;
}

export interface GoldenResult {
  respondents: number;
  excluded: number;
  weights: Num[];
  kish_deff: number;
  kish_deff_by_district: Num[];
  capped?: number;
  trim_rounds?: number;
  trim_converged?: boolean;
  indicators: Record<string, { type: IndicatorType; districts: GoldenDomain[]; total: GoldenDomain }>;
  empty_cells?: Array<{ district: number; sex?: number; ageGroup?: number; population: number }>;
  collapsed?: Array<{ district: number; sex: number | null; ageGroups: [number, number] }>;
}

export interface GoldenComparison {
  district?: number;
  diff: Num;
  se?: Num;
  z?: Num;
  p?: Num;
  covariance?: number;
}

export interface Golden {
  generated_by: string;
  survey_version: string;
  cases: Record<string, GoldenResult>;
  korn_graubard: Array<{ p: number; variance: number; n: number; df: number; level: number; low: number; high: number; n_eff: number }>;
  t_intervals: Array<{ estimate: number; se: number; df: number; level: number; low: number; high: number }>;
  cronbach: { items: Num[][]; weights: number[]; alpha_weighted: number; alpha_unweighted: number; respondents: number };
  comparisons: {
    waves_unsafe: { districts: GoldenComparison[]; total: GoldenComparison };
    district_vs_total_unsafe: GoldenComparison[];
  };
  benjamini_hochberg: Array<{ p: Num[]; adjusted: Num[] }>;
}

export const golden: Golden = JSON.parse(readFileSync(`${goldenDir}stats-golden.json`, 'utf8'));

export function loadCase(name: string): GoldenCase {
  return JSON.parse(readFileSync(`${goldenDir}cases/${name}.json`, 'utf8'));
}

const toFloat = (values: Num[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));

export function frameOf(c: GoldenCase): SurveyFrame {
  const r = c.respondents;
  return {
    n: r.district.length,
    district: Int32Array.from(r.district),
    districtCount: c.districtCount,
    sex: Int32Array.from(r.sex),
    ageGroup: Int32Array.from(r.ageGroup),
    ...(r.weight ? { weight: toFloat(r.weight) } : {}),
  };
}

export function marginsOf(c: GoldenCase): PopulationMargins | null {
  if (!c.population) return null;
  return { districtCount: c.districtCount, sexCount: 2, ageGroupCount: c.ageGroupCount, cells: toFloat(c.population) };
}

export function optionsOf(c: GoldenCase): WeightingOptions {
  const { method, collapseEmptyCells, maxWeightRatio } = c.options;
  return {
    ...(method === 'none' ? {} : { method }),
    ...(collapseEmptyCells ? { collapseEmptyCells } : {}),
    ...(maxWeightRatio ? { maxWeightRatio } : {}),
  };
}

/** The indicator's values per frame row (NaN = missing). */
export function valuesOf(c: GoldenCase, indicator: string): Float64Array {
  return toFloat(c.respondents.y[indicator]);
}
