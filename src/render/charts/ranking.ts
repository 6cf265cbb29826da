// A district's problems as residents rank them beside the key figures' ranking: a slope chart, so
// themes the two sources see very differently stand out as steep lines.
import { present } from '../../invariant.js';
import { emptyMessage } from './axis.js';
import { chartNotes, legend, point, type LegendEntry } from './marks.js';
import { ACCENT, INK } from './palette.js';
import { element, line, listSentence, sentences, svgDocument, text, wrapText, FONT_SIZE } from './svg.js';
import { chartWidth, type Chart, type ChartFlag, type ChartOptions, type FormatValue, type ListSentence } from './types.js';

export interface RankedTheme {
  /** the key that pairs a theme across the two sides, e.g. "speeding" */
  theme: string;
  /** the theme as readers see it */
  label: string;
  /** share seeing it as a problem (residents) or mean severity 1-5 (key figures); null when unknown */
  value: number | null;
  flag?: ChartFlag;
}

export interface RankingLabels {
  title: string;
  description?: string;
  caption?: string;
  empty: string;
  notShown: string;
  listed?: ListSentence;
  unreliable: string;
  /** column headings in the chart, e.g. "Residents: share seeing a problem" */
  residents: string;
  keyFigures: string;
  /** table heads */
  theme: string;
  residentsRank: string;
  share: string;
  keyFiguresRank: string;
  severity: string;
  note: string;
  /** legend words for highlighted themes, e.g. "no goal covers this theme"; no legend entry when absent */
  highlight?: string;
}

export interface RankingInput extends ChartOptions {
  residents: RankedTheme[];
  keyFigures: RankedTheme[];
  /** theme keys drawn bold with a thick accent line */
  highlight?: string[];
  labels: RankingLabels;
  formatShare: FormatValue;
  formatSeverity: FormatValue;
}

interface Ranked extends RankedTheme {
  value: number;
  rank: number;
}

const MARGIN = 8;

const shown = (theme: RankedTheme): theme is RankedTheme & { value: number } => theme.flag !== 'suppressed' && theme.value !== null && Number.isFinite(theme.value);

