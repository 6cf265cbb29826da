// Marks shared by the charts: point shapes, whiskers and legend rows.
import { INK, MUTED, PAPER } from './palette.js';
import { element, line, num, text, widest, wrapText, FONT_SIZE } from './svg.js';

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle';
export const SHAPES: readonly Shape[] = ['circle', 'square', 'diamond', 'triangle'];

export interface PointStyle {
  shape?: Shape;
  colour?: string;
  /** unreliable estimates are drawn hollow */
  hollow?: boolean;
  radius?: number;
}

/** A point mark centred on (x, y): filled when reliable, white inside with a coloured edge when not; legends pass class "symbol". */
export function point(x: number, y: number, style: PointStyle = {}, className = 'point'): string {
  const colour = style.colour ?? INK;
  const r = style.radius ?? 4;
  const paint = {
    class: style.hollow ? `${className} hollow` : className,
    fill: style.hollow ? PAPER : colour,
    stroke: colour,
    'stroke-width': 1.5,
  };
  switch (style.shape ?? 'circle') {
    case 'circle':
      return element('circle', { cx: x, cy: y, r, ...paint });
    case 'square':
      return element('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, ...paint });
    case 'diamond':
      return element('polygon', { points: polygon([[x, y - r * 1.3], [x + r * 1.3, y], [x, y + r * 1.3], [x - r * 1.3, y]]), ...paint });
    case 'triangle':
      return element('polygon', { points: polygon([[x, y - r * 1.3], [x + r * 1.2, y + r], [x - r * 1.2, y + r]]), ...paint });
  }
}

export function polygon(corners: Array<[number, number]>): string {
  return corners.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
}

/** A horizontal whisker from x1 to x2 with end caps; legends pass class "symbol". */
export function horizontalWhisker(x1: number, x2: number, y: number, colour = INK, className = 'whisker'): string {
  const cap = 4;
  return element(
    'g',
    { class: className, stroke: colour, 'stroke-width': 1.25 },
    line(x1, y, x2, y, { class: `${className}-line` }) + line(x1, y - cap, x1, y + cap) + line(x2, y - cap, x2, y + cap),
  );
}

/** A vertical whisker from y1 to y2 with end caps. */
export function verticalWhisker(x: number, y1: number, y2: number, colour = INK, className = 'whisker'): string {
  const cap = 4;
  return element(
    'g',
    { class: className, stroke: colour, 'stroke-width': 1.25 },
    line(x, y1, x, y2, { class: `${className}-line` }) + line(x - cap, y1, x + cap, y1) + line(x - cap, y2, x + cap, y2),
  );
}

export const LEGEND_ROW = 18;
const LEGEND_LINE = 15;
// A legend entry is a few words; longer ones are cut (the chart's desc and table carry them whole).
const LEGEND_LINES = 3;

export interface LegendEntry {
  /** draws the symbol centred on (x, y) */
  symbol: (x: number, y: number) => string;
  words: string;
  /** the class of the marks the entry explains: an entry is only made for marks that are drawn (checked in tests) */
  marks: string;
}

/** Legend entries flowing left to right under a chart, wrapping to new lines; returns the height used. */
export function legend(entries: LegendEntry[], left: number, top: number, width: number): { svg: string; height: number } {
  if (entries.length === 0) return { svg: '', height: 0 };
  let x = left;
  let y = top;
  let lineHeight = LEGEND_ROW;
  const parts = entries.map((entry) => {
    const lines = wrapText(entry.words, width - 30, LEGEND_LINES);
    const entryWidth = 30 + widest(lines) + 20;
    if (x > left && x + entryWidth > left + width) {
      x = left;
      y += lineHeight;
      lineHeight = LEGEND_ROW;
    }
    const middle = y + LEGEND_ROW / 2;
    const words = lines.map((words, k) => text(x + 30, middle + FONT_SIZE * 0.35 + k * LEGEND_LINE, words)).join('');
    const drawn = element('g', { class: 'legend-entry', 'data-marks': entry.marks }, entry.symbol(x + 12, middle) + words);
    lineHeight = Math.max(lineHeight, LEGEND_ROW + (lines.length - 1) * LEGEND_LINE);
    x += entryWidth;
    return drawn;
  });
  return { svg: element('g', { class: 'legend' }, parts.join('')), height: y + lineHeight - top };
}

const NOTE_LINE = 15;

/** Short notes under a chart (what is not drawn and why, sources), wrapped to the width in muted ink; returns the height used. */
export function chartNotes(notes: readonly string[], left: number, top: number, width: number): { svg: string; height: number } {
  const lines = notes.flatMap((note) => wrapText(note, width));
  if (lines.length === 0) return { svg: '', height: 0 };
  const svg = lines.map((words, k) => text(left, top + FONT_SIZE + k * NOTE_LINE, words)).join('');
  return { svg: element('g', { class: 'chart-notes', fill: MUTED }, svg), height: lines.length * NOTE_LINE + 4 };
}
