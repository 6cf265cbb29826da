// What every chart promises, whatever its data: well-formed, accessible, self-contained, inert, byte-stable.
import { describe, expect, test } from 'vitest';
import { benchmarkChart, intervalPlot, rankingChart, trendChart, type Chart } from '../../src/render/charts/index.js';
import { common, decimal, FORBIDDEN, HOSTILE_DISTRICT, HOSTILE_THEME, percent, percentNl, svgRoot } from './fixtures.js';
import { byName, descendants } from './xml.js';

const hostile = `${HOSTILE_DISTRICT} & ${HOSTILE_THEME} ' "`;
const share = (estimate: number, flag: 'ok' | 'unreliable' | 'suppressed' = 'ok') => ({ estimate, ciLow: estimate - 0.05, ciHigh: estimate + 0.05, flag });
const plotLabels = { ...common, axis: 'Share (%)', district: 'District', wholeArea: 'Whole zone' };
const trendLabels = { ...common, axis: 'Share (%)', series: 'Area', wave: 'Wave', goalPath: 'Path', target: 'Target' };
const rankLabels = { ...common, residents: 'Residents', keyFigures: 'Key figures', theme: 'Theme', residentsRank: 'Rank', share: 'Share', keyFiguresRank: 'Rank', severity: 'Severity', highlight: 'diverge' };
const benchLabels = { ...common, axis: 'Share (%)', area: 'Area' };

/** Every chart in a typical, an empty, a single-row and a hostile case; functions, so each call is fresh. */
const cases: Record<string, () => Chart> = {
  'interval plot': () =>
    intervalPlot({ kind: 'share', districts: [{ district: 'Appels', ...share(0.3) }, { district: 'Oudegem', ...share(0.4, 'unreliable') }, { district: 'Lebbeke', ...share(0.9, 'suppressed') }], area: share(0.35), labels: plotLabels, format: percent }),
  'interval plot, empty': () => intervalPlot({ kind: 'share', districts: [], area: null, labels: plotLabels, format: percent }),
  'interval plot, one district': () => intervalPlot({ kind: 'mean', districts: [{ district: 'Appels', estimate: 3.2, ciLow: 3.2, ciHigh: 3.2, flag: 'ok' }], area: null, labels: plotLabels, format: decimal }),
  'interval plot, hostile names': () =>
    intervalPlot({ kind: 'share', districts: [{ district: hostile, ...share(0.3) }, { district: HOSTILE_DISTRICT, ...share(0.5, 'suppressed') }], area: share(0.3), labels: { ...plotLabels, title: hostile, wholeArea: hostile }, format: percentNl }),
  trend: () =>
    trendChart({ kind: 'share', waves: ['2020', '2023'], series: [{ name: 'Oudegem', points: [{ wave: '2020', ...share(0.3) }, { wave: '2023', ...share(0.2, 'unreliable') }] }], goal: { baselineWave: '2023', baseline: 0.2, deadlineWave: '2029', target: 0.1 }, labels: trendLabels, format: percent }),
  'trend, empty': () => trendChart({ kind: 'share', waves: [], series: [], labels: trendLabels, format: percent }),
  'trend, one point': () => trendChart({ kind: 'score', waves: ['2026'], series: [{ name: 'Zone', points: [{ wave: '2026', estimate: 4.2, ciLow: null, ciHigh: null, flag: 'ok' }] }], labels: trendLabels, format: decimal }),
  'trend, hostile names': () =>
    trendChart({ kind: 'share', waves: [hostile], series: [{ name: HOSTILE_DISTRICT, points: [{ wave: hostile, ...share(0.3) }] }, { name: HOSTILE_THEME, points: [{ wave: hostile, ...share(0.3, 'suppressed') }] }], labels: trendLabels, format: percent }),
  ranking: () =>
    rankingChart({ residents: [{ theme: 'a', label: 'Speeding', value: 0.6 }, { theme: 'b', label: 'Drugs', value: 0.2, flag: 'unreliable' }], keyFigures: [{ theme: 'b', label: 'Drugs', value: 4.1 }], highlight: ['b'], labels: rankLabels, formatShare: percent, formatSeverity: decimal }),
  'ranking, empty': () => rankingChart({ residents: [], keyFigures: [], labels: rankLabels, formatShare: percent, formatSeverity: decimal }),
  'ranking, one theme': () => rankingChart({ residents: [{ theme: 'a', label: 'Speeding', value: 0.6 }], keyFigures: [], labels: rankLabels, formatShare: percent, formatSeverity: decimal }),
  'ranking, hostile names': () =>
    rankingChart({ residents: [{ theme: 'x', label: HOSTILE_THEME, value: 0.6 }, { theme: 'y', label: HOSTILE_DISTRICT, value: 0.5, flag: 'suppressed' }], keyFigures: [{ theme: 'x', label: HOSTILE_THEME, value: 2 }], labels: { ...rankLabels, residents: hostile }, formatShare: percent, formatSeverity: decimal }),
  benchmark: () => benchmarkChart({ kind: 'share', areas: [{ area: 'Zone', own: true, ...share(0.3) }, { area: 'Belgium', ...share(0.25) }], labels: benchLabels, format: percent }),
  'benchmark, empty': () => benchmarkChart({ kind: 'share', areas: [], labels: benchLabels, format: percent }),
  'benchmark, one area': () => benchmarkChart({ kind: 'share', areas: [{ area: 'Zone', ...share(0) }], labels: benchLabels, format: percent }),
  'benchmark, hostile names': () => benchmarkChart({ kind: 'share', areas: [{ area: hostile, own: true, ...share(1) }], labels: { ...benchLabels, axis: hostile }, format: percent }),
};

