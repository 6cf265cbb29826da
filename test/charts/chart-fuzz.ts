// What the chart module promises whatever it is fed, as fast-check arbitraries and checks shared by the fuzz
// test (test/charts/fuzz.test.ts) and the fuzz bench (bench/fuzz-charts.mjs, which bundles this file):
// every build ends, its ticks and marks are bounded by its input, and its SVG is well-formed XML with finite
// coordinates and no NaN, Infinity or undefined in it. Checks throw; they never use a test runner.
import fc from 'fast-check';
import {
  benchmarkChart,
  intervalPlot,
  linearScale,
  niceTicks,
  rankingChart,
  trendChart,
  valueAxis,
  type Chart,
  type ChartFlag,
  type FormatTick,
  type FormatValue,
  type IntervalEstimate,
  type Ticks,
  type ValueKind,
} from '../../src/render/charts/index.js';
import { MAX_TICKS } from '../../src/render/charts/scale.js';
export { MAX_TICKS };
import { descendants, parseXml } from './xml.js';

/** Text that must never appear: a number that went wrong on its way to the page. */
const BROKEN = /NaN|Infinity|undefined/;

/** Numbers from the ordinary to the absurd: equal, a rounding apart, huge, tiny, negative, not finite. */
export const anyNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, 10, 9.999999999999998, 0.1 + 0.2, 1e308, -1e308, Number.MAX_VALUE, 5e-324, -5e-324, 1e-300, 1e300, 2 ** 53),
  fc.double(),
  fc.double({ min: -0.2, max: 1.2, noNaN: true }),
  fc.double({ min: -1e-12, max: 1e-12, noNaN: true }),
);
const maybeNumber = fc.oneof(anyNumber, fc.constant(null));

/** Labels: empty, very long, markup and characters XML forbids; never spelling the words BROKEN looks for. */
export const label = fc
  .oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('', ' ', '<script>alert(1)</script>', '&amp; &lt; "\' ]]> <!-- -->', '\u0000\u0008\u000b\ufffe\uffff\ud800 \udc00 \ud83d\ude00', '=HYPERLINK("x")', 'x'.repeat(3000), 'word '.repeat(600), 'Sint-Amandsberg Érembodegem Drieënhoek'),
  )
  .filter((words) => !BROKEN.test(words));

const flag = fc.constantFrom<ChartFlag>('ok', 'unreliable', 'suppressed');

/**
 * Estimates that are either free or all a rounding or two from one value (finding 1: 10 and 9.999999999999998).
 * Each is the estimate, its interval ends and flag.
 */
function estimates(maxLength: number) {
  // hidden: the words for a row that is not drawn, as hostile as any label
  const free = fc.record({ estimate: maybeNumber, ciLow: maybeNumber, ciHigh: maybeNumber, flag, hidden: fc.option(label, { nil: undefined }) }).map((row): IntervalEstimate => row);
  const near = fc.tuple(anyNumber, fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), flag), { maxLength })).map(([base, rows]) =>
    rows.map(([k, lo, hi, f]): IntervalEstimate => ({ estimate: base * (1 + k * Number.EPSILON), ciLow: base * (1 + lo * Number.EPSILON), ciHigh: base * (1 + hi * Number.EPSILON), flag: f })),
  );
  return fc.oneof(fc.array(free, { maxLength, size: '+1' }), near);
}

const kind = fc.constantFrom<ValueKind>('share', 'mean', 'score');
const options = fc.record({ width: fc.option(anyNumber, { nil: undefined }), id: fc.option(label, { nil: undefined }), domain: fc.option(fc.tuple(anyNumber, anyNumber), { nil: undefined }) });
const commonLabels = fc.record({ title: label, description: label, empty: label, unreliable: label, notShown: label, estimate: label, interval: label, note: label });

/** A value written the way a careless formatter would: NaN or Infinity shows as such, so any that slips through is seen. */
const format: FormatValue = (value) => String(value);
/** toFixed throws past 100 decimals: an axis asking for more fails the check. */
const formatTick: FormatTick = (value, decimals) => value.toFixed(decimals);

/** One chart build: its name, the build, and how many things it was given to draw. */
export interface ChartCase {
  chart: string;
  build: () => Chart;
  items: number;
}

