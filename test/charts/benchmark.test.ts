// The zone beside benchmark areas on one shared axis.
import { describe, expect, test } from 'vitest';
import { benchmarkChart, type BenchmarkInput } from '../../src/render/charts/index.js';
import { ACCENT } from '../../src/render/charts/palette.js';
import { attr, common, percent, percentTick, svgRoot } from './fixtures.js';
import { byClass, textOf } from './xml.js';

const input: BenchmarkInput = {
  kind: 'share',
  areas: [
    { area: 'Zone Dendermonde', own: true, estimate: 0.2, ciLow: 0.1, ciHigh: 0.3, flag: 'ok' },
    { area: 'East Flanders', estimate: 0.1, ciLow: 0.08, ciHigh: 0.12, flag: 'ok' },
    { area: 'Belgium', estimate: 0.09, ciLow: null, ciHigh: null, flag: 'ok' },
  ],
  labels: { ...common, title: 'Against the monitor', axis: 'Feel unsafe (%)', area: 'Area' },
  format: percent,
  formatTick: percentTick,
  domain: [0, 0.5],
};

describe('benchmark chart', () => {
  test('draws every area as a row on one axis, in the given order', () => {
    const root = svgRoot(benchmarkChart(input).svg);
    expect(byClass(root, 'row-label').map(textOf)).toEqual(['Zone Dendermonde', 'East Flanders', 'Belgium']);
    expect(byClass(root, 'axis-x')).toHaveLength(1);
  });

  test('the zone stands out in the accent colour and bold, not by colour alone', () => {
    const root = svgRoot(benchmarkChart(input).svg);
    const [own, other] = byClass(root, 'row');
    expect(byClass(own, 'point')[0].attributes.fill).toBe(ACCENT);
    expect(byClass(own, 'row-label')[0].attributes['font-weight']).toBe('bold');
    expect(byClass(other, 'row-label')[0].attributes['font-weight']).toBeUndefined();
  });

  test('whiskers span the published interval on the shared axis', () => {
    const root = svgRoot(benchmarkChart(input).svg);
    const axis = byClass(root, 'axis-x')[0];
    const grid = new Map(byClass(axis, 'tick-label').map((tick, i) => [textOf(tick), attr(byClass(axis, 'grid')[i], 'x1')]));
    const whisker = byClass(byClass(root, 'row')[0], 'whisker-line')[0];
    expect([attr(whisker, 'x1'), attr(whisker, 'x2')]).toEqual([grid.get('10%'), grid.get('30%')]);
  });

  test('an area published without an interval gets a point and no whisker', () => {
    const row = byClass(svgRoot(benchmarkChart(input).svg), 'row')[2];
    expect(byClass(row, 'point')).toHaveLength(1);
    expect(byClass(row, 'whisker')).toHaveLength(0);
    expect(benchmarkChart(input).table.rows[2]).toEqual(['Belgium', '9.0%', '', '']);
  });

  test('there is no whole-area reference line among benchmarks', () => {
    expect(byClass(svgRoot(benchmarkChart(input).svg), 'reference')).toHaveLength(0);
  });

  test('the table lists each area with its estimate and interval', () => {
    const { table } = benchmarkChart(input);
    expect(table.head).toEqual(['Area', 'Estimate', '95% interval', 'Note']);
    expect(table.rows[0]).toEqual(['Zone Dendermonde', '20.0%', '10.0%–30.0%', '']);
  });

  test('the empty case gives a valid SVG saying there is nothing to show', () => {
    const chart = benchmarkChart({ ...input, areas: [] });
    expect(textOf(byClass(svgRoot(chart.svg), 'empty')[0])).toBe('Nothing to show');
  });
});
