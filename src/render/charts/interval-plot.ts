// The main chart of a district report: each district's estimate with its interval against the whole area.
import { dotRowsSvg } from './dot-rows.js';
import type { Interval } from './scale.js';
import { estimateCells, type Chart, type ChartOptions, type CommonLabels, type FormatTick, type FormatValue, type IntervalEstimate, type ValueKind } from './types.js';

export interface DistrictEstimate extends IntervalEstimate {
  district: string;
}

export interface IntervalPlotLabels extends CommonLabels {
  /** the value axis, e.g. "Feel unsafe often or always (%)" */
  axis: string;
  /** table head for the district column */
  district: string;
  /** the reference line and its table row, e.g. "Whole zone" */
  wholeArea: string;
}

export interface IntervalPlotInput extends ChartOptions {
  kind: ValueKind;
  /** one row each, drawn in this order */
  districts: DistrictEstimate[];
  /** the whole area's estimate: the reference line and band; null when there is none */
  area: IntervalEstimate | null;
  labels: IntervalPlotLabels;
  format: FormatValue;
  formatTick?: FormatTick;
  /** a fixed axis (proportions for shares), e.g. to share one axis across charts */
  domain?: Interval;
}

/** Districts as points with interval whiskers, the whole area as a dashed line over its shaded interval. */
export function intervalPlot(input: IntervalPlotInput): Chart {
  const { labels, format } = input;
  const svg = dotRowsSvg({
    chartKind: 'interval-plot',
    kind: input.kind,
    rows: input.districts.map((district) => ({ label: district.district, value: district })),
    reference: input.area ? { label: labels.wholeArea, value: input.area } : undefined,
    labels,
    format,
    formatTick: input.formatTick,
    domain: input.domain,
    width: input.width,
    id: input.id,
  });
  const rows = input.districts.map((district) => [district.district, ...estimateCells(district, format, labels)]);
  if (input.area) rows.push([labels.wholeArea, ...estimateCells(input.area, format, labels)]);
  return {
    svg,
    table: { caption: labels.caption ?? labels.title, head: [labels.district, labels.estimate, labels.interval, labels.note], rows },
  };
}
