// The indicator engine: a wave's respondents weighted to the population, and every indicator of the codebook
// estimated per district and for the whole area. Pure: the evidence layer (src/evidence) brings the data.
import type { Settings } from '../config/settings.js';
import { indicatorRange, type IndicatorDefinition } from '../config/codebook.js';
import { InputError } from '../errors.js';
import { present } from '../invariant.js';
import { compareNames } from '../districts.js';
import { message } from '../i18n/index.js';
import {
  compareDistrictsToTotal,
  compositeScore,
  cronbachAlpha,
  estimateDomains,
  protectDistricts,
  protectShares,
  type DomainEstimates,
  weight,
  districtsWithFigures,
  type Comparison,
  type PopulationMargins,
  type SurveyFrame,
  type Design,
  type Estimate,
  type FlagThresholds,
  type WeightingDiagnostics,
} from '../stats/index.js';
import type { PopulationRow, WaveFigures } from '../store/population.js';
import { MISSING_CODE, type SurveyWave } from '../store/survey.js';
import { buildFrame, type AgeGroupSpec } from './frame.js';

export type IndicatorKind = 'share' | 'mean' | 'score';

export interface IndicatorRow extends Omit<Estimate, 'df'> {
  indicator: string;
  kind: IndicatorKind;
  /** null for the whole area */
  district: string | null;
  wave: string;
}

export interface WeightingSummary
  extends Omit<WeightingDiagnostics, 'kishDeffByDistrict' | 'collapsed' | 'singletonStrata' | 'districtsWithoutRespondents' | 'implausibleCells' | 'emptyMargins'> {
  kishDeffByDistrict: Record<string, number | null>;
  collapsed: Array<{ district: string; sex: string | null; ageGroups: string[] }>;
  singletonDistricts: string[];
  districtsWithoutRespondents: string[];
  ageGroups: string[];
  /** Cells the population figures cannot be right for: fewer residents than respondents, or weights below 1. */
  implausibleCells: ImplausibleFigure[];
  /** Districts weighted with the figures without a wave because the wave has none of its own for them. */
  figuresFromAllWaves: string[];
  /** Districts with respondents but no population figures for the wave: their respondents count in no weighted figure. */
  respondentsWithoutFigures: Array<{ district: string; respondents: number }>;
  /** Districts with respondents whose population figures for the wave count 0 residents: their respondents count in no weighted figure. */
  respondentsWithoutResidents: Array<{ district: string; respondents: number }>;
  /** A district's sex or age group (or joint cell) the figures give 0 residents, with the respondents left out for it. */
  respondentsInEmptyMargins: Array<{ district: string; sex: string | null; ageGroup: string | null; respondents: number }>;
  /** Cells of a district's cross-table (each sex and age group the wave's figures have) the figures lack (missingCells): weighted as 0 residents. */
  figuresMissingCells: Array<{ district: string; sex: string; ageGroup: string }>;
  /** The configured age groups when they are not those the population figures were stored in (which weight): null when they are. */
  configuredAgeGroups: string[] | null;
}

/** A cell of district, sex (M/F) and age group, either null for a margin; its residents (null: none of its own, in raking) and smallest weight. */
export interface ImplausibleFigure {
  district: string;
  sex: string | null;
  ageGroup: string | null;
  population: number | null;
  respondents: number;
  weightMin: number;
}

export interface ScoreReliability {
  indicator: string;
  alpha: number | null;
  respondents: number;
}

/** Everything one wave's estimation produced; later steps (comparisons, goals) reuse the design. */
export interface WaveEstimates {
  wave: string;
  districts: string[];
  weighting: WeightingSummary;
  definitions: IndicatorDefinition[];
  rows: IndicatorRow[];
  scores: ScoreReliability[];
  design: Design;
  /** The interval level and flag thresholds the rows were made with: every renderer labels by them. */
  thresholds: FlagThresholds;
  /**
   * per indicator id, every district against the whole area (from the influence values, when asked for); the
   * influence values themselves are not kept: two arrays per respondent and indicator (544 MB for 2,000,000
   * respondents and 17 indicators)
   */
  vsArea: Map<string, Comparison[]>;
}

