// Estimates over waves: ordinal waves, vertical whiskers, lines that never bridge a hidden wave, a goal path.
import { describe, expect, test } from 'vitest';
import { trendChart, type TrendInput, type TrendPoint } from '../../src/render/charts/index.js';
import { attr, common, percent, percentTick, svgRoot } from './fixtures.js';
import { byClass, byName, textOf, type XmlElement } from './xml.js';

const labels = { ...common, title: 'Feeling unsafe over time', axis: 'Feel unsafe (%)', series: 'Area', wave: 'Wave', goalPath: 'Path to the goal', target: 'Target' };

const point = (wave: string, estimate: number, flag: TrendPoint['flag'] = 'ok'): TrendPoint => ({ wave, estimate, ciLow: estimate - 0.1, ciHigh: estimate + 0.1, flag });

const input: TrendInput = {
  kind: 'share',
  waves: ['2020', '2023', '2026'],
  series: [
    { name: 'Oudegem', points: [point('2020', 0.3), point('2023', 0.25), point('2026', 0.2)] },
    { name: 'Whole zone', points: [point('2020', 0.2), point('2023', 0.2), point('2026', 0.15)] },
  ],
  labels,
  format: percent,
  formatTick: percentTick,
  domain: [0, 0.5],
};

/** The y of each horizontal grid line by its tick label. */
function gridY(root: XmlElement): Map<string, number> {
  const axis = byClass(root, 'axis-y')[0];
  const lines = byClass(axis, 'grid');
  return new Map(byClass(axis, 'tick-label').map((tick, i) => [textOf(tick), attr(lines[i], 'y1')]));
}

const series = (root: XmlElement, k: number) => byClass(root, `series-${k}`)[0];

