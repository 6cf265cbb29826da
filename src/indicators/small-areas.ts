// The small-area model of one indicator and wave (docs/methods.md section 10): covariates from the population
// figures, the previous wave and the key figures, sampling variances from the direct estimates, then the
// Fay-Herriot fit. Pure: the evidence layer brings the data and keeps the result.
import type { IndicatorDefinition } from '../config/codebook.js';
import type { CovariateSpec, Settings } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import { closestPhrase } from '../i18n/index.js';
import { freeTextHoldsPersonalData, WITHHELD } from '../ingest/privacy.js';
import { closestNames } from '../ingest/values.js';
import { shownName } from '../shown-name.js';
import { fayHerriot, fayHerriotInterval, samplingVariances, type WholeArea } from '../stats/index.js';
import type { KeyFigureRow } from '../store/sources.js';
import type { PopulationRow } from '../store/population.js';
import type { IndicatorRow } from './engine.js';
import { ageGroupsOf } from './frame.js';
import type { CovariateName, SmallAreaEstimate, SmallAreaModel, SyntheticBasis } from './small-area-model.js';

export interface SmallAreaInput {
  definition: IndicatorDefinition;
  wave: string;
  /** the wave's districts, in order */
  districts: readonly string[];
  /** the indicator's rows of the wave: one per district and the whole area */
  rows: readonly IndicatorRow[];
  population: readonly PopulationRow[];
  /** the previous wave and its rows of the indicator; null for the first wave */
  previous: { wave: string; rows: readonly IndicatorRow[] } | null;
  keyFigures: readonly KeyFigureRow[];
  settings: Pick<Settings, 'smallAreas' | 'estimates' | 'path'>;
}

/** One covariate's name and its value per district (undefined: the district lacks it). */
interface Column {
  name: CovariateName;
  values: ReadonlyMap<string, number>;
}

function populationShare(population: readonly PopulationRow[], counts: (row: PopulationRow) => boolean): Map<string, number> {
  const total = new Map<string, number>();
  const part = new Map<string, number>();
  for (const row of population) {
    total.set(row.district, (total.get(row.district) ?? 0) + row.population);
    if (counts(row)) part.set(row.district, (part.get(row.district) ?? 0) + row.population);
  }
  const shares = new Map<string, number>();
  for (const [district, people] of total) if (people > 0) shares.set(district, (part.get(district) ?? 0) / people);
  return shares;
}

/** An age group the configuration names must be one of the population figures'; else exit 4 at its line. */
function ageGroupsNamed(spec: Extract<CovariateSpec, { kind: 'age_group' }>, index: number, population: readonly PopulationRow[], settings: SmallAreaInput['settings']): string[] {
  const known = ageGroupsOf([...population]).map((group) => group.label);
  if (spec.groups === 'oldest') return known.slice(-1);
  for (const group of spec.groups) {
    if (!known.includes(group)) {
      const key = `small_areas.covariates.${index}.age_group`;
      const location = settings.path === null ? undefined : { file: settings.path.split(/[\\/]/).pop() ?? settings.path, line: spec.line };
      // the user's own words, shown as other echoed configuration values are: `***` when they hold personal data
      const value = freeTextHoldsPersonalData(group) ? WITHHELD : shownName(group);
      throw new ConfigError('config.unknown_value', { key, value, closest: closestPhrase(closestNames(group, known)), known: known.join(', ') }, { location });
    }
  }
  return spec.groups;
}

type ColumnResult = Column | { problem: 'no_population_figures' | 'no_previous_wave' };

function column(spec: CovariateSpec, index: number, input: SmallAreaInput): ColumnResult {
  const { population } = input;
  if (spec.kind === 'age_group' || spec.kind === 'sex') {
    if (population.length === 0) return { problem: 'no_population_figures' };
    if (spec.kind === 'sex') return { name: { code: 'sex', sex: spec.sex }, values: populationShare(population, (row) => row.sex === spec.sex) };
    const groups = ageGroupsNamed(spec, index, population, input.settings);
    return { name: { code: 'age_group', groups }, values: populationShare(population, (row) => groups.includes(row.ageGroup)) };
  }
  if (spec.kind === 'previous_wave') {
    if (input.previous === null) return { problem: 'no_previous_wave' };
    // A withheld estimate is no covariate: the model's coefficients would let it be worked out.
    const values = new Map(input.previous.rows.flatMap((row) => (row.district !== null && row.estimate !== null ? [[row.district, row.estimate] as const] : [])));
    return { name: { code: 'previous_wave', wave: input.previous.wave }, values };
  }
  const sums = new Map<string, { total: number; count: number }>();
  for (const row of input.keyFigures) {
    if (row.theme !== spec.theme) continue;
    const sum = sums.get(row.district) ?? { total: 0, count: 0 };
    sum.total += row.severity;
    sum.count += 1;
    sums.set(row.district, sum);
  }
  return { name: { code: 'key_figures', theme: spec.theme }, values: new Map([...sums].map(([district, sum]) => [district, sum.total / sum.count])) };
}