/** An item's answers for the design rows (NaN where not answered), read straight from the stored codes. */
function itemValues(wave: SurveyWave, item: string, index: Int32Array): Float64Array {
  const codes = wave.items.get(item);
  const values = new Float64Array(index.length);
  if (!codes) return values.fill(NaN);
  for (let i = 0; i < index.length; i++) {
    const code = codes[index[i]];
    values[i] = code === MISSING_CODE ? NaN : code;
  }
  return values;
}

/** 0/1 per design row for a share: a lookup table over the chosen codes' range keeps this one pass. */
function shareValues(wave: SurveyWave, item: string, chosen: number[], index: Int32Array): Float64Array {
  const codes = wave.items.get(item);
  const values = new Float64Array(index.length);
  if (!codes) return values.fill(NaN);
  const lo = Math.min(...chosen);
  const table = new Float64Array(Math.max(...chosen) - lo + 1);
  for (const value of chosen) table[value - lo] = 1;
  for (let i = 0; i < index.length; i++) {
    const code = codes[index[i]];
    values[i] = code === MISSING_CODE ? NaN : code >= lo && code - lo < table.length ? table[code - lo] : 0;
  }
  return values;
}

/** y per design row: 0/1 for a share, the answer for a mean, 0-10 for a score; NaN when missing. */
export function indicatorValues(definition: IndicatorDefinition, wave: SurveyWave, settings: Settings, index: Int32Array): Float64Array {
  if (definition.type === 'share') return shareValues(wave, definition.item, definition.values, index);
  if (definition.type === 'mean') return itemValues(wave, definition.item, index);
  return compositeScore(scoreItems(definition, wave, settings, index), definition.minItems);
}

/**
 * A score's items with their answers, scales and weights; the weights divided by the largest, so only their
 * ratios count and no scale of them can overflow or vanish in the sums (docs/methods.md section 7.1).
 */
function scoreItems(definition: Extract<IndicatorDefinition, { type: 'score' }>, wave: SurveyWave, settings: Settings, index: Int32Array) {
  const largest = definition.itemWeights ? Math.max(...definition.itemWeights) : 1;
  return definition.items.map((name, k) => {
    const item = present(settings.codebook.items.find((entry) => entry.name === name), 'a score item in the codebook');
    return { values: itemValues(wave, name, index), lo: item.values[0], hi: item.values[item.values.length - 1], weight: definition.itemWeights ? definition.itemWeights[k] / largest : undefined };
  });
}

function describeCells(problem: { cells: Array<{ district: number; sex?: number; ageGroup?: number; population: number }> }, districts: string[], ageGroups: AgeGroupSpec[]): string {
  return problem.cells
    .slice(0, 8)
    .map((cell) => {
      const parts = [districts[cell.district]];
      if (cell.sex !== undefined) parts.push(cell.sex === 0 ? 'M' : 'F');
      if (cell.ageGroup !== undefined) parts.push(ageGroups[cell.ageGroup]?.label ?? '?');
      return `${parts.join(' ')} (${Math.round(cell.population)})`;
    })
    .join(', ') + (problem.cells.length > 8 ? ', ...' : '');
}

const sexOf = (sex: number | null | undefined) => (sex === undefined || sex === null ? null : sex === 0 ? 'M' : 'F');

function summarise(
  diagnostics: WeightingDiagnostics,
  districts: string[],
  ageGroups: AgeGroupSpec[],
  fromAllWaves: string[],
): Omit<WeightingSummary, 'respondentsWithoutFigures' | 'respondentsWithoutResidents' | 'figuresMissingCells' | 'configuredAgeGroups'> {
  const { kishDeffByDistrict, collapsed, singletonStrata, districtsWithoutRespondents, implausibleCells, emptyMargins, ...rest } = diagnostics;
  return {
    ...rest,
    kishDeffByDistrict: Object.fromEntries(districts.map((name, d) => [name, Number.isFinite(kishDeffByDistrict[d]) ? kishDeffByDistrict[d] : null])),
    collapsed: collapsed.map((cells) => ({
      district: districts[cells.district],
      sex: sexOf(cells.sex),
      ageGroups: ageGroups.slice(cells.ageGroups[0], cells.ageGroups[1] + 1).map((group) => group.label),
    })),
    singletonDistricts: singletonStrata.map((d) => districts[d]),
    districtsWithoutRespondents: districtsWithoutRespondents.map((d) => districts[d]),
    ageGroups: ageGroups.map((group) => group.label),
    implausibleCells: implausibleCells.map((cell) => ({
      district: districts[cell.district],
      sex: sexOf(cell.sex),
      ageGroup: cell.ageGroup === undefined ? null : ageGroups[cell.ageGroup].label,
      population: cell.population ?? null,
      respondents: cell.respondents,
      weightMin: cell.weight,
    })),
    figuresFromAllWaves: fromAllWaves,
    respondentsInEmptyMargins: emptyMargins.map((cell) => ({
      district: districts[cell.district],
      sex: sexOf(cell.sex),
      ageGroup: cell.ageGroup === undefined ? null : ageGroups[cell.ageGroup].label,
      respondents: cell.respondents,
    })),
  };
}

