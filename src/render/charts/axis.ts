// Value axes drawn as grid lines with tick labels, so the numbers can be read on paper.
import { GRID, INK } from './palette.js';
import { valueAxis, type AxisRequest, type Ticks } from './scale.js';
import { element, line, text, widest, wrapText, FONT_SIZE } from './svg.js';
import type { FormatTick } from './types.js';

export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** An axis title takes at most this many lines; beyond them the chart's title and table say it whole. */
const TITLE_LINES = 2;
const TITLE_LINE = 14;

/** An axis title as the lines it wraps to within a width. */
export function axisTitle(title: string, width: number): string[] {
  return wrapText(title, width, TITLE_LINES);
}

/** Space a horizontal axis takes under the plot: tick labels and its title's lines. */
export function horizontalAxisHeight(title: readonly string[]): number {
  return 40 + (title.length - 1) * TITLE_LINE;
}

/** The most ticks (one per 100px at most, 2 to 8) whose labels fit side by side along a horizontal axis. */
export function fittedAxis(request: Omit<AxisRequest, 'count'>, length: number, formatTick: FormatTick): Ticks {
  const most = Math.min(8, Math.max(2, Math.floor(length / 100) || 2));
  for (let count = most; count > 2; count--) {
    const axis = valueAxis({ ...request, count });
    if ((axis.ticks.length - 1) * (widest(axis.ticks.map((tick) => formatTick(tick, axis.decimals))) + 12) <= length) return axis;
  }
  return valueAxis({ ...request, count: 2 });
}

/** A value axis along the bottom of the plot, with vertical grid lines at every tick. */
export function horizontalAxis(area: PlotArea, axis: Ticks, x: (value: number) => number, formatTick: FormatTick, title: readonly string[]): string {
  const grid = axis.ticks.map((tick) => line(x(tick), area.top, x(tick), area.bottom, { class: 'grid' })).join('');
  const labels = axis.ticks.map((tick) => text(x(tick), area.bottom + 15, formatTick(tick, axis.decimals), { class: 'tick-label', 'text-anchor': 'middle' })).join('');
  return element(
    'g',
    { class: 'axis axis-x' },
    element('g', { stroke: GRID, 'stroke-width': 0.75 }, grid) +
      line(area.left, area.bottom, area.right, area.bottom, { stroke: INK, 'stroke-width': 0.75 }) +
      labels +
      title.map((words, k) => text((area.left + area.right) / 2, area.bottom + 32 + k * TITLE_LINE, words, { class: 'axis-title', 'text-anchor': 'middle' })).join(''),
  );
}

/** Space a vertical axis takes above the plot for its title's lines. */
export function verticalAxisTitleHeight(title: readonly string[]): number {
  return 22 + (title.length - 1) * TITLE_LINE;
}

/** A value axis along the left of the plot, with horizontal grid lines; the title sits above, read level. */
export function verticalAxis(area: PlotArea, axis: Ticks, y: (value: number) => number, formatTick: FormatTick, title: readonly string[]): string {
  const grid = axis.ticks.map((tick) => line(area.left, y(tick), area.right, y(tick), { class: 'grid' })).join('');
  const labels = axis.ticks
    .map((tick) => text(area.left - 6, y(tick) + FONT_SIZE * 0.35, formatTick(tick, axis.decimals), { class: 'tick-label', 'text-anchor': 'end' }))
    .join('');
  return element(
    'g',
    { class: 'axis axis-y' },
    element('g', { stroke: GRID, 'stroke-width': 0.75 }, grid) +
      line(area.left, area.top, area.left, area.bottom, { stroke: INK, 'stroke-width': 0.75 }) +
      labels +
      title.map((words, k) => text(area.left, area.top - verticalAxisTitleHeight(title) + FONT_SIZE + k * TITLE_LINE, words, { class: 'axis-title' })).join(''),
  );
}

/** A chart with nothing to draw still says so, in the picture as well as in its desc. */
export function emptyMessage(width: number, words: string): { svg: string; height: number } {
  const lines = wrapText(words, width - 16);
  const svg = lines.map((line, k) => text(width / 2, 34 + k * TITLE_LINE, line, { class: 'empty', 'text-anchor': 'middle' })).join('');
  return { svg, height: 56 + (lines.length - 1) * TITLE_LINE };
}
