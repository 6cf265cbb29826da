// Names from the data reach the terminal escaped: a district, a file name or a header can never clear the
// screen, set the window title, plant a link or hide itself behind bidirectional or invisible characters.
// A district holding a control character is refused at import (adversarial run r17b); one that an older version
// stored is still shown escaped: the store is made so below, as such a version left it.
import { readFileSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalText } from '../../src/render/terminal.js';
import { Workdir, explain } from '../helpers/cli.js';

const ESC = '\u001b';
const CLEAR = `${ESC}[2J${ESC}[H`;
const TITLE = `${ESC}]0;owned${'\u0007'}`;
// a link to a file: a district holding a web address is refused at import as personal data (adversarial run r9, F6)
const LINK = `${ESC}]8;;file:///etc/passwd${ESC}\\`;
/** A district whose name tries everything a terminal obeys (quoted in the files: it holds `;`). */
const HOSTILE = `Oudegem${CLEAR}${TITLE}${LINK}\u202eX\u009b2J`;

function survey(district: string, count: number, start: number): string {
  return Array.from({ length: count }, (_, i) => `R${start + i};2026;"${district}";${i % 2 ? 'M' : 'F'};${20 + ((i * 7) % 60)};${1 + (i % 5)};${i % 2};x`).join('\n');
}

