// The report as one self-contained HTML file: inline SVG charts, inline CSS, no scripts, no fonts, no
// network. Every data-derived string is escaped; print styles give clean A4 pages.
import { goalStatusCss } from '../charts/index.js';
import { terminalText } from '../terminal.js';
import { cellText, type Block, type Cell, type ReportDocument } from '../../report/document.js';

/** Control and bidirectional characters shown as `\uXXXX` (as on the terminal), then HTML's own escapes. */
export function escapeHtml(text: string): string {
  return terminalText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.45; margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
p.lede { font-size: 1.05rem; }
p.note { font-size: .9rem; color: #444; }
ul.contents { columns: 2; }
ul.headline li { margin: .2rem 0; }
figure.chart { margin: 1rem 0 1.4rem; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
details { font-size: .85rem; margin-top: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.goals tr.goal td { border-bottom: none; padding-bottom: 0; }
table.goals tr.detail td { color: #333; font-size: .95em; padding-top: .1rem; }
table.goals th:first-child, table.goals tr.goal > td:first-child { white-space: nowrap; }
p.feedback, ul.feedback { background: #f3f6f9; border-left: 4px solid #0072B2; padding: .6rem .8rem; }
ul.feedback { padding-left: 2rem; }
p.gaps, ul.gaps { border-left: 4px solid #B35A00; color: #7a3d00; }
p.gaps { padding-left: .8rem; }
ul.gaps { padding-left: 2.2rem; }
section.summary h2 { margin-top: 1.5rem; }
/* the heading above says what the table is; its caption stays for screen readers */
table.summary-indicators caption, table.goals caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
footer { margin-top: 3rem; font-size: .8rem; color: #555; }
@media (max-width: 480px) {
  body { padding: 1rem .75rem; }
  ul.contents { columns: 1; }
  table { font-size: .8rem; }
}
@page {
  size: A4;
  margin: 18mm 14mm 16mm;
  @top-left { content: RUNNING_HEAD; font-size: 8pt; color: #555; }
  @top-right { content: RUNNING_DATE; font-size: 8pt; color: #555; }
  @bottom-right { content: RUNNING_PAGE; font-size: 8pt; color: #555; }
}
@media print {
  /* rem-sized type follows the printed base size */
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; font-size: 1rem; }
  h1 { font-size: 1.5rem; }
  h2 { margin-top: 0; }
  section.summary { break-after: page; font-size: 9pt; line-height: 1.35; }
  section.summary h2 { margin-top: .6rem; }
  section.summary h3 { margin: .7rem 0 .2rem; }
  section.summary table { margin: .2rem 0 .3rem; }
  section.summary ul, section.summary p { margin: .2rem 0; }
  section.summary li { margin: .1rem 0; }
  section.district, section.methods { break-before: page; }
  figure, table, tr, p.feedback, ul.feedback, p.gaps, ul.gaps, ul.headline, li { break-inside: avoid; }
  h2, h3, figcaption, table.goals tr.goal { break-after: avoid; }
  div.keep { break-inside: avoid; }
  /* the appendix is reference prose: two columns keep it to about a page */
  table.goals tr.detail td { font-size: 8.5pt; }
  ul.gaps li, section.overview li { margin: .1rem 0; }
  section.methods { column-count: 2; column-gap: 8mm; font-size: 9pt; line-height: 1.35; }
  section.methods h3 { margin: .8rem 0 .2rem; }
  section.methods p, section.methods ul { margin: .2rem 0 .4rem; }
  section.methods h2 { column-span: all; }
  section.methods table { font-size: .8rem; }
  details { display: none; }
  a { color: inherit; text-decoration: none; }
  ul.contents { columns: 2; }
}
`;

/** A CSS string literal for generated content: every character but letters, digits and spaces as an escape, so no data can end the string or the style element. */
export function cssString(text: string): string {
  return `"${Array.from(text, (char) => (/^[\p{L}\p{N} ]$/u.test(char) ? char : `\\${(char.codePointAt(0) ?? 0).toString(16)} `)).join('')}"`;
}

/** "page " counter(page) " of " counter(pages), from the language's words around the numbers. */
function pageCounter([before, between, after]: [string, string, string]): string {
  return [cssString(before), 'counter(page)', cssString(between), 'counter(pages)', cssString(after)].join(' ');
}

/** The style sheet with the running header and footer of this report's printed pages. */
function styles(doc: ReportDocument): string {
  return CSS.replace('RUNNING_HEAD', cssString(doc.running.head)).replace('RUNNING_DATE', cssString(doc.running.date)).replace('RUNNING_PAGE', pageCounter(doc.running.pageOf));
}

function cell(tag: 'td' | 'th', value: Cell, align: 'left' | 'right' | undefined): string {
  const classes = [typeof value === 'string' ? undefined : value.className, align === 'right' ? 'num' : undefined].filter(Boolean).join(' ');
  return `<${tag}${classes ? ` class="${escapeHtml(classes)}"` : ''}>${escapeHtml(cellText(value))}</${tag}>`;
}

/** A table block as the document describes it. */
type TableParts = Omit<Extract<Block, { type: 'table' }>, 'type'>;

function table({ caption, head, rows, align = [], className, details }: TableParts): string {
  const headRow = `<tr>${head.map((h, i) => cell('th', h, align[i])).join('')}</tr>`;
  const body = rows
    .map((row, r) => {
      const main = `<tr${details ? ' class="goal"' : ''}>${row.map((c, i) => cell('td', c, align[i])).join('')}</tr>`;
      const detail = details?.cells[r];
      // the longer text under its row, over the table's full width, labelled for screen readers by its column's words
      return detail === undefined ? main : `${main}\n<tr class="detail"><td colspan="${head.length}" aria-label="${escapeHtml(details?.head ?? '')}">${escapeHtml(detail)}</td></tr>`;
    })
    .join('\n');
  return `<table${className ? ` class="${escapeHtml(className)}"` : ''}><caption>${escapeHtml(caption)}</caption>\n<thead>${headRow}</thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function block(value: Block, doc: ReportDocument): string {
  switch (value.type) {
    case 'heading':
      return `<h${value.level}${value.id ? ` id="${escapeHtml(value.id)}"` : ''}>${escapeHtml(value.text)}</h${value.level}>`;
    case 'paragraph':
      return `<p${value.className ? ` class="${escapeHtml(value.className)}"` : ''}>${escapeHtml(value.text)}</p>`;
    case 'list':
      return `<ul${value.className ? ` class="${escapeHtml(value.className)}"` : ''}>\n${value.items
        .map((item) => (typeof item === 'string' ? `<li>${escapeHtml(item)}</li>` : `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.text)}</a></li>`))
        .join('\n')}\n</ul>`;
    case 'table':
      return table(value);
    case 'figure': {
      const data = value.chart.table;
      return `<figure class="chart" id="figure-${escapeHtml(value.name)}">\n<figcaption>${escapeHtml(data.caption)}</figcaption>\n${value.chart.svg}\n<details><summary>${escapeHtml(doc.dataLabel)}</summary>\n${table(data)}\n</details>\n</figure>`;
    }
    case 'section':
      return `<section class="${escapeHtml(value.className)}">\n${value.blocks.map((b) => block(b, doc)).join('\n')}\n</section>`;
    case 'group':
      return `<div class="keep">\n${value.blocks.map((b) => block(b, doc)).join('\n')}\n</div>`;
  }
}

/** The page piece by piece, so that a report on 5,000 districts (80 MB) is written without ever being one string. */
export function* reportHtmlPieces(doc: ReportDocument): Generator<string> {
  yield `<!doctype html>
<html lang="${escapeHtml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${styles(doc)}${goalStatusCss()}</style>
</head>
<body>
<main>
`;
  for (const [index, value] of doc.blocks.entries()) yield `${index === 0 ? '' : '\n'}${block(value, doc)}`;
  yield `
</main>
<footer>${escapeHtml(doc.footer)}</footer>
</body>
</html>
`;
}
