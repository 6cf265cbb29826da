// The rejects file is written under a temporary `.<name>.partial` beside it and put in place only when whole
// (issue 17): a reader never sees half a file, and a failed run leaves neither a partial nor a truncated file.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RejectsWriter } from '../../src/ingest/rejects.js';

const root = mkdtempSync(join(tmpdir(), 'safety-scan-rejects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writer(folder: string): RejectsWriter {
  return new RejectsWriter({ folder, stem: 'survey.survey' }, ['respondent_id', 'age'], [0, 1], ';');
}

describe('a rejects file', () => {
  it('is written as .<name>.partial and renamed into place when finished', () => {
    const folder = join(root, 'whole');
    const rejects = writer(folder);
    rejects.write(['R1', 'old'], 2, 'age', 'not a number');
    expect(readdirSync(folder)).toEqual(['.survey.survey.rejects.csv.partial']);
    expect(rejects.finish()).toBe(join(folder, 'survey.survey.rejects.csv'));
    expect(readdirSync(folder)).toEqual(['survey.survey.rejects.csv']);
    expect(readFileSync(join(folder, 'survey.survey.rejects.csv'), 'utf8')).toContain('2;age;not a number;R1;old\r\n');
  });

  it('that fails or is abandoned leaves no file at all', () => {
    const folder = join(root, 'failed');
    const rejects = writer(folder);
    rejects.write(['R1', 'old'], 2, 'age', 'not a number');
    rejects.release();
    expect(readdirSync(folder)).toEqual([]);
    expect(rejects.finish()).toBeNull();
  });

  it('never takes the name of a file placed meanwhile, nor of one another run is writing', () => {
    const folder = join(root, 'taken');
    const first = writer(folder);
    first.write(['R1', 'old'], 2, 'age', 'not a number');
    const second = writer(folder);
    second.write(['R2', 'old'], 2, 'age', 'not a number');
    expect(readdirSync(folder).sort()).toEqual(['.survey.survey.2.rejects.csv.partial', '.survey.survey.rejects.csv.partial']);
    writeFileSync(join(folder, 'survey.survey.3.rejects.csv'), 'a file of the user');
    const third = writer(folder);
    third.write(['R3', 'old'], 2, 'age', 'not a number');
    expect(third.finish()).toBe(join(folder, 'survey.survey.4.rejects.csv'));
    expect(second.finish()).toBe(join(folder, 'survey.survey.2.rejects.csv'));
    expect(first.finish()).toBe(join(folder, 'survey.survey.rejects.csv'));
    expect(readFileSync(join(folder, 'survey.survey.3.rejects.csv'), 'utf8')).toBe('a file of the user');
  });
});