function row(indicator: IndicatorDefinition, district: string | null, wave: string, estimate: Estimate): IndicatorRow {
  const { df: _df, ...rest } = estimate;
  return { indicator: indicator.id, kind: indicator.type, district, wave, ...rest };
}

/** A wave weighted to the population: what every indicator of the wave is estimated from. */
export interface WeightedWave {
  wave: string;
  survey: SurveyWave;
  districts: string[];
  weighting: WeightingSummary;
  design: Design;
}

/**
 * A supplied weight replaces the start weights of every respondent of a wave or of none (docs/methods.md section
 * 1): a wave whose batches mix respondents with and without one (a file with a `weight` column added to a wave
 * stored without, r19 F1) cannot be weighted, and is refused rather than estimated from one kind alone.
 */
function refuseMixedWeights(wave: string, survey: SurveyWave): void {
  if (!survey.weight) return;
  let without = 0;
  for (const value of survey.weight) if (Number.isNaN(value)) without++;
  if (without === 0) return;
  throw new InputError('weighting.mixed_supplied', { wave, with: survey.n - without, without }, { hint: message('hint.mixed_supplied') });
}

/**
 * Weights one wave (docs/methods.md sections 1-2): respondents placed in district, sex and age group, start
 * weights, then calibration. A wave that cannot be weighted is an input error naming the cells.
 */
export function weightWave(wave: string, survey: SurveyWave, figures: Pick<WaveFigures, 'rows' | 'fromAllWaves' | 'fromMargins'>, settings: Settings): WeightedWave {
  refuseMixedWeights(wave, survey);
  const unweighted = settings.weighting.method === 'none';
  const { districts, ageGroups, frame, margins } = buildFrame(survey, unweighted ? [] : figures.rows, figures.fromMargins);
  const weighted = weight(frame, margins, {
    method: settings.weighting.method === 'poststratify' ? 'poststratify' : 'rake',
    collapseEmptyCells: settings.weighting.collapseEmptyCells,
    maxWeightRatio: settings.weighting.maxWeightRatio ?? undefined,
  });
  if (!weighted.ok) {
    const cells = describeCells(weighted.problem, districts, ageGroups);
    if (weighted.problem.code === 'empty_cells') {
      // Merging age groups cannot help when a whole sex of a district has no respondent; raking is offered only
      // when another method is in use (it needs respondents per margin, not in every joint cell)
      const mergeable = !settings.weighting.collapseEmptyCells && weighted.problem.cells.every((cell) => cell.ageGroup !== undefined);
      const hint = mergeable ? message(settings.weighting.method === 'rake' ? 'hint.collapse_empty_cells' : 'hint.collapse_or_rake') : undefined;
      throw new InputError('weighting.empty_cells', { wave, cells }, { hint });
    }
    throw new InputError('weighting.not_converged', { wave, cells });
  }
  const fromAllWaves = unweighted ? [] : figures.fromAllWaves;
  const summary = summarise(weighted.diagnostics, districts, ageGroups, fromAllWaves);
  const respondentsWithoutFigures = withoutFigures(frame, margins, districts);
  const respondentsWithoutResidents = withoutResidents(frame, margins, districts);
  // a district whose respondents all lack figures, or whose figures count no resident, has respondents: it is named as such, not as one without any
  const unplaced = new Set([...respondentsWithoutFigures, ...respondentsWithoutResidents].map((entry) => entry.district));
  const districtsWithoutRespondents = summary.districtsWithoutRespondents.filter((district) => !unplaced.has(district));
  const figuresMissingCells = unweighted ? [] : missingCells(figures.rows, figures.fromMargins);
  // a district whose figures count no resident at all is named once, whole, not again by its sexes or age groups,
  // which are all empty then (adversarial run r38, left by its helper: every command repeated both)
  const noResidents = new Set(respondentsWithoutResidents.map((entry) => entry.district));
  const respondentsInEmptyMargins = summary.respondentsInEmptyMargins.filter((cell) => !noResidents.has(cell.district));
  const weighting = {
    ...summary,
    respondentsInEmptyMargins,
    districtsWithoutRespondents,
    respondentsWithoutFigures,
    respondentsWithoutResidents,
    figuresMissingCells,
    configuredAgeGroups: otherConfiguredGroups(summary.ageGroups, settings),
  };
  return { wave, survey, districts, weighting, design: weighted.design };
}

