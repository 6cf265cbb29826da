// Names of input files and sheets are shown and kept by one rule (storedFileName in src/ingest/privacy.ts,
// shownFilePath): adversarial run r32, B1 (a file or sheet name holding a name a district's cell refuses was stored
// and shown as written). Output folders and the store's path (r32, B2) are shown as given: see README, Privacy.
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

describe('feedback files in another language or in upper case (r32, item 3)', () => {
  it('warns about `Baasrode.de.md`, reads `Grembergen.EN.md` as English, and passes `Oudegem.nl.md` over in an English report', async () => {
    const dir = workdir();
    const demo = await dir.run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(0);
    dir.write({ 'zone/feedback/Baasrode.de.md': 'Rückmeldung\n', 'zone/feedback/Grembergen.EN.md': 'Grembergen gets more street lighting.\n', 'zone/feedback/Oudegem.nl.md': 'Meer verlichting.\n' });
    // meant as feedback, read by no report: another file type, no language (r33, left item); other files pass unsaid
    dir.write({ 'zone/feedback/Oudegem.en.txt': 'Lighting.\n', 'zone/feedback/Baasrode.md': 'Lighting.\n', 'zone/feedback/notes.txt': 'to do\n' });
    const run = await dir.run(['--store', 'zone/safety-scan.db', 'report', '--goals', `${DEMO}/goals.yaml`, '--feedback', 'zone/feedback', '--format', 'md', '--out', 'r']);
    expect(run.code, explain(run)).toBe(0);
    for (const file of ['Baasrode.de.md', 'Oudegem.en.txt', 'Baasrode.md']) expect(run.stderr).toContain(`zone/feedback/${file} is not read: a feedback file is named <district>.<language>.md`);
    expect(run.stderr).not.toMatch(/Grembergen|Oudegem\.nl|notes\.txt/);
    const report = readFileSync(run.stdout.trim(), 'utf8');
    expect(report).toContain('Grembergen gets more street lighting.');
    expect(report).not.toContain('Meer verlichting.');
  });
});
