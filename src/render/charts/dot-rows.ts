// One row per area with a point and its interval on a shared horizontal axis: the body of the
// interval plot and the benchmark chart. A row that cannot be drawn keeps its place, labelled with why.
import { axisTitle, emptyMessage, fittedAxis, horizontalAxis, horizontalAxisHeight, type PlotArea } from './axis.js';
import { chartNotes, horizontalWhisker, legend, point, type LegendEntry } from './marks.js';
import { ACCENT, BAND, INK, MUTED } from './palette.js';
import { linearScale, type Interval } from './scale.js';
import { element, line, listSentence, sentences, svgDocument, text, widest, wrapText, FONT_SIZE } from './svg.js';
import {
  chartWidth,
  groupHidden,
  hasInterval,
  hiddenWords,
  isDrawable,
  valuesOf,
  type CommonLabels,
  type FormatTick,
  type FormatValue,
  type IntervalEstimate,
  type ShownEstimate,
  type ValueKind,
} from './types.js';

export interface DotRow {
  label: string;
  /** a second, muted line under the label, e.g. the source and year of a benchmark */
  sublabel?: string;
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
  /** sentences printed under the chart (and added to its desc), e.g. that two sources differ */
  notes?: string[];
}

const MARGIN = 8;
const GAP = 12;
const LINE = 14;
const ROW_PADDING = 10;
// A label takes at most this many lines (a sublabel two more); beyond them the data table has it whole.
const LABEL_LINES = 3;
// Room above the rows for the reference line's label.
const REFERENCE_SPACE = 24;

interface Laid {
  row: DotRow;
  label: string[];
  sublabel: string[];
  /** the words in place of the point, for a row that is not drawn */
  hidden: string[];
  top: number;
  height: number;
}

/** The SVG of a dot-rows chart; rows that are not drawn keep their place with the reason, and the desc names them. */
export function dotRowsSvg(spec: DotRowsSpec): string {
  const width = chartWidth(spec.width);
  const { labels, format } = spec;
  const drawn = spec.rows.filter((row): row is DotRow & { value: ShownEstimate } => isDrawable(row.value));
  const hidden = groupHidden(spec.rows.filter((row) => !isDrawable(row.value)).map((row) => ({ name: row.label, words: hiddenWords(row.value, labels) })));
  const reference = spec.reference && isDrawable(spec.reference.value) ? { label: spec.reference.label, value: spec.reference.value } : undefined;
  const unreliable = [...drawn, ...(reference ? [reference] : [])].filter((row) => row.value.flag === 'unreliable').map((row) => row.label);
  const desc = sentences(
    labels.description,
    ...hidden.map((group) => listSentence(group.words, group.names, labels.listed)),
    listSentence(labels.unreliable, unreliable, labels.listed),
    ...(spec.notes ?? []),
  );
  const base = { width, title: labels.title, kind: spec.chartKind, id: spec.id };
  if (drawn.length === 0) {
    const empty = emptyMessage(width, labels.empty);
    const notes = chartNotes(
      hidden.map((group) => listSentence(group.words, group.names, labels.listed) ?? ''),
      MARGIN,
      empty.height,
      width - 2 * MARGIN,
    );
    return svgDocument({ ...base, height: empty.height + notes.height + MARGIN, desc: sentences(labels.empty, desc), body: empty.svg + notes.svg });
  }

  const valueText = (row: { value: ShownEstimate }) => format(row.value.estimate) + (row.value.flag === 'unreliable' ? '*' : '');
  const labelWidth = Math.min(width * 0.35, widest(spec.rows.flatMap((row) => [row.label, row.sublabel ?? '']), 60));
  const valueWidth = Math.min(110, widest(drawn.map(valueText), 40));
  const top = MARGIN + (reference ? REFERENCE_SPACE : 0);
  const left = MARGIN + labelWidth + GAP;
  const right = width - MARGIN - valueWidth - GAP;
  const laid: Laid[] = [];
  let y = top;
  for (const row of spec.rows) {
    const label = wrapText(row.label, labelWidth, LABEL_LINES);
    const sublabel = row.sublabel ? wrapText(row.sublabel, labelWidth, 2) : [];
    const why = isDrawable(row.value) ? [] : wrapText(hiddenWords(row.value, labels), width - MARGIN - left, 2);
    const height = Math.max(label.length + sublabel.length, why.length, 1) * LINE + ROW_PADDING;
    laid.push({ row, label, sublabel, hidden: why, top: y, height });
    y += height;
  }
  const area: PlotArea = { left, right, top, bottom: y };
  const values = [...drawn.flatMap((row) => valuesOf(row.value)), ...(reference ? valuesOf(reference.value) : [])];
  const axis = fittedAxis({ kind: spec.kind, values, domain: spec.domain }, area.right - area.left, spec.formatTick ?? format);
  const x = linearScale(axis.domain, [area.left, area.right]);
  const title = axisTitle(labels.axis, area.right - area.left);

  const marker = reference ? referenceMarks(reference, area, x, format) : { band: '', line: '' };
  const body: string[] = [marker.band, horizontalAxis(area, axis, x, spec.formatTick ?? format, title), marker.line];
  for (const item of laid) body.push(rowMarks(item, area, x, width, valueText));

  const entries: LegendEntry[] = [
    { symbol: (lx, ly) => point(lx, ly, {}, 'symbol'), words: labels.estimate, marks: 'point' },
    ...(drawn.some((row) => hasInterval(row.value)) ? [{ symbol: (lx: number, ly: number) => horizontalWhisker(lx - 9, lx + 9, ly, INK, 'symbol'), words: labels.interval, marks: 'whisker' }] : []),
  ];
  if (reference) entries.push({ symbol: (lx, ly) => referenceSymbol(lx, ly), words: reference.label, marks: 'reference' });
  if (unreliable.length) entries.push({ symbol: (lx, ly) => point(lx - 5, ly, { hollow: true }, 'symbol') + text(lx + 3, ly + 4, '*'), words: labels.unreliable, marks: 'hollow' });
  const legendTop = area.bottom + horizontalAxisHeight(title) + 4;
  const key = legend(entries, MARGIN, legendTop, width - 2 * MARGIN);
  body.push(key.svg);
  const notes = chartNotes(spec.notes ?? [], MARGIN, legendTop + key.height + 4, width - 2 * MARGIN);
  body.push(notes.svg);
  const height = legendTop + key.height + 4 + notes.height + MARGIN;
  return svgDocument({ ...base, height, desc, body: body.join('') });
}

