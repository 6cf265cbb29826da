// The main district chart: whiskers, the whole-area reference, hollow unreliable points, hidden suppressed rows.
import { describe, expect, test } from 'vitest';
import { intervalPlot, type DistrictEstimate, type IntervalPlotInput } from '../../src/render/charts/index.js';
import { attr, common, decimal, decimalTick, HOSTILE_DISTRICT, percent, percentNl, percentTick, svgRoot } from './fixtures.js';
import { byClass, byName, textOf, type XmlElement } from './xml.js';

const labels = { ...common, axis: 'Share feeling unsafe (%)', district: 'District', wholeArea: 'Whole zone' };

const districts: DistrictEstimate[] = [
  { district: 'Appels', estimate: 0.3, ciLow: 0.2, ciHigh: 0.6, flag: 'ok' },
  { district: 'Oudegem', estimate: 0.5, ciLow: 0.2, ciHigh: 0.8, flag: 'unreliable' },
  { district: 'Grembergen', estimate: 0.4, ciLow: 0.37, ciHigh: 0.43, flag: 'ok' },
];

const input: IntervalPlotInput = {
  kind: 'share',
  districts,
  area: { estimate: 0.4, ciLow: 0.36, ciHigh: 0.44, flag: 'ok' },
  labels,
  format: percent,
  formatTick: percentTick,
  domain: [0, 1],
};

/** The x of each grid line by its tick label, so positions can be checked without knowing the layout. */
function gridX(root: XmlElement): Map<string, number> {
  const axis = byClass(root, 'axis-x')[0];
  const lines = byClass(axis, 'grid');
  const ticks = byClass(axis, 'tick-label');
  return new Map(ticks.map((tick, i) => [textOf(tick), attr(lines[i], 'x1')]));
}