/**
 * The configured age groups when the population figures that weight were stored in others: the figures are counted
 * into the groups configured when they were imported, so `codebook: age_groups` changed since then had no effect
 * on the weighting, without a word (adversarial run r36, minor). Null when they agree, or without figures.
 */
function otherConfiguredGroups(stored: readonly string[], settings: Settings): string[] | null {
  const configured = settings.codebook.ageGroups.map((group) => group.label);
  if (stored.length === 0 || (stored.length === configured.length && stored.every((label, i) => label === configured[i]))) return null;
  return configured;
}

/**
 * The cells of a district's cross-table that the figures lack: every sex times every age group the wave's
 * cross-tables give has a figure, unless a row was rejected at import (a count refused as not a whole number) or
 * never given. The weighting counts such a cell as 0 residents (src/stats/cells.ts, populationOf), so raking
 * weights its respondents to margins short by its residents and post-stratification leaves them out; this was
 * silent (adversarial run r34, F9). Districts given by their margins have no cells of their own: not judged.
 */
function missingCells(rows: readonly PopulationRow[], fromMargins: readonly string[]): Array<{ district: string; sex: string; ageGroup: string }> {
  const derived = new Set(fromMargins);
  const given = rows.filter((row) => !derived.has(row.district));
  const sexes = ['M', 'F'].filter((sex) => given.some((row) => row.sex === sex));
  const groups = [...new Map(given.map((row) => [row.ageGroup, row.ageMin])).entries()].sort(([, a], [, b]) => a - b).map(([group]) => group);
  const byDistrict = new Map<string, Set<string>>();
  for (const row of given) byDistrict.set(row.district, (byDistrict.get(row.district) ?? new Set<string>()).add(`${row.sex}\u0000${row.ageGroup}`));
  const missing: Array<{ district: string; sex: string; ageGroup: string }> = [];
  for (const [district, cells] of [...byDistrict].sort(([a], [b]) => compareNames(a, b))) {
    for (const sex of sexes) for (const ageGroup of groups) if (!cells.has(`${sex}\u0000${ageGroup}`)) missing.push({ district, sex, ageGroup });
  }
  return missing;
}

/**
 * Respondents of districts the wave's population figures do not cover (a district the figures renamed, or
 * left out), per district: left out of the weighting (docs/methods.md section 2.1), never silently.
 */
function withoutFigures(frame: SurveyFrame, margins: PopulationMargins | null, districts: readonly string[]): Array<{ district: string; respondents: number }> {
  if (!margins) return [];
  const has = districtsWithFigures(margins);
  const counts = new Array<number>(frame.districtCount).fill(0);
  for (let i = 0; i < frame.n; i++) {
    const d = frame.district[i];
    if (d >= 0 && d < frame.districtCount && !has[d]) counts[d]++;
  }
  return districts.flatMap((district, d) => (counts[d] > 0 ? [{ district, respondents: counts[d] }] : []));
}

/**
 * Respondents of districts whose figures for the wave count 0 residents, per district: no weight can make them
 * stand for anyone, so they are left out of the weighting (docs/methods.md section 2.1), and the figures named as wrong.
 */
