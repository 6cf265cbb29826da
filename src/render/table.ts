// Terminal tables: cli-table3 without its own colours, so output is plain unless we colour it.
import Table from 'cli-table3';

export type Align = 'left' | 'right' | 'center';

export function renderTable(head: string[], rows: string[][], align: Align[] = []): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: head.map((_, index) => align[index] ?? 'left'),
  });
  for (const row of rows) table.push(row);
  return `${table.toString()}\n`;
}
