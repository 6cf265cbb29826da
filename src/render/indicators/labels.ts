// What the indicator renderers share: how an estimate of each kind reads, and the words around it.
import { districtsLeftOut, type LeftOutWave } from '../../indicators/left-out.js';
import { indicatorLabel, type IndicatorDefinition } from '../../config/codebook.js';
import type { Lang, Translate } from '../../i18n/index.js';
import type { ImplausibleFigure, IndicatorKind, IndicatorRow, WaveEstimates, WeightingSummary } from '../../indicators/engine.js';
import { formatCount, formatNumber, formatPercent, percentText } from '../numbers.js';
import { listedDistricts } from '../../districts.js';

export function digitsFor(kind: IndicatorKind): number {
  return kind === 'share' ? 1 : kind === 'score' ? 1 : 2;
}

/** An estimate as people read it: a percentage for shares, the value itself for means and scores. */
export function formatValue(value: number, kind: IndicatorKind, lang: Lang): string {
  return kind === 'share' ? formatPercent(value, lang) : formatNumber(value, lang, digitsFor(kind));
}

/** An interval as people read it, `12.3%–15.8%`; '' without one. */
export function formatInterval(row: Pick<IndicatorRow, 'ciLow' | 'ciHigh' | 'kind'>, lang: Lang): string {
  if (row.ciLow === null || row.ciHigh === null) return '';
  return `${formatValue(row.ciLow, row.kind, lang)}–${formatValue(row.ciHigh, row.kind, lang)}`;
}

export function unitLabel(kind: IndicatorKind, t: Translate): string {
  return kind === 'share' ? '%' : kind === 'score' ? t('indicators.unit_score') : t('indicators.unit_mean');
}

export function titleOf(definition: IndicatorDefinition, t: Translate): string {
  return `${indicatorLabel(definition, t.lang)} (${definition.id})`;
}

export function districtLabel(row: IndicatorRow, t: Translate): string {
  return row.district ?? t('indicators.whole_area');
}

/** One sentence on how the wave was weighted, for every human format. */
export function weightingSentence(result: WaveEstimates, t: Translate): string {
  const w = result.weighting;
  const n = (value: number) => formatCount(value, t);
  if (w.method === 'none') return t('indicators.unweighted', { respondents: n(w.respondents), excluded: n(w.excluded) });
  const method = t(w.method === 'rake' ? 'indicators.method_rake' : w.method === 'poststratify' ? 'indicators.method_poststratify' : 'indicators.method_supplied');
  // No weights at all: no range of weights or design effect to give (never "from NaN to NaN").
  if (w.respondents === 0) return [t('indicators.weighted_none', { method, excluded: n(w.excluded) }), ...figuresWarnings(result, t)].join(' ');
  const parts = [
    t('indicators.weighted', {
      method,
      sweeps: w.sweeps,
      respondents: n(w.respondents),
      excluded: n(w.excluded),
      min: formatNumber(w.weightMin, t.lang, 1),
      max: formatNumber(w.weightMax, t.lang, 1),
      deff: formatNumber(w.kishDeff, t.lang, 2),
    }),
  ];
  if (w.collapsed.length > 0) {
    parts.push(t('indicators.collapsed', { cells: w.collapsed.map((c) => `${c.district}${c.sex ? ` ${c.sex}` : ''} ${c.ageGroups.join('+')}`).join(', ') }));
  }
  if (w.capped > 0) parts.push(t('indicators.capped', { capped: n(w.capped) }));
  if (w.districtsWithoutRespondents.length > 0) parts.push(t('indicators.no_respondents', { districts: listedDistricts(w.districtsWithoutRespondents) }));
  return [...parts, ...figuresWarnings(result, t)].join(' ');
}

/** Cells named before the rest are only counted. */
const CELLS_SHOWN = 8;

function implausibleText(cell: ImplausibleFigure, t: Translate): string {
  const name = [cell.district, cell.sex, cell.ageGroup].filter((part) => part !== null).join(' ');
  const figures = { cell: name, respondents: formatCount(cell.respondents, t), weight: formatNumber(cell.weightMin, t.lang, 2) };
  if (cell.population === null) return t('indicators.implausible_weights', figures);
  return t('indicators.implausible_residents', { ...figures, population: formatCount(cell.population, t) });
}

/**
 * What the population figures themselves give reason to doubt (and trimming they did not let meet its caps): respondents of districts they do not cover (left
 * out of every weighted figure), districts weighted with the figures without a wave, cells with fewer residents than respondents or weights below 1. Under the weighting sentence, and on
 * stderr for the formats that have none (docs/methods.md section 2).
 */