/** The whole area's spread for the sampling variances: p(1 - p) for a share, s2_w = n SE^2 / deff for a mean (5.4). */
function wholeAreaOf(definition: IndicatorDefinition, total: IndicatorRow | undefined): WholeArea | null {
  if (!total || total.estimate === null) return null;
  if (definition.type === 'share') return { type: 'share', estimate: total.estimate, deff: total.deff };
  if (total.se === null || total.deff === null || !(total.deff > 0)) return null;
  return { type: 'mean', spread: (total.n * total.se * total.se) / total.deff, deff: total.deff };
}

/** Fits the model for one indicator and wave and predicts every district that has its covariates. */
export function smallAreaModel(input: SmallAreaInput): SmallAreaModel {
  const { definition, wave } = input;
  const fail = (problem: Extract<SmallAreaModel, { ok: false }>['problem']): SmallAreaModel => ({ ok: false, indicator: definition.id, wave, problem });
  // No answers at all is the reason itself, before any covariate: it read `no_spread`, as if the answers were
  // alike (adversarial run r38, minor).
  const total = input.rows.find((row) => row.district === null);
  if (!total || total.n === 0) return fail({ code: 'no_answers' });
  const columns: Column[] = [];
  for (const [index, spec] of input.settings.smallAreas.covariates.entries()) {
    const result = column(spec, index, input);
    if ('problem' in result) return fail({ code: result.problem });
    columns.push(result);
  }
  const leftOut: Array<{ district: string; covariate: CovariateName }> = [];
  const districts = input.districts.filter((district) => {
    const missing = columns.find((c) => !c.values.has(district));
    if (missing) leftOut.push({ district, covariate: missing.name });
    return !missing;
  });
  if (districts.length === 0) return fail({ code: 'no_districts' });

  const byDistrict = new Map(input.rows.flatMap((row) => (row.district === null ? [] : [[row.district, row] as const])));
  const rows = districts.map((district) => byDistrict.get(district));
  const wholeArea = wholeAreaOf(definition, total);
  if (wholeArea === null) return fail({ code: 'no_spread' });
  const psi = samplingVariances(
    rows.map((row) => ({ n: row?.n ?? 0, estimate: row?.estimate ?? null, deff: row?.deff ?? null, nEff: row?.nEff ?? null })),
    wholeArea,
  );
  if (!psi.ok) return fail(psi.problem);
  // Only shown estimates enter the fit: a withheld one could be worked back from its model estimate.
  const direct = rows.map((row) => (row && row.estimate !== null && !row.suppression && !row.notFinite ? row.estimate : null));
  const covariates = districts.map((district) => [1, ...columns.map((c) => c.values.get(district) ?? Number.NaN)]);
  const names: CovariateName[] = [{ code: 'intercept' }, ...columns.map((c) => c.name)];
  const fit = fayHerriot({ direct, samplingVariance: direct.map((value, d) => (value === null ? null : psi.psi[d])), covariates });
  if (!fit.ok) {
    const problem = fit.problem;
    if (problem.code === 'collinear_covariates') return fail({ code: 'collinear_covariates', covariate: names[problem.column] });
    if (problem.code === 'not_converged') return fail({ code: 'not_converged', iterations: problem.iterations });
    return fail(problem);
  }

  const share = definition.type === 'share';
  const intervalsWithheld = fit.s2u === 0;
  const estimates = districts.map((district, d): SmallAreaEstimate => {
    const prediction = fit.districts[d];
    const estimate = share ? Math.min(Math.max(prediction.estimate, 0), 1) : prediction.estimate;
    const interval = intervalsWithheld ? null : fayHerriotInterval(estimate, prediction.mse, share, input.settings.estimates.level);
    let basis: SyntheticBasis | null = null;
    if (!prediction.sampled) basis = (rows[d]?.n ?? 0) === 0 ? 'no_answers' : 'withheld';
    else if (prediction.synthetic) basis = 'no_variation';
    return {
      district,
      estimate,
      rmse: intervalsWithheld ? null : prediction.rmse,
      ciLow: interval?.low ?? null,
      ciHigh: interval?.high ?? null,
      gamma: prediction.gamma,
      synthetic: prediction.synthetic,
      syntheticBasis: basis,
      direct: direct[d],
      regression: prediction.regression,
      samplingVariance: direct[d] === null ? null : psi.psi[d],
      standardisedResidual: prediction.standardisedResidual,
    };
  });
  return {
    ok: true,
    indicator: definition.id,
    wave,
    covariates: names,
    coefficients: fit.coefficients.map((c, j) => ({ covariate: names[j], ...c })),
    s2u: fit.s2u,
    iterations: fit.iterations,
    varianceExplained: fit.varianceExplained,
    pooledDeff: psi.pooledDeff,
    pooledDeffSource: psi.pooledDeffSource,
    sampled: fit.sampledCount,
    intervalsWithheld,
    districts: estimates,
    leftOut,
  };
}