describe('trend chart', () => {
  test('waves run left to right in the given order, evenly spaced', () => {
    const root = svgRoot(trendChart(input).svg);
    const waves = byClass(root, 'wave-label');
    expect(waves.map(textOf)).toEqual(['2020', '2023', '2026']);
    const xs = waves.map((wave) => attr(wave, 'x'));
    expect(xs[1] - xs[0]).toBeCloseTo(xs[2] - xs[1], 6);
  });

  test('each series draws a point per wave with a whisker spanning its interval', () => {
    const root = svgRoot(trendChart(input).svg);
    const grid = gridY(root);
    const first = series(root, 0);
    expect(byClass(first, 'point')).toHaveLength(3);
    const whisker = byClass(first, 'whisker-line')[0];
    expect(attr(whisker, 'y1')).toBe(grid.get('40%'));
    expect(attr(whisker, 'y2')).toBe(grid.get('20%'));
    expect(attr(byClass(first, 'point')[0], 'cy')).toBe(grid.get('30%'));
  });

  test('series differ in shape as well as colour', () => {
    const root = svgRoot(trendChart(input).svg);
    expect(byClass(series(root, 0), 'point').map((p) => p.name)).toEqual(['circle', 'circle', 'circle']);
    expect(byClass(series(root, 1), 'point').map((p) => p.name)).toEqual(['rect', 'rect', 'rect']);
    expect(series(root, 0).children[0].attributes.stroke).not.toBe(series(root, 1).children[0].attributes.stroke);
  });

  test('lines connect neighbouring waves', () => {
    const root = svgRoot(trendChart(input).svg);
    expect(byName(byClass(series(root, 0), 'series-line')[0], 'line')).toHaveLength(2);
  });

  test('a suppressed wave is neither drawn nor bridged, and its number appears nowhere', () => {
    const chart = trendChart({
      ...input,
      series: [{ name: 'Oudegem', points: [point('2020', 0.3), { wave: '2023', estimate: 0.4321, ciLow: 0.3, ciHigh: 0.5, flag: 'suppressed' }, point('2026', 0.2)] }],
    });
    const root = svgRoot(chart.svg);
    expect(byClass(series(root, 0), 'point')).toHaveLength(2);
    expect(byName(byClass(series(root, 0), 'series-line')[0], 'line')).toHaveLength(0);
    expect(chart.svg + JSON.stringify(chart.table)).not.toContain('43.2');
    expect(byName(root, 'desc')[0].text).toContain('Not shown (too few answers): Oudegem 2023.');
    expect(chart.table.rows[1]).toEqual(['Oudegem', '2023', '', '', 'not shown (too few answers)']);
  });

  test('a wave a series lacks is simply skipped by the line', () => {
    const root = svgRoot(trendChart({ ...input, series: [{ name: 'Monitor', points: [point('2020', 0.3), point('2026', 0.2)] }] }).svg);
    expect(byName(byClass(series(root, 0), 'series-line')[0], 'line')).toHaveLength(1);
  });

  test('unreliable points are hollow and explained in the legend', () => {
    const root = svgRoot(trendChart({ ...input, series: [{ name: 'Oudegem', points: [point('2020', 0.3), point('2023', 0.25, 'unreliable')] }] }).svg);
    const points = byClass(series(root, 0), 'point');
    expect(points.map((p) => p.attributes.class)).toEqual(['point', 'point hollow']);
    expect(points[1].attributes.fill).toBe('#ffffff');
    expect(textOf(byClass(root, 'legend')[0])).toContain(labels.unreliable);
  });

  test('a goal draws its path from baseline to target and the target level', () => {
    const goal = { baselineWave: '2023', baseline: 0.2, deadlineWave: '2026', target: 0.1 };
    const root = svgRoot(trendChart({ ...input, goal }).svg);
    const grid = gridY(root);
    const waves = new Map(byClass(root, 'wave-label').map((wave) => [textOf(wave), attr(wave, 'x')]));
    const path = byClass(root, 'goal-path')[0];
    expect([attr(path, 'x1'), attr(path, 'y1')]).toEqual([waves.get('2023'), grid.get('20%')]);
    expect([attr(path, 'x2'), attr(path, 'y2')]).toEqual([waves.get('2026'), grid.get('10%')]);
    const target = byClass(root, 'target')[0];
    expect(attr(target, 'y1')).toBe(grid.get('10%'));
    expect(attr(target, 'y2')).toBe(grid.get('10%'));
  });

  test('a deadline beyond the measured waves is added at the end of the axis', () => {
    const goal = { baselineWave: '2023', baseline: 0.25, deadlineWave: '2029', target: 0.1 };
    const chart = trendChart({ ...input, goal });
    expect(byClass(svgRoot(chart.svg), 'wave-label').map(textOf)).toEqual(['2020', '2023', '2026', '2029']);
    expect(chart.table.rows.slice(-2)).toEqual([
      ['Path to the goal', '2023', '25.0%', '', ''],
      ['Target', '2029', '10.0%', '', ''],
    ]);
  });

  test('the axis makes room for the goal\'s values', () => {
    const goal = { baselineWave: '2020', baseline: 0.3, deadlineWave: '2026', target: 0.02 };
    const root = svgRoot(trendChart({ ...input, domain: undefined, goal }).svg);
    const ticks = [...gridY(root).keys()].map((tick) => parseFloat(tick));
    expect(Math.min(...ticks)).toBeLessThanOrEqual(2);
  });

  test('the table lists every series and wave with its interval', () => {
    const { table } = trendChart(input);
    expect(table.head).toEqual(['Area', 'Wave', 'Estimate', '95% interval', 'Note']);
    expect(table.rows).toHaveLength(6);
    expect(table.rows[0]).toEqual(['Oudegem', '2020', '30.0%', '20.0%–40.0%', '']);
  });

  test('the empty case gives a valid SVG saying there is nothing to show', () => {
    const chart = trendChart({ ...input, series: [] });
    expect(textOf(byClass(svgRoot(chart.svg), 'empty')[0])).toBe('Nothing to show');
    expect(chart.table.rows).toEqual([]);
  });

  test('a single wave of a single series is drawn', () => {
    const root = svgRoot(trendChart({ ...input, domain: undefined, waves: ['2026'], series: [{ name: 'Oudegem', points: [point('2026', 0.2)] }] }).svg);
    expect(byClass(root, 'point')).toHaveLength(1);
    expect(byClass(root, 'wave-label').map(textOf)).toEqual(['2026']);
  });
});
