// Names of files, sheets and folders are shown and kept by one rule (storedFileName in src/ingest/privacy.ts, shownFilePath):
// adversarial run r32, B1 (a file or sheet name holding a name a district's cell refuses was stored and shown as
// written) and B2 (a folder holding an e-mail address or a titled name was printed by init, demo, report, --out and
// the store's messages, though validate withheld it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeXlsx } from 'hucre/xlsx';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();
const SIGNALS = 'date,district,theme,source,count\n2026-01-03,Oudegem,drugs,complaint,1\n2026-01-03,"Peeters, J",drugs,complaint,1\n';
const storeText = (dir: { path: (...parts: string[]) => string }) =>
  ['safety-scan.db', 'safety-scan.db-wal'].filter((name) => existsSync(dir.path(name))).map((name) => readFileSync(dir.path(name)).toString('utf8')).join('');

describe('a file or sheet named with a name a district refuses (r32, B1)', () => {
  it.each(['Peeters, J', 'Jan Peeters (wijkagent)', 'Verantwoordelijke: Jan Peeters', 'Submitted by John Smith', 'Asked by Jan Peeters'])(
    '`%s.csv` is stored, summarised, listed and named in its rejects file as ***.csv',
    async (name) => {
      const dir = workdir().write({ [`${name}.csv`]: SIGNALS });
      const run = await dir.run(['import', '--kind', 'signals', `${name}.csv`]);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stderr).toContain('***.csv (signals)');
      expect(readdirSync(dir.path('rejects'))).toEqual(['xxx.signals.rejects.csv']);
      const status = await dir.run(['status', '--json']);
      expect(JSON.parse(status.stdout).batches[0].file).toBe('***.csv');
      const forget = await dir.run(['forget', '1']);
      expect(forget.stderr).toContain('***.csv');
      for (const shown of [run, status, forget]) expect(shown.stdout + shown.stderr).not.toContain(name);
      expect(storeText(dir)).not.toContain(name);
    },
  );

  it('a sheet `Peeters, J` is shown by --verbose and kept in the batch as ***', async () => {
    const rows = [
      ['date', 'district', 'theme', 'source', 'count'],
      ['2026-04-01', 'Oudegem', 'drugs', 'complaint', 1],
    ];
    const dir = workdir().write({ 'sh.xlsx': Buffer.from(await writeXlsx({ sheets: [{ name: 'Peeters, J', rows }] })) });
    const run = await dir.run(['import', '--kind', 'signals', '-v', 'sh.xlsx']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('sheet `***`');
    expect(run.stdout + run.stderr).not.toContain('Peeters');
    expect(storeText(dir)).toContain('"sheet":"***"');
    expect(storeText(dir)).not.toContain('Peeters, J');
  });

  it('keeps a file name with a date, a lettered part or dots as written', async () => {
    const dir = workdir().write({ 'signals 2026-01-31.csv': SIGNALS, 'Noord, B.csv': SIGNALS.replace('2026-01-03', '2026-01-04') });
    const run = await dir.run(['import', '--kind', 'signals', 'signals 2026-01-31.csv', 'Noord, B.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('signals 2026-01-31.csv (signals)');
    expect(run.stderr).toContain('Noord, B.csv (signals)');
    expect(readdirSync(dir.path('rejects')).sort()).toEqual(['Noord, B.signals.rejects.csv', 'signals 2026-01-31.signals.rejects.csv']);
  });
});

describe('a folder named with an e-mail address or a titled name (r32, B2)', () => {
  it('is withheld by init, the store’s messages, status, --out and the --feedback folder', async () => {
    const dir = workdir();
    const init = await dir.run(['init', 'jan@x.be']);
    expect(init.code, explain(init)).toBe(0);
    expect(init.stderr).toContain('***/safety-scan.yaml');
    const missing = await dir.run(['--store', 'Dr. Peeters/x.db', 'status']);
    expect(missing.stderr).toMatch(/there is no store at .*\/\*\*\*\/x\.db/);
    dir.write({ 's.csv': SIGNALS });
    const imported = await dir.run(['--store', 'jan@x.be/s.db', 'import', '--kind', 'signals', 's.csv']);
    expect(imported.stderr).toContain('***/rejects/s.signals.rejects.csv');
    const status = await dir.run(['--store', 'jan@x.be/s.db', 'status']);
    expect(status.stdout).toMatch(/Store: .*\/\*\*\*\/s\.db/);
    const json = await dir.run(['--store', 'jan@x.be/s.db', 'status', '--json']);
    expect(JSON.parse(json.stdout).store).toMatch(/\/\*\*\*\/s\.db$/);
    for (const run of [init, missing, imported, status, json]) expect(run.stdout + run.stderr).not.toMatch(/jan@x\.be|Dr\. Peeters/);
  });
});

describe('a demo built in a folder named with an e-mail address (r32, B2)', () => {
  it('withholds it in its messages, says where to go without a path, and report withholds it in --out and --feedback', async () => {
    const dir = workdir();
    const demo = await dir.run(['demo', 'jan@x.be/demo']);
    expect(demo.code, explain(demo)).toBe(0);
    expect(demo.stderr).toContain('Next: go to the demo folder you named');
    expect(demo.stdout + demo.stderr).toMatch(/Demo store: .*\/\*\*\*\/demo\/safety-scan\.db/);
    const report = (...args: string[]) => dir.run(['--store', 'jan@x.be/demo/safety-scan.db', 'report', '--goals', `${DEMO}/goals.yaml`, ...args]);
    const written = await report('--out', 'Dr. Peeters/r');
    expect(written.code, explain(written)).toBe(0);
    expect(written.stderr).toContain('report written: ***/r/');
    const feedback = await report('--feedback', 'Dr. Peeters/fb', '--out', 'r');
    expect(feedback.stderr).toContain('***/fb: the feedback folder');
    const table = await dir.run(['--store', 'jan@x.be/demo/safety-scan.db', 'indicators', '--out', 'jan@x.be.xlsx']);
    expect(table.stderr).toContain('written: ***.xlsx');
    for (const run of [demo, written, feedback, table]) expect(run.stderr).not.toMatch(/jan@x\.be|Dr\. Peeters/);
    // the report's own path on stdout is the address a script opens, as given; nothing else on stdout names the folder
    const others = (run: { stdout: string }) => run.stdout.split('\n').filter((line) => !line.endsWith('.html'));
    for (const run of [demo, written, feedback, table]) expect(others(run).join('\n')).not.toMatch(/jan@x\.be|Dr\. Peeters/);
  });

  it('gives the folder to cd to when its path holds no personal data', async () => {
    const demo = await workdir().run(['demo', 'plain demo']);
    expect(demo.stderr).toContain("Next: cd 'plain demo', then");
  });
});

// Feedback files named in a language the tool writes no report in are said, one in upper case read (r32, item 3).
describe('feedback files in another language or in upper case (r32, item 3)', () => {
  it('warns about `Baasrode.de.md`, reads `Grembergen.EN.md` as English, and passes `Oudegem.nl.md` over in an English report', async () => {
    const dir = workdir();
    const demo = await dir.run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(0);
    dir.write({ 'zone/feedback/Baasrode.de.md': 'Rückmeldung\n', 'zone/feedback/Grembergen.EN.md': 'Grembergen gets more street lighting.\n', 'zone/feedback/Oudegem.nl.md': 'Meer verlichting.\n' });
    const run = await dir.run(['--store', 'zone/safety-scan.db', 'report', '--goals', `${DEMO}/goals.yaml`, '--feedback', 'zone/feedback', '--format', 'md', '--out', 'r']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('zone/feedback/Baasrode.de.md is not read: a feedback file is named <district>.<language>.md');
    expect(run.stderr).not.toMatch(/Grembergen|Oudegem\.nl/);
    const report = readFileSync(run.stdout.trim(), 'utf8');
    expect(report).toContain('Grembergen gets more street lighting.');
    expect(report).not.toContain('Meer verlichting.');
  });
});
