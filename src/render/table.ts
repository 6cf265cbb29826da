// Terminal tables: cli-table3 without its own colours, so output is plain unless we colour it. A table fits
// the terminal's width: text columns wrap at spaces, and a table that cannot fit even then is stacked (one
// block per row, each cell on its own line under the row's first cell).
import Table from 'cli-table3';
import type { Translate } from '../i18n/index.js';

type CliTable = InstanceType<typeof Table>;

export type Align = 'left' | 'right' | 'center';

export interface TableOptions {
  align?: Align[];
  /** A total row, set apart by a rule. */
  footer?: string[];
  /** The width to fit, in columns (the terminal's; unlimited when not given). */
  width?: number;
  /** The reader's language, for a table too wide that is stacked as "heading: value" lines (`text.labelled`). */
  t?: Translate;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code starts with the escape character
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a text takes on a terminal: colour codes take none, East Asian wide characters two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, '')) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x300 && code < 0x370) || code === 0x200b) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Borders and padding: "│ " before every cell, " " after it, and the closing "│". */
const overhead = (columns: number) => columns * 3 + 1;

/** A text column is never made narrower than this, nor than its longest word (up to this cap). */
const MIN_TEXT = 10;
const LONGEST_WORD_CAP = 24;

/**
 * Column widths (content only) that fit `width`, or null when the table cannot fit: right-aligned columns
 * (numbers) keep their width, left-aligned ones share what is left in proportion to their content.
 */
export function fitColumns(natural: number[], minimum: number[], wrappable: boolean[], width: number): number[] | null {
  if (natural.reduce((a, b) => a + b, 0) + overhead(natural.length) <= width) return natural;
  const fixed = natural.reduce((sum, value, index) => sum + (wrappable[index] ? 0 : value), 0);
  let available = width - overhead(natural.length) - fixed;
  const floors = natural.map((value, index) => (wrappable[index] ? Math.min(value, minimum[index]) : value));
  if (floors.reduce((sum, value, index) => sum + (wrappable[index] ? value : 0), 0) > available) return null;
  const widths = [...floors];
  // Give the room above the floors to the wrappable columns in proportion to what they would still need.
  available -= widths.reduce((sum, value, index) => sum + (wrappable[index] ? value : 0), 0);
  const wanting = natural.map((value, index) => (wrappable[index] ? value - floors[index] : 0));
  const wanted = wanting.reduce((a, b) => a + b, 0);
  let left = available;
  for (let index = 0; index < widths.length; index++) {
    const share = wanted > 0 ? Math.floor((available * wanting[index]) / wanted) : 0;
    widths[index] += share;
    left -= share;
  }
  // What rounding left over goes to the columns that still want it, one each.
  for (let index = 0; index < widths.length && left > 0; index++) {
    if (widths[index] < natural[index]) {
      widths[index] += 1;
      left -= 1;
    }
  }
  return widths;
}

/** Rows in compact form; a footer row (a total) is set apart by a rule. */
export function renderTable(head: string[], rows: string[][], alignOrOptions: Align[] | TableOptions = [], footer?: string[]): string {
  const options: TableOptions = Array.isArray(alignOrOptions) ? { align: alignOrOptions, footer } : alignOrOptions;
  const align = head.map((_, index) => options.align?.[index] ?? 'left');
  const all = options.footer ? [head, ...rows, options.footer] : [head, ...rows];
  // a loop, not Math.max(...widths): a spread of one argument per row overflows the stack on a large table (r35, F2)
  const natural = head.map((_, index) => all.reduce((widest, row) => Math.max(widest, displayWidth(row[index] ?? '')), 0));
  const width = options.width ?? Number.POSITIVE_INFINITY;
  // Only text with spaces can wrap: ids, codes and numbers keep their width.
  const wrappable = align.map((side, index) => side === 'left' && all.some((row) => /\s/.test((row[index] ?? '').replace(ANSI, '').trim())));
  const minimum = head.map((_, index) => {
    let longestWord = 0;
    for (const row of all) for (const word of (row[index] ?? '').replace(ANSI, '').split(/\s+/)) longestWord = Math.max(longestWord, displayWidth(word));
    return Math.max(MIN_TEXT, Math.min(longestWord, LONGEST_WORD_CAP));
  });
  const widths = fitColumns(natural, minimum, wrappable, width);
  if (widths === null) return stackedTable(head, rows, options, width);
  const wrapping = widths !== natural;
  const body = options.footer ? [...rows, widths.map((value) => '─'.repeat(value)), options.footer] : rows;
  const settings: TableSettings = {
    head,
    align,
    // cli-table3's widths include the padding.
    colWidths: wrapping ? widths.map((value) => value + 2) : null,
    wrap: wrapping,
  };
  if (body.some((row) => row.length !== head.length)) return `${cliTable(settings, body, true)}\n`;
  if (!wrapping && [head, ...body].every((row) => row.every(isPlain))) return plainTable(head, body, align, natural);
  return `${body.length <= CHUNK_ROWS ? cliTable(settings, body, true) : chunkedTable(settings, body)}\n`;
}

