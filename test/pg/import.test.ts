// Writing a zone of a shared PostgreSQL store: the same files imported into a SQLite store and into a zone,
// with the same key, store the same rows and say the same, byte for byte, rejects files included; a re-import
// changes nothing; two imports into one zone at once store once; a connection lost mid-import leaves nothing;
// a zone neither sees nor writes another's rows; forget and map work on a zone.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, expect, it } from 'vitest';
import { Pseudonymiser, pseudonymText } from '../../src/ingest/privacy.js';
import { openPgStore } from '../../src/store/pg/connect.js';
import { addZone } from '../../src/store/pg/zones.js';
import { DEMO, explain, type Run, useWorkdirs, type Workdir } from '../helpers/cli.js';
import { asLogin, describePostgres, useCluster } from '../support/postgres.js';

const KEY = { SAFETY_SCAN_KEY: '3bcc59d45b317c0d05ff6aa055bf3a425f7d9688d78a65c58f3b398ffe0b1345' };

/** The demo's imports, and files whose rows are partly rejected (a rejects file each) or duplicated. */
const IMPORTS: string[][] = [
  ['--kind', 'population', `${DEMO}/population.csv`],
  ['--kind', 'survey', `${DEMO}/survey-2023.csv`],
  ['--kind', 'survey', `${DEMO}/survey-2026.csv`],
  ['--kind', 'keyfigures', `${DEMO}/keyfigures.csv`],
  ['--kind', 'monitor', '--mapping', `${DEMO}/monitor-mapping.yaml`, `${DEMO}/monitor.csv`],
  ['--kind', 'signals', `${DEMO}/signals.csv`],
  ['--kind', 'signals', 'odd-signals.csv'],
  ['--kind', 'keyfigures', 'more-keyfigures.csv'],
  ['--kind', 'survey', 'late-survey.csv'],
];

const FILES = {
  'odd-signals.csv': 'date,district,theme,source,count\n2026-01-03,Zwijnaarde,speeding,complaint,1\n2026-13-01,Zwijnaarde,speeding,complaint,1\n2026-01-04,Zwijnaarde,speeding,complaint,-2\n2026-01-04,Zwijnaarde,speeding,complaint,2\n',
  'strict-keyfigures.csv': 'interview_id,wave,district,organisation_type,theme,severity,trend\nK26-98,2026,Zwijnaarde,school,speeding,3,\nK26-98,2026,Zwijnaarde,school,drugs,7,\n',
  'more-keyfigures.csv':
    'interview_id,wave,district,organisation_type,theme,severity,trend\nK23-01,2023,Sint-Amandsberg,school,burglary,3,same\nK26-99,2026,Zwijnaarde,school,speeding,9,\nK26-99,2026,Zwijnaarde,school,drugs,2,worse\n',
};

/** Rows of every table a batch brings, read with plain SQL: columns in one order, rows in a stable one. */
const TABLES: Record<string, string> = {
  batches: 'id, kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, details FROM batches ORDER BY id',
  population: 'batch_id, line, wave, district, sex, age_group, age_min, age_max, population FROM population ORDER BY batch_id, line, district, sex, age_group',
  survey_chunks: 'batch_id, wave, chunk, rows, districts, items FROM survey_chunks ORDER BY batch_id, wave, chunk',
  survey_columns: 'batch_id, wave, chunk, name, data FROM survey_columns ORDER BY batch_id, wave, chunk, name',
  keyfigures: 'batch_id, wave, interview, district, organisation_type, theme, severity, trend, note FROM keyfigures ORDER BY batch_id, rowid',
  monitor: 'batch_id, line, wave, area, indicator, value, ci_low, ci_high, n FROM monitor ORDER BY batch_id, line, indicator',
  signals: 'batch_id, line, wave, date, district, theme, source, count FROM signals ORDER BY batch_id, line',
};

function sqliteRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(Object.entries(TABLES).map(([table, select]) => [table, db.prepare(`SELECT ${select}`).all()]));
  } finally {
    db.close();
  }
}

/** A zone's rows as its own login reads them (row-level security shows it nothing else). */
async function zoneRows(url: string): Promise<Record<string, unknown[]>> {
  return asLogin(url, async (client) => {
    const rows: Record<string, unknown[]> = {};
    for (const [table, select] of Object.entries(TABLES)) rows[table] = (await client.query(`SELECT ${select}`)).rows;
    return rows;
  });
}


/** What a run says, with the store's name (a file or a URL) and the folder put aside. */
function said(run: Run, dir: Workdir): string {
  return `${run.code}\n${run.stdout}\n${run.stderr}`.replaceAll(dir.dir, '<dir>');
}

/** The rejects files, each sealed id (new random digits each time it is written) opened into the pseudonym it holds. */
function rejectsFiles(dir: Workdir): Record<string, string> {
  const folder = dir.path('rejects');
  const pseudonyms = new Pseudonymiser(Buffer.from(KEY.SAFETY_SCAN_KEY, 'hex'));
  const opened = (text: string) =>
    text.replace(/~[0-9a-f]{32}/g, (code) => {
      const [hi, lo] = pseudonyms.keysNow([code]);
      return `~${pseudonymText(hi, lo)}`;
    });
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, opened(readFileSync(`${folder}/${name}`, 'utf8'))]));
}

