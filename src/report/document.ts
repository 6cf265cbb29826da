// A report as a small document model (headings, paragraphs, lists, tables, figures). The HTML and Markdown
// renderers serialise the same model, so both carry the same content. Every text here is plain and
// unescaped: escaping is the renderers' job.
import type { Chart } from '../render/charts/index.js';

export interface CellStyle {
  text: string;
  /** a CSS class for HTML (risk colours, whose CSS also draws the shape) */
  className?: string;
  /** the shape Markdown shows before the text, where there is no CSS to draw it */
  marker?: string;
}

export type Cell = string | CellStyle;

/** A list item that links within the report (the contents). */
export interface ListLink {
  text: string;
  href: string;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { type: 'paragraph'; text: string; className?: string }
  | { type: 'list'; items: Array<string | ListLink>; className?: string }
  | { type: 'table'; caption: string; head: string[]; rows: Cell[][]; align?: Array<'left' | 'right'> }
  | { type: 'figure'; name: string; chart: Chart }
  | { type: 'section'; id: string; className: string; blocks: Block[] };

export interface ReportDocument {
  lang: string;
  title: string;
  blocks: Block[];
  footer: string;
  /** the summary of the data table under each chart */
  dataLabel: string;
}

export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** A name safe in file names and HTML ids: ASCII letters, digits and hyphens only. */
export function slug(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 60) || 'x';
}
