// An id a rejects file wrote that names no respondent is refused, never stored as an id of its own (adversarial
// run r38, F7): a sealed code this store cannot open (a rejects file of another store, such as the store a damaged
// one was rebuilt into, or a code changed in a spreadsheet), and `***`, which a dry run before any store writes
// for every id. Stored, each counted one respondent twice, or made all such rows one respondent.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const HEADER = 'respondent_id;wave;district;sex;age;unsafe_freq';
const rows = ['R1;2026;Oudegem;M;30;2', 'R2;2026;Oudegem;F;40;3', 'R3;2026;Oudegem;F;50;x'];

/** The rejects file's rows with the three columns of safety-scan cut off and the bad answer repaired. */
function repaired(dir: Workdir, name: string): string {
  const lines = readFileSync(dir.path('rejects', name), 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  return lines.map((line) => line.replace(/;x$/, ';2')).join('\n');
}

describe('ids of a rejects file that name no respondent', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  dir.write({ 'export.csv': [HEADER, ...rows].join('\n') });

  it('a sealed code of another store is refused, naming why, and written `***` again', async () => {
    expect((await dir.run(['--store', 'one.db', 'import', '--kind', 'survey', 'export.csv'])).code).toBe(0);
    writeFileSync(dir.path('fixed.csv'), repaired(dir, 'export.survey.rejects.csv'));
    expect((await dir.run(['--store', 'two.db', 'import', '--kind', 'survey', 'export.csv'])).code).toBe(0);
    const run = await dir.run(['--store', 'two.db', 'import', '--kind', 'survey', 'fixed.csv']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('respondent_id is a code written in a rejects file (`~` and 32 hexadecimal digits), but this store cannot read it');
    expect(readFileSync(dir.path('rejects', 'fixed.survey.rejects.csv'), 'utf8')).toMatch(/;\*\*\*;2026;Oudegem;F;50;2\r\n$/);
  });

  it('the same code changed by one digit is refused in the store that wrote it; unchanged it is read', async () => {
    const fixed = readFileSync(dir.path('fixed.csv'), 'utf8');
    const code = /~[0-9a-f]{32}/.exec(fixed)?.[0] ?? '';
    writeFileSync(dir.path('changed.csv'), fixed.replace(code, `~${code[1] === '0' ? '1' : '0'}${code.slice(2)}`));
    const changed = await dir.run(['--store', 'one.db', 'import', '--kind', 'survey', 'changed.csv']);
    expect(changed.code, explain(changed)).toBe(3);
    expect(changed.stderr).toContain('but this store cannot read it');
    const read = await dir.run(['--store', 'one.db', 'import', '--kind', 'survey', 'fixed.csv']);
    expect(read.code, explain(read)).toBe(0);
    expect(read.stderr).toContain('1 row read, 1 stored, 0 rejected');
  });

  it('`***` from a dry run before any store is refused, every such row, and nothing counted twice', async () => {
    dir.write({ 'dry.csv': [HEADER, ...rows, 'R4;2026;Oudegem;M;60;y'].join('\n') });
    expect((await dir.run(['--store', 'none.db', 'import', '--kind', 'survey', '--dry-run', 'dry.csv'])).code).toBe(0);
    writeFileSync(dir.path('dry-fixed.csv'), repaired(dir, 'dry.survey.rejects.csv').replace(/;y$/m, ';1'));
    const run = await dir.run(['--store', 'three.db', 'import', '--kind', 'survey', 'dry-fixed.csv']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toMatch(/2 × respondent_id is `\*\*\*`, which a rejects file writes in place of an id it withholds/);
  });
});