describePostgres('import, forget and map on a zone of a shared store', () => {
  const cluster = useCluster();
  const workdir = useWorkdirs();
  let owner: string;
  let gent: string;
  let brugge: string;

  beforeAll(async () => {
    owner = await cluster().createStore('writing');
    const store = await openPgStore(owner);
    try {
      gent = (await addZone(store, 'Gent', false)).connection;
      brugge = (await addZone(store, 'Brugge', false)).connection;
    } finally {
      await store.close();
    }
  });

  it('stores the same rows as a SQLite store and says the same, rejects files too; a re-import changes nothing', async () => {
    const local = workdir().write(FILES);
    const shared = workdir().write(FILES);
    const survey = readFileSync(`${DEMO}/survey-2026.csv`, 'utf8').split('\n');
    // one respondent already stored (a duplicate), one new
    const late = [survey[0], survey[1], survey[2].replace(/^[^,;]+/, 'LATE-1')].join('\n');
    local.write({ 'late-survey.csv': `${late}\n` });
    shared.write({ 'late-survey.csv': `${late}\n` });
    for (const round of [1, 2]) {
      for (const args of IMPORTS) {
        const a = await local.run(['import', '--json', ...args], { env: KEY });
        const b = await shared.run(['--store', gent, 'import', '--json', ...args], { env: KEY });
        expect(a.code, explain(a)).toBe(0);
        expect(said(b, shared), `round ${round}: ${args.join(' ')}`).toBe(said(a, local));
      }
    }
    // --replace: the wave's earlier rows and the batches left without rows go
    const replace = ['import', '--json', '--replace', '--kind', 'survey', 'late-survey.csv'];
    const replaced = await local.run(replace, { env: KEY });
    expect(said(await shared.run(['--store', gent, ...replace], { env: KEY }), shared)).toBe(said(replaced, local));
    expect(replaced.stdout).toContain('"batches": [\n');
    // a dry run, and a file --strict refuses (rolled back): the same words, nothing stored
    for (const args of [['--dry-run', '--kind', 'signals', 'odd-signals.csv'], ['--dry-run', '--kind', 'keyfigures', 'strict-keyfigures.csv'], ['--strict', '--kind', 'keyfigures', 'strict-keyfigures.csv']]) {
      const a = await local.run(['import', ...args], { env: KEY });
      expect(said(await shared.run(['--store', gent, 'import', ...args], { env: KEY }), shared), args.join(' ')).toBe(said(a, local));
    }
    expect(rejectsFiles(shared)).toEqual(rejectsFiles(local));
    expect(Object.keys(rejectsFiles(local)).length).toBeGreaterThanOrEqual(2);
    const expected = sqliteRows(local.path('safety-scan.db'));
    const stored = await zoneRows(gent);
    for (const table of Object.keys(TABLES)) expect(stored[table], table).toEqual(expected[table]);
    // ...key figures in pseudonym order in both stores, never the file's (adversary r4, F5); survey chunks in the
    // order of their content (test/ingest/stored-order.test.ts), the same bytes as SQLite's above
    const interviews = (stored.keyfigures as Array<{ batch_id: number; interview: string; district: string; theme: string }>).map((row) => `${row.batch_id}|${row.interview}|${row.district}|${row.theme}`);
    expect(interviews).toEqual([...interviews].sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]) || (a < b ? -1 : 1)));
    expect(expected.batches).toHaveLength(IMPORTS.length - 1);
    for (const table of Object.keys(TABLES)) expect(expected[table].length, table).toBeGreaterThan(0);
    // what was imported reads the same: the reading commands' JSON, byte for byte (2026 kept only the late file)
    for (const args of [['indicators', '--wave', '2023', '--format', 'json'], ['profile', '--wave', '2023', '--format', 'json']]) {
      const a = await local.run(args, { env: KEY });
      expect(a.code, explain(a)).toBe(0);
      expect(said(await shared.run(['--store', gent, ...args], { env: KEY }), shared), args.join(' ')).toBe(said(a, local));
    }

  });

  it('judges signals against those stored as SQLite does: another order adds nothing, a new export is refused, a few alike are stored', async () => {
    const signals = readFileSync(`${DEMO}/signals.csv`, 'utf8').trimEnd().split('\n');
    const files = {
      'reordered.csv': `${[signals[0], ...signals.slice(1).reverse()].join('\n')}\n`,
      'longer.csv': `${[...signals, '2026-11-30,Zwijnaarde,drugs,complaint,3'].join('\n')}\n`,
      'alike.csv': `${[signals[0], signals[1], signals[2], ...Array.from({ length: 6 }, (_, i) => `2026-12-0${i + 1},Zwijnaarde,drugs,police_cafe,1`)].join('\n')}\n`,
    };
    const local = workdir().write(files);
    const shared = workdir().write(files);
    // a store of its own, so that its batch numbers (numbered store-wide) are those of the SQLite store
    const store = await openPgStore(await cluster().createStore('overlap'));
    const aalst = await addZone(store, 'Aalst', false).then((zone) => zone.connection).finally(() => store.close());
    const steps: Array<[string[], number]> = [
      [['--kind', 'population', `${DEMO}/population.csv`], 0],
      [['--kind', 'signals', `${DEMO}/signals.csv`], 0],
      [['--kind', 'signals', 'alike.csv'], 0],
      // (PostgreSQL numbers a batch even when its import rolls back, so the stored ones come first)
      [['--kind', 'signals', 'reordered.csv'], 0],
      [['--kind', 'signals', '--dry-run', 'longer.csv'], 3],
      [['--kind', 'signals', 'longer.csv'], 3],
    ];
    for (const [args, code] of steps) {
      for (const json of [[], ['--json']]) {
        const a = await local.run(['import', ...json, ...args], { env: KEY });
        expect(a.code, explain(a)).toBe(code);
        expect(said(await shared.run(['--store', aalst, 'import', ...json, ...args], { env: KEY }), shared), args.join(' ')).toBe(said(a, local));
      }
    }
    expect((await zoneRows(aalst)).signals).toEqual(sqliteRows(local.path('safety-scan.db')).signals);
    expect(sqliteRows(local.path('safety-scan.db')).signals).toHaveLength(signals.length - 1 + 6 + 2);
  });

  it('respells what was stored before the population figures came, as SQLite does', async () => {
    const zone = await addZoneOn(await cluster().createStore('respelling'), 'Deinze');
    const survey = readFileSync(`${DEMO}/survey-2026.csv`, 'utf8').split('\n').slice(0, 4).join('\n').replaceAll('Sint-Amandsberg', 'Sint Amandsberg');
    const files = {
      'survey.csv': `${survey}\n`,
      'signals.csv': 'date,district,theme,source,count\n2026-01-03,Sint Amandsberg,speeding,complaint,1\n2026-01-04,Nergensdorp,speeding,complaint,1\n',
      // later figures spelling a district another way are stored as the earlier ones spell it (adversarial runs r19, F5; r22, F2)
      'upper.csv': 'district,sex,age_group,population,wave\nSINT-AMANDSBERG,M,15-29,10,2026\n',
    };
    const local = workdir().write(files);
    const shared = workdir().write(files);
    for (const args of [['--kind', 'survey', 'survey.csv'], ['--kind', 'signals', 'signals.csv'], ['--kind', 'population', `${DEMO}/population.csv`], ['--kind', 'population', 'upper.csv']]) {
      const a = await local.run(['import', '--json', ...args], { env: KEY });
      expect(a.code, explain(a)).toBe(0);
      expect(said(await shared.run(['--store', zone, 'import', '--json', ...args], { env: KEY }), shared), args.join(' ')).toBe(said(a, local));
    }
    const expected = sqliteRows(local.path('safety-scan.db'));
    expect(JSON.stringify(expected.signals)).toContain('"Sint-Amandsberg"');
    expect(JSON.stringify(expected.population)).not.toContain('"SINT-AMANDSBERG"');
    const stored = await zoneRows(zone);
    for (const table of Object.keys(TABLES)) expect(stored[table], table).toEqual(expected[table]);
  });

  it('--replace with two files of one wave keeps both and replaces only what was stored before, as SQLite does (adversarial run r7, F16)', async () => {
    const zone = await addZoneOn(await cluster().createStore('replacing'), 'Ninove');
    const header = 'respondent_id;wave;district;sex;age;unsafe_freq';
    const files = {
      'old.csv': `${header}\nO1;2026;Oudegem;F;40;2\nO2;2026;Oudegem;M;40;2\n`,
      'p1.csv': `${header}\nP1;2026;Oudegem;F;40;2\nP2;2026;Oudegem;F;40;2\n`,
      'p2.csv': `${header}\nP2;2026;Oudegem;M;40;2\nP3;2026;Oudegem;M;40;2\nP4;2026;Oudegem;M;40;2\n`,
    };
    const local = workdir().write(files);
    const shared = workdir().write(files);
    for (const args of [['old.csv'], ['--replace', '--dry-run', 'p1.csv', 'p2.csv'], ['--replace', 'p1.csv', 'p2.csv']]) {
      const a = await local.run(['import', '--json', '--kind', 'survey', ...args], { env: KEY });
      expect(a.code, explain(a)).toBe(0);
      expect(said(await shared.run(['--store', zone, 'import', '--json', '--kind', 'survey', ...args], { env: KEY }), shared), args.join(' ')).toBe(said(a, local));
    }
    const expected = sqliteRows(local.path('safety-scan.db'));
    expect(expected.batches.map((batch) => (batch as { file_name: string }).file_name)).toEqual(['p1.csv', 'p2.csv']);
    const stored = await zoneRows(zone);
    for (const table of Object.keys(TABLES)) expect(stored[table], table).toEqual(expected[table]);
    const status = await shared.run(['--store', zone, 'status', '--json'], { env: KEY });
    expect(JSON.parse(status.stdout).rows.survey).toEqual({ '2026': 4 });
  });

  it('keeps zone B out of zone A: B imports unseen by A, and cannot write a row into A', async () => {
    const dir = workdir();
    const run = await dir.run(['--store', brugge, 'import', '--kind', 'population', `${DEMO}/population.csv`], { env: KEY });
    expect(run.code, explain(run)).toBe(0);
    // the owner acting as a zone it names: Brugge's rows, Brugge's duplicate check
    const asOwner = await dir.run(['--store', owner, '--zone', 'Brugge', 'import', '--json', '--kind', 'population', `${DEMO}/population.csv`], { env: KEY });
    expect(asOwner.code, explain(asOwner)).toBe(0);
    expect(asOwner.stdout).toContain('"status": "unchanged"');
    const seen = await asLogin(gent, async (client) => (await client.query<{ zone: string }>('SELECT DISTINCT zone FROM batches')).rows);
    expect(seen).toEqual([{ zone: 'Gent' }]);
    const intoGent = asLogin(brugge, (client) =>
      client.query(`INSERT INTO batches (zone, kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
                    VALUES ('Gent', 'survey', 'x.csv', 'sha', 'opt', '[]', 0, 0, 0, 'test', 'now', '{}')`),
    );
    await expect(intoGent).rejects.toThrow(/row-level security/);
  });

  it('serialises two imports of one file into one zone: the rows are stored once', async () => {
    const store = await cluster().createStore('together');
    const zone = await addZoneOn(store, 'Aalst');
    const dir = workdir();
    const args = ['--store', zone, 'import', '--json', '--kind', 'survey', `${DEMO}/survey-2026.csv`];
    const [first, second] = await Promise.all([dir.run(args, { env: KEY }), dir.run(args, { env: KEY })]);
    expect(first.code, explain(first)).toBe(0);
    expect(second.code, explain(second)).toBe(0);
    const statuses = [first, second].map((run) => (JSON.parse(run.stdout) as { files: Array<{ status: string }> }).files[0].status).sort();
    expect(statuses).toEqual(['stored', 'unchanged']);
    const chunks = await asLogin(zone, async (client) => (await client.query<{ n: number }>('SELECT SUM(rows)::int AS n FROM survey_chunks')).rows[0].n);
    expect(chunks).toBe(1502);
  });

  it('leaves nothing behind when the server connection is lost mid-import (exit 5)', async () => {
    const store = await cluster().createStore('lost');
    const zone = await addZoneOn(store, 'Ninove');
    const dir = workdir();
    const rows = ['date,district,theme,source,count'];
    for (let i = 0; i < 400_000; i++) rows.push(`2026-01-${String((i % 28) + 1).padStart(2, '0')},Zwijnaarde,speeding,complaint,${(i % 9) + 1}`);
    dir.write({ 'many.csv': `${rows.join('\n')}\n` });
    const role = new URL(zone).username;
    const running = dir.run(['--store', zone, 'import', '--kind', 'signals', 'many.csv'], { env: KEY });
    // the import's connection ended by the server once its transaction has written (a transaction id: the batch is made)
    let killed = 0;
    for (let tries = 0; tries < 400 && killed === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const ended = await cluster().sql<{ ended: boolean }>('lost', 'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE usename = $1 AND backend_xid IS NOT NULL', [role]);
      killed = ended.filter((row) => row.ended).length;
    }
    const run = await running;
    expect(killed).toBeGreaterThan(0);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).not.toContain(decodeURIComponent(new URL(zone).password));
    const left = await cluster().sql<{ batches: number; signals: number }>('lost', 'SELECT (SELECT COUNT(*) FROM batches)::int AS batches, (SELECT COUNT(*) FROM signals)::int AS signals');
    expect(left).toEqual([{ batches: 0, signals: 0 }]);
  });

  it('rolls back a file refused after rows were sent (a survey age band across two age groups), as SQLite does', async () => {
    const zone = await addZoneOn(await cluster().createStore('refused'), 'Eeklo');
    const lines = ['respondent_id;wave;district;sex;age_group;unsafe_freq'];
    for (let i = 0; i < 70_000; i++) lines.push(`R${i};2026;Sint-Amandsberg;M;30-44;2`);
    lines.push('R-last;2026;Sint-Amandsberg;F;25-40;2');
    const files = { 'banded.csv': `${lines.join('\n')}\n` };
    const local = workdir().write(files);
    const shared = workdir().write(files);
    for (const args of [['--kind', 'population', `${DEMO}/population.csv`], ['--kind', 'survey', 'banded.csv']]) {
      const a = await local.run(['import', ...args], { env: KEY });
      expect(said(await shared.run(['--store', zone, 'import', ...args], { env: KEY }), shared), args.join(' ')).toBe(said(a, local));
      if (args.includes('banded.csv')) expect(a.code, explain(a)).toBe(3);
    }
    const left = await asLogin(zone, async (client) => (await client.query<{ kind: string }>('SELECT kind FROM batches')).rows);
    expect(left).toEqual([{ kind: 'population' }]);
    expect(await asLogin(zone, async (client) => (await client.query('SELECT 1 FROM survey_chunks')).rowCount)).toBe(0);
  });

  // adversarial run r9, F10: a plain digest of a file of one respondent gave its id away; keyed as SQLite keys it
  it('keeps survey digests keyed, and keys those an earlier version kept plain at the next import', async () => {
    const zone = await addZoneOn(await cluster().createStore('digests'), 'Aalst');
    const one = 'respondent_id,wave,district,sex,age,unsafe_freq\nR26-04217,2026,Sint-Amandsberg,F,44,2\n';
    const dir = workdir().write({ 'late.csv': one, 'other.csv': one.replace('R26-04217', 'R26-04218') });
    const plain = createHash('sha256').update(one).digest('hex');
    const surveyBatches = () => asLogin(zone, async (client) => (await client.query<{ sha256: string; details: string }>("SELECT sha256, details FROM batches WHERE kind = 'survey' ORDER BY id")).rows);
    for (const args of [['--kind', 'population', `${DEMO}/population.csv`], ['--kind', 'survey', 'late.csv']]) expect((await dir.run(['--store', zone, 'import', ...args], { env: KEY })).code).toBe(0);
    const [first] = await surveyBatches();
    expect(first.sha256).not.toBe(plain);
    expect(JSON.parse(first.details)).toMatchObject({ digests: 'keyed' });
    await asLogin(zone, (client) => client.query("UPDATE batches SET sha256 = $1, details = (details::jsonb - 'digests')::text WHERE kind = 'survey'", [plain]));
    const again = await dir.run(['--store', zone, 'import', '--dry-run', '--json', '--kind', 'survey', 'late.csv'], { env: KEY });
    expect(JSON.parse(again.stdout).files[0].same_as, explain(again)).not.toBeNull();
    expect((await dir.run(['--store', zone, 'import', '--kind', 'survey', 'other.csv'], { env: KEY })).code).toBe(0);
    const keyed = await surveyBatches();
    expect(keyed.map((batch) => JSON.parse(batch.details).digests)).toEqual(['keyed', 'keyed']);
    expect(keyed[0].sha256).toBe(first.sha256);
  });

  // adversarial run r12, 16: rows of one figure adding up past what any district has are the file's fault (exit 3), as in SQLite
  it('refuses population figures whose rows add up past 1,000,000,000 residents, naming the file and lines, as SQLite does', async () => {
    const zone = await addZoneOn(await cluster().createStore('above-limit'), 'Temse');
    const rows = Array.from({ length: 101 }, () => 'Oudegem,M,20,10000000');
    const dir = workdir().write({ 'big.csv': ['district,sex,age_group,population', ...rows].join('\n') });
    const shared = await dir.run(['--store', zone, 'import', '--kind', 'population', 'big.csv'], { env: KEY });
    const local = await dir.run(['import', '--kind', 'population', 'big.csv'], { env: KEY });
    for (const run of [shared, local]) {
      expect(run.code, explain(run)).toBe(3);
      expect(run.stderr).toContain('big.csv:2: these population figures are more than any district has, so nothing was stored (lines 2, 3, 4');
    }
    expect(await asLogin(zone, async (client) => (await client.query('SELECT 1 FROM population')).rowCount)).toBe(0);
  });

  // adversarial run r19, F1: a wave weighted by supplied weights for all its respondents or none, in a zone as in SQLite
  it('refuses a weighted survey file into a wave stored without weights, in a dry run too, as SQLite does', async () => {
    const zone = await addZoneOn(await cluster().createStore('weights'), 'Ronse');
    const header = 'respondent_id,wave,district,sex,age,unsafe_freq';
    const dir = workdir().write({ 'plain.csv': `${header}\nR1,2026,Oudegem,F,44,2\nR2,2026,Oudegem,M,30,3\n`, 'weighted.csv': `${header},weight\nW1,2026,Oudegem,F,44,2,1.5\n` });
    for (const args of [['--kind', 'population', `${DEMO}/population.csv`], ['--kind', 'survey', 'plain.csv']]) expect((await dir.run(['--store', zone, 'import', ...args], { env: KEY })).code).toBe(0);
    for (const dry of [[], ['--dry-run']]) {
      const shared = await dir.run(['--store', zone, 'import', ...dry, '--kind', 'survey', 'weighted.csv'], { env: KEY });
      expect(shared.code, explain(shared)).toBe(3);
      expect(shared.stderr).toContain('weighted.csv: every respondent of this file has a supplied weight, but wave 2026 already holds 2 respondents without one');
    }
    expect(await asLogin(zone, async (client) => (await client.query("SELECT 1 FROM batches WHERE kind = 'survey'")).rowCount)).toBe(1);
  });

  it('forgets a batch of the zone and maps a file against the zone\'s districts', async () => {
    const store = await cluster().createStore('forgetting');
    const zone = await addZoneOn(store, 'Lokeren');
    const dir = workdir();
    expect((await dir.run(['--store', zone, 'import', '--kind', 'population', `${DEMO}/population.csv`], { env: KEY })).code).toBe(0);
    expect((await dir.run(['--store', zone, 'import', '--kind', 'signals', `${DEMO}/signals.csv`], { env: KEY })).code).toBe(0);
    const map = await dir.run(['--store', zone, 'map', '--kind', 'signals', `${DEMO}/signals.csv`]);
    expect(map.code, explain(map)).toBe(0);
    const local = workdir();
    expect((await local.run(['import', '--kind', 'population', `${DEMO}/population.csv`], { env: KEY })).code).toBe(0);
    expect(map.stdout).toBe((await local.run(['map', '--kind', 'signals', `${DEMO}/signals.csv`])).stdout);
    const unknown = await dir.run(['--store', zone, 'forget', '7']);
    expect(unknown.code).toBe(2);
    const forget = await dir.run(['--store', zone, 'forget', '2']);
    expect(forget.code, explain(forget)).toBe(0);
    expect(forget.stderr).toMatch(/batch 2/i);
    const left = await asLogin(zone, async (client) => (await client.query<{ kind: string }>('SELECT kind FROM batches ORDER BY id')).rows);
    expect(left).toEqual([{ kind: 'population' }]);
    expect(await asLogin(zone, async (client) => (await client.query('SELECT 1 FROM signals')).rowCount)).toBe(0);
    // two files in one run: one connection, one transaction each
    dir.write(FILES);
    const both = await dir.run(['--store', zone, 'import', '--kind', 'signals', `${DEMO}/signals.csv`, 'odd-signals.csv'], { env: KEY });
    expect(both.code, explain(both)).toBe(0);
    expect(await asLogin(zone, async (client) => (await client.query('SELECT DISTINCT batch_id FROM signals')).rowCount)).toBe(2);
  });

  async function addZoneOn(url: string, name: string): Promise<string> {
    const store = await openPgStore(url);
    try {
      return (await addZone(store, name, false)).connection;
    } finally {
      await store.close();
    }
  }
});