export function figuresWarnings(result: WaveEstimates, t: Translate): string[] {
  const w = result.weighting;
  const warnings: string[] = [];
  // Trimming that could not meet its caps is said wherever the weighting is (docs/methods.md section 2.6): the
  // weights then rest on fewer respondents than max_weight_ratio promised (adversarial run r35, left item).
  if (!w.trimConverged) warnings.push(t('indicators.trim_not_converged', { rounds: w.trimRounds, excess: percentText(w.trimExcess, t) }));
  warnings.push(...leftOutWarnings(result.wave, w, t));
  if (w.configuredAgeGroups !== null) warnings.push(t('indicators.age_groups_stored', { stored: w.ageGroups.join(', '), configured: w.configuredAgeGroups.join(', ') }));
  if (w.figuresFromAllWaves.length > 0) warnings.push(t('indicators.figures_from_all_waves', { districts: w.figuresFromAllWaves.join(', '), wave: result.wave }));
  if (w.figuresMissingCells.length > 0) {
    const cells = w.figuresMissingCells.slice(0, CELLS_SHOWN).map((cell) => `${cell.district} ${cell.sex} ${cell.ageGroup}`);
    const more = w.figuresMissingCells.length - cells.length;
    if (more > 0) cells.push(t('text.and_more', { count: formatCount(more, t) }));
    warnings.push(t('indicators.figures_missing_cells', { cells: cells.join(t('text.separator')), count: w.figuresMissingCells.length, wave: result.wave }));
  }
  if (w.implausibleCells.length > 0) {
    const cells = w.implausibleCells.slice(0, CELLS_SHOWN).map((cell) => implausibleText(cell, t));
    const more = w.implausibleCells.length - cells.length;
    if (more > 0) cells.push(t('text.and_more', { count: formatCount(more, t) }));
    warnings.push(t('indicators.implausible', { cells: cells.join(t('text.separator')) }));
  }
  return warnings;
}

/**
 * The respondents the wave's weighting leaves out for want of population figures, one warning per cause: under
 * `indicators`' weighting sentence, and on stderr of every command whose figures rest on the same weighting
 * (warnLeftOut; adversarial run r38, F4).
 */
export function leftOutWarnings(wave: string, w: Pick<WeightingSummary, 'respondentsWithoutFigures' | 'respondentsWithoutResidents' | 'respondentsInEmptyMargins'>, t: Translate): string[] {
  const warnings: string[] = [];
  if (w.respondentsWithoutFigures.length > 0) {
    const without = w.respondentsWithoutFigures;
    warnings.push(
      t('indicators.respondents_without_figures', {
        count: formatCount(without.reduce((sum, entry) => sum + entry.respondents, 0), t),
        districts: without.map((entry) => `${entry.district} (${formatCount(entry.respondents, t)})`).join(', '),
        places: without.length,
        wave,
      }),
    );
  }
  // whole districts, or a district's sex or age group (`Noord F`), the figures count no resident in: one warning each
  const cellName = (cell: { district: string; sex?: string | null; ageGroup?: string | null }) => [cell.district, cell.sex, cell.ageGroup].filter((part) => part != null).join(' ');
  for (const without of [w.respondentsWithoutResidents, w.respondentsInEmptyMargins]) {
    if (without.length === 0) continue;
    warnings.push(
      t('indicators.respondents_without_residents', {
        count: formatCount(without.reduce((sum, entry) => sum + entry.respondents, 0), t),
        districts: without.map((entry) => `${cellName(entry)} (${formatCount(entry.respondents, t)})`).join(', '),
        wave,
      }),
    );
  }
  return warnings;
}

/**
 * Under a table whose dashes and zero counts would read as "too few answers" for a district whose respondents the
 * weighting left out (compare, plan): which districts that is, and why (adversarial run r38, F4).
 */
export function leftOutNote(waves: readonly LeftOutWave[], t: Translate): string[] {
  const districts = districtsLeftOut(waves);
  return districts.length === 0 ? [] : [t('figures.left_out_note', { districts: listedDistricts(districts), places: districts.length })];
}

export function legend(result: WaveEstimates, t: Translate): string {
  const lines = [t('indicators.legend', { min: result.thresholds.minCell })];
  if (result.rows.some((row) => row.suppression === 'secondary')) lines.push(t('indicators.legend_secondary'));
  if (result.rows.some((row) => row.notFinite)) lines.push(t('indicators.legend_not_finite'));
  return lines.join(' ');
}

/** Definitions in the order asked for, each with its rows (districts, then the whole area). */
export function byIndicator(result: WaveEstimates): Array<{ definition: IndicatorDefinition; rows: IndicatorRow[] }> {
  return result.definitions.map((definition) => ({ definition, rows: result.rows.filter((row) => row.indicator === definition.id) }));
}