describe.each(Object.entries(cases))('%s', (_, make) => {
  test('is well-formed XML with an <svg> root', () => {
    expect(() => svgRoot(make().svg)).not.toThrow();
  });

  test('has exactly one <title> and one <desc>, which label the image', () => {
    const root = svgRoot(make().svg);
    const [titles, descs] = [byName(root, 'title'), byName(root, 'desc')];
    expect(titles).toHaveLength(1);
    expect(descs).toHaveLength(1);
    expect(root.attributes.role).toBe('img');
    expect(root.attributes['aria-labelledby']).toBe(`${titles[0].attributes.id} ${descs[0].attributes.id}`);
    expect(root.children[0]).toBe(titles[0]);
    expect(descs[0].text.trim()).not.toBe('');
  });

  test('has a viewBox and a generic font, and nothing that reaches outside', () => {
    const { svg } = make();
    const root = svgRoot(svg);
    expect(root.attributes.viewBox).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
    expect(root.attributes['font-family']).toBe('sans-serif');
    for (const word of FORBIDDEN) expect(svg.toLowerCase()).not.toContain(word);
    expect(descendants(root).map((element) => element.name).filter((name) => ['script', 'foreignObject', 'image', 'use', 'a', 'style'].includes(name))).toEqual([]);
  });

  test('never carries hostile text unescaped', () => {
    const { svg } = make();
    expect(svg).not.toContain(HOSTILE_DISTRICT);
    expect(svg).not.toContain(HOSTILE_THEME);
    expect(svg).not.toMatch(/<(?!\/?(svg|title|desc|g|text|line|rect|circle|polygon)[\s>/])/);
  });

  test('is byte-identical across two calls', () => {
    const [a, b] = [make(), make()];
    expect(a.svg).toBe(b.svg);
    expect(a.table).toEqual(b.table);
  });

  test('has a table whose rows are as wide as its head', () => {
    const { table } = make();
    expect(table.caption).not.toBe('');
    for (const row of table.rows) expect(row).toHaveLength(table.head.length);
  });
});
