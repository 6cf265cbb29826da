// The small-area model in words and cells, for the table and Markdown: the model estimate beside the direct
// one, a sentence under each indicator on the fit, and with --explain the fit itself (docs/methods.md section 10).
import { themeLabel } from '../../config/codebook.js';
import type { Translate } from '../../i18n/index.js';
import type { IndicatorKind, IndicatorRow } from '../../indicators/engine.js';
import type { CovariateName, IndicatorsResult, ModelSkip, SmallAreaEstimate, SmallAreaModel, SmallAreaProblem } from '../../indicators/small-area-model.js';
import { joinList } from '../list.js';
import { formatLevel, formatNumber, pValueText, percentText } from '../numbers.js';
import { formatValue } from './labels.js';

/** Marks a model estimate that rests on the covariates alone. */
export const SYNTHETIC_MARK = '†';

export function modelOf(result: IndicatorsResult, indicator: string): SmallAreaModel | ModelSkip | null {
  return result.models?.get(indicator) ?? null;
}

export function districtEstimate(model: SmallAreaModel | ModelSkip | null, district: string | null): SmallAreaEstimate | null {
  if (model === null || model === 'not_configured' || !model.ok || district === null) return null;
  return model.districts.find((estimate) => estimate.district === district) ?? null;
}

/** The model's cells beside a row: the estimate (marked when synthetic), its interval, gamma; empty for the whole area or no model. */
export function modelCells(model: SmallAreaModel | ModelSkip | null, row: IndicatorRow, t: Translate): [string, string, string] {
  const estimate = districtEstimate(model, row.district);
  if (estimate === null) return ['', '', ''];
  const value = `${formatValue(estimate.estimate, row.kind, t.lang)}${estimate.synthetic ? SYNTHETIC_MARK : ''}`;
  const interval =
    estimate.ciLow === null || estimate.ciHigh === null
      ? t('indicators.model_no_interval')
      : `${formatValue(estimate.ciLow, row.kind, t.lang)}–${formatValue(estimate.ciHigh, row.kind, t.lang)}`;
  return [value, interval, formatNumber(estimate.gamma, t.lang, 2)];
}

export function modelHeads(result: IndicatorsResult, t: Translate): [string, string, string] {
  return [t('indicators.model'), t('indicators.model_interval', { level: formatLevel(result.thresholds.level, t.lang) }), 'γ'];
}

export function covariateText(name: CovariateName, t: Translate): string {
  switch (name.code) {
    case 'intercept':
      return t('model.covariate_intercept');
    case 'age_group':
      return t('model.covariate_age_group', { groups: name.groups.join(' + ') });
    case 'sex':
      return t(name.sex === 'M' ? 'model.covariate_men' : 'model.covariate_women');
    case 'previous_wave':
      return t('model.covariate_previous_wave', { wave: name.wave });
    case 'key_figures':
      return t('model.covariate_key_figures', { theme: themeLabel(name.theme, t.lang) });
  }
}

export function problemText(problem: SmallAreaProblem, t: Translate): string {
  switch (problem.code) {
    case 'too_few_districts':
      return t('model.problem_too_few_districts', { districts: problem.districts, covariates: problem.covariates });
    case 'collinear_covariates':
      return t('model.problem_collinear', { covariate: covariateText(problem.covariate, t) });
    case 'not_converged':
      return t('model.problem_not_converged', { iterations: problem.iterations });
    case 'no_answers':
      return t('model.problem_no_answers');
    case 'no_spread':
      return t('model.problem_no_spread');
    case 'no_design_effect':
      return t('model.problem_no_design_effect');
    case 'no_population_figures':
      return t('model.problem_no_population_figures');
    case 'no_previous_wave':
      return t('model.problem_no_previous_wave');
    case 'no_districts':
      return t('model.problem_no_districts');
  }
}

