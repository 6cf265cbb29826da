// Terminal tables that fit a width: text columns wrap at spaces, numbers and ids keep their width, and a
// table that cannot fit is stacked.
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { displayWidth, fitColumns, renderTable, wrapText } from '../../src/render/table.js';

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));
const HEAD = ['district', 'what residents say', 'n'];
const ROWS = [
  ['Sint-Amandsberg', 'about 1 in 4 residents feel unsafe often or always in their neighbourhood', '313'],
  ['Oudegem', 'about 1 in 10', '227'],
];

describe('terminal tables', () => {
  it('leave a table that fits as it is', () => {
    expect(renderTable(HEAD, ROWS, { width: 200 })).toBe(renderTable(HEAD, ROWS));
  });

  it('wrap the text column to fit, never the numbers', () => {
    const text = renderTable(HEAD, ROWS, { align: ['left', 'left', 'right'], width: 60 });
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text).toContain('313');
    expect(text).toContain('Sint-Amandsberg');
  });

  it('stack the rows when even wrapping cannot fit', () => {
    const text = renderTable(HEAD, ROWS, { width: 30 });
    expect(widest(text)).toBeLessThanOrEqual(30);
    expect(text).toBe(
      'Sint-Amandsberg\n  what residents say: about\n    1 in 4 residents feel\n    unsafe often or always in\n    their neighbourhood\n  n: 313\n\nOudegem\n  what residents say: about\n    1 in 10\n  n: 227\n',
    );
  });

  // adversarial run r20b: French stacked lines read `fichier: …`, without the narrow no-break space French puts before a colon
  it('stack each cell under its heading as the reader\'s language writes a label and its value', () => {
    const text = renderTable(HEAD, ROWS, { width: 30, t: translator('fr') });
    expect(text).toContain('\n  n\u202f: 313\n');
    expect(renderTable(HEAD, ROWS, { width: 30, t: translator('nl') })).toContain('\n  n: 313\n');
  });

  it('share the room between text columns by what they need', () => {
    expect(fitColumns([10, 40, 40], [10, 10, 10], [false, true, true], 61)).toEqual([10, 21, 20]);
    expect(fitColumns([10, 40, 40], [10, 30, 30], [false, true, true], 61)).toBeNull();
    expect(fitColumns([5, 5], [5, 5], [true, true], 80)).toEqual([5, 5]);
  });

  it('lays out a table of 300,000 rows (a spread of one argument per row overflowed the stack: compare on 2,000 districts, r35 F2)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`Wijk ${i}`, 'safe', String(i)]);
    const text = renderTable(HEAD, rows, ['left', 'left', 'right']);
    expect(text.split('\n').length).toBeGreaterThan(300_000);
  });

  it('measure colour codes as nothing and wide characters as two', () => {
    expect(displayWidth('\u001b[1mabc\u001b[22m')).toBe(3);
    expect(displayWidth('区域')).toBe(4);
    expect(wrapText('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
  });
});
