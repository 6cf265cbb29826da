// Inputs the chart tests share: labels in English, number formats in English and Dutch style.
import type { CommonLabels, FormatTick, FormatValue } from '../../src/render/charts/index.js';
import { parseXml, type XmlElement } from './xml.js';

export const common: CommonLabels = {
  title: 'Feel unsafe often or always',
  description: 'Share of residents per district, with 95% intervals.',
  empty: 'Nothing to show',
  unreliable: 'unreliable: read with care',
  notShown: 'not shown (too few answers)',
  estimate: 'Estimate',
  interval: '95% interval',
  note: 'Note',
};

/** Proportions as percentages with one decimal: 0.123 -> "12.3%". */
export const percent: FormatValue = (value) => `${(value * 100).toFixed(1)}%`;
export const percentTick: FormatTick = (value, decimals) => `${(value * 100).toFixed(decimals)}%`;
/** Dutch style: a decimal comma and a space before the sign. */
export const percentNl: FormatValue = (value) => `${(value * 100).toFixed(1).replace('.', ',')} %`;
export const decimal: FormatValue = (value) => value.toFixed(2);
export const decimalTick: FormatTick = (value, decimals) => value.toFixed(decimals);

export const HOSTILE_DISTRICT = '<script>alert(1)</script>';
export const HOSTILE_THEME = '=HYPERLINK("x")';

/** What no chart may ever contain: network, scripts, external references. */
export const FORBIDDEN = ['http', '<script', 'xlink:href', 'url(', 'href', 'javascript:', '@import', 'onload'];

/** Parses the SVG (throwing if it is not well-formed) and returns its root. */
export function svgRoot(svg: string): XmlElement {
  const root = parseXml(svg);
  if (root.name !== 'svg') throw new Error(`root is <${root.name}>`);
  return root;
}

export function attr(element: XmlElement, name: string): number {
  const value = element.attributes[name];
  if (value === undefined) throw new Error(`<${element.name}> has no ${name}`);
  return Number(value);
}
