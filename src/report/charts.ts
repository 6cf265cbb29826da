// The report's charts: engine results turned into the chart module's plain inputs, labelled in the
// report's language. Suppressed estimates go in as suppressed, and the chart module never draws them.
import { indicatorLabel, themeLabel, type IndicatorDefinition } from '../config/codebook.js';
import type { GoalResult } from '../goals/check.js';
import type { Translate } from '../i18n/index.js';
import type { IndicatorRow } from '../indicators/engine.js';
import type { SourceView } from '../profile/profile.js';
import { benchmarkChart, intervalPlot, rankingChart, trendChart, type Chart, type CommonLabels, type IntervalEstimate, type ListSentence } from '../render/charts/index.js';
import { formatValue } from '../render/indicators/labels.js';
import { formatNumber, percentText } from '../render/numbers.js';

/**
 * Report charts are drawn this wide (viewBox units, 12-unit text) and never stretched wider: on a 390 px phone
 * they shrink by about a tenth, so their text stays above 10 px.
 */
export const REPORT_CHART_WIDTH = 420;

/** Why an estimate is not drawn, in the reader's words: too few answers, withheld to protect another district (docs/methods.md section 6), or not computable. */
function hiddenReason(row: IndicatorRow | undefined, t: Translate): string | undefined {
  if (!row) return t('report.chart_too_few');
  if (row.notFinite) return t('report.chart_not_estimable');
  if (row.flag !== 'suppressed' && row.estimate !== null) return undefined;
  return row.suppression === 'secondary' ? t('report.chart_withheld') : t('report.chart_too_few');
}

export function estimateOf(row: IndicatorRow | undefined, t: Translate): IntervalEstimate {
  const hidden = hiddenReason(row, t);
  if (!row) return { estimate: null, ciLow: null, ciHigh: null, flag: 'suppressed', hidden };
  return { estimate: row.estimate, ciLow: row.ciLow, ciHigh: row.ciHigh, flag: row.flag, ...(hidden ? { hidden } : {}) };
}

/** Values and ticks as the language writes them (a percent sign after a space in French). */
export function formatters(kind: IndicatorRow['kind'], t: Translate) {
  const format = (value: number) => (kind === 'share' ? percentText(value, t) : formatValue(value, kind, t.lang));
  const formatTick = (value: number, decimals: number) =>
    kind === 'share' ? t('number.percent', { value: formatNumber(value * 100, t.lang, decimals) }) : formatNumber(value, t.lang, decimals);
  return { format, formatTick };
}

