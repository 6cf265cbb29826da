// One row per area with a point and its interval on a shared horizontal axis: the body of the
// interval plot and the benchmark chart.
import { emptyMessage, fittedAxis, horizontalAxis, HORIZONTAL_AXIS_HEIGHT, type PlotArea } from './axis.js';
import { horizontalWhisker, legend, point, type LegendEntry } from './marks.js';
import { ACCENT, BAND, INK } from './palette.js';
import { linearScale, type Interval } from './scale.js';
import { element, fitText, line, listSentence, sentences, svgDocument, text, widest, FONT_SIZE } from './svg.js';
import { chartWidth, hasInterval, isDrawable, valuesOf, type CommonLabels, type FormatTick, type FormatValue, type IntervalEstimate, type ShownEstimate, type ValueKind } from './types.js';

export interface DotRow {
  label: string;
  value: IntervalEstimate;
  /** drawn in the accent colour with a bold label (the own zone among benchmarks) */
  emphasis?: boolean;
}

export interface Reference {
  label: string;
  value: IntervalEstimate;
}

export interface DotRowsSpec {
  chartKind: string;
  kind: ValueKind;
  rows: DotRow[];
  /** a vertical line at its estimate over a band for its interval */
  reference?: Reference;
  labels: CommonLabels & { axis: string };
  format: FormatValue;
  formatTick?: FormatTick;
  domain?: Interval;
  width?: number;
  id?: string;
}

const ROW_HEIGHT = 24;
const MARGIN = 8;
const GAP = 12;
// Room above the rows for the reference line's label.
const REFERENCE_SPACE = 24;

/** The SVG of a dot-rows chart; suppressed rows are left out and named in the desc. */
export function dotRowsSvg(spec: DotRowsSpec): string {
  const width = chartWidth(spec.width);
  const { labels, format } = spec;
  const drawn = spec.rows.filter((row): row is DotRow & { value: ShownEstimate } => isDrawable(row.value));
  const hidden = spec.rows.filter((row) => !isDrawable(row.value)).map((row) => row.label);
  const reference = spec.reference && isDrawable(spec.reference.value) ? { label: spec.reference.label, value: spec.reference.value } : undefined;
  const unreliable = [...drawn, ...(reference ? [reference] : [])].filter((row) => row.value.flag === 'unreliable').map((row) => row.label);
  const desc = sentences(labels.description, listSentence(labels.notShown, hidden, labels.listed), listSentence(labels.unreliable, unreliable, labels.listed));
  const base = { width, title: labels.title, kind: spec.chartKind, id: spec.id };
  if (drawn.length === 0) {
    const empty = emptyMessage(width, labels.empty);
    return svgDocument({ ...base, height: empty.height, desc: sentences(labels.empty, desc), body: empty.svg });
  }

  const valueText = (row: { value: ShownEstimate }) => format(row.value.estimate) + (row.value.flag === 'unreliable' ? '*' : '');
  const labelWidth = Math.min(width * 0.35, widest(drawn.map((row) => row.label), 60));
  const valueWidth = Math.min(110, widest(drawn.map(valueText), 40));
  const top = MARGIN + (reference ? REFERENCE_SPACE : 0);
  const area: PlotArea = { left: MARGIN + labelWidth + GAP, right: width - MARGIN - valueWidth - GAP, top, bottom: top + drawn.length * ROW_HEIGHT };
  const values = [...drawn.flatMap((row) => valuesOf(row.value)), ...(reference ? valuesOf(reference.value) : [])];
  const axis = fittedAxis({ kind: spec.kind, values, domain: spec.domain }, area.right - area.left, spec.formatTick ?? format);
  const x = linearScale(axis.domain, [area.left, area.right]);

  const marker = reference ? referenceMarks(reference, area, x, format) : { band: '', line: '' };
  const body: string[] = [marker.band, horizontalAxis(area, axis, x, spec.formatTick ?? format, labels.axis), marker.line];
  drawn.forEach((row, index) => {
    const y = area.top + (index + 0.5) * ROW_HEIGHT;
    const colour = row.emphasis ? ACCENT : INK;
    const weight = row.emphasis ? 'bold' : undefined;
    const marks =
      text(area.left - GAP, y + FONT_SIZE * 0.35, fitText(row.label, labelWidth), { class: 'row-label', 'text-anchor': 'end', 'font-weight': weight }) +
      (hasInterval(row.value) ? horizontalWhisker(x(row.value.ciLow), x(row.value.ciHigh), y, colour) : '') +
      point(x(row.value.estimate), y, { colour, hollow: row.value.flag === 'unreliable' }) +
      text(width - MARGIN, y + FONT_SIZE * 0.35, valueText(row), { class: 'row-value', 'text-anchor': 'end', 'font-weight': weight });
    body.push(element('g', { class: `row ${row.value.flag}` }, marks));
  });

  const entries: LegendEntry[] = [
    { symbol: (lx, ly) => point(lx, ly, {}, 'symbol'), words: labels.estimate },
    { symbol: (lx, ly) => horizontalWhisker(lx - 9, lx + 9, ly, INK, 'symbol'), words: labels.interval },
  ];
  if (reference) entries.push({ symbol: (lx, ly) => referenceSymbol(lx, ly), words: reference.label });
  if (unreliable.length) entries.push({ symbol: (lx, ly) => point(lx - 5, ly, { hollow: true }, 'symbol') + text(lx + 3, ly + 4, '*'), words: labels.unreliable });
  const key = legend(entries, MARGIN, area.bottom + HORIZONTAL_AXIS_HEIGHT + 4, width - 2 * MARGIN);
  body.push(key.svg);
  const height = area.bottom + HORIZONTAL_AXIS_HEIGHT + 4 + key.height + MARGIN;
  return svgDocument({ ...base, height, desc, body: body.join('') });
}

/** The band (under the grid) and the line with its label (over it) for the reference value. */
function referenceMarks(reference: { label: string; value: ShownEstimate }, area: PlotArea, x: (value: number) => number, format: FormatValue): { band: string; line: string } {
  const value = reference.value;
  const at = x(value.estimate);
  const band = hasInterval(value)
    ? element('rect', { class: 'reference-band', x: x(value.ciLow), y: area.top, width: Math.max(0, x(value.ciHigh) - x(value.ciLow)), height: area.bottom - area.top, fill: BAND })
    : '';
  const words = `${reference.label} ${format(value.estimate)}${value.flag === 'unreliable' ? '*' : ''}`;
  const rightHalf = at > (area.left + area.right) / 2;
  const label = text(rightHalf ? at - 4 : at + 4, area.top - 8, words, { class: 'reference-label', 'text-anchor': rightHalf ? 'end' : 'start' });
  const mark = line(at, area.top - 4, at, area.bottom, { class: 'reference', stroke: INK, 'stroke-width': 1.25, 'stroke-dasharray': '4 3' });
  return { band, line: element('g', { class: 'reference-group' }, mark + label) };
}

function referenceSymbol(x: number, y: number): string {
  return (
    element('rect', { x: x - 9, y: y - 6, width: 18, height: 12, fill: BAND }) +
    line(x, y - 7, x, y + 7, { stroke: INK, 'stroke-width': 1.25, 'stroke-dasharray': '4 3' })
  );
}
