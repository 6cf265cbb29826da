// Value axes drawn as grid lines with tick labels, so the numbers can be read on paper.
import { GRID, INK } from './palette.js';
import { valueAxis, type AxisRequest, type Ticks } from './scale.js';
import { element, fitText, line, text, widest, FONT_SIZE } from './svg.js';
import type { FormatTick } from './types.js';

export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Space a horizontal axis takes under the plot: tick labels and the axis title. */
export const HORIZONTAL_AXIS_HEIGHT = 40;

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
export function horizontalAxis(area: PlotArea, axis: Ticks, x: (value: number) => number, formatTick: FormatTick, title: string): string {
  const grid = axis.ticks.map((tick) => line(x(tick), area.top, x(tick), area.bottom, { class: 'grid' })).join('');
  const labels = axis.ticks.map((tick) => text(x(tick), area.bottom + 15, formatTick(tick, axis.decimals), { class: 'tick-label', 'text-anchor': 'middle' })).join('');
  return element(
    'g',
    { class: 'axis axis-x' },
    element('g', { stroke: GRID, 'stroke-width': 0.75 }, grid) +
      line(area.left, area.bottom, area.right, area.bottom, { stroke: INK, 'stroke-width': 0.75 }) +
      labels +
      text((area.left + area.right) / 2, area.bottom + 32, fitText(title, area.right - area.left), { class: 'axis-title', 'text-anchor': 'middle' }),
  );
}

/** Space a vertical axis takes above the plot for its title. */
export const VERTICAL_AXIS_TITLE = 22;

/** A value axis along the left of the plot, with horizontal grid lines; the title sits above, read level. */
export function verticalAxis(area: PlotArea, axis: Ticks, y: (value: number) => number, formatTick: FormatTick, title: string): string {
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
      text(area.left, area.top - VERTICAL_AXIS_TITLE + FONT_SIZE, fitText(title, area.right - area.left), { class: 'axis-title' }),
  );
}

/** A chart with nothing to draw still says so, in the picture as well as in its desc. */
export function emptyMessage(width: number, words: string): { svg: string; height: number } {
  return { svg: text(width / 2, 34, words, { class: 'empty', 'text-anchor': 'middle' }), height: 56 };
}
