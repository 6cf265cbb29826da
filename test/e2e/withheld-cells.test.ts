// A cell that may name a person (`Jan Peeters`, an e-mail address, a phone number) never reaches stdout, stderr,
// `--json` or a rejects file, in any situation that quotes a cell: a duplicate id (in the file or stored), a bad
// value in any column, an unknown district (issue 17, round 8: a repeated respondent id was quoted in full).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs, withoutKeyedIds } from '../helpers/cli.js';
import { join } from 'node:path';

const newWorkdir = useWorkdirs();

/** Also a name in capitals, a user name with a year of birth and dates of birth, short as codes (adversarial run r11, 14). */
const PERSONAL = ['Jan Peeters', 'jan@example.org', '+32 470 12 34 56', 'PEETERS', 'JAN', 'desmet1985', '1985-07-30', '30/07/1985'];
/** The parts a leak could show: the whole value and its pieces. */
const PIECES = ['Jan', 'Peeters', 'jan@', 'example.org', '470', '12 34 56', 'PEETERS', 'JAN', 'desmet', '1985'];

const HEADER = 'respondent_id;wave;district;sex;age;unsafe_freq';
const line = (...cells: string[]) => cells.join(';');

/** Rows whose cells, column by column, hold the personal values in every situation that refuses a row. */
function refusedRows(): string[] {
  const rows: string[] = [];
  for (const value of PERSONAL) {
    // the id repeated: a duplicate of the file's earlier line
    rows.push(line(value, '2026', 'Oudegem', 'M', '40', '2'), line(value, '2026', 'Oudegem', 'F', '41', '3'));
    // a bad value in every other column, each in a row of its own, the id a personal value too
    rows.push(line(value, value, 'Oudegem', 'M', '40', '2'));
    rows.push(line(value, '2026', 'Oudegem', value, '40', '2'));
    rows.push(line(value, '2026', 'Oudegem', 'M', value, '2'));
    rows.push(line(value, '2026', 'Oudegem', 'M', '40', value));
  }
  return rows;
}

/** Every text a run left: its output streams and every rejects file beside the store. */
function everything(dir: string, runs: Array<{ stdout: string; stderr: string }>): string {
  const folder = join(dir, 'rejects');
  let rejects = '';
  try {
    for (const name of readdirSync(folder)) rejects += withoutKeyedIds(readFileSync(join(folder, name), 'utf8'));
  } catch {
    // no rejects folder: nothing written
  }
  return [...runs.map((run) => run.stdout + run.stderr), rejects].join('\n');
}

function expectNoneShown(text: string): void {
  // a file's keyed digest (import --json `sha256`) is 64 hex digits of a random key's making: it may hold `470`
  const cells = text.replace(/\b[0-9a-f]{64}\b/g, '<digest>');
  for (const piece of PIECES) expect(cells).not.toContain(piece);
}