/** Highest first, ties sharing a rank (1, 2, 2, 4) and ordered by key so the output never depends on input order. */
export function rankThemes(themes: RankedTheme[]): Ranked[] {
  const sorted = themes.filter(shown).sort((a, b) => b.value - a.value || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
  return sorted.map((theme) => ({ ...theme, rank: sorted.findIndex((other) => other.value === theme.value) + 1 }));
}

export function rankingChart(input: RankingInput): Chart {
  const left = rankThemes(input.residents);
  const right = rankThemes(input.keyFigures);
  return { svg: rankingSvg(input, left, right), table: rankingTable(input, left, right) };
}

const LINE = 14;
const ROW_PADDING = 8;
// A theme's name takes at most this many lines; its full name is in the data table.
const LABEL_LINES = 3;

function rankingSvg(input: RankingInput, left: Ranked[], right: Ranked[]): string {
  const { labels } = input;
  const width = chartWidth(input.width);
  const hidden = [...new Set([...input.residents, ...input.keyFigures].filter((theme) => !shown(theme)).map((theme) => theme.label))];
  const unreliable = [...new Set([...left, ...right].filter((theme) => theme.flag === 'unreliable').map((theme) => theme.label))];
  const hiddenSentence = listSentence(labels.notShown, hidden, labels.listed);
  const desc = sentences(labels.description, hiddenSentence, listSentence(labels.unreliable, unreliable, labels.listed));
  const base = { width, title: labels.title, kind: 'ranking', id: input.id };
  if (left.length === 0 && right.length === 0) {
    const empty = emptyMessage(width, labels.empty);
    return svgDocument({ ...base, height: empty.height, desc: sentences(labels.empty, desc), body: empty.svg });
  }

  const highlight = new Set(input.highlight ?? []);
  const connector = Math.max(70, width * 0.18);
  const column = (width - 2 * MARGIN - connector) / 2;
  const leftEnd = MARGIN + column;
  const rightStart = width - MARGIN - column;
  const valueRoom = Math.min(70, column * 0.3);
  const labelRoom = column - 24 - valueRoom - 6;
  const headings = [wrapText(labels.residents, column, 3), wrapText(labels.keyFigures, column, 3)];
  const top = MARGIN + Math.max(...headings.map((lines) => lines.length)) * LINE + 8;
  // Rows on both sides share their heights, so a wrapped name on either side moves both columns alike.
  const names = (side: Ranked[]) => side.map((theme) => wrapText(theme.label, labelRoom, LABEL_LINES));
  const [leftNames, rightNames] = [names(left), names(right)];
  const rows = Math.max(left.length, right.length);
  const heights = Array.from({ length: rows }, (_, i) => Math.max(leftNames[i]?.length ?? 1, rightNames[i]?.length ?? 1) * LINE + ROW_PADDING);
  const tops = heights.map((_, i) => top + heights.slice(0, i).reduce((sum, h) => sum + h, 0));
  const y = (index: number) => tops[index] + heights[index] / 2;

  const body: string[] = headings.map((lines, side) =>
    lines.map((words, k) => text(side === 0 ? MARGIN : rightStart, MARGIN + FONT_SIZE + k * LINE, words, { class: 'column-heading', 'font-weight': 'bold' })).join(''),
  );
  const links = left.flatMap((theme, i) => {
    const j = right.findIndex((other) => other.theme === theme.theme);
    if (j < 0) return [];
    const strong = highlight.has(theme.theme);
    return [line(leftEnd + 6, y(i), rightStart - 6, y(j), { class: strong ? 'link highlight' : 'link', stroke: strong ? ACCENT : INK, 'stroke-width': strong ? 2.5 : 1 })];
  });
  body.push(element('g', { class: 'links' }, links.join('')));
  body.push(...left.map((theme, i) => item(theme, leftNames[i], MARGIN, column, y(i), input.formatShare, highlight.has(theme.theme), leftEnd + 6)));
  body.push(...right.map((theme, j) => item(theme, rightNames[j], rightStart, column, y(j), input.formatSeverity, highlight.has(theme.theme), rightStart - 6)));

  const entries: LegendEntry[] = [];
  if (labels.highlight && links.some((link) => link.includes('highlight')))
    entries.push({ symbol: (lx, ly) => line(lx - 10, ly, lx + 10, ly, { stroke: ACCENT, 'stroke-width': 2.5 }), words: labels.highlight, marks: 'highlight' });
  if (unreliable.length) entries.push({ symbol: (lx, ly) => point(lx - 5, ly, { hollow: true, radius: 3 }, 'symbol') + text(lx + 3, ly + 4, '*'), words: labels.unreliable, marks: 'hollow' });
  const bottom = top + heights.reduce((sum, h) => sum + h, 0);
  const key = legend(entries, MARGIN, bottom + 8, width - 2 * MARGIN);
  body.push(key.svg);
  const notes = chartNotes(hiddenSentence ? [hiddenSentence] : [], MARGIN, bottom + 8 + key.height + 4, width - 2 * MARGIN);
  body.push(notes.svg);
  return svgDocument({ ...base, height: bottom + 8 + key.height + 4 + notes.height + MARGIN, desc, body: body.join('') });
}

/** One theme in a column: rank, name (wrapped), value, and the dot its link starts from. */
function item(theme: Ranked, name: string[], x: number, column: number, y: number, format: FormatValue, strong: boolean, dotX: number): string {
  const value = format(theme.value) + (theme.flag === 'unreliable' ? '*' : '');
  const weight = strong ? 'bold' : undefined;
  const first = y - ((name.length - 1) * LINE) / 2 + FONT_SIZE * 0.35;
  return element(
    'g',
    { class: `theme ${theme.flag ?? 'ok'}${strong ? ' highlight' : ''}` },
    text(x + 18, first, `${theme.rank}.`, { 'text-anchor': 'end' }) +
      name.map((words, k) => text(x + 24, first + k * LINE, words, { class: 'theme-label', 'font-weight': weight })).join('') +
      text(x + column, first, value, { 'text-anchor': 'end', 'font-weight': weight }) +
      point(dotX, y, { radius: 2.5, hollow: theme.flag === 'unreliable', colour: strong ? ACCENT : INK }, 'link-end'),
  );
}

/** Every theme once: residents' order first, then themes only the key figures named; hidden values stay blank. */
function rankingTable(input: RankingInput, left: Ranked[], right: Ranked[]) {
  const { labels } = input;
  const keys: string[] = [];
  for (const theme of [...left, ...right, ...input.residents, ...input.keyFigures]) if (!keys.includes(theme.theme)) keys.push(theme.theme);
  const rows = keys.map((key) => {
    const resident = input.residents.find((theme) => theme.theme === key);
    const keyFigure = input.keyFigures.find((theme) => theme.theme === key);
    const l = left.find((theme) => theme.theme === key);
    const r = right.find((theme) => theme.theme === key);
    const hidden = (resident && !shown(resident)) || (keyFigure && !shown(keyFigure));
    const note = hidden ? labels.notShown : l?.flag === 'unreliable' || r?.flag === 'unreliable' ? labels.unreliable : '';
    return [
      present(resident ?? keyFigure, 'the source of a ranked theme').label,
      l ? String(l.rank) : '',
      l ? input.formatShare(l.value) : '',
      r ? String(r.rank) : '',
      r ? input.formatSeverity(r.value) : '',
      note,
    ];
  });
  const head = [labels.theme, labels.residentsRank, labels.share, labels.keyFiguresRank, labels.severity, labels.note];
  return { caption: labels.caption ?? labels.title, head, rows };
}
