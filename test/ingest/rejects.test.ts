// The rejects file is written under a temporary `.<name>.partial` beside it and put in place only when whole
// (issue 17): a reader never sees half a file, and a failed run leaves neither a partial nor a truncated file.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REJECTS_WRITTEN, RejectsWriter } from '../../src/ingest/rejects.js';
import { scratchFolder } from '../helpers/scratch.js';

const root = scratchFolder('safety-scan-rejects-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writer(folder: string, limit?: number): RejectsWriter {
  return new RejectsWriter({ folder, stem: 'survey.survey' }, ['respondent_id', 'age'], [0, 1], ';', true, limit);
}

/** The refused cell of these rows: age, the file's second column. */
const AGE = new Set([1]);

const linesOf = (path: string) => readFileSync(path, 'utf8').split('\r\n').slice(1, -1);

describe('a rejects file', () => {
  it('is written as .<name>.partial and renamed into place when finished', () => {
    const folder = join(root, 'whole');
    const rejects = writer(folder);
    rejects.write(['R1', 'old'], AGE, 2, 'age', 'not a number');
    expect(readdirSync(folder)).toEqual(['.survey.survey.rejects.csv.partial']);
    expect(rejects.finish()).toBe(join(folder, 'survey.survey.rejects.csv'));
    expect(readdirSync(folder)).toEqual(['survey.survey.rejects.csv']);
    expect(readFileSync(join(folder, 'survey.survey.rejects.csv'), 'utf8')).toContain('2;age;not a number;R1;***\r\n');
  });

  it('that fails or is abandoned leaves no file at all, nor the folders it made (r10 F7)', () => {
    const folder = join(root, 'failed', 'rejects');
    const rejects = writer(folder);
    rejects.write(['R1', 'old'], AGE, 2, 'age', 'not a number');
    rejects.release();
    expect(existsSync(join(root, 'failed'))).toBe(false);
    expect(rejects.finish()).toBeNull();
  });

  it('that is abandoned leaves a folder that was there, or that another run put a file in meanwhile', () => {
    const there = join(root, 'there');
    mkdirSync(there);
    const first = writer(there);
    first.write(['R1', 'old'], AGE, 2, 'age', 'not a number');
    first.release();
    expect(readdirSync(there)).toEqual([]);
    const folder = join(root, 'shared');
    const mine = writer(folder);
    mine.write(['R1', 'old'], AGE, 2, 'age', 'not a number');
    const theirs = writer(folder);
    theirs.write(['R2', 'old'], AGE, 3, 'age', 'not a number');
    const placed = theirs.finish();
    mine.release();
    expect(readdirSync(folder).map((name) => join(folder, name))).toEqual([placed]);
  });

  it('never takes the name of a file placed meanwhile, nor of one another run is writing', () => {
    const folder = join(root, 'taken');
    const first = writer(folder);
    first.write(['R1', 'old'], AGE, 2, 'age', 'not a number');
    const second = writer(folder);
    second.write(['R2', 'old'], AGE, 2, 'age', 'not a number');
    expect(readdirSync(folder).sort()).toEqual(['.survey.survey.2.rejects.csv.partial', '.survey.survey.rejects.csv.partial']);
    writeFileSync(join(folder, 'survey.survey.3.rejects.csv'), 'a file of the user');
    const third = writer(folder);
    third.write(['R3', 'old'], AGE, 2, 'age', 'not a number');
    expect(third.finish()).toBe(join(folder, 'survey.survey.4.rejects.csv'));
    expect(second.finish()).toBe(join(folder, 'survey.survey.2.rejects.csv'));
    expect(first.finish()).toBe(join(folder, 'survey.survey.rejects.csv'));
    expect(readFileSync(join(folder, 'survey.survey.3.rejects.csv'), 'utf8')).toBe('a file of the user');
  });
});

describe('a rejects file never shows personal data (adversary r7, A3/A9)', () => {
  it('writes the refused cell as *** unless a number or a known label, or a short code min_cell rows share; the other cells as they are unless they look like an identifier', () => {
    const folder = join(root, 'withheld');
    const rejects = writer(folder);
    rejects.write(['R1', 'forty'], AGE, 2, 'age', 'reason');
    rejects.write(['R2', 'Jan Peeters'], AGE, 3, 'age', 'reason');
    rejects.write(['R3', 'jan.peeters'], AGE, 4, 'age', 'reason');
    rejects.write(['R4', 'Kerkstraat 12'], AGE, 5, 'age', 'reason');
    rejects.write(['jan@example.be', '200'], AGE, 6, 'age', 'reason');
    rejects.write(['R7', 'weet niet'], AGE, 7, 'age', 'reason');
    // shared by min_cell refused rows (adversarial run r13, item 7): a short code is shown, a name still not
    rejects.write(['R8', 'forty'], AGE, 8, 'age', 'reason', AGE);
    rejects.write(['R9', 'Jan Peeters'], AGE, 9, 'age', 'reason', AGE);
    expect(linesOf(rejects.finish()!)).toEqual([
      '2;age;reason;R1;***',
      '3;age;reason;R2;***',
      '4;age;reason;R3;***',
      '5;age;reason;R4;***',
      '6;age;reason;***;200',
      '7;age;reason;R7;weet niet',
      '8;age;reason;R8;forty',
      '9;age;reason;R9;***',
    ]);
  });

  it('keeps only line, column and reason of a row refused for its number of fields: its cells are shifted', () => {
    const folder = join(root, 'ragged');
    const rejects = writer(folder);
    rejects.write(null, new Set(), 7, '', 'the row has 3 fields, the header has 2');
    expect(linesOf(rejects.finish()!)).toEqual(['7;;"the row has 3 fields, the header has 2";;']);
  });
});

describe('a rejects file is bounded (adversary r7, A8)', () => {
  it('holds the first rows up to its limit and counts the rest as left out', () => {
    const folder = join(root, 'bounded');
    const rejects = writer(folder, 3);
    for (let line = 2; line < 12; line++) rejects.write([`R${line}`, 'old'], AGE, line, 'age', 'not a number');
    expect(rejects.leftOut).toBe(7);
    expect(rejects.written).toBe(3);
    expect(linesOf(rejects.finish()!).map((line) => line.split(';')[0])).toEqual(['2', '3', '4']);
  });

  it(`holds at most REJECTS_WRITTEN (${REJECTS_WRITTEN}) rows`, () => {
    const folder = join(root, 'bounded-real');
    const rejects = writer(folder);
    const rows = REJECTS_WRITTEN + 50;
    for (let line = 2; line < rows + 2; line++) rejects.write([`R${line}`, 'old'], AGE, line, 'age', 'not a number');
    expect(REJECTS_WRITTEN).toBe(10_000);
    expect(rejects.leftOut).toBe(50);
    expect(linesOf(rejects.finish()!)).toHaveLength(REJECTS_WRITTEN);
  });
});
