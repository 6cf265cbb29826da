// Terminal tables: cli-table3 without its own colours, so output is plain unless we colour it.
import Table from 'cli-table3';

export type Align = 'left' | 'right' | 'center';

// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code starts with the escape character
const ANSI = /\u001b\[[0-9;]*m/g;

/** Rows in compact form; a footer row (a total) is set apart by a rule. */
export function renderTable(head: string[], rows: string[][], align: Align[] = [], footer?: string[]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: head.map((_, index) => align[index] ?? 'left'),
  });
  for (const row of rows) table.push(row);
  if (footer) {
    const widths = head.map((cell, index) => Math.max(cell.replace(ANSI, '').length, ...[...rows, footer].map((row) => (row[index] ?? '').replace(ANSI, '').length)));
    table.push(widths.map((width) => '─'.repeat(width)));
    table.push(footer);
  }
  return `${table.toString()}\n`;
}
