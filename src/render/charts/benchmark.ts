// The zone beside benchmark areas (Belgium, the province, earlier monitor editions) for one indicator.
import { dotRowsSvg } from './dot-rows.js';
import type { Interval } from './scale.js';
import { estimateCells, type Chart, type ChartOptions, type CommonLabels, type FormatTick, type FormatValue, type IntervalEstimate, type ValueKind } from './types.js';

export interface BenchmarkArea extends IntervalEstimate {
  area: string;
  /** the zone itself: drawn in the accent colour with a bold label */
  own?: boolean;
}

export interface BenchmarkLabels extends CommonLabels {
  /** the value axis, e.g. "Feel unsafe often or always (%)" */
  axis: string;
  /** table head for the area column */
  area: string;
}

export interface BenchmarkInput extends ChartOptions {
  kind: ValueKind;
  /** one row each, drawn in this order (the zone first reads best) */
  areas: BenchmarkArea[];
  labels: BenchmarkLabels;
  format: FormatValue;
  formatTick?: FormatTick;
  domain?: Interval;
}

/** Every area as a point with its interval on one shared axis; the zone stands out by colour and weight. */
export function benchmarkChart(input: BenchmarkInput): Chart {
  const { labels, format } = input;
  const svg = dotRowsSvg({
    chartKind: 'benchmark',
    kind: input.kind,
    rows: input.areas.map((area) => ({ label: area.area, value: area, emphasis: area.own })),
    labels,
    format,
    formatTick: input.formatTick,
    domain: input.domain,
    width: input.width,
    id: input.id,
  });
  const rows = input.areas.map((area) => [area.area, ...estimateCells(area, format, labels)]);
  return {
    svg,
    table: { caption: labels.caption ?? labels.title, head: [labels.area, labels.estimate, labels.interval, labels.note], rows },
  };
}
