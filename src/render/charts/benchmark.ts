// The zone beside benchmark areas (Belgium, the province, earlier monitor editions) for one indicator.
import { dotRowsSvg } from './dot-rows.js';
import type { Interval } from './scale.js';
import { estimateCells, type Chart, type ChartOptions, type CommonLabels, type FormatTick, type FormatValue, type IntervalEstimate, type ValueKind } from './types.js';

export interface BenchmarkArea extends IntervalEstimate {
  area: string;
  /** where the figure comes from and when, e.g. "safety monitor 2024": a second line under the area */
  source?: string;
  /** the zone itself: drawn in the accent colour with a bold label */
  own?: boolean;
}

export interface BenchmarkLabels extends CommonLabels {
  /** the value axis, e.g. "Feel unsafe often or always (%)" */
  axis: string;
  /** table head for the area column */
  area: string;
  /** table head for the source column, shown when areas name their source */
  source?: string;
}

export interface BenchmarkInput extends ChartOptions {
  kind: ValueKind;
  /** one row each, drawn in this order (the zone first reads best) */
  areas: BenchmarkArea[];
  labels: BenchmarkLabels;
  format: FormatValue;
  formatTick?: FormatTick;
  domain?: Interval;
  /** sentences printed under the chart, e.g. that the survey and the monitor are different sources */
  notes?: string[];
}

/** Every area as a point with its interval on one shared axis; the zone stands out by colour and weight. */
export function benchmarkChart(input: BenchmarkInput): Chart {
  const { labels, format } = input;
  const svg = dotRowsSvg({
    chartKind: 'benchmark',
    kind: input.kind,
    rows: input.areas.map((area) => ({ label: area.area, sublabel: area.source, value: area, emphasis: area.own })),
    notes: input.notes,
    labels,
    format,
    formatTick: input.formatTick,
    domain: input.domain,
    width: input.width,
    id: input.id,
  });
  const sourced = input.areas.some((area) => area.source !== undefined);
  const rows = input.areas.map((area) => [area.area, ...(sourced ? [area.source ?? ''] : []), ...estimateCells(area, format, labels)]);
  return {
    svg,
    table: { caption: labels.caption ?? labels.title, head: [labels.area, ...(sourced ? [labels.source ?? ''] : []), labels.estimate, labels.interval, labels.note], rows },
  };
}
