// Reading a shared PostgreSQL store: the demo zone's SQLite store migrated into zone A (`admin migrate`), then
// every reading command on both stores with the same key gives the same bytes; zone B's login sees nothing of
// zone A through any command or plain SQL; migrate's refusals; a server gone is a store error (exit 5).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { explain, useWorkdirs, type Run, type Workdir } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';
import { ZONED_TABLES } from '../../src/store/pg/schema.js';
import { PgReader } from '../../src/store/pg/reader.js';
import { keyFile, writeKeyFile } from '../../src/store/key.js';
import { openZone, zoneKey, zoneKeyId } from '../../src/store/pg/zone.js';
import { Store } from '../../src/store/db.js';
import { SqliteReader } from '../../src/store/reader.js';
import { builtInCodebook } from '../../src/config/codebook.js';
import { SafetyScanError } from '../../src/errors.js';
import { asLogin, describePostgres, useCluster } from '../support/postgres.js';
import { writePopulation, writeSurvey } from '../../bench/generate-survey.mjs';

const KEY = '291dbdf18c7f31b1a89ac6eafc8c99dd800ae3ceee161e357387b0db909c60b3';
const ZONE_A = 'PZ Schelde-Leie';
const ZONE_B = 'Vesdre';

/** Every reading command, each as JSON (and a few in the other formats), as an analyst runs them in the zone's folder. */
const READS: string[][] = [
  ['status', '--json'],
  ['status'],
  ['indicators', '--format', 'json'],
  ['indicators', '--format', 'json', '--wave', '2023'],
  ['indicators'],
  ['indicators', '--format', 'md'],
  ['compare', '--format', 'json', '--from', '2023', '--to', '2026'],
  ['compare', '--from', '2023', '--to', '2026'],
  ['profile', '--format', 'json'],
  ['profile', '--district', 'Zwijnaarde'],
  ['check', '--format', 'json', '--goals', 'goals.yaml'],
  ['plan', '--format', 'json', '--half-width', '0.05', '--response-rate', '0.35'],
];


/** What differs by nature between the two stores' `status`: the store's name (and the shared store's zone). */
function sameStore(text: string, store: string, zone?: string): string {
  const named = text.split(store).join('<store>');
  return zone === undefined ? named : named.replace('  "zone": "PZ Schelde-Leie",\n', '').replace(', zone PZ Schelde-Leie', '');
}

