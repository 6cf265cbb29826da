// The bad-input corpus: every broken file gets the documented exit code and message,
// refused files leave the store exactly as it was, and rows read = stored + rejected, always.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD, Workdir, explain } from '../helpers/cli.js';

interface Case {
  name: string;
  args: string[];
  /** Import the small population file first (for unknown-district checks and duplicate stores). */
  population?: boolean;
  code: number;
  stderr?: RegExp[];
  rows?: { read: number; stored: number; rejected: number };
  /** Lines expected in the rejects file. */
  rejects?: RegExp[];
}

const survey = (file: string, ...extra: string[]) => ['import', '--kind', 'survey', `${BAD}/${file}`, ...extra];

const CASES: Case[] = [
  { name: 'an empty file', args: survey('empty.csv'), code: 3, stderr: [/empty\.csv: the file is empty: there is no header line/] },
  { name: 'a file of blank lines', args: survey('blank-lines.csv'), code: 3, stderr: [/is empty/] },
  { name: 'a header without rows', args: survey('header-only.csv'), code: 3, stderr: [/header-only\.csv:2: the file has a header but no data rows/] },
  { name: 'a binary file', args: survey('binary.csv'), code: 3, stderr: [/binary\.csv: this is not a text file/] },
  { name: 'a file missing', args: survey('nowhere.csv'), code: 3, stderr: [/nowhere\.csv: file not found/] },
  { name: 'a folder instead of a file', args: ['import', '--kind', 'survey', BAD], code: 3, stderr: [/is a folder, not a file/] },
  // a file of /proc states a size of 0 and holds text: read, never called empty (adversary r11, finding 17)
  ...(process.platform === 'linux' ? [{ name: 'a file that states no size', args: ['import', '--kind', 'survey', '/proc/cpuinfo'], code: 3, stderr: [/cpuinfo:1: required column `respondent_id` is missing/] }] : []),
  { name: 'a quote that is never closed', args: survey('truncated-quote.csv'), code: 3, stderr: [/truncated-quote\.csv:3: a quote opened on this line is never closed/] },
  { name: 'a required column missing', args: survey('missing-column.csv'), code: 3, stderr: [/required column `district` is missing; rename a column or map one with --mapping\. The file’s columns are: respondent_id, wave, wijk, sex, age, unsafe_freq/] },
  { name: 'the wrong kind', args: survey('wrong-kind.csv'), code: 3, stderr: [/looks like a keyfigures file, not a survey file; use --kind keyfigures/] },
  { name: 'a column given twice', args: survey('duplicate-column.csv'), code: 3, stderr: [/column `district` appears twice \(columns 3 and 4\)/] },
  { name: 'no wave column and no --wave', args: survey('no-wave.csv'), code: 3, stderr: [/column `wave` is missing; add a `wave` column or give the year with --wave/] },
  { name: 'no codebook items', args: survey('no-items.csv'), code: 3, stderr: [/no survey question columns found/] },
  // The encoding is decided on the whole file: a first accent past 3,000 ASCII rows is Windows-1252, not an error.
  { name: 'a Windows-1252 accent after 3,000 ASCII rows', args: survey('invalid-utf8-late.csv'), code: 0, rows: { read: 3001, stored: 3001, rejected: 0 } },
  {
    name: 'UTF-8 mixed with a Windows-1252 byte',
    args: survey('mixed-encoding.csv'),
    code: 3,
    stderr: [/mixed-encoding\.csv:3003: byte 0xc9 is not valid UTF-8, but line 2 holds UTF-8 text: the file mixes two encodings/, /hint: .*--encoding windows-1252/],
  },
  {
    name: 'ragged rows',
    args: survey('ragged.csv'),
    code: 0,
    rows: { read: 4, stored: 2, rejected: 2 },
    // the summary says how many fields each row had, not `wrong number of fields` (adversary r11, finding 17)
    stderr: [/most common reasons for rejection: 1 × the row has 5 fields, the header has 7; 1 × the row has 9 fields, the header has 7/],
    // a row with the wrong number of fields keeps its line and reason only: its cells are shifted (adversary r7, A3)
    rejects: [/^3;;"the row has 5 fields, the header has 7";{7}\r$/m, /^5;;"the row has 9 fields, the header has 7";{7}\r$/m],
  },
  {
    name: 'answer codes out of range',
    args: survey('out-of-range.csv'),
    code: 0,
    rows: { read: 4, stored: 2, rejected: 2 },
    stderr: [/1 × unsafe_freq: value out of range/],
    rejects: [/^3;unsafe_freq \(6\);"`7` is not an answer code of unsafe_freq \(allowed: 1, 2, 3, 4, 5\)";~[0-9a-f]{32}/m, /^5;problem_drugs \(7\);"`0` is not an answer code/m],
  },
  {
    name: 'a non-numeric age',
    args: survey('non-numeric-age.csv'),
    code: 0,
    rows: { read: 3, stored: 1, rejected: 2 },
    rejects: [/^3;age \(5\);`\*\*\*` in age is not a number/m, /^4;age \(5\);`44\.5` in age is not a whole number/m],
  },
  {
    name: 'duplicate respondent ids',
    args: survey('duplicate-ids.csv'),
    code: 0,
    rows: { read: 4, stored: 3, rejected: 1 },
    // its line and reason only (adversarial run r38-B, D1)
    rejects: [/^4;respondent_id \(1\);respondent_id `\*\*\*` already appears on line 2 of this file;{7}$/m],
  },
  {
    name: 'an unknown district',
    args: survey('unknown-district.csv'),
    population: true,
    code: 3,
    stderr: [/unknown-district\.csv: 1 district is not in the population figures: `Oudgem` \(2 rows; did you mean Oudegem\?\)/, /hint: .*`districts:`/],
  },
  { name: 'UTF-16 LE with BOM', args: survey('utf16le.csv'), code: 0, rows: { read: 2, stored: 2, rejected: 0 } },
  { name: 'UTF-16 BE with BOM', args: survey('utf16be.csv'), code: 0, rows: { read: 2, stored: 2, rejected: 0 } },
  { name: 'Windows-1252 accents', args: survey('windows-1252.csv'), code: 0, rows: { read: 3, stored: 3, rejected: 0 } },
  { name: 'a sep= line', args: survey('sep-line.csv'), code: 0, rows: { read: 2, stored: 1, rejected: 1 }, rejects: [/^4;unsafe_freq/m] },
  {
    name: 'decimal commas with a percent mapping',
    args: ['import', '--kind', 'monitor', `${BAD}/decimal-comma-monitor.csv`, '--mapping', `${BAD}/monitor-percent.yaml`],
    code: 0,
    rows: { read: 2, stored: 2, rejected: 0 },
  },
  {
    name: 'percentages without a mapping',
    args: ['import', '--kind', 'monitor', `${BAD}/monitor-percent-unmapped.csv`],
    population: true,
    code: 3,
    stderr: [/no row can be imported \(1 row read\), so nothing was stored\. Most frequent reasons: 1 × `8,1` in ci_high is out of range .* \(first on line 2\)/, /hint: the values look like percentages/],
  },
  { name: 'a mapping with a typo', args: survey('wijk.csv', '--mapping', `${BAD}/mapping-typo.yaml`), code: 4, stderr: [/mapping-typo\.yaml:1: unknown key `colums`/] },
  {
    name: 'a mapping naming an unknown column',
    args: survey('wijk.csv', '--mapping', `${BAD}/mapping-bad-target.yaml`),
    code: 4,
    stderr: [/mapping-bad-target\.yaml:2: `columns\.Wijk` names `distrct`, which is not a column safety-scan reads in this kind of file/],
  },
  { name: 'a mapping with a YAML syntax error', args: survey('wijk.csv', '--mapping', `${BAD}/mapping-syntax.yaml`), code: 4, stderr: [/mapping-syntax\.yaml:3:\d+: the file is not valid YAML/] },
  { name: 'a mapping with an unknown unit', args: survey('wijk.csv', '--mapping', `${BAD}/mapping-bad-unit.yaml`), code: 4, stderr: [/mapping-bad-unit\.yaml:2: `units\.value`/] },
  { name: 'a mapping file missing', args: survey('wijk.csv', '--mapping', `${BAD}/none.yaml`), code: 4, stderr: [/none\.yaml: file not found/] },
  { name: 'a wave that is not a year', args: survey('bad-wave.csv'), code: 0, rows: { read: 2, stored: 1, rejected: 1 }, rejects: [/`23` is not allowed in wave \(allowed: a year such as 2026\)/] },
  { name: 'a bad --wave', args: survey('ragged.csv', '--wave', '26'), code: 2, stderr: [/wave `26` is not a year; give a year such as 2026/] },
  { name: 'an unknown --encoding', args: survey('ragged.csv', '--encoding', 'klingon'), code: 2, stderr: [/encoding `klingon` is not supported/] },
  // a fresh adversarial run (r7, F17): ascii and utf-7 turned every accent into U+FFFD, stored with exit 0
  { name: 'an --encoding no export is saved in (UTF-7)', args: survey('windows-1252.csv', '--encoding', 'utf-7'), code: 2, stderr: [/encoding `utf-7` is not supported/] },
  { name: 'an --encoding that is no text encoding (base64)', args: survey('windows-1252.csv', '--encoding', 'base64'), code: 2, stderr: [/encoding `base64` is not supported/] },
  { name: '--encoding ascii on a file with accents', args: survey('windows-1252.csv', '--encoding', 'ascii'), code: 3, stderr: [/windows-1252\.csv:\d+: byte 0x[0-9a-f]{2} is not a character in ascii, the encoding --encoding names/] },
  { name: '--encoding iso-8859-15 on Windows-1252 accents', args: survey('windows-1252.csv', '--encoding', 'iso-8859-15'), code: 0, rows: { read: 3, stored: 3, rejected: 0 } },
  { name: 'a bad --delimiter', args: survey('ragged.csv', '--delimiter', 'ab'), code: 2, stderr: [/separator `ab` cannot be used/] },
  // adversarial run r12, finding 17: a letter, a digit or a quote was taken as the separator
  ...['x', '7', '"', "'", '.', ' '].map((delimiter) => ({
    name: `--delimiter ${JSON.stringify(delimiter)}`,
    args: survey('ragged.csv', '--delimiter', delimiter),
    code: 2,
    stderr: [/cannot be used; give one of `;` `,` `\|` or the word `tab`/],
  })),
  { name: 'an unknown preset', args: survey('ragged.csv', '--preset', 'qualtrics'), code: 2, stderr: [/unknown preset `qualtrics`; use one of: limesurvey/] },
  { name: 'an unknown kind', args: ['import', '--kind', 'census', `${BAD}/ragged.csv`], code: 2, stderr: [/census.*`survey`, `keyfigures`, `monitor`, `population`, `signals`/] },
  {
    name: 'rejected rows under --strict',
    args: survey('sep-line.csv', '--strict'),
    code: 1,
    stderr: [/--strict, nothing stored/, /failed: .*1 row rejected and --strict is on; nothing was stored/],
  },
  {
    name: 'quoted fields with embedded newlines',
    args: survey('embedded-newlines.csv'),
    code: 0,
    rows: { read: 3, stored: 2, rejected: 1 },
    rejects: [/^5;unsafe_freq \(6\);"`8`/m],
  },
  { name: 'trailing separators', args: survey('trailing-separators.csv'), code: 0, rows: { read: 2, stored: 2, rejected: 0 } },
  { name: 'answers as Dutch labels', args: survey('labels-nl.csv'), code: 0, rows: { read: 3, stored: 3, rejected: 0 } },
  { name: 'no final newline', args: survey('no-final-newline.csv'), code: 0, rows: { read: 2, stored: 2, rejected: 0 } },
  {
    name: 'bad population rows',
    args: ['import', '--kind', 'population', `${BAD}/bad-age-group.csv`],
    code: 3,
    stderr: [/no row can be imported \(3 rows read\)/, /1 × `15-` is not allowed in age_group .* \(first on line 2\)/, /rejects\/bad-age-group\.population\.rejects\.csv/],
  },
  {
    name: 'unknown key-figure themes and severities',
    args: ['import', '--kind', 'keyfigures', `${BAD}/unknown-theme.csv`],
    code: 0,
    rows: { read: 3, stored: 1, rejected: 2 },
    rejects: [/`\*\*\*` is not allowed in theme \(allowed: burglary, /, /`6` in severity is out of range \(allowed: 1-5\)/],
  },
];

const workdirs: Workdir[] = [];
afterAll(() => {
  for (const workdir of workdirs) workdir.remove();
});

async function statusJson(workdir: Workdir): Promise<string | null> {
  const status = await workdir.run(['status', '--json']);
  return status.code === 0 ? status.stdout : null;
}

describe('bad input', () => {
  it.each(CASES)('$name', async (testCase) => {
    const workdir = new Workdir();
    workdirs.push(workdir);
    if (testCase.population) expect((await workdir.run(['import', '--kind', 'population', `${BAD}/population.csv`])).code).toBe(0);
    const before = await statusJson(workdir);
    const run = await workdir.run([...testCase.args, ...(testCase.code === 2 ? [] : ['--json'])]);
    expect(run.code, explain(run)).toBe(testCase.code);
    for (const pattern of testCase.stderr ?? []) expect(run.stderr, explain(run)).toMatch(pattern);
    if (testCase.code !== 0) {
      // a failed check (exit 1) still says in --json what each file came to (r18, F7); an error writes nothing
      if (testCase.code === 1) expect(JSON.parse(run.stdout).files.at(-1).status, explain(run)).toBe('strict_failed');
      else expect(run.stdout, explain(run)).toBe('');
      expect(await statusJson(workdir), 'a refused file leaves the store as it was').toBe(before);
      if (before === null) expect(existsSync(workdir.path('safety-scan.db'))).toBe(false);
    }
    if (testCase.rows) {
      const [file] = JSON.parse(run.stdout).files;
      expect({ read: file.rows_read, stored: file.rows_stored, rejected: file.rows_rejected }).toEqual(testCase.rows);
      expect(file.rows_read).toBe(file.rows_valid + file.rows_rejected + file.rows_skipped);
      expect(file.rows_stored).toBe(file.status === 'stored' ? file.rows_valid : 0);
      const rejects = file.rejects_file as string | null;
      if (testCase.rows.rejected > 0) {
        expect(rejects).not.toBeNull();
        const content = readFileSync(rejects!, 'utf8');
        expect(content.split('\r\n').filter(Boolean)).toHaveLength(testCase.rows.rejected + 1);
        for (const pattern of testCase.rejects ?? []) expect(content).toMatch(pattern);
      } else {
        expect(rejects).toBeNull();
      }
    }
  });

  it('a 10 MB single line is refused without reading it into memory whole', async () => {
    const workdir = new Workdir();
    workdirs.push(workdir);
    writeFileSync(workdir.path('huge.csv'), `respondent_id;wave;district;${'x'.repeat(10 * 1024 * 1024)}`);
    // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
    const run = await workdir.run(['import', '--kind', 'survey', workdir.path('huge.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toMatch(/huge\.csv:1: the record is longer than 1 MB/);
    expect(existsSync(workdir.path('safety-scan.db'))).toBe(false);
  });

  // Node reads each argument as UTF-8, with U+FFFD for a byte that is not: the file is there under its bytes
  // (adversary r11, finding 17); Linux file systems take any bytes, macOS's refuse such a name
  it.runIf(process.platform === 'linux')('a file whose name is not UTF-8 is said to be there, its byte escaped, never "not found"', async () => {
    const workdir = new Workdir();
    workdirs.push(workdir);
    writeFileSync(Buffer.concat([Buffer.from(`${workdir.path('bad')}`), Buffer.from([0xff]), Buffer.from('.csv')]), readFileSync(`${BAD}/ragged.csv`));
    const run = await workdir.run(['import', '--kind', 'survey', workdir.path('bad\ufffd.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain(`${workdir.path('bad')}\\xff.csv: the file is there, but its name holds bytes that are not UTF-8 (shown as \`\\xNN\`)`);
    expect(run.stderr).not.toMatch(/not found/);
    const missing = await workdir.run(['import', '--kind', 'survey', workdir.path('other\ufffd.csv')]);
    expect(missing.stderr).toMatch(/other\ufffd\.csv: file not found/);
  });

  it("a path through a file is said in words, never as the system's code (ENOTDIR)", async () => {
    const workdir = new Workdir();
    workdirs.push(workdir);
    writeFileSync(workdir.path('plain.csv'), 'respondent_id;wave;district\n');
    const run = await workdir.run(['import', '--kind', 'survey', workdir.path('plain.csv/survey.csv')]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain('plain.csv/survey.csv: cannot read the file: it is not a folder (or part of the path is not).');
    expect(run.stderr).not.toContain('ENOTDIR');
  });

  it('has at least 25 cases', () => {
    expect(CASES.length + 1).toBeGreaterThanOrEqual(25);
  });
});
