// Residents' problem ranking beside the key figures': ranks, links between the same theme, highlights.
import { describe, expect, test } from 'vitest';
import { rankingChart, rankThemes, type RankedTheme, type RankingInput } from '../../src/render/charts/index.js';
import { attr, common, HOSTILE_THEME, percent, svgRoot } from './fixtures.js';
import { byClass, byName, textOf } from './xml.js';

const labels = {
  ...common,
  title: 'Neighbourhood problems',
  residents: 'Residents: share seeing a problem',
  keyFigures: 'Key figures: mean severity (1-5)',
  theme: 'Theme',
  residentsRank: 'Rank (residents)',
  share: 'Share',
  keyFiguresRank: 'Rank (key figures)',
  severity: 'Severity',
  highlight: 'sources diverge',
};

const theme = (key: string, value: number | null, flag: RankedTheme['flag'] = 'ok'): RankedTheme => ({ theme: key, label: key[0].toUpperCase() + key.slice(1), value, flag });

const input: RankingInput = {
  residents: [theme('parking', 0.45), theme('speeding', 0.67), theme('drugs', 0.12), theme('dumping', 0.41)],
  keyFigures: [theme('speeding', 3.2), theme('drugs', 4.4), theme('youth', 3.9), theme('dumping', 3.0)],
  labels,
  formatShare: percent,
  formatSeverity: (value) => value.toFixed(1),
};

describe('ranking themes', () => {
  test('highest first', () => {
    expect(rankThemes(input.residents).map((t) => [t.theme, t.rank])).toEqual([
      ['speeding', 1],
      ['parking', 2],
      ['dumping', 3],
      ['drugs', 4],
    ]);
  });

  test('ties share a rank and are ordered by key, whatever the input order', () => {
    const ranks = (themes: RankedTheme[]) => rankThemes(themes).map((t) => `${t.rank}:${t.theme}`);
    const themes = [theme('noise', 0.3), theme('burglary', 0.3), theme('speeding', 0.6), theme('drugs', 0.1)];
    expect(ranks(themes)).toEqual(['1:speeding', '2:burglary', '2:noise', '4:drugs']);
    expect(ranks([...themes].reverse())).toEqual(ranks(themes));
  });

  test('suppressed and unknown values are not ranked', () => {
    expect(rankThemes([theme('a', 0.5, 'suppressed'), theme('b', null), theme('c', 0.2)]).map((t) => t.theme)).toEqual(['c']);
  });
});

describe('ranking chart', () => {
  test('each column lists its themes in rank order with rank, name and value', () => {
    const root = svgRoot(rankingChart(input).svg);
    const items = byClass(root, 'theme').map((item) => byName(item, 'text').map(textOf).join(' '));
    expect(items.slice(0, 4)).toEqual(['1. Speeding 67.0%', '2. Parking 45.0%', '3. Dumping 41.0%', '4. Drugs 12.0%']);
    expect(items.slice(4)).toEqual(['1. Drugs 4.4', '2. Youth 3.9', '3. Speeding 3.2', '4. Dumping 3.0']);
  });

  test('a line joins each theme ranked on both sides, from its left row to its right row', () => {
    const root = svgRoot(rankingChart(input).svg);
    const links = byClass(root, 'link');
    expect(links).toHaveLength(3);
    const rowY = byClass(root, 'link-end').map((end) => attr(end, 'cy'));
    // speeding: residents 1st (row 0) -> key figures 3rd (row 2)
    expect([attr(links[0], 'y1'), attr(links[0], 'y2')]).toEqual([rowY[0], rowY[6]]);
  });

  test('themes named on one side only stay unconnected', () => {
    const root = svgRoot(rankingChart(input).svg);
    const ends = byClass(root, 'link-end');
    const links = byClass(root, 'link');
    expect(ends).toHaveLength(8);
    expect(links).toHaveLength(3);
    // parking is the residents' 2nd (left row 1), youth the key figures' 2nd (right row 1): both drawn, neither linked
    expect(links.some((link) => attr(link, 'y1') === attr(ends[1], 'cy'))).toBe(false);
    expect(links.some((link) => attr(link, 'y2') === attr(ends[5], 'cy'))).toBe(false);
  });

  test('highlighted themes are bold with a thick accent line, explained in the legend', () => {
    const root = svgRoot(rankingChart({ ...input, highlight: ['drugs'] }).svg);
    const strong = byClass(root, 'link').filter((link) => link.attributes.class.includes('highlight'));
    expect(strong).toHaveLength(1);
    expect(attr(strong[0], 'stroke-width')).toBeGreaterThan(attr(byClass(root, 'link')[0], 'stroke-width'));
    expect(byClass(root, 'theme').filter((item) => item.attributes.class.includes('highlight'))).toHaveLength(2);
    expect(textOf(byClass(root, 'legend')[0])).toBe('sources diverge');
  });

  test('suppressed resident shares are neither ranked, drawn nor given a number', () => {
    const chart = rankingChart({ ...input, residents: [...input.residents, theme('burglary', 0.876, 'suppressed')] });
    expect(chart.svg).not.toContain('87.6');
    expect(JSON.stringify(chart.table)).not.toContain('87.6');
    expect(byName(svgRoot(chart.svg), 'desc')[0].text).toContain('Not shown (too few answers): Burglary.');
    expect(chart.table.rows.find((row) => row[0] === 'Burglary')).toEqual(['Burglary', '', '', '', '', 'not shown (too few answers)']);
  });

  test('unreliable shares get a hollow end, an asterisk and a legend note', () => {
    const root = svgRoot(rankingChart({ ...input, residents: [theme('speeding', 0.67, 'unreliable')] }).svg);
    expect(byClass(root, 'link-end')[0].attributes.class).toBe('link-end hollow');
    expect(textOf(byClass(root, 'theme')[0])).toContain('67.0%*');
    expect(textOf(byClass(root, 'legend')[0])).toContain(labels.unreliable);
  });

  test('the table has every theme once: residents\' order, then themes only key figures named', () => {
    const { table } = rankingChart(input);
    expect(table.head).toEqual(['Theme', 'Rank (residents)', 'Share', 'Rank (key figures)', 'Severity', 'Note']);
    expect(table.rows).toEqual([
      ['Speeding', '1', '67.0%', '3', '3.2', ''],
      ['Parking', '2', '45.0%', '', '', ''],
      ['Dumping', '3', '41.0%', '4', '3.0', ''],
      ['Drugs', '4', '12.0%', '1', '4.4', ''],
      ['Youth', '', '', '2', '3.9', ''],
    ]);
  });

  test('a theme that looks like a spreadsheet formula is escaped in the SVG', () => {
    const chart = rankingChart({ ...input, residents: [{ theme: 'x', label: HOSTILE_THEME, value: 0.5 }] });
    expect(chart.svg).not.toContain(HOSTILE_THEME);
    expect(chart.svg).toContain('=HYPERLINK(&quot;x&quot;)');
  });

  test('one side alone is still drawn', () => {
    const root = svgRoot(rankingChart({ ...input, keyFigures: [] }).svg);
    expect(byClass(root, 'theme')).toHaveLength(4);
    expect(byClass(root, 'link')).toHaveLength(0);
  });

  test('the empty case gives a valid SVG saying there is nothing to show', () => {
    const chart = rankingChart({ ...input, residents: [], keyFigures: [] });
    expect(textOf(byClass(svgRoot(chart.svg), 'empty')[0])).toBe('Nothing to show');
    expect(chart.table.rows).toEqual([]);
  });
});
