// The report as Markdown with the same content: charts become SVG files beside it, each followed by
// its data table. Every data-derived string is escaped.
import { cellText, type Block, type ReportDocument } from '../../report/document.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { NO_PAUSE, paced, type Pause } from '../../pace.js';

export interface MarkdownReport {
  markdown: string;
  /** chart files to write beside the Markdown: relative name -> standalone SVG */
  charts: Map<string, string>;
}

/** Inline SVG needs a namespace to stand alone as a file. */
function standalone(svg: string): string {
  return svg.replace(/^<svg(?![^>]*xmlns=)/, '<svg xmlns="http://www.w3.org/2000/svg"');
}

/** Tables under a heading that already says what they are: in HTML their caption is for screen readers only. */
const HEADED_TABLES = new Set(['summary-indicators', 'goals']);

/** The zone's own feedback is quoted, its paragraphs and its lists alike (adversarial run r38, minor: the lists were not). */
function quoted(value: Block & { className?: string }): string {
  return value.className === 'feedback' ? '> ' : '';
}

function block(value: Block, doc: ReportDocument, charts: Map<string, string>, chartFolder: string): string {
  switch (value.type) {
    case 'heading':
      return `${'#'.repeat(value.level)} ${escapeMarkdown(value.text)}\n`;
    case 'paragraph':
      return `${quoted(value)}${escapeMarkdown(value.text)}\n`;
    case 'list':
      // In-page links differ between Markdown renderers, so the contents list is plain text here.
      return value.items.map((item) => `${quoted(value)}- ${escapeMarkdown(typeof item === 'string' ? item : item.text)}`).join('\n') + '\n';
    case 'table': {
      // Markdown has no full-width row: a row's longer text becomes the last column.
      const details = value.details;
      const caption = HEADED_TABLES.has(value.className ?? '') ? '' : `*${escapeMarkdown(value.caption)}*\n\n`;
      return `${caption}${markdownTable(
        [...value.head, ...(details ? [details.head] : [])].map(escapeMarkdown),
        value.rows.map((row, r) => [
          ...row.map((c) => (typeof c !== 'string' && c.marker ? `${c.marker} ` : '') + escapeMarkdown(cellText(c))),
          ...(details ? [escapeMarkdown(details.cells[r] ?? '')] : []),
        ]),
        value.align,
      )}`;
    }
    case 'figure': {
      const file = `${chartFolder}/${value.name}.svg`;
      charts.set(file, standalone(value.chart.svg));
      const data = value.chart.table;
      const title = escapeMarkdown(data.caption);
      return `![${title}](${file})\n\n<details><summary>${escapeMarkdown(doc.dataLabel)}</summary>\n\n*${title}*\n\n${markdownTable(data.head.map(escapeMarkdown), data.rows.map((row) => row.map(escapeMarkdown)))}\n</details>\n`;
    }
    case 'section':
    case 'group':
      return value.blocks.map((b) => block(b, doc, charts, chartFolder)).join('\n');
  }
}

/**
 * The report's Markdown and its charts' files in `chartFolder` (a path relative to the report, its own for each
 * report), made block by block with `pause` between some (src/pace.ts).
 */
export async function reportMarkdown(doc: ReportDocument, chartFolder: string, pause: Pause = NO_PAUSE): Promise<MarkdownReport> {
  const charts = new Map<string, string>();
  const parts: string[] = [];
  for await (const value of paced(doc.blocks, pause)) parts.push(block(value, doc, charts, chartFolder));
  const markdown = `${parts.join('\n')}\n---\n\n${escapeMarkdown(doc.footer)}\n`;
  return { markdown, charts };
}