describePostgres('reading a zone of a shared PostgreSQL store', () => {
  const cluster = useCluster();
  const workdirs = useWorkdirs();
  let dir: Workdir;
  let folder: string;
  let sqlite: string;
  let owner: string;
  let zoneA: string;
  let zoneB: string;
  let migrated: Run;
  const env = () => ({ SAFETY_SCAN_KEY: KEY });
  const run = (args: string[], store: string, extra: Record<string, string> = {}) =>
    runCli([...args, '--store', store], { cwd: folder, env: dir.env({ ...env(), ...extra }) });

  beforeAll(async () => {
    dir = workdirs();
    const demo = await dir.run(['demo', 'zone'], { env: env() });
    if (demo.code !== 0) throw new Error(explain(demo));
    folder = dir.path('zone');
    sqlite = join(folder, 'safety-scan.db');
    owner = await cluster().createStore('shared');
    zoneA = (await dir.run(['admin', 'add-zone', ZONE_A, '--store', owner])).stdout.trim();
    zoneB = (await dir.run(['admin', 'add-zone', ZONE_B, '--store', owner])).stdout.trim();
    // the owner migrates, naming the zone; the file is the zone folder's own store
    migrated = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', owner, '--zone', ZONE_A, '--json'], { cwd: folder, env: dir.env(env()) });
  });

  it('copies the SQLite store into the zone and says what it copied', () => {
    expect(migrated.code, explain(migrated)).toBe(0);
    const json = JSON.parse(migrated.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ schema_version: 1, zone: ZONE_A, from: sqlite, batches: 6, key_file: null });
    expect(json.rows).toMatchObject({ population: expect.any(Number), survey: expect.any(Number), signals: expect.any(Number) });
    expect(migrated.stderr).toMatch(/Copied .* into zone PZ Schelde-Leie of postgres:\/\/shared_owner:\*\*\*@/);
  });

  it('gives every read of the SQLite reader, value for value, through the PostgreSQL reader', async () => {
    const opened = await openZone(zoneA, undefined);
    const store = Store.open(sqlite, { mode: 'read' });
    try {
      const pgReader = new PgReader(opened.store);
      const sqliteReader = new SqliteReader(store);
      const waves = await sqliteReader.surveyWaves();
      expect(waves.length).toBeGreaterThan(1);
      expect(await pgReader.surveyWaves()).toEqual(waves);
      for (const wave of waves) {
        expect(await pgReader.surveyWave(wave, new Map())).toEqual(await sqliteReader.surveyWave(wave, new Map()));
        expect(await pgReader.populationFigures(wave, 'rake')).toEqual(await sqliteReader.populationFigures(wave, 'rake'));
        expect(await pgReader.keyFigures(wave)).toEqual(await sqliteReader.keyFigures(wave));
        expect(await pgReader.signalsBetween(null, wave)).toEqual(await sqliteReader.signalsBetween(null, wave));
      }
      expect(await pgReader.signalsBetween(waves[0], waves[waves.length - 1])).toEqual(await sqliteReader.signalsBetween(waves[0], waves[waves.length - 1]));
      expect(await pgReader.monitorRows(builtInCodebook())).toEqual(await sqliteReader.monitorRows(builtInCodebook()));
      expect(await pgReader.batches()).toEqual(await sqliteReader.batches());
      expect(await pgReader.rowCounts()).toEqual(await sqliteReader.rowCounts());
    } finally {
      store.close();
      await opened.store.close();
    }
  });

  it('prints the same bytes on both stores for every reading command', async () => {
    for (const args of READS) {
      const onSqlite = await run(args, sqlite);
      const onPg = await run(args, zoneA);
      expect(onSqlite.code, explain(onSqlite)).toBe(0);
      expect(onPg.code, explain(onPg)).toBe(0);
      if (args[0] === 'status') {
        const pgName = `postgres://${new URL(zoneA).username}:***@127.0.0.1:${cluster().port}/shared`;
        expect(onPg.stdout).toContain(ZONE_A);
        expect(sameStore(onPg.stdout, pgName, ZONE_A), args.join(' ')).toBe(sameStore(onSqlite.stdout, sqlite));
      } else {
        expect(onPg.stdout, args.join(' ')).toBe(onSqlite.stdout);
      }
      expect(onPg.stdout.length).toBeGreaterThan(100);
    }
  });

  it('writes the same HTML report from both stores, the shared store adding only its peers section', async () => {
    const onSqlite = await run(['report', '--goals', 'goals.yaml', '--out', 'report-sqlite'], sqlite);
    const onPg = await run(['report', '--goals', 'goals.yaml', '--out', 'report-pg'], zoneA);
    expect(onSqlite.code, explain(onSqlite)).toBe(0);
    expect(onPg.code, explain(onPg)).toBe(0);
    const files = readdirSync(join(folder, 'report-sqlite')).sort();
    expect(files.some((file) => file.endsWith('.html'))).toBe(true);
    expect(readdirSync(join(folder, 'report-pg')).sort()).toEqual(files);
    // the zone beside its peer zones (safety-scan benchmark) is the one thing only a shared store has; no other zone has published here
    const peers = /\n<div class="keep">\n<h3[^>]*>Beside the other zones, 2026<\/h3>\n<p>No other zone has published figures for 2026 yet[^<]*<\/p>\n<\/div>/;
    for (const file of files) {
      const pgBytes = readFileSync(join(folder, 'report-pg', file));
      const sqliteBytes = readFileSync(join(folder, 'report-sqlite', file));
      if (file.endsWith('.html')) {
        expect(peers.test(pgBytes.toString('utf8')), file).toBe(true);
        expect(pgBytes.toString('utf8').replace(peers, ''), file).toBe(sqliteBytes.toString('utf8'));
      } else expect(pgBytes.equals(sqliteBytes), file).toBe(true);
    }
  });

  it('reads as the zone the owner names with --zone', async () => {
    const named = await run(['indicators', '--format', 'json', '--zone', ZONE_A], owner);
    expect(named.code, explain(named)).toBe(0);
    expect(named.stdout).toBe((await run(['indicators', '--format', 'json'], sqlite)).stdout);
  });

  it('reads a value no import writes as a damaged store, as SQLite does (adversary r4, F4)', async () => {
    const sql = (text: string, values?: unknown[]) => cluster().sql<Record<string, unknown>>('shared', text, values);
    for (const [table, column, bad, command, said] of [
      ['keyfigures', 'severity', 99, 'profile', 'keyfigures: severity 99'],
      ['signals', 'count', 0, 'profile', 'signals: count 0'],
      ['signals', 'date', '2026-02-30', 'profile', 'signals: date 2026-02-30'],
      // a name or an address where an import writes only codes (adversarial run r12, 14)
      ['keyfigures', 'theme', 'Marie Dubois', 'profile', 'keyfigures: theme'],
      ['signals', 'source', 'Jan Peeters', 'profile', 'signals: source'],
      ['signals', 'theme', 'Kerkstraat 12', 'profile', 'signals: theme'],
      ['monitor', 'value', 'NaN', 'profile', 'monitor: value NaN'],
      ['population', 'population', 'NaN', 'indicators', 'population: NaN residents'],
    ] as const) {
      const wave = table === 'keyfigures' || table === 'signals' ? " AND wave = '2026'" : '';
      const [{ ctid, kept }] = await sql(`SELECT ctid::text AS ctid, ${column} AS kept FROM ${table} WHERE zone = $1${wave} LIMIT 1`, [ZONE_A]);
      await sql(`UPDATE ${table} SET ${column} = $1 WHERE ctid = $2::tid`, [bad, ctid]);
      try {
        const damaged = await run([command, '--wave', '2026', '--zone', ZONE_A], owner);
        expect(damaged.code, explain(damaged)).toBe(5);
        expect(damaged.stderr).toContain(said);
      } finally {
        await sql(`UPDATE ${table} SET ${column} = $1 WHERE zone = $2 AND ${column} = $3`, [kept, ZONE_A, bad]);
      }
    }
  });

  it("shows zone B's login nothing of zone A, by any command", async () => {
    const districts = ['Zwijnaarde', 'Ledeberg'];
    // zone B's folder: its own configuration names zone B
    const other = workdirs();
    other.write({ 'safety-scan.yaml': `zone: ${ZONE_B}\n`, 'goals.yaml': readFileSync(join(folder, 'goals.yaml')) });
    const asB = (args: string[]) => runCli([...args, '--store', zoneB], { cwd: other.dir, env: other.env(env()) });
    const status = await asB(['status', '--json']);
    expect(status.code, explain(status)).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ zone: ZONE_B, batches: [], rows: { survey: {}, population: {}, keyfigures: {}, monitor: {}, signals: {} } });
    const table = await asB(['status']);
    expect(table.stdout).toMatch(/zone Vesdre\nKey: from SAFETY_SCAN_KEY\n.*empty/);
    for (const args of READS.filter((read) => read[0] !== 'status')) {
      const seen = await asB(args);
      expect(seen.code, explain(seen)).not.toBe(0);
      expect(seen.stderr, explain(seen)).toMatch(/no survey/i);
      for (const district of districts) expect(seen.stdout + seen.stderr).not.toContain(district);
    }
    const report = await asB(['report', '--goals', 'goals.yaml', '--out', 'report']);
    expect(report.code, explain(report)).not.toBe(0);
    // zone A's own connection string naming zone B is refused, not read as B
    const crossed = await run(['status', '--zone', ZONE_B], zoneA);
    expect(crossed.code, explain(crossed)).toBe(2);
  });

  it("shows zone B's login nothing of zone A through plain SQL", async () => {
    for (const table of [...ZONED_TABLES, 'zone_meta']) {
      const [fromB] = await asLogin(zoneB, async (client) => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows);
      expect(fromB.n, table).toBe(0);
    }
    const [fromA] = await asLogin(zoneA, async (client) => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_columns')).rows);
    expect(fromA.n).toBeGreaterThan(0);
  });

  it('refuses to migrate into a zone that holds rows, leaving it as it was', async () => {
    const again = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', owner, '--zone', ZONE_A], { cwd: folder, env: dir.env(env()) });
    expect(again.code, explain(again)).toBe(2);
    expect(again.stderr).toMatch(/already holds 6 batches/);
    const status = await run(['status', '--json'], zoneA);
    expect((JSON.parse(status.stdout) as { batches: unknown[] }).batches).toHaveLength(6);
  });

  it('refuses a key that is not the SQLite store\'s, a missing file, a SQLite target, and a zone with another key', async () => {
    const wrongKey = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', zoneB, '--zone', ZONE_B], { cwd: folder, env: dir.env({ SAFETY_SCAN_KEY: '59ed48b3a7657577f8fe31cdc269cf1d0e4446ecd0943100a42fac8f0586000c' }) });
    expect(wrongKey.code, explain(wrongKey)).toBe(5);
    const missing = await runCli(['admin', 'migrate', '--from', 'nothing.db', '--to', zoneB, '--zone', ZONE_B], { cwd: folder, env: dir.env(env()) });
    expect(missing.code, explain(missing)).toBe(5);
    const toFile = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', 'other.db'], { cwd: folder, env: dir.env(env()) });
    expect(toFile.code, explain(toFile)).toBe(2);
    const noFrom = await runCli(['admin', 'migrate', '--to', zoneB, '--zone', ZONE_B], { cwd: folder, env: dir.env(env()) });
    expect(noFrom.code, explain(noFrom)).toBe(2);
    // zone B gets a key of its own (its fingerprint in the store), then the demo's store is refused
    await asLogin(zoneB, (client) => client.query("INSERT INTO zone_meta (key, value) VALUES ('key_check', 'ffffffffffffffff')"));
    const otherKey = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', zoneB, '--zone', ZONE_B], { cwd: folder, env: dir.env(env()) });
    expect(otherKey.code, explain(otherKey)).toBe(5);
    expect(otherKey.stderr).toMatch(/another pseudonymisation key/);
    const [held] = await asLogin(zoneB, async (client) => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM batches')).rows);
    expect(held.n).toBe(0);
  });

  it("carries the SQLite store's key file over to the zone's own key file, and refuses a zone with another key file", async () => {
    // a zone that kept its key in a key file (no SAFETY_SCAN_KEY): the demo's store made one under HOME
    const own = workdirs();
    const demo = await own.run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(0);
    const keys = { env: own.env() };
    const storeId = Store.reading(own.path('zone', 'safety-scan.db'), (store) => store.meta('store_id')) ?? '';
    const sqliteKey = readFileSync(keyFile(keys, storeId, 'test'), 'utf8');
    await own.run(['admin', 'add-zone', 'Oostende', '--store', owner]);
    const moved = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', owner, '--zone', 'Oostende', '--json'], { cwd: own.path('zone'), env: own.env() });
    expect(moved.code, explain(moved)).toBe(0);
    const written = (JSON.parse(moved.stdout) as { key_file: string }).key_file;
    expect(moved.stderr).toContain(`kept in ${written}: back that file up`);
    expect(readFileSync(written, 'utf8')).toBe(sqliteKey);
    expect(statSync(written).mode & 0o777).toBe(0o600);
    const zone = await openZone(owner, 'Oostende');
    try {
      expect(written).toBe(keyFile(keys, zoneKeyId(zone), 'test'));
      // what a later import into the zone pseudonymises with
      expect((await zoneKey(zone, keys)).toString('hex')).toBe(sqliteKey.trim());
    } finally {
      await zone.store.close();
    }
    // a zone whose key file holds another key: refused, nothing copied
    await own.run(['admin', 'add-zone', 'Aalst', '--store', owner]);
    const aalst = await openZone(owner, 'Aalst');
    try {
      writeKeyFile(keyFile(keys, zoneKeyId(aalst), 'test'), Buffer.alloc(32, 7));
    } finally {
      await aalst.store.close();
    }
    const refused = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', owner, '--zone', 'Aalst'], { cwd: own.path('zone'), env: own.env() });
    expect(refused.code, explain(refused)).toBe(5);
    expect(refused.stderr).toMatch(/another pseudonymisation key/);
    const empty = await runCli(['status', '--json', '--store', owner, '--zone', 'Aalst'], { cwd: own.path('zone'), env: own.env() });
    expect((JSON.parse(empty.stdout) as { batches: unknown[] }).batches).toEqual([]);
  });

  it('copies all or nothing: a row the shared store refuses halfway leaves the zone empty and the file as it was', async () => {
    const broken = workdirs();
    const file = broken.path('zone.db');
    copyFileSync(sqlite, file);
    // a signal's count no version writes (SQLite keeps any value): PostgreSQL refuses it after batches, survey and all
    const db = new Database(file);
    db.prepare("UPDATE signals SET count = 'many' WHERE rowid = (SELECT MAX(rowid) FROM signals)").run();
    db.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    await dir.run(['admin', 'add-zone', 'Brugge', '--store', owner]);
    const failed = await runCli(['admin', 'migrate', '--from', file, '--to', owner, '--zone', 'Brugge'], { cwd: broken.dir, env: broken.env(env()) });
    expect(failed.code, explain(failed)).toBe(5);
    expect(failed.stderr).not.toContain(decodeURIComponent(new URL(owner).password));
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    const status = await runCli(['status', '--json', '--store', owner, '--zone', 'Brugge'], { cwd: broken.dir, env: broken.env(env()) });
    expect(JSON.parse(status.stdout)).toMatchObject({ batches: [], rows: { survey: {}, population: {}, signals: {} } });
    // nor the key's fingerprint: recorded in the same transaction
    const brugge = await openZone(owner, 'Brugge');
    try {
      expect((await brugge.store.client.query('SELECT key FROM zone_meta')).rows).toEqual([]);
    } finally {
      await brugge.store.close();
    }
  });

  it('reads a wave of several chunks (70,000 respondents) as the SQLite store does', async () => {
    const big = workdirs();
    const bigEnv = big.env(env());
    await writeSurvey(big.path('survey.csv'), { respondents: 70_000, districts: 30 });
    await writePopulation(big.path('population.csv'), { districts: 30 });
    for (const [kind, file] of [['population', 'population.csv'], ['survey', 'survey.csv']]) {
      const imported = await runCli(['--store', 'zone.db', 'import', '--kind', kind, file], { cwd: big.dir, env: bigEnv });
      expect(imported.code, explain(imported)).toBe(0);
    }
    await big.run(['admin', 'add-zone', 'Groot', '--store', owner]);
    const moved = await runCli(['admin', 'migrate', '--from', 'zone.db', '--to', owner, '--zone', 'Groot', '--json'], { cwd: big.dir, env: bigEnv });
    expect(moved.code, explain(moved)).toBe(0);
    expect((JSON.parse(moved.stdout) as { rows: { survey: number } }).rows.survey).toBe(70_000);
    const onSqlite = await runCli(['--store', 'zone.db', 'indicators', '--format', 'json'], { cwd: big.dir, env: bigEnv });
    const onPg = await runCli(['--store', owner, '--zone', 'Groot', 'indicators', '--format', 'json'], { cwd: big.dir, env: bigEnv });
    expect(onPg.code, explain(onPg)).toBe(0);
    expect(onPg.stdout).toBe(onSqlite.stdout);
    const opened = await openZone(owner, 'Groot');
    const store = Store.open(big.path('zone.db'), { mode: 'read' });
    try {
      const chunks = await opened.store.client.query('SELECT chunk FROM survey_chunks');
      expect(chunks.rows.length).toBe(2);
      expect(await new PgReader(opened.store).surveyWave('2026', new Map())).toEqual(await new SqliteReader(store).surveyWave('2026', new Map()));
    } finally {
      store.close();
      await opened.store.close();
    }
  });

  it('gives signals and monitor rows alike in the sort in the SQLite store\'s order', async () => {
    const ties = workdirs();
    const tiesEnv = ties.env(env());
    const row = (count: number, date = '2025-01-21') => `${date},Zwijnaarde,speeding,complaint,${count}\n`;
    ties.write({
      'a.csv': `date,district,theme,source,count\n${row(3)}${row(1, '2026-02-01')}${row(1)}${row(2)}`,
      'b.csv': `date,district,theme,source,count\n${row(9)}${row(7)}${row(5, '2026-02-01')}`,
    });
    const imported = await runCli(['--store', 'zone.db', 'import', '--kind', 'signals', 'a.csv', 'b.csv'], { cwd: ties.dir, env: tiesEnv });
    expect(imported.code, explain(imported)).toBe(0);
    await ties.run(['admin', 'add-zone', 'Gelijk', '--store', owner]);
    const moved = await runCli(['admin', 'migrate', '--from', 'zone.db', '--to', owner, '--zone', 'Gelijk'], { cwd: ties.dir, env: tiesEnv });
    expect(moved.code, explain(moved)).toBe(0);
    const opened = await openZone(owner, 'Gelijk');
    const store = Store.open(ties.path('zone.db'), { mode: 'read' });
    try {
      const sqliteSignals = await new SqliteReader(store).signalsBetween(null, '2026');
      expect(sqliteSignals.map((signal) => signal.count)).toEqual([3, 1, 2, 9, 7, 1, 5]);
      expect(await new PgReader(opened.store).signalsBetween(null, '2026')).toEqual(sqliteSignals);
      expect(await new PgReader(opened.store).signalsBetween('2025', '2026')).toEqual(await new SqliteReader(store).signalsBetween('2025', '2026'));
    } finally {
      store.close();
      await opened.store.close();
    }
  });

  it("is a store error when the server ends the reader's connection between two reads", async () => {
    const opened = await openZone(zoneA, undefined);
    try {
      const reader = new PgReader(opened.store);
      expect((await reader.surveyWaves()).length).toBeGreaterThan(0);
      const [{ pid }] = await opened.store.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid').then((result) => result.rows);
      await cluster().sql('shared', 'SELECT pg_terminate_backend($1)', [pid]);
      const failure = await reader.batches().then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(SafetyScanError);
      expect((failure as SafetyScanError).kind).toBe('store');
      expect((failure as SafetyScanError).detail.key).toBe('store.pg_unreachable');
      expect(String((failure as SafetyScanError).detail.params.store)).not.toContain(decodeURIComponent(new URL(zoneA).password));
    } finally {
      await opened.store.close();
    }
  });

  it('leaves no key file behind for a zone whose copy failed', async () => {
    const own = workdirs();
    const demo = await own.run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(0);
    const db = new Database(own.path('zone', 'safety-scan.db'));
    db.prepare("UPDATE monitor SET n = 'many' WHERE rowid = (SELECT MAX(rowid) FROM monitor)").run();
    db.close();
    await own.run(['admin', 'add-zone', 'Leeg', '--store', owner]);
    const failed = await runCli(['admin', 'migrate', '--from', 'safety-scan.db', '--to', owner, '--zone', 'Leeg'], { cwd: own.path('zone'), env: own.env() });
    expect(failed.code, explain(failed)).toBe(5);
    const zone = await openZone(owner, 'Leeg');
    try {
      expect(existsSync(keyFile({ env: own.env() }, zoneKeyId(zone), 'test'))).toBe(false);
      expect((await zone.store.client.query('SELECT key FROM zone_meta')).rows).toEqual([]);
    } finally {
      await zone.store.close();
    }
  });

  it('refuses a file of another schema version without changing it (exit 5)', async () => {
    const other = workdirs();
    // a version that is no whole number is a damaged store, as when the SQLite store opens (issue 17, A5)
    const versions = [['5', /older version of safety-scan/], ['99', /newer version of safety-scan/], ['3x', /is damaged \(meta\.schema_version\)/], ['1e3', /is damaged \(meta\.schema_version\)/]] as const;
    for (const [version, message] of versions) {
      const file = other.path(`v${version}.db`);
      copyFileSync(sqlite, file);
      const db = new Database(file);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(version);
      db.close();
      const before = createHash('sha256').update(readFileSync(file)).digest('hex');
      const refused = await runCli(['admin', 'migrate', '--from', file, '--to', zoneB, '--zone', ZONE_B], { cwd: other.dir, env: other.env(env()) });
      expect(refused.code, explain(refused)).toBe(5);
      expect(refused.stderr).toMatch(message);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    }
  });

  it('is a store error (exit 5) once the server has gone away', async () => {
    await cluster().stop();
    const gone = await run(['indicators', '--format', 'json'], zoneA);
    expect(gone.code, explain(gone)).toBe(5);
    expect(gone.stderr).not.toContain(decodeURIComponent(new URL(zoneA).password));
  });
});