/** "Not shown (too few answers): a, b." in the reader's language, for a chart's description. */
function listed(t: Translate): ListSentence {
  return (label, names) => t('text.listed', { label: capitalise(label), names: names.join(', ') });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The reader's language, and the confidence level every range is labelled with ("95"). */
export interface ChartWords {
  t: Translate;
  level: string;
}

function common({ t, level }: ChartWords, title: string, description: string): CommonLabels {
  return {
    title,
    description,
    empty: t('report.chart_empty'),
    unreliable: t('report.chart_unreliable'),
    notShown: t('report.chart_too_few'),
    estimate: t('report.chart_estimate'),
    interval: t('indicators.interval', { level }),
    note: t('report.chart_note'),
    listed: listed(t),
  };
}

/** One indicator for every district, with the whole area as the reference line. */
export function districtsChart(definition: IndicatorDefinition, rows: IndicatorRow[], id: string, words: ChartWords): Chart {
  const { t, level } = words;
  const label = capitalise(indicatorLabel(definition, t.lang));
  const own = rows.filter((row) => row.indicator === definition.id);
  const { format, formatTick } = formatters(definition.type, t);
  return intervalPlot({
    id,
    kind: definition.type,
    width: REPORT_CHART_WIDTH,
    districts: own.flatMap((row) => (row.district === null ? [] : [{ district: row.district, ...estimateOf(row, t) }])),
    area: estimateOf(own.find((row) => row.district === null), t),
    labels: {
      ...common(words, t('report.chart_districts_title', { indicator: label }), t('report.chart_districts_desc', { level })),
      axis: label,
      district: t('indicators.district'),
      wholeArea: t('indicators.whole_area'),
    },
    format,
    formatTick,
  });
}

/** The rows of each indicator and place, in the history's order: built once per history, not filtered per district. */
const HISTORY_INDEX = new WeakMap<readonly IndicatorRow[], Map<string, IndicatorRow[]>>();

/** A history's rows of one indicator for one place (null: the whole area), as `filter` would give them. */
function rowsOf(history: readonly IndicatorRow[], indicator: string, place: string | null): IndicatorRow[] {
  const keyOf = (id: string, district: string | null) => (district === null ? `${id}\u0001` : `${id}\u0000${district}`);
  let index = HISTORY_INDEX.get(history);
  if (index === undefined) {
    index = new Map();
    for (const row of history) {
      const key = keyOf(row.indicator, row.district);
      const rows = index.get(key);
      if (rows === undefined) index.set(key, [row]);
      else rows.push(row);
    }
    HISTORY_INDEX.set(history, index);
  }
  return index.get(keyOf(indicator, place)) ?? [];
}

/** Waves of one indicator for a district beside the whole area, with a goal's path when one applies. */
export function trendOf(definition: IndicatorDefinition, district: string | null, history: IndicatorRow[], waves: string[], goal: GoalResult | null, id: string, words: ChartWords): Chart {
  const { t, level } = words;
  const label = capitalise(indicatorLabel(definition, t.lang));
  const { format, formatTick } = formatters(definition.type, t);
  const points = (place: string | null) => rowsOf(history, definition.id, place).map((row) => ({ wave: row.wave, ...estimateOf(row, t) }));
  const series = district === null ? [{ name: t('indicators.whole_area'), points: points(null) }] : [{ name: district, points: points(district) }, { name: t('indicators.whole_area'), points: points(null) }];
  const baseline = goal?.status.baseline;
  return trendChart({
    id,
    width: REPORT_CHART_WIDTH,
    kind: definition.type,
    waves,
    series,
    goal: goal && baseline !== null && baseline !== undefined ? { baselineWave: goal.goal.baseline.wave, baseline, deadlineWave: goal.goal.deadline, target: goal.goal.target } : undefined,
    labels: {
      ...common(words, t('report.chart_trend_title', { indicator: label, place: district ?? t('indicators.whole_area') }), t('report.chart_trend_desc', { level })),
      axis: label,
      series: t('report.chart_series'),
      wave: t('report.chart_wave'),
      goalPath: t('report.chart_goal_path'),
      target: t('check.target'),
    },
    format,
    formatTick,
  });
}

/** Residents' problem ranking beside the key figures' ranking; themes without a goal highlighted. */
export function rankingOf(view: SourceView, highlight: string[], id: string, minInterviews: number, t: Translate): Chart {
  const place = view.district ?? t('indicators.whole_area');
  return rankingChart({
    id,
    width: REPORT_CHART_WIDTH,
    residents: view.residents.map((entry) => ({ theme: entry.theme, label: themeLabel(entry.theme, t.lang), value: entry.estimate, flag: entry.flag })),
    keyFigures: view.keyFigures.map((entry) => ({ theme: entry.theme, label: themeLabel(entry.theme, t.lang), value: entry.meanSeverity, flag: entry.fewInterviews ? 'unreliable' : 'ok' })),
    highlight,
    labels: {
      title: t('report.chart_ranking_title', { place }),
      description: t('report.chart_ranking_desc'),
      empty: t('report.chart_empty'),
      notShown: t('report.chart_not_shown'),
      unreliable: t('report.chart_ranking_unreliable', { min: minInterviews }),
      residents: t('report.chart_ranking_residents'),
      keyFigures: t('report.chart_ranking_key_figures'),
      theme: t('profile.theme'),
      residentsRank: t('report.chart_ranking_residents_rank'),
      share: '%',
      keyFiguresRank: t('report.chart_ranking_key_figures_rank'),
      severity: t('profile.severity'),
      note: t('report.chart_note'),
      highlight: highlight.length > 0 ? t('report.chart_ranking_highlight') : undefined,
      listed: listed(t),
    },
    formatShare: (value) => percentText(value, t),
    formatSeverity: (value) => formatNumber(value, t.lang, 1),
  });
}

/** One indicator of a district (or the whole area) beside the monitor's benchmark areas. */
export function benchmarkOf(definition: IndicatorDefinition, view: SourceView, id: string, words: ChartWords): Chart | null {
  const { t, level } = words;
  const benchmarks = view.benchmarks.filter((b) => b.indicator === definition.id);
  if (benchmarks.length === 0) return null;
  const own = view.indicators.find((row) => row.indicator === definition.id);
  const label = capitalise(indicatorLabel(definition, t.lang));
  const { format, formatTick } = formatters(definition.type, t);
  // Each row names its source and year: the survey's own estimate and the monitor's are not one series.
  return benchmarkChart({
    id,
    width: REPORT_CHART_WIDTH,
    kind: definition.type,
    areas: [
      { area: view.district ?? t('indicators.whole_area'), source: t('report.chart_source_survey', { wave: own?.wave ?? '' }), own: true, ...estimateOf(own, t) },
      ...benchmarks.map((b) => ({ area: b.area, source: t('report.chart_source_monitor', { wave: b.monitorWave }), estimate: b.value, ciLow: b.ciLow, ciHigh: b.ciHigh, flag: 'ok' as const })),
    ],
    labels: {
      ...common(words, t('report.chart_benchmark_title', { indicator: label }), t('report.chart_benchmark_desc', { level })),
      axis: label,
      area: t('profile.benchmark_area'),
      source: t('report.chart_source'),
    },
    notes: [t('report.chart_benchmark_note')],
    format,
    formatTick,
  });
}