function withoutResidents(frame: SurveyFrame, margins: PopulationMargins | null, districts: readonly string[]): Array<{ district: string; respondents: number }> {
  if (!margins) return [];
  const has = districtsWithFigures(margins);
  const residents = new Float64Array(margins.districtCount);
  // the cells of one district are consecutive (design.ts cellIndex): sex x age groups of them
  const perDistrict = margins.cells.length / margins.districtCount;
  margins.cells.forEach((N, c) => {
    if (Number.isFinite(N)) residents[Math.floor(c / perDistrict)] += N;
  });
  const counts = new Array<number>(frame.districtCount).fill(0);
  for (let i = 0; i < frame.n; i++) {
    const d = frame.district[i];
    if (d >= 0 && d < frame.districtCount && has[d] && !(residents[d] > 0)) counts[d]++;
  }
  return districts.flatMap((district, d) => (counts[d] > 0 ? [{ district, respondents: counts[d] }] : []));
}

/** The interval level and flag thresholds of the settings (docs/methods.md sections 5-6). */
export function thresholdsOf(settings: Settings): FlagThresholds {
  const { level, minCell, minNEff, maxCiWidth, maxRelWidth } = settings.estimates;
  return { level, minCell, minNEff, maxCiWidth, maxRelWidth };
}

export interface EstimateOptions {
  /** test every district against the whole area (from the influence values, one indicator at a time) */
  influence?: boolean;
}

/** The chosen indicators of a weighted wave for every district and the whole area (docs/methods.md sections 3-7). */
export function estimateIndicators(weighted: WeightedWave, definitions: IndicatorDefinition[], settings: Settings, options: EstimateOptions = {}): WaveEstimates {
  const { wave, survey, districts, design } = weighted;
  const thresholds = thresholdsOf(settings);
  const rows: IndicatorRow[] = [];
  const scores: ScoreReliability[] = [];
  const vsArea = new Map<string, Comparison[]>();
  // Every indicator asked for with its influence values when asked for; a share of the codebook not asked for
  // is estimated only to protect the asked ones (below), without them.
  const asked = new Set(definitions.map((definition) => definition.id));
  const direct = (definition: IndicatorDefinition) =>
    estimateDomains(design, indicatorValues(definition, survey, settings, design.index), definition.type === 'share' ? 'share' : 'mean', {
      thresholds,
      returnInfluence: options.influence === true && asked.has(definition.id),
    });
  // No district withheld for too few answers may be found by subtraction (docs/methods.md section 6.1): the
  // shares of one item together, all of the codebook's whether asked for or not, so every command withholds alike.
  const sharesOfItem = new Map<string, Map<string, DomainEstimates>>();
  const protectedEstimates = (definition: IndicatorDefinition): DomainEstimates => {
    if (definition.type !== 'share') return protectDistricts(direct(definition), { minCell: thresholds.minCell, bounds: indicatorRange(definition, settings.codebook) ?? undefined });
    let family = sharesOfItem.get(definition.item);
    if (!family) {
      const shares = [definition, ...settings.codebook.indicators.filter((other) => other.type === 'share' && other.item === definition.item && other.id !== definition.id)];
      const members = shares.map((share) => ({ codes: share.type === 'share' ? share.values : [], domains: direct(share) }));
      const protectedShares = protectShares(members, thresholds.minCell);
      family = new Map(shares.map((share, i) => [share.id, protectedShares[i]]));
      sharesOfItem.set(definition.item, family);
    }
    return present(family.get(definition.id), 'a share of its own item');
  };
  for (const definition of definitions) {
    const estimates = protectedEstimates(definition);
    if (options.influence) vsArea.set(definition.id, compareDistrictsToTotal(design, estimates));
    districts.forEach((name, d) => {
      rows.push(row(definition, name, wave, estimates.districts[d]));
    });
    rows.push(row(definition, null, wave, estimates.total));
    if (definition.type === 'score') {
      const items = scoreItems(definition, survey, settings, design.index).map((item) => item.values);
      const reliability = cronbachAlpha(items, design.weights);
      scores.push({ indicator: definition.id, alpha: reliability?.alpha ?? null, respondents: reliability?.respondents ?? 0 });
    }
  }
  return { wave, districts, weighting: weighted.weighting, definitions, rows, scores, design, thresholds, vsArea };
}
