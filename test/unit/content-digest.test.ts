// A file's content digest: the same rows are the same batch whatever the format, also for a workbook row whose
// fields beyond its header are told apart rather than written out (adversarial run r18, F5).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeXlsx } from 'hucre/xlsx';
import { describe, expect, it } from 'vitest';
import { ContentDigest } from '../../src/ingest/content.js';
import { inspect, openTable } from '../../src/ingest/read.js';
import { scratchFolder } from '../helpers/scratch.js';

const HEADINGS = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq'];

async function digestOf(path: string): Promise<{ hex: string; beyond: number }> {
  const table = await openTable(await inspect({ file: path, path }));
  const digest = new ContentDigest(table.header, { kind: 'survey' });
  let beyond = 0;
  for await (const batch of table.rows) {
    digest.add(batch);
    beyond += batch.filter((row) => row.beyond !== undefined).length;
  }
  return { hex: digest.hex(), beyond };
}

describe('the content digest of rows with fields far beyond the header', () => {
  it('is the same for a workbook, whose far fields are told apart, and for the same rows written out in a text file', async () => {
    const folder = scratchFolder('content-digest-');
    const far = (values: (string | number | null)[], at: number, text: string): (string | number | null)[] => [...values, ...new Array<null>(at - values.length).fill(null), text];
    const rows = [
      ['R1', 2026, 'Oudegem', 'M', 40, 2],
      far(['R2', 2026, 'Oudegem', 'M', 40, 2], 16_383, '1'),
      far(['R3', 2026, 'Oudegem', 'F', 41, 3, 'x'], 2_000, ' '),
      far(far(['R4', 2026, '', 'F', 41], 700, 'a'), 9_000, 'b'),
    ];
    writeFileSync(join(folder, 'far.xlsx'), await writeXlsx({ sheets: [{ name: 'Data', rows: [HEADINGS, ...rows] }] }));
    const csv = [HEADINGS, ...rows].map((cells) => cells.map((cell) => (cell === null ? '' : String(cell))).join(';'));
    writeFileSync(join(folder, 'far.csv'), `${csv.join('\r\n')}\r\n`);
    const book = await digestOf(join(folder, 'far.xlsx'));
    expect(book.beyond).toBe(3);
    expect(book.hex).toBe((await digestOf(join(folder, 'far.csv'))).hex);
  });
});
