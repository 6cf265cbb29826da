// Long terminal tables (5,000 districts) are drawn in chunks because cli-table3 lays a table out in time
// quadratic in its rows: the text must be the very one cli-table3 draws in one piece.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { describe, expect, it, vi } from 'vitest';
import { displayWidth, renderTable } from '../../src/render/table.js';

const colors = new Chalk({ level: 1 });
const STYLE = { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 };

/** cli-table3 in one piece, with the options renderTable gives it. */
function whole(head: string[], rows: string[][], align: Array<'left' | 'right' | 'center'>, colWidths?: number[]): string {
  const table = new Table({ head, style: STYLE, colAligns: align, ...(colWidths ? { colWidths, wordWrap: true, wrapOnWordBoundary: true } : {}) });
  for (const row of rows) table.push(row);
  return `${table.toString()}\n`;
}

function districts(count: number): string[][] {
  return Array.from({ length: count }, (_, index) => [
    index % 97 === 0 ? `Sint-Amandsberg Noord ${index} 东区` : `District ${index}`,
    index % 5 === 0 ? colors.yellow(`${(index % 100) / 3}%*`) : `${index % 100}.5%`,
    `${index % 40}–${(index % 40) + 9}`,
    index === 1_234 ? String(index * 1_000_000) : String(index % 500),
  ]);
}

const HEAD = ['district', 'share', '95% interval', 'n'];
const ALIGN: Array<'left' | 'right'> = ['left', 'right', 'right', 'right'];

describe('long terminal tables', () => {
  it('are the text cli-table3 draws in one piece, the footer and its rule included', () => {
    const rows = districts(600);
    const footer = ['Whole area', '23.1%', '22–24', '1000'].map((cell) => colors.bold(cell));
    const text = renderTable(HEAD, rows, { align: ALIGN, footer });
    const natural = HEAD.map((_, column) => Math.max(...[HEAD, ...rows, footer].map((row) => displayWidth(row[column]))));
    const rule = natural.map((value) => '─'.repeat(value));
    expect(text).toBe(whole(HEAD, [...rows, rule, footer], ALIGN));
  });

  it('are the text cli-table3 draws in one piece when the text column wraps', () => {
    const rows = districts(700).map((row, index) => [index % 3 === 0 ? `${row[0]} with a long name that must wrap` : row[0], ...row.slice(1)]);
    const text = renderTable(HEAD, rows, { align: ALIGN, width: 75 });
    const widths = text.split('\n')[0].replace(/[┌┐]/g, '').split('┬').map((border) => border.length);
    expect(widths[0]).toBeLessThan(30);
    expect(text).toBe(whole(HEAD, rows, ALIGN, widths));
  });

  it('of plain cells are the text cli-table3 draws, in every alignment, empty cells and columns included', () => {
    const head = ['Deelgemeente', 'aandeel', '', 'n', 'noot'];
    const align: Array<'left' | 'right' | 'center'> = ['left', 'right', 'center', 'right', 'center'];
    const rows = Array.from({ length: 300 }, (_, index) => [
      ['Sint-Denijs-Westrem', 'Zwijnaarde', 'Gentbrugge – Noord', 'Évry “Café” Saint-Rémy', 'Oudegem'][index % 5],
      index % 7 === 0 ? '–' : `${index % 60},${index % 10}\u202f%`,
      '',
      `1\u202f${String(index).padStart(3, '0')}`,
      index % 2 === 0 ? 'klein' : '',
    ]);
    for (const body of [rows, rows.slice(0, 1), []]) expect(renderTable(head, body, { align })).toBe(whole(head, body, align));
  });

  it('never give cli-table3 more than a chunk of rows at once, so their cost grows with their rows, not its square', async () => {
    const sizes: number[] = [];
    vi.resetModules();
    vi.doMock('cli-table3', async () => {
      const real = (await vi.importActual<{ default: typeof Table }>('cli-table3')).default;
      class Counting extends real {
        override toString(): string {
          sizes.push(this.length);
          return super.toString();
        }
      }
      return { default: Counting };
    });
    try {
      const { renderTable: counted } = await import('../../src/render/table.js');
      const rows = (name: string) => Array.from({ length: 5_000 }, (_, index) => [`${name} ${index}`, `${index % 100},5\u202f%`, `${index % 40}–${(index % 40) + 9}`, String(index % 500)]);
      // plain cells: drawn directly, without cli-table3
      expect(counted(HEAD, rows('District'), { align: ALIGN }).split('\n').length).toBeGreaterThan(5_000);
      expect(sizes).toEqual([]);
      // a wide character (or a colour) goes through cli-table3, a chunk at a time
      expect(counted(HEAD, rows('區'), { align: ALIGN }).split('\n').length).toBeGreaterThan(5_000);
      expect(sizes.length).toBeGreaterThan(100);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(40);
    } finally {
      vi.doUnmock('cli-table3');
      vi.resetModules();
    }
  });
});