/** What the model is and how it fared, in one or two sentences under an indicator's table. */
export function modelNote(model: SmallAreaModel | ModelSkip | null, t: Translate): string | null {
  if (model === null) return null;
  if (model === 'not_configured') return t('model.not_configured');
  if (!model.ok) return t('model.not_fitted', { reason: problemText(model.problem, t) });
  const covariates = joinList(t, model.covariates.map((name) => covariateText(name, t)));
  const sentences = [t('model.fitted', { covariates, districts: model.sampled, s2u: formatNumber(model.s2u, t.lang, 5) })];
  if (model.intervalsWithheld) sentences.push(t('model.no_variation'));
  else if (model.varianceExplained !== null) sentences.push(t('model.explained', { share: percentText(model.varianceExplained, t, 0) }));
  for (const { covariate, districts } of groupLeftOut(model)) sentences.push(leftOutText(covariate, districts, t));
  return sentences.join(' ');
}

/** Why these districts have no model estimate, naming the covariate they lack in words. */
function leftOutText(covariate: CovariateName, districts: string[], t: Translate): string {
  // The previous wave's estimate is missing only where it was not shown then: say so, rather than "no value".
  if (covariate.code === 'previous_wave') return t('model.left_out_previous_wave', { districts: joinList(t, districts), count: districts.length, wave: covariate.wave });
  return t('model.left_out', { districts: joinList(t, districts), covariate: covariateText(covariate, t) });
}

/** The left-out districts grouped by the covariate they lack, in the order the covariates first appear. */
function groupLeftOut(model: Extract<SmallAreaModel, { ok: true }>): Array<{ covariate: CovariateName; districts: string[] }> {
  const groups = new Map<string, { covariate: CovariateName; districts: string[] }>();
  for (const entry of model.leftOut) {
    const key = JSON.stringify(entry.covariate);
    const group = groups.get(key) ?? { covariate: entry.covariate, districts: [] };
    group.districts.push(entry.district);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The legend line for model columns, when any indicator shows them. */
export function modelLegend(result: IndicatorsResult, t: Translate): string | null {
  if (result.models === null) return null;
  return t('indicators.legend_model', { mark: SYNTHETIC_MARK });
}

export interface ModelExplanation {
  heading: string;
  coefficientHead: string[];
  coefficients: string[][];
  variances: string;
  districtHead: string[];
  districts: string[][];
}

/** --explain: the fit of one indicator's model, as tables and a sentence. */
export function explanation(model: Extract<SmallAreaModel, { ok: true }>, kind: IndicatorKind, t: Translate): ModelExplanation {
  const lang = t.lang;
  const value = (number: number | null) => (number === null ? '' : formatValue(number, kind, lang));
  return {
    heading: t('model.explain_heading', { iterations: model.iterations, s2u: formatNumber(model.s2u, lang, 6) }),
    coefficientHead: [t('model.covariate'), t('model.coefficient'), t('model.se'), 'z', 'p'],
    coefficients: model.coefficients.map((c) => [covariateText(c.covariate, t), formatNumber(c.estimate, lang, 4), formatNumber(c.se, lang, 4), formatNumber(c.z, lang, 2), pValueText(c.p, t)]),
    variances: t(model.pooledDeffSource === 'districts' ? 'model.variances_districts' : 'model.variances_whole_area', { deff: formatNumber(model.pooledDeff, lang, 2) }),
    districtHead: [t('indicators.district'), t('model.direct'), t('model.synthetic'), t('indicators.model'), 'γ', t('model.residual')],
    districts: model.districts.map((d) => [
      d.district,
      value(d.direct),
      value(d.regression),
      `${value(d.estimate)}${d.synthetic ? SYNTHETIC_MARK : ''}`,
      formatNumber(d.gamma, lang, 2),
      d.standardisedResidual === null ? t(d.syntheticBasis === 'withheld' ? 'model.basis_withheld' : 'model.basis_no_answers') : formatNumber(d.standardisedResidual, lang, 2),
    ]),
  };
}