/** Nothing that a terminal would act on: no escape, no C1 control, no bidirectional control. */
function expectInert(text: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that there are none (CSV's CRLF aside)
  expect(text.replaceAll('\r\n', '\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

describe('terminalText', () => {
  it('escapes control, bidirectional and invisible characters and keeps newlines', () => {
    expect(terminalText(`a${ESC}[2Jb\nc\u0007`)).toBe('a\\u001b[2Jb\nc\\u0007');
    expect(terminalText('Oud\u202eegem\u200b\u009b\r\t')).toBe('Oud\\u202eegem\\u200b\\u009b\\u000d\\u0009');
    expect(terminalText('tag\u{e0041}')).toBe('tag\\udb40\\udc41');
    // every default-ignorable character and the blank Braille pattern (adversarial run r23b)
    expect(terminalText('Noord\u3164\u2800\ufe0f\u034f')).toBe('Noord\\u3164\\u2800\\ufe0f\\u034f');
    expect(terminalText('Érembodegem · Drieënhoek – 10,1%')).toBe('Érembodegem · Drieënhoek – 10,1%');
    // CSV's CRLF line ending passes; a lone CR (which rewrites the line on a terminal) does not
    expect(terminalText('a,b\r\nc\rd\r\n')).toBe('a,b\r\nc\\u000dd\r\n');
  });

  it('keeps colour codes only when asked to, and never another sequence', () => {
    const coloured = `${ESC}[33mwarning${ESC}[39m ${ESC}]0;t\u0007`;
    expect(terminalText(coloured, true)).toBe(`${ESC}[33mwarning${ESC}[39m \\u001b]0;t\\u0007`);
    expect(terminalText(coloured)).toBe('\\u001b[33mwarning\\u001b[39m \\u001b]0;t\\u0007');
  });

  it('leaves escaped JSON the same JSON', () => {
    const value = { district: `A\u202eB\u009b\u007f${ESC}`, n: 1 };
    const text = terminalText(JSON.stringify(value, null, 2));
    expectInert(text);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('names from the data on the terminal', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  const surveyFile = `survey${CLEAR}.csv`;
  dir.write({
    // population figures are binned into the configured age groups: these two, as the file gives them
    'safety-scan.yaml': 'codebook:\n  age_groups: [15-64, 65+]\n',
    'population.csv': ['district;sex;age_group;population', ...['M', 'F'].flatMap((sex) => [`Oudegem;${sex};15-64;1000`, `Oudegem;${sex};65+;400`])].join('\n'),
    [surveyFile]: [`respondent_id;wave;district;sex;age;unsafe_freq;avoid_places;"Col${TITLE}"`, survey(HOSTILE, 30, 1), survey(`${HOSTILE}Z`, 2, 100)].join('\n'),
    'survey.csv': [`respondent_id;wave;district;sex;age;unsafe_freq;avoid_places;"Col${TITLE}"`, survey('Oudegem', 30, 1)].join('\n'),
  });

  /** The store as a version before the control-character rule left it: the district named HOSTILE in every table. */
  function storedAsOlderVersion(): void {
    const db = new Database(dir.path('safety-scan.db'));
    try {
      db.prepare('UPDATE population SET district = ? WHERE district = ?').run(HOSTILE, 'Oudegem');
      for (const chunk of db.prepare('SELECT rowid, districts FROM survey_chunks').all() as Array<{ rowid: number; districts: string }>) {
        const named = (JSON.parse(chunk.districts) as string[]).map((district) => (district === 'Oudegem' ? HOSTILE : district));
        db.prepare('UPDATE survey_chunks SET districts = ? WHERE rowid = ?').run(JSON.stringify(named), chunk.rowid);
      }
    } finally {
      db.close();
    }
  }

  it('import warnings and summaries show unknown districts, file names and headers escaped', async () => {
    const population = await dir.run(['import', '--kind', 'population', dir.path('population.csv')]);
    expect(population.code, explain(population)).toBe(0);
    // a district holding control characters is refused, row by row, its cell never shown (r17b); the file's name escaped
    const run = await dir.run(['import', '--kind', 'survey', dir.path(surveyFile)]);
    expect(run.code, explain(run)).toBe(3);
    expectInert(run.stderr);
    expect(run.stderr).toContain('holds a control character');
    expect(run.stderr).not.toContain('owned');
    expect(run.stderr).toContain('survey\\u001b[2J\\u001b[H.csv');
    const known = await dir.run(['import', '--kind', 'survey', dir.path('survey.csv')]);
    expect(known.code, explain(known)).toBe(0);
    expectInert(known.stderr);
    expect(known.stderr).toContain('Col\\u001b]0;owned\\u0007');
    storedAsOlderVersion();
  });

  it('status shows a file name holding a colour code escaped, and closes no colour after it (adversarial run r25, F5)', async () => {
    const own = new Workdir();
    try {
      const name = `red${ESC}[31mX.csv`;
      own.write({ [name]: 'district;sex;age_group;population\nNoord;M;15-29;100\n' });
      expect((await own.run(['import', '--kind', 'population', name])).code).toBe(0);
      const status = await own.run(['status']);
      expectInert(status.stdout);
      expect(status.stdout).toContain('red\\u001b[31mX.csv');
      expect(status.stdout).not.toContain('\\u001b[39m');
    } finally {
      own.remove();
    }
  });

  it('status, indicators tables and JSON on the terminal carry the names escaped', async () => {
    for (const args of [['status'], ['indicators', '--indicator', 'avoidance'], ['indicators', '--json'], ['indicators', '--format', 'md'], ['indicators', '--format', 'csv']]) {
      const run = await dir.run(args);
      expect(run.code, explain(run)).toBe(0);
      expectInert(run.stdout);
      expectInert(run.stderr);
    }
    const table = await dir.run(['indicators', '--indicator', 'avoidance']);
    expect(table.stdout).toContain('Oudegem\\u001b[2J');
    const json = await dir.run(['indicators', '--json']);
    // JSON carries the name as stored (the import takes out bidi controls), its escapes JSON's own
    expect((JSON.parse(json.stdout) as { rows: { district: string | null }[] }).rows.some((row) => row.district?.startsWith(`Oudegem${CLEAR}${TITLE}`))).toBe(true);
  });

  it('errors name a hostile file escaped', async () => {
    const run = await dir.run(['import', '--kind', 'survey', `missing${TITLE}.csv`]);
    expect(run.code).toBe(3);
    expectInert(run.stderr);
    expect(run.stderr).toContain('missing\\u001b]0;owned\\u0007.csv');
  });

  it('an error names a file with a line feed in its name on one line (a fresh adversarial run, issue 17)', async () => {
    const run = await dir.run(['import', '--kind', 'survey', 'missing\nerror: forged.csv']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('missing\\u000aerror: forged.csv');
    expect(run.stderr.split('\n').filter((line) => line.startsWith('error:'))).toHaveLength(1);
  });

  // adversarial run r19b, F4 f: `written: x` and then `error: fake line.csv` on a line of its own (tab and CR were escaped)
  it('a message names an output with a line break of any kind in its name on one line', async () => {
    const name = 'x\nerror: fake\r\nline\u2028.csv';
    const run = await dir.run(['indicators', '--format', 'csv', '--out', dir.path(name)]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('x\\u000aerror: fake\\u000d\\u000aline\\u2028.csv');
    expect(run.stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual([]);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir.path()).includes(name)).toBe(true);
  });

  it('a goal title is escaped in the check, and one with a control character refused at its line (adversarial run r20b)', async () => {
    const goals = (title: string) => `goals:\n  - id: G1\n    title: "${title}"\n    indicator: avoidance\n    direction: decrease\n    baseline: { wave: 2026, value: 0.6 }\n    target: 0.4\n    deadline: 2030\n`;
    dir.write({ 'goals.yaml': goals('Less avoidance \\u200b') });
    const run = await dir.run(['check', '--goals', dir.path('goals.yaml')]);
    expect(run.code, explain(run)).toBe(0);
    expectInert(run.stdout);
    expectInert(run.stderr);
    expect(run.stdout).toContain('Less avoidance \\u200b');
    // a character that turns the text's direction is refused as a control character (adversarial run r31, C1)
    dir.write({ 'goals.yaml': goals('Less avoidance \\u202e') });
    const turned = await dir.run(['check', '--goals', dir.path('goals.yaml')]);
    expect(turned.code, explain(turned)).toBe(4);
    expect(turned.stderr).toContain('goals.yaml:3: `goals.0.title` holds a control character');
    // an escape sequence broke the tables a text was laid out in: refused, never shown
    dir.write({ 'goals.yaml': goals(`Less ${'\\e'}[2J avoidance`) });
    const refused = await dir.run(['check', '--goals', dir.path('goals.yaml')]);
    expect(refused.code, explain(refused)).toBe(4);
    expect(refused.stderr).toContain('goals.yaml:3: `goals.0.title` holds a control character (such as ESC, or one');
    expectInert(refused.stderr);
    dir.write({ 'goals.yaml': goals('Less avoidance \\u200b') });
  });

  it('written files carry them escaped too: report Markdown, HTML and SVG, table CSV and rejects, whose name has none (issue 17)', async () => {
    const name = `rejects${CLEAR}\u202e.csv`;
    dir.write({ [name]: ['respondent_id;wave;district;sex;age;unsafe_freq;avoid_places;note', survey(HOSTILE, 3, 500), `R900;2026;"${HOSTILE}";F;old;1;0;x`].join('\n') });
    // every row refused (control characters; an age that is no number): exit 3, the rejects file written
    const imported = await dir.run(['import', '--kind', 'survey', dir.path(name)]);
    expect(imported.code, explain(imported)).toBe(3);
    const rejects = readdirSync(dir.path('rejects')).filter((file) => file.startsWith('rejects'));
    expect(rejects).toEqual(['rejects_[2J_[H_.survey.rejects.csv']);
    const written: Array<[string, string]> = [[rejects[0], readFileSync(dir.path('rejects', rejects[0]), 'utf8')]];
    for (const format of ['md', 'html']) {
      const run = await dir.run(['report', '--format', format, '--out', dir.path(`report-${format}`)]);
      expect(run.code, explain(run)).toBe(0);
      for (const file of readdirSync(dir.path(`report-${format}`), { recursive: true, encoding: 'utf8' })) {
        if (/\.(md|html|svg)$/.test(file)) written.push([file, readFileSync(dir.path(`report-${format}`, file), 'utf8')]);
      }
    }
    const table = await dir.run(['indicators', '--format', 'csv', '--out', dir.path('indicators.csv')]);
    expect(table.code, explain(table)).toBe(0);
    written.push(['indicators.csv', readFileSync(dir.path('indicators.csv'), 'utf8')]);
    expect(written.filter(([file]) => file.endsWith('.svg')).length).toBeGreaterThan(0);
    for (const [, text] of written) expectInert(text);
    for (const [file, text] of written.filter(([file]) => /\.(csv|html)$|index\.md$/.test(file) && !file.includes('rejects'))) expect(text, file).toMatch(/Oudegem\\{1,2}u001b\[2J/);
  });

  it('a line break in a file name forges no line: not in the summary, the rejects file\'s name, status or forget (adversary r4, F11)', async () => {
    const dir = new Workdir();
    const name = `x\n  kind: survey${CLEAR}.csv`;
    dir.write({ [name]: 'date,district,theme,source,count\n2026-03-01,Oudegem,drugs,complaint,1\n2026-03-01,Oudegem,drugs,complaint,x\n' });
    const imported = await dir.run(['import', '--kind', 'signals', dir.path(name)]);
    expect(imported.code, explain(imported)).toBe(0);
    for (const line of imported.stderr.split('\n').filter((line) => line.includes('kind: survey'))) expect(line).toMatch(/x(\\u000a|_) {2}kind: survey/);
    expect(readdirSync(dir.path('rejects')).filter((file) => file.includes('kind'))).toEqual(['x_  kind: survey_[2J_[H.signals.rejects.csv']);
    const status = await dir.run(['status']);
    expect(status.stdout.split('\n').filter((line) => line.trim().startsWith('kind: survey'))).toEqual([]);
    expect(status.stdout).toContain('x\\u000a  kind: survey');
    const batch = /; batch (\d+);/.exec(imported.stderr)?.[1] ?? '';
    const forgot = await dir.run(['forget', batch]);
    expect(forgot.code, explain(forgot)).toBe(0);
    expect(forgot.stderr.split('\n').filter((line) => line.trim() !== '')).toHaveLength(1);
    dir.remove();
  });

  it('a long file name gives a rejects file a name of its own under 255 bytes (adversary r4, F11)', async () => {
    const dir = new Workdir();
    const long = (tail: string) => `${'ä'.repeat(120)}${tail}.csv`;
    for (const tail of ['1', '2']) dir.write({ [long(tail)]: `date,district,theme,source,count\n2026-03-0${tail},Oudegem,drugs,complaint,1\n2026-03-01,Oudegem,drugs,complaint,x\n` });
    for (const tail of ['1', '2']) expect((await dir.run(['import', '--kind', 'signals', '--dry-run', dir.path(long(tail))])).code).toBe(0);
    const names = readdirSync(dir.path('rejects')).filter((file) => file.startsWith('ä'));
    expect(names).toHaveLength(2);
    for (const file of names) expect(Buffer.byteLength(file)).toBeLessThan(255);
    dir.remove();
  });
});