/**
 * Cells of one line without colour codes, in characters one column wide by every measure (Latin letters,
 * punctuation, the narrow no-break space, the rule above a total): for these, cli-table3's text is drawn
 * directly, in time linear in the rows (cli-table3 spends about 0.1 ms on every cell).
 */
const PLAIN = /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u02ff\u2010-\u2027\u202f\u2030-\u203b\u2212\u2500]*$/;
const isPlain = (cell: string) => PLAIN.test(cell);

/** cli-table3's compact table with our options, for plain cells at their natural widths. */
function plainTable(head: string[], body: string[][], align: Align[], natural: number[]): string {
  const rule = (left: string, middle: string, right: string) => `${left}${natural.map((value) => '─'.repeat(value + 2)).join(middle)}${right}`;
  const line = (row: string[]) => `│${row.map((cell, index) => ` ${padCell(cell, natural[index], align[index])} `).join('│')}│`;
  const lines = [rule('┌', '┬', '┐'), line(head)];
  if (body.length > 0) lines.push(rule('├', '┼', '┤'));
  for (const row of body) lines.push(line(row));
  lines.push(rule('└', '┴', '┘'));
  return `${lines.join('\n')}\n`;
}

function padCell(cell: string, width: number, side: Align): string {
  const room = width - cell.length;
  if (side === 'right') return ' '.repeat(room) + cell;
  if (side === 'center') return ' '.repeat(room - Math.ceil(room / 2)) + cell + ' '.repeat(Math.ceil(room / 2));
  return cell + ' '.repeat(room);
}

/**
 * cli-table3 lays a table out in time quadratic in its rows (5,000 districts took seconds per indicator), so
 * long tables are drawn in chunks of rows at the widths of the whole table and joined: a compact table's rows
 * without spans draw independently, so the text is the same. Rows with missing cells (which cli-table3 spans
 * over) are drawn whole.
 */
const CHUNK_ROWS = 32;

interface TableSettings {
  head: string[];
  align: Align[];
  colWidths: number[] | null;
  /** Wrap text at spaces to fit the given widths. */
  wrap: boolean;
}

function chunkedTable(settings: TableSettings, body: string[][]): string {
  const chunks: string[][][] = [];
  for (let start = 0; start < body.length; start += CHUNK_ROWS) chunks.push(body.slice(start, start + CHUNK_ROWS));
  // The widths cli-table3 would give the whole table: the widest of every chunk's, the head's included.
  const colWidths = settings.colWidths ?? columnWidths(settings, chunks);
  const fixed = { ...settings, colWidths };
  return chunks
    .map((chunk, index) => {
      const lines = cliTable(fixed, chunk, index === 0).split('\n');
      // Only the first chunk keeps its top border, only the last its bottom one.
      return lines.slice(index === 0 ? 0 : 1, index === chunks.length - 1 ? lines.length : -1).join('\n');
    })
    .join('\n');
}

function columnWidths(settings: TableSettings, chunks: string[][][]): number[] {
  const widths = settings.head.map(() => 0);
  chunks.forEach((chunk, index) => {
    const table = cliTableOf(settings, chunk, index === 0);
    table.toString();
    // cli-table3 writes the widths it computed into its options.
    table.options.colWidths.forEach((value, column) => {
      widths[column] = Math.max(widths[column], value ?? 0);
    });
  });
  return widths;
}

function cliTable(settings: TableSettings, rows: string[][], withHead: boolean): string {
  return cliTableOf(settings, rows, withHead).toString();
}

function cliTableOf(settings: TableSettings, rows: string[][], withHead: boolean): CliTable {
  const table = new Table({
    ...(withHead ? { head: settings.head } : {}),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: settings.align,
    ...(settings.colWidths === null ? {} : { colWidths: [...settings.colWidths] }),
    ...(settings.wrap ? { wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  for (const row of rows) table.push(row);
  return table;
}

/** One block per row: its first cell, then "heading: value" for every other cell, wrapped at the width. */
function stackedTable(head: string[], rows: string[][], options: TableOptions, width: number): string {
  const { footer, t } = options;
  // the language's own spacing before the colon (French: a narrow no-break space)
  const labelled = (label: string, text: string) => (t ? t('text.labelled', { label, text }) : `${label}: ${text}`);
  const blocks = [...rows, ...(footer ? [footer] : [])].map((row) => {
    const lines = [row[0] ?? ''];
    for (let index = 1; index < head.length; index++) {
      const cell = row[index] ?? '';
      if (cell.replace(ANSI, '').trim() === '') continue;
      const text = head[index].trim() === '' ? cell : labelled(head[index], cell);
      lines.push(...wrapText(text, width - 4).map((line, at) => (at === 0 ? `  ${line}` : `    ${line}`)));
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Lines of at most `width` columns, broken at spaces (a longer word stands alone on its line). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && displayWidth(current) + 1 + displayWidth(word) > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  lines.push(current);
  return lines;
}

/** A paragraph (or several, one per line) wrapped at `width`, for legends and notes under a table. */
export function fitText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapText(line, width).join('\n'))
    .join('\n');
}