/** One row: its label lines (and sublabel), then the point and interval, or the words saying why there is none. */
function rowMarks(item: Laid, area: PlotArea, x: (value: number) => number, width: number, valueText: (row: { value: ShownEstimate }) => string): string {
  const { row } = item;
  const middle = item.top + item.height / 2;
  const lines = item.label.length + item.sublabel.length;
  const first = middle - ((lines - 1) * LINE) / 2 + FONT_SIZE * 0.35;
  const weight = row.emphasis ? 'bold' : undefined;
  const label =
    item.label.map((words, k) => text(area.left - GAP, first + k * LINE, words, { class: 'row-label', 'text-anchor': 'end', 'font-weight': weight })).join('') +
    item.sublabel.map((words, k) => text(area.left - GAP, first + (item.label.length + k) * LINE, words, { class: 'row-sublabel', 'text-anchor': 'end', fill: MUTED })).join('');
  const value = row.value;
  if (!isDrawable(value)) {
    const top = middle - ((item.hidden.length - 1) * LINE) / 2 + FONT_SIZE * 0.35;
    const why = item.hidden.map((words, k) => text(area.left + 4, top + k * LINE, words, { class: 'row-hidden', fill: MUTED, 'font-style': 'italic' })).join('');
    return element('g', { class: 'row hidden' }, label + why);
  }
  const colour = row.emphasis ? ACCENT : INK;
  const marks =
    (hasInterval(value) ? horizontalWhisker(x(value.ciLow), x(value.ciHigh), middle, colour) : '') +
    point(x(value.estimate), middle, { colour, hollow: value.flag === 'unreliable' }) +
    text(width - MARGIN, middle + FONT_SIZE * 0.35, valueText({ value }), { class: 'row-value', 'text-anchor': 'end', 'font-weight': weight });
  return element('g', { class: `row ${value.flag}` }, label + marks);
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
