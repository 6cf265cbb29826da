// Estimates over waves for one or more series (the district, the whole area), with an optional goal path.
import { axisTitle, emptyMessage, verticalAxis, verticalAxisTitleHeight, type PlotArea } from './axis.js';
import { chartNotes, legend, point, SHAPES, verticalWhisker, type LegendEntry } from './marks.js';
import { INK, MUTED, SERIES_COLOURS } from './palette.js';
import { linearScale, valueAxis, type Interval } from './scale.js';
import { element, fitText, line, listSentence, sentences, svgDocument, text, widest } from './svg.js';
import { chartWidth, estimateCells, groupHidden, hasInterval, hiddenWords, isDrawable, valuesOf, type Chart, type ChartOptions, type CommonLabels, type FormatTick, type FormatValue, type IntervalEstimate, type ValueKind } from './types.js';

export interface TrendPoint extends IntervalEstimate {
  wave: string;
}

export interface TrendSeries {
  name: string;
  points: TrendPoint[];
}

/** A goal drawn as the straight path from baseline to target, and the target as a level line. */
export interface TrendGoal {
  baselineWave: string;
  baseline: number;
  deadlineWave: string;
  target: number;
}

export interface TrendLabels extends CommonLabels {
  axis: string;
  /** table heads */
  series: string;
  wave: string;
  /** legend and table words for the goal's path and its target; used only with a goal */
  goalPath: string;
  target: string;
}

export interface TrendInput extends ChartOptions {
  kind: ValueKind;
  /** the x axis in order; a goal's waves missing from it are added (baseline first, deadline last) */
  waves: string[];
  series: TrendSeries[];
  goal?: TrendGoal;
  labels: TrendLabels;
  format: FormatValue;
  formatTick?: FormatTick;
  domain?: Interval;
  /** height of the plot area, 40 to 4,000; 200 when absent */
  plotHeight?: number;
}

const MARGIN = 8;
const PLOT_HEIGHT = { default: 200, min: 40, max: 4000 };
const DASHES = [undefined, '6 3', '2 3', '8 3 2 3'];

export function trendChart(input: TrendInput): Chart {
  const { labels, format } = input;
  // A goal without finite numbers is neither drawn nor tabled: its path could only read NaN.
  const goal = input.goal && Number.isFinite(input.goal.baseline) && Number.isFinite(input.goal.target) ? input.goal : undefined;
  const waves = wavesWithGoal(input.waves, goal);
  const svg = trendSvg(input, waves, goal);
  const rows = input.series.flatMap((series) =>
    waves.flatMap((wave) => series.points.filter((p) => p.wave === wave).map((p) => [series.name, wave, ...estimateCells(p, format, labels)])),
  );
  if (goal) {
    rows.push([labels.goalPath, goal.baselineWave, format(goal.baseline), '', '']);
    rows.push([labels.target, goal.deadlineWave, format(goal.target), '', '']);
  }
  return {
    svg,
    table: { caption: labels.caption ?? labels.title, head: [labels.series, labels.wave, labels.estimate, labels.interval, labels.note], rows },
  };
}

function wavesWithGoal(waves: string[], goal: TrendGoal | undefined): string[] {
  const all = [...new Set(waves)];
  if (!goal) return all;
  if (!all.includes(goal.baselineWave)) all.unshift(goal.baselineWave);
  if (!all.includes(goal.deadlineWave)) all.push(goal.deadlineWave);
  return all;
}