describe('interval plot', () => {
  test('draws one row per shown district, in the given order, with its label', () => {
    const root = svgRoot(intervalPlot(input).svg);
    expect(byClass(root, 'row-label').map(textOf)).toEqual(['Appels', 'Oudegem', 'Grembergen']);
    expect(byClass(root, 'point')).toHaveLength(3);
  });

  test('a share axis reads in percent from 0% to 100%', () => {
    const root = svgRoot(intervalPlot(input).svg);
    expect([...gridX(root).keys()]).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });

  test('whiskers span exactly ciLow..ciHigh in pixel space', () => {
    const root = svgRoot(intervalPlot(input).svg);
    const grid = gridX(root);
    const whiskers = byClass(root, 'whisker-line');
    expect(attr(whiskers[0], 'x1')).toBe(grid.get('20%'));
    expect(attr(whiskers[0], 'x2')).toBe(grid.get('60%'));
    expect(attr(whiskers[1], 'x1')).toBe(grid.get('20%'));
    expect(attr(whiskers[1], 'x2')).toBe(grid.get('80%'));
  });

  test('points sit at their estimates', () => {
    const root = svgRoot(intervalPlot(input).svg);
    const grid = gridX(root);
    const points = byClass(root, 'point');
    expect(attr(points[1], 'cx')).toBe(grid.get('40%')! + (grid.get('60%')! - grid.get('40%')!) / 2);
    expect(attr(points[2], 'cx')).toBe(grid.get('40%'));
  });

  test('the reference line sits at the area value, over a band for its interval', () => {
    const root = svgRoot(intervalPlot(input).svg);
    const grid = gridX(root);
    const reference = byClass(root, 'reference')[0];
    expect(attr(reference, 'x1')).toBe(grid.get('40%'));
    expect(attr(reference, 'x2')).toBe(grid.get('40%'));
    const band = byClass(root, 'reference-band')[0];
    const perPoint = (grid.get('20%')! - grid.get('0%')!) / 20;
    expect(attr(band, 'x')).toBeCloseTo(grid.get('0%')! + 36 * perPoint, 1);
    expect(attr(band, 'x') + attr(band, 'width')).toBeCloseTo(grid.get('0%')! + 44 * perPoint, 1);
    expect(textOf(byClass(root, 'reference-label')[0])).toBe('Whole zone 40.0%');
  });

  test('unreliable points are hollow, marked, and explained in the legend', () => {
    const root = svgRoot(intervalPlot(input).svg);
    const hollow = byClass(root, 'hollow').filter((mark) => !byClass(byClass(root, 'legend')[0], 'hollow').includes(mark));
    expect(hollow).toHaveLength(1);
    expect(hollow[0].attributes.fill).toBe('#ffffff');
    const rows = byClass(root, 'row');
    expect(byClass(rows[1], 'hollow')).toHaveLength(1);
    expect(byClass(rows[0], 'hollow')).toHaveLength(0);
    expect(textOf(byClass(rows[1], 'row-value')[0])).toBe('50.0%*');
    expect(textOf(byClass(root, 'legend')[0])).toContain(labels.unreliable);
  });

  test('without unreliable rows the legend says nothing about them', () => {
    const svg = intervalPlot({ ...input, districts: [districts[0]] }).svg;
    expect(svg).not.toContain(labels.unreliable);
    expect(svg).not.toContain('hollow');
  });

  test('suppressed rows keep their place, labelled with why, and produce no point and no number in the SVG or the table', () => {
    const chart = intervalPlot({
      ...input,
      districts: [...districts, { district: 'Lebbeke', estimate: 0.987, ciLow: 0.912, ciHigh: 0.999, flag: 'suppressed' }],
    });
    const root = svgRoot(chart.svg);
    expect(byClass(root, 'row-label').map(textOf)).toContain('Lebbeke');
    expect(byClass(root, 'row-hidden').map(textOf)).toEqual(['not shown (too few answers)']);
    expect(byClass(root, 'point')).toHaveLength(3);
    for (const number of ['98.7', '91.2', '99.9']) {
      expect(chart.svg).not.toContain(number);
      expect(JSON.stringify(chart.table)).not.toContain(number);
    }
    expect(byName(root, 'desc')[0].text).toContain('Not shown (too few answers): Lebbeke.');
    expect(chart.table.rows.find((row) => row[0] === 'Lebbeke')).toEqual(['Lebbeke', '', '', 'not shown (too few answers)']);
  });

  test('the table holds every district and then the whole area', () => {
    const { table } = intervalPlot(input);
    expect(table.caption).toBe(labels.title);
    expect(table.head).toEqual(['District', 'Estimate', '95% interval', 'Note']);
    expect(table.rows).toEqual([
      ['Appels', '30.0%', '20.0%–60.0%', ''],
      ['Oudegem', '50.0%', '20.0%–80.0%', 'unreliable: read with care'],
      ['Grembergen', '40.0%', '37.0%–43.0%', ''],
      ['Whole zone', '40.0%', '36.0%–44.0%', ''],
    ]);
  });

  test('numbers come from the caller\'s format, so decimal commas work', () => {
    const chart = intervalPlot({ ...input, format: percentNl, formatTick: undefined });
    expect(chart.table.rows[0]).toEqual(['Appels', '30,0 %', '20,0 %–60,0 %', '']);
    expect(textOf(byClass(svgRoot(chart.svg), 'tick-label')[1])).toBe('20,0 %');
  });

  test('the empty case gives a valid SVG saying there is nothing to show', () => {
    const chart = intervalPlot({ ...input, districts: [], area: null });
    const root = svgRoot(chart.svg);
    expect(textOf(byClass(root, 'empty')[0])).toBe('Nothing to show');
    expect(byName(root, 'desc')[0].text).toContain('Nothing to show');
    expect(byClass(root, 'point')).toHaveLength(0);
    expect(chart.table.rows).toEqual([]);
  });

  test('only suppressed districts is the empty case too, and names them', () => {
    const chart = intervalPlot({ ...input, districts: [{ district: 'Lebbeke', estimate: null, ciLow: null, ciHigh: null, flag: 'suppressed' }] });
    const root = svgRoot(chart.svg);
    expect(byClass(root, 'empty')).toHaveLength(1);
    expect(byName(root, 'desc')[0].text).toBe('Nothing to show Share of residents per district, with 95% intervals. Not shown (too few answers): Lebbeke.');
  });

  test('a single district is drawn with the reference', () => {
    const root = svgRoot(intervalPlot({ ...input, domain: undefined, districts: [districts[2]] }).svg);
    expect(byClass(root, 'row')).toHaveLength(1);
    expect(byClass(root, 'reference')).toHaveLength(1);
    expect(byClass(root, 'tick-label').length).toBeGreaterThanOrEqual(2);
  });

  test('without a whole-area value there is no reference line', () => {
    const root = svgRoot(intervalPlot({ ...input, area: null }).svg);
    expect(byClass(root, 'reference')).toHaveLength(0);
    expect(byClass(root, 'reference-band')).toHaveLength(0);
  });

  test('a suppressed whole area draws no reference and shows no number', () => {
    const chart = intervalPlot({ ...input, area: { estimate: 0.777, ciLow: 0.7, ciHigh: 0.8, flag: 'suppressed' } });
    expect(byClass(svgRoot(chart.svg), 'reference')).toHaveLength(0);
    expect(chart.svg + JSON.stringify(chart.table)).not.toContain('77.7');
  });

  test('means get their own axis in their own unit', () => {
    const root = svgRoot(
      intervalPlot({
        ...input,
        kind: 'mean',
        domain: [1, 5],
        format: decimal,
        formatTick: decimalTick,
        districts: [{ district: 'Appels', estimate: 3.1, ciLow: 2.8, ciHigh: 3.4, flag: 'ok' }],
        area: { estimate: 2.9, ciLow: 2.8, ciHigh: 3.0, flag: 'ok' },
      }).svg,
    );
    expect([...gridX(root).keys()]).toEqual(['1', '2', '3', '4', '5']);
  });

  test('the height grows with the rows and the width follows the option', () => {
    const one = svgRoot(intervalPlot({ ...input, districts: [districts[0]] }).svg);
    const three = svgRoot(intervalPlot({ ...input, width: 800 }).svg);
    expect(attr(three, 'height') - attr(one, 'height')).toBe(48);
    expect(three.attributes.viewBox).toMatch(/^0 0 800 /);
  });

  test('a long district name wraps onto lines in the picture, cut only past three lines, and stays whole in the table', () => {
    const name = 'Sint-Gillis-bij-Dendermonde';
    const chart = intervalPlot({ ...input, width: 420, districts: [{ ...districts[0], district: name }] });
    const lines = byClass(svgRoot(chart.svg), 'row-label').map(textOf);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(name);
    expect(chart.table.rows[0][0]).toBe(name);
    const endless = `${name}-en-nog-een-heel-lange-naam-erbij-die-nergens-past-en-maar-doorgaat-tot-ze-niet-meer-past`;
    const cut = byClass(svgRoot(intervalPlot({ ...input, width: 420, districts: [{ ...districts[0], district: endless }] }).svg), 'row-label').map(textOf);
    expect(cut).toHaveLength(3);
    expect(cut[2].endsWith('…')).toBe(true);
  });

  test('a district withheld for another reason says that reason, not "too few answers"', () => {
    const chart = intervalPlot({ ...input, districts: [...districts, { district: 'Lebbeke', estimate: null, ciLow: null, ciHigh: null, flag: 'suppressed', hidden: 'withheld to protect another district' }] });
    const root = svgRoot(chart.svg);
    expect(byClass(root, 'row-hidden').map(textOf)).toEqual(['withheld to protect another district']);
    expect(byName(root, 'desc')[0].text).toContain('Withheld to protect another district: Lebbeke.');
    expect(chart.svg).not.toContain('too few answers');
    expect(chart.table.rows.find((row) => row[0] === 'Lebbeke')).toEqual(['Lebbeke', '', '', 'withheld to protect another district']);
  });

  test('a point outside a fixed axis is held at its edge', () => {
    const root = svgRoot(intervalPlot({ ...input, domain: [0, 0.5], districts: [{ district: 'A', estimate: 0.45, ciLow: 0.3, ciHigh: 0.7, flag: 'ok' }] }).svg);
    const grid = gridX(root);
    expect(attr(byClass(root, 'whisker-line')[0], 'x2')).toBe(grid.get('50%'));
  });

  test('a district named <script>alert(1)</script> comes out as inert text', () => {
    const chart = intervalPlot({ ...input, districts: [{ ...districts[0], district: HOSTILE_DISTRICT }] });
    expect(chart.svg).not.toContain(HOSTILE_DISTRICT);
    expect(chart.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(textOf(byClass(svgRoot(chart.svg), 'row-label')[0])).toBe(HOSTILE_DISTRICT);
    expect(byName(svgRoot(chart.svg), 'script')).toHaveLength(0);
  });

  test('a narrow chart uses fewer ticks, so their labels never overlap', () => {
    const root = svgRoot(intervalPlot({ ...input, width: 300, formatTick: undefined, format: percentNl }).svg);
    const ticks = byClass(root, 'tick-label');
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++) {
      const room = attr(ticks[i], 'x') - attr(ticks[i - 1], 'x');
      expect(room).toBeGreaterThanOrEqual((Array.from(textOf(ticks[i])).length + Array.from(textOf(ticks[i - 1])).length) * 3.5);
    }
  });
});
