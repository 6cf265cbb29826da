// Terminal tables: cli-table3 without its own colours, so output is plain unless we colour it. A table fits
// the terminal's width: text columns wrap at spaces, and a table that cannot fit even then is stacked (one
// block per row, each cell on its own line under the row's first cell).
import Table from 'cli-table3';

export type Align = 'left' | 'right' | 'center';

export interface TableOptions {
  align?: Align[];
  /** A total row, set apart by a rule. */
  footer?: string[];
  /** The width to fit, in columns (the terminal's; unlimited when not given). */
  width?: number;
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
  const natural = head.map((_, index) => Math.max(...all.map((row) => displayWidth(row[index] ?? ''))));
  const width = options.width ?? Number.POSITIVE_INFINITY;
  // Only text with spaces can wrap: ids, codes and numbers keep their width.
  const wrappable = align.map((side, index) => side === 'left' && all.some((row) => /\s/.test((row[index] ?? '').replace(ANSI, '').trim())));
  const minimum = head.map((_, index) => {
    const longestWord = Math.max(0, ...all.flatMap((row) => (row[index] ?? '').replace(ANSI, '').split(/\s+/).map(displayWidth)));
    return Math.max(MIN_TEXT, Math.min(longestWord, LONGEST_WORD_CAP));
  });
  const widths = fitColumns(natural, minimum, wrappable, width);
  if (widths === null) return stackedTable(head, rows, options.footer, width);
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: align,
    // cli-table3's widths include the padding.
    ...(widths === natural ? {} : { colWidths: widths.map((value) => value + 2), wordWrap: true, wrapOnWordBoundary: true }),
  });
  for (const row of rows) table.push(row);
  if (options.footer) {
    table.push(widths.map((value) => '─'.repeat(value)));
    table.push(options.footer);
  }
  return `${table.toString()}\n`;
}

/** One block per row: its first cell, then "heading: value" for every other cell, wrapped at the width. */
function stackedTable(head: string[], rows: string[][], footer: string[] | undefined, width: number): string {
  const blocks = [...rows, ...(footer ? [footer] : [])].map((row) => {
    const lines = [row[0] ?? ''];
    for (let index = 1; index < head.length; index++) {
      const cell = row[index] ?? '';
      if (cell.replace(ANSI, '').trim() === '') continue;
      const text = head[index].trim() === '' ? cell : `${head[index]}: ${cell}`;
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