const intervalPlotCase = fc
  .record({ kind, rows: estimates(40), names: fc.array(label, { maxLength: 40 }), area: fc.option(fc.record({ estimate: maybeNumber, ciLow: maybeNumber, ciHigh: maybeNumber, flag }), { nil: null }), labels: commonLabels, axis: label, district: label, wholeArea: label, options })
  .map(({ kind, rows, names, area, labels, axis, district, wholeArea, options }): ChartCase => ({
    chart: 'interval plot',
    items: rows.length + 1,
    build: () =>
      intervalPlot({ kind, districts: rows.map((row, i) => ({ district: names[i] ?? `d${i}`, ...row })), area, labels: { ...labels, axis, district, wholeArea }, format, formatTick, ...options }),
  }));

const benchmarkCase = fc
  .record({ kind, rows: estimates(20), names: fc.array(label, { maxLength: 20 }), own: fc.array(fc.boolean(), { maxLength: 20 }), labels: commonLabels, axis: label, area: label, options })
  .map(({ kind, rows, names, own, labels, axis, area, options }): ChartCase => ({
    chart: 'benchmark',
    items: rows.length,
    build: () => benchmarkChart({ kind, areas: rows.map((row, i) => ({ area: names[i] ?? `a${i}`, own: own[i], ...row })), labels: { ...labels, axis, area }, format, formatTick, ...options }),
  }));

const trendCase = fc
  .record({
    kind,
    waves: fc.array(label, { maxLength: 8 }),
    series: fc.array(fc.record({ name: label, points: estimates(8), waves: fc.array(fc.nat(9), { maxLength: 8 }) }), { maxLength: 5 }),
    goal: fc.option(fc.record({ baselineWave: label, baseline: anyNumber, deadlineWave: label, target: anyNumber }), { nil: undefined }),
    labels: commonLabels,
    words: fc.record({ axis: label, series: label, wave: label, goalPath: label, target: label }),
    plotHeight: fc.option(anyNumber, { nil: undefined }),
    options,
  })
  .map(({ kind, waves, series, goal, labels, words, plotHeight, options }): ChartCase => ({
    chart: 'trend',
    items: series.reduce((sum, s) => sum + s.points.length, 0) + waves.length + 2,
    build: () =>
      trendChart({
        kind,
        waves,
        series: series.map((s) => ({ name: s.name, points: s.points.map((p, i) => ({ wave: waves[s.waves[i] ?? 0] ?? `w${i}`, ...p })) })),
        goal,
        labels: { ...labels, ...words },
        format,
        formatTick,
        plotHeight,
        ...options,
      }),
  }));

const theme = fc.record({ theme: fc.constantFrom('speeding', 'drugs', 'noise', 'burglary', 'parking', ''), label, value: maybeNumber, flag: fc.option(flag, { nil: undefined }) });
const rankingCase = fc
  .record({
    residents: fc.array(theme, { maxLength: 12 }),
    keyFigures: fc.array(theme, { maxLength: 12 }),
    highlight: fc.array(fc.constantFrom('speeding', 'drugs', 'x'), { maxLength: 3 }),
    labels: fc.record({ title: label, description: label, empty: label, notShown: label, unreliable: label, residents: label, keyFigures: label, theme: label, residentsRank: label, share: label, keyFiguresRank: label, severity: label, note: label, highlight: fc.option(label, { nil: undefined }) }),
    options: fc.record({ width: fc.option(anyNumber, { nil: undefined }), id: fc.option(label, { nil: undefined }) }),
  })
  .map(({ residents, keyFigures, highlight, labels, options }): ChartCase => ({
    chart: 'ranking',
    items: residents.length + keyFigures.length,
    build: () => rankingChart({ residents, keyFigures, highlight, labels, formatShare: format, formatSeverity: format, ...options }),
  }));

export const chartCase = fc.oneof(intervalPlotCase, benchmarkCase, trendCase, rankingCase);

