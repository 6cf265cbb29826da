// A workbook's sheet name is the user's to choose: one that is an identifier (an e-mail address, a phone number)
// is stored, shown in --json and --verbose by the file name's rule (adversarial run r14, F7: it was stored as written).
import { existsSync, readFileSync } from 'node:fs';
import { writeXlsx } from 'hucre/xlsx';
import { describe, expect, it } from 'vitest';
import { Workdir, explain } from '../helpers/cli.js';

const SURVEY = [
  ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq'],
  ['S1', 2030, 'Oudegem', 'M', 40, 3],
  ['S2', 2030, 'Oudegem', 'F', 41, 2],
];

describe('a sheet named like an identifier', () => {
  it('is stored, shown in --json and in --verbose with the identifier withheld', async () => {
    const dir = new Workdir();
    try {
      dir.write({
        'mail.xlsx': Buffer.from(await writeXlsx({ sheets: [{ name: 'jan.peeters@example.be', rows: SURVEY }] })),
        'phone.xlsx': Buffer.from(await writeXlsx({ sheets: [{ name: 'Data 0475123456', rows: SURVEY.map((row, i) => (i === 0 ? row : [`P${i}`, ...row.slice(1)])) }] })),
      });
      const mail = await dir.run(['import', '--kind', 'survey', '--json', 'mail.xlsx']);
      expect(mail.code, explain(mail)).toBe(0);
      expect(JSON.parse(mail.stdout).files[0]).toMatchObject({ rows_stored: 2, detected: { format: 'xlsx', sheet: '***' } });
      const phone = await dir.run(['import', '--kind', 'survey', '--verbose', '--sheet', 'Data 0475123456', 'phone.xlsx']);
      expect(phone.code, explain(phone)).toBe(0);
      expect(phone.stderr).toContain('phone.xlsx: Excel workbook, sheet `Data ***`');
      for (const run of [mail, phone]) expect(run.stdout + run.stderr).not.toMatch(/jan\.peeters|0475123456/);
      const store = ['safety-scan.db', 'safety-scan.db-wal'].filter((name) => existsSync(dir.path(name))).map((name) => readFileSync(dir.path(name)).toString('latin1')).join('');
      expect(store).toContain('"sheet":"***"');
      expect(store).toContain('"sheet":"Data ***"');
      expect(store).not.toMatch(/jan\.peeters|0475123456/);
      const status = await dir.run(['status', '--json']);
      expect(status.stdout).not.toMatch(/jan\.peeters|0475123456/);
    } finally {
      dir.remove();
    }
  });

  it('is withheld in messages: the sheets listed for a --sheet that is none of them, and the sheet a message names', async () => {
    const dir = new Workdir();
    try {
      dir.write({
        'mail.xlsx': Buffer.from(await writeXlsx({ sheets: [{ name: 'jan.peeters@example.be', rows: SURVEY }] })),
        'empty.xlsx': Buffer.from(await writeXlsx({ sheets: [{ name: 'jan.peeters@example.be', rows: [] }] })),
      });
      const none = await dir.run(['import', '--kind', 'survey', '--sheet', 'nope', 'mail.xlsx']);
      expect(none.code, explain(none)).toBe(3);
      expect(none.stderr).toContain('`***`');
      const empty = await dir.run(['import', '--kind', 'survey', 'empty.xlsx']);
      expect(empty.code, explain(empty)).toBe(3);
      expect(empty.stderr).toContain('empty.xlsx[***]');
      for (const run of [none, empty]) expect(run.stdout + run.stderr).not.toMatch(/jan\.peeters/);
    } finally {
      dir.remove();
    }
  });

  // the name typed as --sheet when the workbook has no such sheet (adversarial run r34, F8): it was echoed as typed
  it('is withheld when typed as --sheet and the workbook has none so named; a plain name is shown', async () => {
    const dir = new Workdir();
    try {
      dir.write({ 'data.xlsx': Buffer.from(await writeXlsx({ sheets: [{ name: 'Data', rows: SURVEY }] })) });
      for (const typed of ['jan@x.be', '0470123456', 'BE71096123456769', 'Dr. Peeters']) {
        const run = await dir.run(['import', '--kind', 'survey', '--dry-run', '--sheet', typed, 'data.xlsx']);
        expect(run.code, explain(run)).toBe(3);
        expect(run.stderr).toContain('no sheet `***`');
        expect(run.stdout + run.stderr).not.toMatch(/jan@x|0470123456|BE71096123456769|Peeters/);
      }
      for (const typed of ['Data 2', 'Blad1']) {
        const run = await dir.run(['import', '--kind', 'survey', '--dry-run', '--sheet', typed, 'data.xlsx']);
        expect(run.code, explain(run)).toBe(3);
        expect(run.stderr).toContain(`no sheet \`${typed}\``);
      }
    } finally {
      dir.remove();
    }
  });
});
