// A sheet read as a table: its columns as the rows need them, however far one stray cell lies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeXlsx } from 'hucre/xlsx';
import { describe, expect, it } from 'vitest';
import { inspect, openTable } from '../../src/ingest/read.js';
import { scratchFolder } from '../helpers/scratch.js';

describe('a workbook read as a table', () => {
  it('leaves out the columns empty from the header down: one stray cell at XFD1 does not make every row 16,384 fields (adversarial run r12, finding 5)', async () => {
    const header = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', ...new Array<null>(16_377).fill(null), 'note'];
    const sheet = { name: 'Data', rows: [header, ['R1', 2026, 'Oudegem', 'M', 40, 2], ['R2', 2026, 'Oudegem', 'F', 41, 3, 'x']] };
    const path = join(scratchFolder('xlsx-table-'), 'stray.xlsx');
    writeFileSync(path, await writeXlsx({ sheets: [sheet] }));
    const table = await openTable(await inspect({ file: 'stray.xlsx', path }));
    const rows = [];
    for await (const batch of table.rows) rows.push(...batch);
    // a column without a heading is not read, even with a cell under it (G): it is told; each column is named by its own letter
    expect(table.header).toEqual(['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', 'note']);
    expect(rows.map((row) => row.fields)).toEqual([
      ['R1', '2026', 'Oudegem', 'M', '40', '2', ''],
      ['R2', '2026', 'Oudegem', 'F', '41', '3', ''],
    ]);
    expect([0, 5, 6].map((index) => table.columnLabel(index))).toEqual(['A', 'F', 'XFD']);
    expect(table.unheaded()).toEqual(['G']);
  });
});
