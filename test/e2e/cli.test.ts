// The command-line surface of the contract: global options and their precedence, streams, colour,
// exit codes, and every command of the foundation, run in-process from the sources (test/process/ runs the bin).
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { BAD, DEMO, PACKAGE_VERSION, explain, useWorkdirs, withoutKeyedIds } from '../helpers/cli.js';
import { importSmallZone } from '../helpers/small-zone.js';

const workdir = useWorkdirs();

describe('help, version and usage errors', () => {
  it('--version prints the version and exits 0', async () => {
    const run = await workdir().run(['--version']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.trim()).toBe(PACKAGE_VERSION);
  });

  it('--help lists every command and the exit codes', async () => {
    const run = await workdir().run(['--help']);
    expect(run.code, explain(run)).toBe(0);
    for (const command of ['init', 'import', 'status', 'forget', 'demo']) expect(run.stdout).toMatch(new RegExp(`\\n  ${command} `));
    expect(run.stdout).toMatch(/Exit codes: 0 success; 1 a --fail-on or --strict check failed/);
  });

  it('<command> --help shows examples', async () => {
    const run = await workdir().run(['import', '--help']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/Examples:\n {2}\$ safety-scan import --kind population population\.csv/);
    expect(run.stdout).toMatch(/--preset limesurvey/);
  });

  it('no arguments shows help on stderr and exits 2', async () => {
    const run = await workdir().run([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Usage: safety-scan/);
  });

  it.each([
    [['frobnicate'], /unknown command `frobnicate`/],
    [['status', '--frob'], /unknown option `--frob`/],
    [['import', 'x.csv'], /required option `--kind <kind>` is missing/],
    [['import', '--kind', 'survey'], /argument `file` is missing/],
    [['status', '--lang', 'de'], /language `de` is not available; use nl, fr or en/],
    [['status', '--format', 'xml'], /xml.*`table`, `json`/],
    [['forget', 'abc'], /batch `abc` is not a batch number/],
    // adversarial run r12, finding 17: two output choices, one silently winning
    [['indicators', '--json', '--format', 'csv'], /`--format` and `--json` do not go together; give only one of them/],
    [['status', '--format', 'json', '--json'], /`--format` and `--json` do not go together/],
    [['validate', '--json', '--format', 'table', 'x.yaml'], /`--format` and `--json` do not go together/],
    // an empty value is a mistake, never "every district" or "detect the encoding"
    [['indicators', '--district', ''], /`--district` was given an empty value/],
    [['report', '--district', ' , '], /`--district` was given an empty value/],
    [['indicators', '--indicator', ''], /`--indicator` was given an empty value/],
    [['import', '--kind', 'survey', '--encoding', '', 'x.csv'], /`--encoding` was given an empty value/],
    [['map', '--encoding', ' ', 'x.csv'], /`--encoding` was given an empty value/],
    [['--store', '', 'status'], /`--store` was given an empty value/],
    [['--config', '', 'status'], /`--config` was given an empty value/],
    [['report', '--out', ''], /`--out` was given an empty value/],
    [['check', '--goals', ''], /`--goals` was given an empty value/],
    [['import', '--kind', 'survey', '--mapping', '', 'x.csv'], /`--mapping` was given an empty value/],
    // an empty operand is a mistake too, never the working folder (adversarial run r17, findings 2 and 3)
    [['init', ''], /argument `dir` was given an empty value/],
    [['init', '', '--force'], /argument `dir` was given an empty value/],
    [['demo', ' '], /argument `dir` was given an empty value/],
    [['import', '--kind', 'survey', ''], /argument `file` was given an empty value/],
    [['import', '--kind', 'survey', 'x.csv', ''], /argument `file` was given an empty value/],
    [['map', ''], /argument `file` was given an empty value/],
    [['validate', ''], /argument `file` was given an empty value/],
    [['forget', ''], /argument `batch` was given an empty value/],
    [['admin', 'add-zone', ''], /argument `name` was given an empty value/],
    // a wave is a year a survey can be about (r17, finding 4): checked before any file is read
    [['import', '--kind', 'survey', '--wave', '0026', 'x.csv'], /wave `0026` is not a year/],
    [['import', '--kind', 'survey', '--wave', '0000', 'x.csv'], /wave `0000` is not a year/],
    [['map', '--kind', 'population', '--lss', 'survey.lss', 'x.csv'], /--lss is for --kind survey \(a LimeSurvey export\), not for --kind population/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const run = await workdir().run(args as string[]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('import’s option values are checked before the configuration: exit 2 beside a broken safety-scan.yaml (adversarial run r12, finding 17)', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': 'estimates:\n  level: 95\n', 's.csv': 'respondent_id,wave,district,sex,age,unsafe_freq\n' });
    const cases: Array<[string[], RegExp]> = [
      [['--kind', 'survey', '--preset', 'cbs-wijken'], /preset `cbs-wijken` is for --kind population, not for --kind survey/],
      [['--kind', 'population', '--preset', 'cbs-wijk'], /unknown preset `cbs-wijk`; use one of: limesurvey \(--kind survey\), .*cbs-wijken \(--kind population\)/],
      [['--kind', 'survey', '--delimiter', 'x'], /separator `x` cannot be used/],
      [['--kind', 'survey', '--wave', '1e3'], /wave `1e3` is not a year/],
      // a structure file describes a LimeSurvey survey: for another kind it would do nothing
      [['--kind', 'signals', '--lss', 'survey.lss'], /--lss is for --kind survey \(a LimeSurvey export\), not for --kind signals/],
      [[], /required option `--kind <kind>` is missing/],
    ];
    for (const [args, message] of cases) {
      const run = await dir.run(['import', ...args, 's.csv']);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await dir.run(['import', '--kind', 'survey', 's.csv'])).code).toBe(4);
  });

  it('a missing goals or mapping file is said to be missing as what it is, not as a configuration file (adversarial run r17, finding 9)', async () => {
    const dir = workdir();
    for (const [lang, args, said, not] of [
      ['nl', ['check', '--goals', 'nope.yaml'], 'nope.yaml: bestand niet gevonden', 'configuratiebestand'],
      ['fr', ['check', '--goals', 'nope.yaml'], 'nope.yaml: fichier introuvable', 'fichier de configuration'],
      ['nl', ['import', '--kind', 'survey', '--mapping', 'nope.yaml', 'x.csv'], 'bestand niet gevonden', 'configuratiebestand'],
    ] as const) {
      const run = await dir.run(['--lang', lang, ...args]);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toContain(said);
      expect(run.stderr).not.toContain(not);
    }
  });

  it('a value outside the choices is a usage error in the chosen language, with no English words', async () => {
    const run = await workdir().run(['--lang', 'nl', 'status', '--format', 'xml']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toBe('fout: `xml` is geen keuze voor `--format <formaat>`; keuzes: `table`, `json`.\nZie `safety-scan --help` of `safety-scan <opdracht> --help`.\n');
    expect(run.stderr).not.toMatch(/invalid|Allowed choices/);
    const french = await workdir().run(['--lang', 'fr', 'import', '--kind', 'surveys', 'x.csv']);
    expect(french.code, explain(french)).toBe(2);
    expect(french.stderr).toMatch(/^erreur\u202f: `surveys` n’est pas un choix possible pour `--kind <type>`\u202f; choix\u202f: `survey`, `keyfigures`, `monitor`, `population`, `signals`\./);
    expect(french.stderr).not.toMatch(/invalid|Allowed choices/);
  });

  it('an unknown option is reported before a missing required one', async () => {
    const run = await workdir().run(['import', '--knd', 'survey', 'x.csv']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown option `--knd`\. \(Did you mean --kind\?\)/);
    const missing = await workdir().run(['import', 'x.csv']);
    expect(missing.stderr).toMatch(/^error: required option `--kind <kind>` is missing\./);
  });

  it('help for a command that does not exist is a usage error', async () => {
    const run = await workdir().run(['help', 'nosuch']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/^error: there is no command `nosuch` to show help for; use one of: init, import, status/);
  });

  it('every command’s help lists the global options', async () => {
    for (const command of ['import', 'indicators', 'report']) {
      const run = await workdir().run([command, '--help']);
      expect(run.stdout, command).toMatch(/\nGlobal Options:\n(.*\n)*\s+--store <path>/);
    }
  });

  it('help speaks the chosen language', async () => {
    const run = await workdir().run(['--lang', 'nl', 'import', '--help']);
    expect(run.stdout).toMatch(/^Gebruik: safety-scan import/);
    expect(run.stdout).toMatch(/\nOpties:\n/);
  });

  it('a typo in a command gets a suggestion', async () => {
    const run = await workdir().run(['statsu']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Did you mean status\?/);
  });
});

describe('global options', () => {
  it('--store wins over SAFETY_SCAN_STORE, which wins over the config file', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': 'store: from-config.db\n' });
    const population = `${BAD}/population.csv`;
    expect((await dir.run(['import', '--kind', 'population', population])).code).toBe(0);
    expect(existsSync(dir.path('from-config.db'))).toBe(true);
    expect((await dir.run(['import', '--kind', 'population', population], { env: { SAFETY_SCAN_STORE: 'from-env.db' } })).code).toBe(0);
    expect(existsSync(dir.path('from-env.db'))).toBe(true);
    const run = await dir.run(['import', '--kind', 'population', population, '--store', 'from-flag.db'], { env: { SAFETY_SCAN_STORE: 'from-env.db' } });
    expect(run.code, explain(run)).toBe(0);
    expect(existsSync(dir.path('from-flag.db'))).toBe(true);
  });

  it('--lang wins over SAFETY_SCAN_LANG, which wins over the config file', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': 'lang: fr\n' });
    expect((await dir.run(['status'])).stderr).toMatch(/^erreur/);
    expect((await dir.run(['status'], { env: { SAFETY_SCAN_LANG: 'nl' } })).stderr).toMatch(/^fout/);
    expect((await dir.run(['status', '--lang', 'en'], { env: { SAFETY_SCAN_LANG: 'nl' } })).stderr).toMatch(/^error: there is no store/);
  });

  it('--config and SAFETY_SCAN_CONFIG name the configuration; a missing one is a configuration error', async () => {
    const dir = workdir().write({ 'other.yaml': 'lang: nl\n' });
    expect((await dir.run(['status', '--config', 'other.yaml'])).stderr).toMatch(/^fout/);
    expect((await dir.run(['status'], { env: { SAFETY_SCAN_CONFIG: 'other.yaml' } })).stderr).toMatch(/^fout/);
    const missing = await dir.run(['status', '--config', 'nope.yaml']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/nope\.yaml: file not found/);
  });

  it('an invalid configuration names the file, line and key (exit 4)', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': 'lang: nl\nweighting:\n  method: magic\n' });
    const run = await dir.run(['status']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toMatch(/safety-scan\.yaml:3: `weighting\.method`/);
  });

  it('never colours output that is not a terminal, and never with NO_COLOR', async () => {
    const dir = workdir();
    const run = await dir.run(['import', '--kind', 'survey', `${BAD}/out-of-range.csv`], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(run.code, explain(run)).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code starts with the escape character
    expect(run.stderr).not.toMatch(/\u001b\[/);
  });

  it('stdout carries only the requested output', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    const run = await dir.run(['status', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('--zone with a store file is said, not silently dropped (adversarial run r33, left item); `zone:` in the configuration is not', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    for (const [lang, said] of [
      ['en', `note: --zone names a zone of a shared PostgreSQL store; the store file ${dir.path('safety-scan.db')} has no zones, so the option was not used.`],
      ['nl', 'let op: --zone noemt een zone van een gedeelde PostgreSQL-databank'],
      ['fr', 'remarque\u202f: --zone désigne une zone d’une base de données PostgreSQL partagée'],
    ]) {
      const run = await dir.run(['--zone', 'gent', '--lang', lang, 'status', '--json']);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stderr).toContain(said);
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
    // admin migrate's --zone names the zone of its PostgreSQL store (here one no server answers for)
    const migrate = await dir.run(['admin', 'migrate', '--from', 'safety-scan.db', '--to', 'postgres://owner@127.0.0.1:1/safety', '--zone', 'gent']);
    expect(migrate.code, explain(migrate)).not.toBe(0);
    expect(migrate.stderr).not.toContain('--zone names a zone');
    dir.write({ 'safety-scan.yaml': 'zone: gent\n' });
    const configured = await dir.run(['status', '--json']);
    expect(configured.code, explain(configured)).toBe(0);
    expect(configured.stderr).toBe('');
  });
});

describe('store errors (exit 5)', () => {
  it('a missing store says to import first', async () => {
    const run = await workdir().run(['status']);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/no store at .*safety-scan\.db yet; import files first/);
  });

  it('a file that is not a store is refused', async () => {
    const dir = workdir().write({ 'safety-scan.db': 'district;sex\nOudegem;M\n' });
    const run = await dir.run(['status']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/is not a safety-scan store/);
  });

  it('a damaged store is a store error, not a crash', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    const db = new Database(dir.path('safety-scan.db'));
    db.exec('PRAGMA foreign_keys = OFF; DROP TABLE population; DROP TABLE batches');
    db.close();
    const run = await dir.run(['status']);
    expect(run.code, explain(run)).toBe(5);
    // said as a damaged store naming the table, not in SQLite's words (adversarial run r9, F3)
    expect(run.stderr).toMatch(/.*safety-scan\.db is damaged: table batches is missing; restore it from a backup/);
  });

  it('a store made by a newer version is refused', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    const db = new Database(dir.path('safety-scan.db'));
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    const run = await dir.run(['status']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/made by a newer version of safety-scan \(store schema 99/);
  });

});

describe('import, status and forget', () => {
  it('importing the same content again is a no-op that names the batch', async () => {
    const dir = workdir();
    expect((await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`])).code).toBe(0);
    const again = await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already imported as batch 1 with the same content and options; nothing to do/);
    expect(JSON.parse((await dir.run(['status', '--json'])).stdout).batches).toHaveLength(1);
  });

  it('a respondent id stored by an earlier batch is rejected with a pointer to it', async () => {
    const dir = workdir().write({ 'more.csv': ['respondent_id;wave;district;sex;age;unsafe_freq', 'R1;2026;Oudegem;F;44;3', 'R3;2026;Oudegem;F;44;2'].join('\r\n') });
    await dir.run(['import', '--kind', 'survey', `${BAD}/trailing-separators.csv`]);
    const run = await dir.run(['import', '--kind', 'survey', 'more.csv']);
    expect(run.code, explain(run)).toBe(0);
    const rejects = readFileSync(dir.path('rejects', 'more.survey.rejects.csv'), 'utf8');
    expect(rejects).toMatch(/respondent_id `\*\*\*` is already stored in batch 1/);
  });

  it('--replace swaps what is stored for the same kind and waves', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'survey', `${BAD}/duplicate-ids.csv`]);
    const run = await dir.run(['import', '--kind', 'survey', `${BAD}/ragged.csv`, '--replace']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/replaced 3 earlier rows of the same waves; batches removed: 1/);
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout);
    expect(status.batches.map((b: { id: number }) => b.id)).toEqual([2]);
    expect(status.rows.survey).toEqual({ 2026: 2 });
  });

  // In-process runs have a working folder that is not process.cwd(): import opens its files and --mapping
  // through Context.path, and names them as typed.
  it('reads files and --mapping named relative to the working folder, and names them as given', async () => {
    const dir = workdir().write({
      'exports/monitor.csv': readFileSync(`${BAD}/decimal-comma-monitor.csv`),
      'exports/percent.yaml': readFileSync(`${BAD}/monitor-percent.yaml`),
    });
    const run = await dir.run(['import', '--kind', 'monitor', 'exports/monitor.csv', '--mapping', 'exports/percent.yaml', '--json']);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ file: 'exports/monitor.csv', rows_stored: 2 });
  });

  it('--dry-run validates and stores nothing', async () => {
    const dir = workdir();
    const run = await dir.run(['import', '--kind', 'survey', `${BAD}/out-of-range.csv`, '--dry-run']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/dry run, nothing stored\): 4 rows read, 2 valid, 2 rejected/);
    expect(existsSync(dir.path('safety-scan.db'))).toBe(false);
    expect(existsSync(dir.path('rejects', 'out-of-range.survey.rejects.csv'))).toBe(true);
  });

  it('--strict with several files stores none of them when one has rejects', async () => {
    const dir = workdir();
    const run = await dir.run(['import', '--kind', 'survey', `${BAD}/no-final-newline.csv`, `${BAD}/sep-line.csv`, '--strict']);
    // sep-line.csv's R1 repeats no-final-newline.csv's R1 and its R2 is invalid: no usable row is left (exit 3), found before anything is stored
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toMatch(/respondent_id `\*\*\*` already appears on line 2 of .*no-final-newline\.csv/);
    expect(existsSync(dir.path('safety-scan.db'))).toBe(false);
  });

  it('status shows batches, waves and rows as a table (on a terminal wide enough), stacked at 80 columns', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    await dir.run(['import', '--kind', 'survey', `${BAD}/ragged.csv`]);
    const narrow = await dir.run(['status'], { env: { COLUMNS: '80' } });
    expect(Math.max(...narrow.stdout.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(narrow.stdout).toMatch(/^1\n {2}kind: population\n {2}file: population\.csv$/m);
    const run = await dir.run(['status'], { env: { COLUMNS: '120' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ +1 │ population │ population\.csv +│ all waves +│ +4 │ +0 │/);
    expect(run.stdout).toMatch(/│ +2 │ survey +│ ragged\.csv +│ 2026 +│ +2 │ +2 │/);
    expect(run.stdout).toMatch(/survey: 2026\s2/);
  });

  it('status --json lists batches with provenance', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'survey', `${BAD}/ragged.csv`]);
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout);
    expect(status.schema_version).toBe(1);
    expect(status.batches[0]).toMatchObject({ id: 1, kind: 'survey', file: 'ragged.csv', waves: ['2026'], rows_read: 4, rows_stored: 2, rows_rejected: 2, rows_now: 2, tool_version: PACKAGE_VERSION });
    expect(status.batches[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('forget removes one batch; an unknown batch is a usage error', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    await dir.run(['import', '--kind', 'survey', `${BAD}/ragged.csv`]);
    const missing = await dir.run(['forget', '7']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/the store has no batch 7; stored batches: 1, 2/);
    const run = await dir.run(['forget', '2']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/batch 2 \(survey, ragged\.csv, 2 rows\) removed/);
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout);
    expect(status.batches).toHaveLength(1);
    expect(status.rows.survey).toEqual({});
  });

  it('forget says nothing was removed when another run removed the batch after it was listed (adversary r4, F13)', async () => {
    const dir = workdir();
    await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`]);
    // batch 1 is listed, but the delete finds it gone: an import with --replace took it in between
    const { SqliteWriter } = await import('../../src/store/write-sqlite.js');
    const forget = vi.spyOn(SqliteWriter.prototype, 'forget').mockResolvedValueOnce(false);
    const run = await dir.run(['forget', '1']);
    forget.mockRestore();
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/the store has no batch 1/);
    expect(run.stderr).not.toMatch(/removed/);
  });
});

describe('privacy', () => {
  it('never stores respondent ids or columns with direct identifiers', async () => {
    const dir = workdir();
    const run = await dir.run(['import', '--kind', 'survey', `${BAD}/identifiers.csv`]);
    expect(run.stderr).toMatch(/columns with personal data or free text, dropped and never stored: email, phone, ipaddr/);
    await dir.run(['status']);
    const bytes = Buffer.concat(['safety-scan.db', 'safety-scan.db-wal'].filter((f) => existsSync(dir.path(f))).map((f) => readFileSync(dir.path(f))));
    for (const secret of ['jan@example.be', '0470123456', '192.0.2.1', 'R1;']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    const rejects = withoutKeyedIds(readFileSync(dir.path('rejects', 'identifiers.survey.rejects.csv'), 'utf8'));
    expect(rejects).not.toMatch(/example\.be|0470|192\.0\.2/);
  });

  it('the LimeSurvey preset drops ipaddr, refurl and token and skips incomplete responses', async () => {
    const dir = workdir();
    const run = await dir.run(['import', '--kind', 'survey', '--preset', 'limesurvey', '--wave', '2026', `${DEMO}/limesurvey-2026.csv`, '--json']);
    expect(run.code, explain(run)).toBe(0);
    const [file] = JSON.parse(run.stdout).files;
    expect(file).toMatchObject({ rows_read: 60, rows_stored: 54, rows_rejected: 0, rows_skipped: 6, dropped_columns: ['ipaddr', 'refurl', 'token'] });
  });
});

describe('init and demo', () => {
  it('init writes a commented configuration that loads, and will not overwrite it', async () => {
    const dir = workdir();
    expect((await dir.run(['init'])).code).toBe(0);
    const text = readFileSync(dir.path('safety-scan.yaml'), 'utf8');
    expect(text).toMatch(/^# safety-scan configuration/);
    const again = await dir.run(['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
    expect((await dir.run(['init', '--force'])).code).toBe(0);
    expect((await dir.run(['status'])).code).toBe(5);
  });

  it('init writes the template in the chosen language', async () => {
    const dir = workdir();
    await dir.run(['init', 'zone', '--lang', 'nl']);
    expect(readFileSync(dir.path('zone', 'safety-scan.yaml'), 'utf8')).toMatch(/^lang: nl$/m);
  });

  it('demo builds the demo zone in a fresh store and shows its status; it can run again', async () => {
    const dir = workdir();
    const run = await dir.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/survey: 2023\s1,382 · 2026\s1,502/);
    expect(run.stderr).toMatch(/survey-2026\.csv \(survey\): 1,502 rows read, 1,502 stored, 0 rejected/);
    const again = await dir.run(['demo', 'zone']);
    expect(again.code, explain(again)).toBe(0);
    expect(JSON.parse((await dir.run(['status', '--json', '--store', 'zone/safety-scan.db'])).stdout).batches).toHaveLength(6);
  });

  // adversarial run r9, F8: a rebuild removed the replaced demo store's key file (round 8, 2), which a copy of the
  // demo folder shares (same store id), so the copy could import no more (exit 5, the key missing)
  it('a demo rebuild keeps every key file: a copy of the earlier demo still imports', async () => {
    const dir = workdir();
    const keys = dir.keys();
    const storeId = (store: string) => {
      const db = new Database(dir.path(store), { readonly: true });
      try {
        return db.prepare("SELECT value FROM meta WHERE key = 'store_id'").pluck().get() as string;
      } finally {
        db.close();
      }
    };
    const first = await dir.run(['demo', 'zone']);
    expect(first.code, explain(first)).toBe(0);
    cpSync(dir.path('zone'), dir.path('zone-copy'), { recursive: true });
    const rebuilt = await dir.run(['demo', 'zone']);
    expect(rebuilt.code, explain(rebuilt)).toBe(0);
    expect(readdirSync(keys).sort()).toEqual([`${storeId('zone-copy/safety-scan.db')}.key`, `${storeId('zone/safety-scan.db')}.key`].sort());
    dir.write({ 'zone-copy/late.csv': 'respondent_id,wave,district,sex,age,unsafe_freq\nNEW1,2026,Oudegem,M,40,2\n' });
    const imported = await dir.run(['--store', 'zone-copy/safety-scan.db', 'import', '--kind', 'survey', 'zone-copy/late.csv']);
    expect(imported.code, explain(imported)).toBe(0);
  });

  it('demo refuses a folder that holds other files', async () => {
    const dir = workdir().write({ 'mine/notes.txt': 'keep me' });
    const run = await dir.run(['demo', 'mine']);
    expect(run.code).toBe(2);
    expect(readFileSync(dir.path('mine', 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('an option value or command typed as an identifier (adversarial run r33, minor)', () => {
  it.each([
    [['indicators', '--wave', 'jan@x.be'], 'jan@x.be'],
    [['indicators', '--indicator', '0470123456'], '0470123456'],
    [['--lang', 'BE68539007547034', 'status'], 'BE68539007547034'],
    [['indicators', '--format', 'jan.peeters@example.be'], 'jan.peeters'],
    [['jan@x.be'], 'jan@x.be'],
  ])('%j is exit 2 and shows the value as ***', async (args, value) => {
    const dir = workdir();
    await importSmallZone(dir, ['Noord', 'Zuid']);
    const run = await dir.run(['--store', 's.db', ...args]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('`***`');
    expect(run.stderr).not.toContain(value);
  });

  it('any other typed value is shown as typed', async () => {
    const run = await workdir().run(['indicators', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`xml` is not a valid value');
  });
});

// a person's name or an address typed as a command, an argument or an option's value was echoed by the usage error,
// where an e-mail address was masked (adversarial run r35, F4): the judge of a district's name withholds it
describe('an option value, argument or command typed as a name or an address (adversarial run r35, F4)', () => {
  it.each([
    [['admin', 'Mevr. Dubois'], 'Dubois'],
    [['admin', 'migrate', 'Dhr. Jan Peeters', '--from', 'x.db', '--to', 'postgres://u:pw@127.0.0.1:1/db'], 'Peeters'],
    [['report', '--lang', 'J. Peeters'], 'Peeters'],
    [['codebook', '--format', 'Dr. Maes'], 'Maes'],
    [['plan', '--detect', 'Kerkstraat 12'], 'Kerkstraat'],
    [['Kerkstraat 12'], 'Kerkstraat'],
    [['report', '--lang', 'Klager Peeters'], 'Peeters'],
  ])('%j is exit 2 and shows the value as ***', async (args, value) => {
    const run = await workdir().run(args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('***');
    expect(run.stderr).not.toContain(value);
  });

  it.each([
    [['report', '--lang', 'de'], '`de`'],
    [['codebook', '--format', 'pdf'], '`pdf`'],
    [['importt'], '`importt`'],
    [['pop.csv'], '`pop.csv`'],
  ])('%j shows the plain value as typed', async (args, shown) => {
    const run = await workdir().run(args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(shown);
    expect(run.stderr).not.toContain('***');
  });
});