describe('a cell that may name a person', () => {
  it('is withheld in every reason, summary, --json and rejects file of an import', async () => {
    const workdir = newWorkdir();
    workdir.write({ 'survey.csv': `${[HEADER, ...refusedRows(), line('R-1', '2026', 'Oudegem', 'M', '40', '2')].join('\n')}\n` });
    const population = await workdir.run(['import', '--kind', 'population', join(DEMO, 'population.csv')]);
    expect(population.code, explain(population)).toBe(0);
    const runs = [];
    for (const extra of [[], ['--json'], ['--verbose'], ['--dry-run', '--json', '--verbose']]) {
      const run = await workdir.run(['import', '--kind', 'survey', ...extra, 'survey.csv']);
      expect(run.code, explain(run)).toBe(0);
      runs.push(run);
    }
    const text = everything(workdir.dir, runs);
    expect(text).toContain('already appears on line');
    expect(text).toContain('***');
    expectNoneShown(text);
  });

  it('is withheld when an id repeats one stored by an earlier batch', async () => {
    const workdir = newWorkdir();
    const valid = PERSONAL.map((value, i) => line(value, '2026', 'Oudegem', 'M', String(40 + i), '2'));
    workdir.write({ 'first.csv': `${[HEADER, ...valid].join('\n')}\n`, 'second.csv': `${[HEADER, ...valid, line('R-1', '2026', 'Oudegem', 'M', '40', '2')].join('\n')}\n` });
    await workdir.run(['import', '--kind', 'population', join(DEMO, 'population.csv')]);
    const first = await workdir.run(['import', '--kind', 'survey', 'first.csv']);
    expect(first.code, explain(first)).toBe(0);
    const runs = [first];
    for (const extra of [[], ['--json', '--verbose']]) {
      const run = await workdir.run(['import', '--kind', 'survey', ...(extra.length ? extra : ['--dry-run']), 'second.csv']);
      runs.push(run);
    }
    const text = everything(workdir.dir, runs);
    expect(text).toContain('already stored in batch 2');
    expectNoneShown(text);
  });

  it('is withheld as an unknown district, as a whole-file error and with --json', async () => {
    const workdir = newWorkdir();
    const rows = PERSONAL.map((value, i) => line(`R-${i}`, '2026', value, 'M', '40', '2'));
    workdir.write({ 'survey.csv': `${[HEADER, ...rows].join('\n')}\n` });
    await workdir.run(['import', '--kind', 'population', join(DEMO, 'population.csv')]);
    const runs = [];
    for (const extra of [[], ['--json'], ['--dry-run', '--verbose']]) {
      const run = await workdir.run(['import', '--kind', 'survey', ...extra, 'survey.csv']);
      expect(run.code, explain(run)).toBe(3);
      runs.push(run);
    }
    const text = everything(workdir.dir, runs);
    expect(text).toContain('not in the population figures');
    expectNoneShown(text);
  });

  it('is withheld as a monitor area in a whole-file refusal (a bound without its value)', async () => {
    const workdir = newWorkdir();
    const runs = [];
    for (const [i, value] of PERSONAL.entries()) {
      workdir.write({ [`monitor-${i}.csv`]: `${['wave;area;indicator;bound;value', `2021;${value};unsafe_general;ci_low;0.35`].join('\n')}\n` });
      for (const extra of [[], ['--json']]) {
        const run = await workdir.run(['import', '--kind', 'monitor', ...extra, `monitor-${i}.csv`]);
        expect(run.code, explain(run)).toBe(3);
        runs.push(run);
      }
    }
    const text = everything(workdir.dir, runs);
    expect(text).toContain('***, 2021, unsafe_general: the file gives a bound of the interval but no value');
    expectNoneShown(text);
  });
});

// adversarial run r9, F1: a row refused for another cell had its district (or area, or source) copied as written
describe('a district, area or code that reads as personal data, in a row refused for another cell', () => {
  it('is *** in the rejects file of every kind, and a known district is written as it is', async () => {
    const workdir = newWorkdir();
    workdir.write({
      'population.csv': 'district,sex,age_group,population\nOudegem,M,15-29,100\nSint Amandsberg,F,15-29,100\nKerkstraat 12,Q,15-29,10\nJan Peeters,Q,15-29,10\n',
      'survey.csv': 'respondent_id,wave,district,sex,age,unsafe_freq\nR1,2026,Kerkstraat 12,M,forty,2\nR2,2026,Jan Peeters,M,forty,2\nR3,2026,Sint Amandsberg,M,forty,2\nR4,2026,Oudegem,M,40,2\n',
      'signals.csv': 'date,district,theme,source,count\n2026-01-22,Oudegem,speeding,Jan Peeters,x\n2026-01-23,Jan Peeters,speeding,complaint,x\n2026-01-24,Oudegem,speeding,complaint,1\n',
      'monitor.csv': 'wave,area,indicator,value\n2026,Kerkstraat 12,unsafe_often,x\n2026,Belgium,unsafe_often,0.1\n',
    });
    const runs = [];
    for (const [kind, file, wave] of [['population', 'population.csv', ['--wave', '2026']], ['survey', 'survey.csv', []], ['signals', 'signals.csv', []], ['monitor', 'monitor.csv', []]] as const) {
      const run = await workdir.run(['import', '--kind', kind, ...wave, file]);
      expect(run.code, explain(run)).toBe(0);
      runs.push(run);
    }
    const text = everything(workdir.dir, runs);
    for (const piece of ['Peeters', 'Kerkstraat']) expect(text).not.toContain(piece);
    expect(readFileSync(join(workdir.dir, 'rejects', 'survey.survey.rejects.csv'), 'utf8')).toContain(',Sint Amandsberg,M,***,2');
  });
});

