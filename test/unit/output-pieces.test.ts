// A large report is written piece by piece (never one 80 MB string and its bytes at once): the file holds the
// pieces in order, characters of several bytes included, and a failing piece leaves no file behind.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/output-file.js';
import { scratchFolder } from '../helpers/scratch.js';

describe('writing a file in pieces', () => {
  it('writes the pieces in order, as UTF-8', () => {
    const folder = scratchFolder('pieces-');
    const path = join(folder, 'report.html');
    function* pieces() {
      yield '<main>\n';
      for (let index = 0; index < 1_000; index++) yield `${index === 0 ? '' : '\n'}<p>Sint-Amandsberg – 23,4\u202f% 东区 ${index}</p>`;
      yield '\n</main>\n';
    }
    writeFileAtomically(path, pieces());
    expect(readFileSync(path, 'utf8')).toBe([...pieces()].join(''));
  });

  it('leaves no file, and no temporary one, when a piece fails', () => {
    const folder = scratchFolder('pieces-');
    function* failing() {
      yield '<main>\n';
      throw new Error('a chart could not be drawn');
    }
    expect(() => writeFileAtomically(join(folder, 'report.html'), failing())).toThrow('a chart could not be drawn');
    expect(readdirSync(folder)).toEqual([]);
  });
});