function trendSvg(input: TrendInput, waves: string[], goal: TrendGoal | undefined): string {
  const { labels, format } = input;
  const width = chartWidth(input.width);
  const points = input.series.flatMap((series, k) => series.points.filter((p) => waves.includes(p.wave)).map((p) => ({ series, k, p })));
  const drawn = points.filter(({ p }) => isDrawable(p));
  // What is not drawn is said under the chart, series and wave named, never left to an empty legend entry.
  const hidden = groupHidden(points.filter(({ p }) => !isDrawable(p)).map(({ series, p }) => ({ name: `${series.name} ${p.wave}`, words: hiddenWords(p, labels) })));
  const hiddenSentences = hidden.map((group) => listSentence(group.words, group.names, labels.listed) ?? '');
  const unreliable = drawn.filter(({ p }) => p.flag === 'unreliable').map(({ series, p }) => `${series.name} ${p.wave}`);
  const desc = sentences(labels.description, ...hiddenSentences, listSentence(labels.unreliable, unreliable, labels.listed));
  const base = { width, title: labels.title, kind: 'trend', id: input.id };
  if (drawn.length === 0) {
    const empty = emptyMessage(width, labels.empty);
    const notes = chartNotes(hiddenSentences, MARGIN, empty.height, width - 2 * MARGIN);
    return svgDocument({ ...base, height: empty.height + notes.height + MARGIN, desc: sentences(labels.empty, desc), body: empty.svg + notes.svg });
  }

  const goalValues = goal ? [goal.baseline, goal.target] : [];
  const axis = valueAxis({ kind: input.kind, values: [...drawn.flatMap(({ p }) => valuesOf(p)), ...goalValues], domain: input.domain });
  const tickFormat = input.formatTick ?? format;
  const tickWidth = widest(axis.ticks.map((tick) => tickFormat(tick, axis.decimals)));
  // Tick labels take at most a third of the width, so the plot keeps room however long the caller's format.
  const left = MARGIN + Math.min(tickWidth, width / 3) + 8;
  const right = width - MARGIN - 8;
  const title = axisTitle(labels.axis, right - left);
  const top = MARGIN + verticalAxisTitleHeight(title);
  const wantedHeight = input.plotHeight;
  const plotHeight = wantedHeight !== undefined && Number.isFinite(wantedHeight) ? Math.min(PLOT_HEIGHT.max, Math.max(PLOT_HEIGHT.min, wantedHeight)) : PLOT_HEIGHT.default;
  const area: PlotArea = { left, right, top, bottom: top + plotHeight };
  const y = linearScale(axis.domain, [area.bottom, area.top]);
  const band = (area.right - area.left) / waves.length;
  const dodge = Math.min(7, band / (3 * Math.max(1, input.series.length)));
  const x = (wave: string, k = 0) => area.left + (waves.indexOf(wave) + 0.5) * band + (k - (input.series.length - 1) / 2) * dodge;

  const body: string[] = [verticalAxis(area, axis, y, tickFormat, title)];
  body.push(...waves.map((wave) => text(x(wave), area.bottom + 16, fitText(wave, band - 4), { class: 'wave-label', 'text-anchor': 'middle' })));
  if (goal) body.push(goalMarks(goal, area, x, y));
  input.series.forEach((series, k) => {
    body.push(seriesMarks(series, k, waves, x, y));
  });

  // A legend entry only for marks that are drawn: a series without a single point is named in the notes instead.
  const entries: LegendEntry[] = input.series.flatMap((series, k) =>
    drawn.some((d) => d.series === series) ? [{ symbol: (lx: number, ly: number) => seriesSymbol(k, lx, ly), words: series.name, marks: `series-${k}` }] : [],
  );
  if (drawn.some(({ p }) => hasInterval(p))) entries.push({ symbol: (lx, ly) => verticalWhisker(lx, ly - 7, ly + 7, INK, 'symbol'), words: labels.interval, marks: 'whisker' });
  if (goal) {
    entries.push({ symbol: (lx, ly) => line(lx - 10, ly + 5, lx + 10, ly - 5, { stroke: MUTED, 'stroke-width': 1.5, 'stroke-dasharray': '1 3' }), words: labels.goalPath, marks: 'goal-path' });
    entries.push({ symbol: (lx, ly) => line(lx - 10, ly, lx + 10, ly, { stroke: MUTED, 'stroke-width': 1.25, 'stroke-dasharray': '6 4' }), words: labels.target, marks: 'target' });
  }
  if (unreliable.length) entries.push({ symbol: (lx, ly) => point(lx, ly, { hollow: true }, 'symbol'), words: labels.unreliable, marks: 'hollow' });
  const key = legend(entries, MARGIN, area.bottom + 28, width - 2 * MARGIN);
  body.push(key.svg);
  const notes = chartNotes(hiddenSentences, MARGIN, area.bottom + 28 + key.height + 4, width - 2 * MARGIN);
  body.push(notes.svg);
  return svgDocument({ ...base, height: area.bottom + 28 + key.height + 4 + notes.height + MARGIN, desc, body: body.join('') });
}

/** Lines join neighbouring drawn points; a suppressed point breaks the line rather than being bridged. */
function seriesMarks(series: TrendSeries, k: number, waves: string[], x: (wave: string, k?: number) => number, y: (value: number) => number): string {
  const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
  const ordered = waves.flatMap((wave) => series.points.filter((p) => p.wave === wave));
  const segments: string[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const [from, to] = [ordered[i - 1], ordered[i]];
    if (!isDrawable(from) || !isDrawable(to)) continue;
    segments.push(line(x(from.wave, k), y(from.estimate), x(to.wave, k), y(to.estimate), { 'stroke-dasharray': DASHES[k % DASHES.length] }));
  }
  const marks = ordered.filter((p): p is TrendPoint & { estimate: number } => isDrawable(p)).map((p) => {
    const whisker = hasInterval(p) ? verticalWhisker(x(p.wave, k), y(p.ciHigh), y(p.ciLow), colour) : '';
    return whisker + point(x(p.wave, k), y(p.estimate), { shape: SHAPES[k % SHAPES.length], colour, hollow: p.flag === 'unreliable' });
  });
  return element('g', { class: `series series-${k}` }, element('g', { class: 'series-line', stroke: colour, 'stroke-width': 1.5 }, segments.join('')) + marks.join(''));
}

function seriesSymbol(k: number, x: number, y: number): string {
  const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
  return line(x - 11, y, x + 11, y, { stroke: colour, 'stroke-width': 1.5, 'stroke-dasharray': DASHES[k % DASHES.length] }) + point(x, y, { shape: SHAPES[k % SHAPES.length], colour }, 'symbol');
}

function goalMarks(goal: TrendGoal, area: PlotArea, x: (wave: string) => number, y: (value: number) => number): string {
  const path = line(x(goal.baselineWave), y(goal.baseline), x(goal.deadlineWave), y(goal.target), { class: 'goal-path', 'stroke-dasharray': '1 3', 'stroke-width': 1.5 });
  const target = line(area.left, y(goal.target), area.right, y(goal.target), { class: 'target', 'stroke-dasharray': '6 4', 'stroke-width': 1.25 });
  return element('g', { class: 'goal', stroke: MUTED }, path + target);
}