// adversarial run r12 (low, finding 4): a monitor duplicate read "indicator `***` is already stored in batch 5"
describe('a monitor figure given twice', () => {
  it('names its indicator code, its area by the refused-cell rule and its wave; a wide row names its indicators', async () => {
    const workdir = newWorkdir();
    const header = 'wave,area,indicator,value';
    workdir.write({
      'first.csv': `${header}\n2021,Belgium,unsafe_general,0.36\n`,
      // an area of two capitalised words (a person's name, `Jan Peeters`, is refused as personal data since adversarial run r37, B1)
      'again.csv': `${header}\n2021,Belgium,unsafe_general,0.36\n2024,Oude Bareel,unsafe_general,0.3\n2024,Oude Bareel,unsafe_general,0.3\n2024,Gent,unsafe_general,0.3\n`,
      'wide.yaml': 'measures:\n  unsafe_often: onveilig\n',
      'wide.csv': 'wave,area,onveilig\n2025,gent,0.1\n2025,gent,0.1\n',
    });
    expect((await workdir.run(['import', '--kind', 'monitor', 'first.csv'])).code).toBe(0);
    const runs = [await workdir.run(['import', '--kind', 'monitor', 'again.csv']), await workdir.run(['import', '--kind', 'monitor', '--mapping', 'wide.yaml', 'wide.csv'])];
    for (const run of runs) expect(run.code, explain(run)).toBe(0);
    const again = readFileSync(join(workdir.dir, 'rejects', 'again.monitor.rejects.csv'), 'utf8');
    expect(again).toContain('indicator `unsafe_general` for ***, wave 2021, is already stored in batch 1');
    expect(again).toContain('indicator `unsafe_general` for ***, wave 2024, already appears on line 3 of this file');
    expect(readFileSync(join(workdir.dir, 'rejects', 'wide.monitor.rejects.csv'), 'utf8')).toContain('indicator `unsafe_often` for ***, wave 2025, already appears on line 2 of this file');
    expectNoneShown(everything(workdir.dir, runs));
  });
});

// a refused cell's text is shown only when a number or a known label, or when min_cell rows share it (adversarial run r13, item 7)
describe('a refused cell that is no number and no known label', () => {
  const rows = (count: number, age: string, from = 1) => Array.from({ length: count }, (_, i) => `R${from + i},2026,Oudegem,M,${age},2`).join('\n');

  it('is *** until min_cell refused rows share it, in the rejects file and the summary; a known label is always shown', async () => {
    const workdir = newWorkdir();
    workdir.write({
      'pop.csv': 'district|sex|age_group|population\nOudegem|M|15-29|100\n',
      'few.csv': `respondent_id,wave,district,sex,age,unsafe_freq\n${rows(2, 'veertig')}\n${rows(1, 'vaak', 10)}\nR20,2026,Oudegem,M,40,2\n`,
      'many.csv': `respondent_id,wave,district,sex,age,unsafe_freq\n${rows(3, 'zestig', 30)}\nR40,2026,Oudegem,M,40,2\n`,
      'safety-scan.yaml': 'estimates:\n  min_cell: 3\n',
    });
    expect((await workdir.run(['import', '--kind', 'population', 'pop.csv'])).code).toBe(0);
    const few = await workdir.run(['import', '--kind', 'survey', 'few.csv']);
    expect(few.code, explain(few)).toBe(0);
    const fewRejects = readFileSync(join(workdir.dir, 'rejects', 'few.survey.rejects.csv'), 'utf8');
    expect(fewRejects).not.toContain('veertig');
    // every id written keyed (adversarial run r29, D1)
    expect(fewRejects).toMatch(/,~[0-9a-f]{32},2026,Oudegem,M,\*\*\*,2/);
    expect(fewRejects).toMatch(/,~[0-9a-f]{32},2026,Oudegem,M,vaak,2/);
    expect(few.stdout + few.stderr).not.toContain('veertig');
    const many = await workdir.run(['import', '--kind', 'survey', '--verbose', 'many.csv']);
    expect(many.code, explain(many)).toBe(0);
    const manyRejects = readFileSync(join(workdir.dir, 'rejects', 'many.survey.rejects.csv'), 'utf8').split('\r\n');
    // written as they come: the third row sharing it shows it, and so does the summary at the end
    expect(manyRejects[1]).toMatch(/,~[0-9a-f]{32},2026,Oudegem,M,\*\*\*,2/);
    expect(manyRejects[3]).toMatch(/`zestig` in age is not a number,~[0-9a-f]{32},2026,Oudegem,M,zestig,2/);
    expect(many.stderr).toContain('many.csv:2 [age]: `***` in age is not a number');
    expect(many.stderr).toContain('many.csv:4 [age]: `zestig` in age is not a number');
    // a file none of whose rows is stored: its error gives the first example of each reason, shown once shared
    workdir.write({ 'none.csv': `respondent_id,wave,district,sex,age,unsafe_freq\n${rows(3, 'zestig', 50)}\n` });
    const none = await workdir.run(['import', '--kind', 'survey', 'none.csv']);
    expect(none.code, explain(none)).toBe(3);
    expect(none.stderr).toContain('3 × `zestig` in age is not a number (first on line 2)');
  });
});