/** Attributes that hold numbers, one or a list. */
const NUMERIC = new Set(['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'points', 'viewBox', 'font-size', 'stroke-width']);

export interface ChartFigures {
  elements: number;
  ticks: number;
  marks: number;
  bytes: number;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Builds the chart and checks its promises; the figures for the bench. */
export function checkChart(c: ChartCase): ChartFigures {
  const chart = c.build();
  const root = parseXml(chart.svg);
  if (root.name !== 'svg') fail(`${c.chart}: root is <${root.name}>`);
  const broken = BROKEN.exec(chart.svg);
  if (broken) fail(`${c.chart}: "${broken[0]}" in the SVG at ${broken.index}: ${chart.svg.slice(Math.max(0, broken.index - 80), broken.index + 40)}`);
  const elements = [root, ...descendants(root)];
  for (const element of elements) {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (!NUMERIC.has(name)) continue;
      for (const part of value.split(/[\s,]+/)) if (!Number.isFinite(Number(part))) fail(`${c.chart}: <${element.name} ${name}="${value}">`);
    }
  }
  const classes = (name: string) => elements.filter((element) => (element.attributes.class ?? '').split(/\s+/).includes(name)).length;
  const ticks = classes('tick-label');
  if (ticks > MAX_TICKS) fail(`${c.chart}: ${ticks} ticks`);
  const marks = classes('point') + classes('whisker') + classes('link');
  if (marks > 3 * c.items) fail(`${c.chart}: ${marks} marks for ${c.items} things to draw`);
  // Every thing drawn is a handful of elements; axes, legend (at most three lines an entry) and head a few dozen.
  if (elements.length > 12 * c.items + 4 * MAX_TICKS + 80) fail(`${c.chart}: ${elements.length} elements for ${c.items} things to draw`);
  if (chart.table.rows.length > c.items + 2) fail(`${c.chart}: ${chart.table.rows.length} table rows for ${c.items} things`);
  for (const cell of [chart.table.caption, ...chart.table.head, ...chart.table.rows.flat()]) if (BROKEN.test(cell)) fail(`${c.chart}: table cell "${cell.slice(0, 80)}"`);
  return { elements: elements.length, ticks, marks, bytes: chart.svg.length };
}

/** An axis of niceTicks or valueAxis: a few finite ticks in order inside a finite domain that has width. */
export function checkTicks(axis: Ticks, what: string, minTicks: number): void {
  const { ticks, domain } = axis;
  if (ticks.length < minTicks || ticks.length > MAX_TICKS) fail(`${what}: ${ticks.length} ticks`);
  if (!(Number.isFinite(domain[0]) && Number.isFinite(domain[1]) && domain[0] < domain[1])) fail(`${what}: domain ${domain}`);
  if (!(axis.step > 0 && Number.isFinite(axis.step)) || !(axis.decimals >= 0 && axis.decimals <= 20)) fail(`${what}: step ${axis.step}, ${axis.decimals} decimals`);
  ticks.forEach((tick, i) => {
    if (!Number.isFinite(tick) || Object.is(tick, -0)) fail(`${what}: tick ${tick}`);
    if (i > 0 && !(tick > ticks[i - 1])) fail(`${what}: ticks out of order ${ticks}`);
    const slack = 1e-9 * (domain[1] - domain[0]);
    if (tick < domain[0] - slack || tick > domain[1] + slack) fail(`${what}: tick ${tick} outside ${domain}`);
  });
}

export interface AxisCase {
  min: number;
  max: number;
  count: number;
  kind: ValueKind;
  values: number[];
  domain?: [number, number];
}

export const axisCase: fc.Arbitrary<AxisCase> = fc.record({
  min: anyNumber,
  max: anyNumber,
  count: fc.oneof(fc.integer({ min: -5, max: 50 }), anyNumber),
  kind,
  values: fc.array(anyNumber, { maxLength: 30 }),
  domain: fc.option(fc.tuple(anyNumber, anyNumber), { nil: undefined }),
});

/** niceTicks, valueAxis and linearScale on one set of numbers; returns the most ticks either axis had. */
export function checkAxes({ min, max, count, kind, values, domain }: AxisCase): number {
  const nice = niceTicks(min, max, count);
  checkTicks(nice, `niceTicks(${min}, ${max}, ${count})`, 2);
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  // A tick a billionth of a step inside a value still counts as holding it (0.3 / 0.1 = 2.9999999999999996).
  const slack = 1e-6 * (nice.domain[1] - nice.domain[0]);
  if (Number.isFinite(lo) && Number.isFinite(hi) && Math.abs(lo) <= 1e300 && Math.abs(hi) <= 1e300 && !(nice.domain[0] <= lo + slack && nice.domain[1] >= hi - slack)) {
    fail(`niceTicks(${min}, ${max}): domain ${nice.domain} does not hold the values`);
  }
  const axis = valueAxis({ kind, values, domain, count });
  checkTicks(axis, `valueAxis(${kind}, [${values}], ${domain}, ${count})`, 1);
  const x = linearScale(axis.domain, [10, 610]);
  for (const value of [...values, ...axis.ticks]) {
    if (!Number.isFinite(value)) continue;
    const at = x(value);
    if (!(at >= 10 && at <= 610)) fail(`linearScale(${axis.domain})(${value}) = ${at}`);
  }
  return Math.max(nice.ticks.length, axis.ticks.length);
}
