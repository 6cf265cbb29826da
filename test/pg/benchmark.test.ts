// Peer benchmarks in a shared PostgreSQL store: two zones (the demo zone's store migrated into each, the second
// weighted differently), each publishing its aggregates with `benchmark` and reading the other's; the shared
// table holds no cell below the threshold and no suppressed one; a zone reads every zone's cells but writes
// only its own; the report sets the zone beside its peers; a file store refuses the command.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { PEER_MIN_CELL } from '../../src/peers/benchmark.js';
import { PEER_PLAUSIBLE } from '../../src/store/pg/schema.js';
import { explain, useWorkdirs } from '../helpers/cli.js';
import { twoZones, ZONE_A, ZONE_B, type TwoZones } from '../support/zones.js';
import { asLogin, describePostgres, useCluster } from '../support/postgres.js';

const KEY = '59ed48b3a7657577f8fe31cdc269cf1d0e4446ecd0943100a42fac8f0586000c';

interface BenchmarkJson {
  zone: string;
  wave: string;
  level: number;
  published: number;
  peers: string[];
  family_size: number;
  rows: Array<{ indicator: string; peer: string; own: { estimate: number; se: number } | null; other: { estimate: number; se: number; n: number }; diff: number | null; z: number | null; q: number | null }>;
}


describePostgres('peer benchmarks in a shared PostgreSQL store', () => {
  const cluster = useCluster();
  const workdirs = useWorkdirs();
  let zones: TwoZones;
  let folderA: string;
  let folderB: string;
  let zoneA: string;
  let zoneB: string;
  const run = (folder: string, args: string[], store: string) => zones.run(folder, args, store);

  beforeAll(async () => {
    // zone B: the same answers, unweighted, with a lower threshold of its own (the shared one still holds)
    zones = await twoZones(cluster(), workdirs(), {
      database: 'peers',
      key: KEY,
      configB: `zone: ${ZONE_B}\nweighting:\n  method: none\nestimates:\n  min_cell: 3\n  level: 0.9\n`,
      migrate: [ZONE_A, ZONE_B],
    });
    ({ folderA, folderB, zoneA, zoneB } = zones);
  });

  it('a zone alone: publishes its figures and says no other zone has any yet', async () => {
    const first = await run(folderA, ['benchmark'], zoneA);
    expect(first.code, explain(first)).toBe(0);
    expect(first.stdout).toContain(`${ZONE_A} beside its peer zones, 2026`);
    expect(first.stdout.replace(/\s+/g, ' ')).toContain('No other zone has published figures for 2026 yet');
    const json = JSON.parse((await run(folderA, ['benchmark', '--json'], zoneA)).stdout) as BenchmarkJson;
    expect(json).toMatchObject({ zone: ZONE_A, wave: '2026', level: 0.95, peers: [], rows: [] });
    expect(json.published).toBeGreaterThan(20);
  });

  it('a second zone sees the first beside it, each difference tested, and the first then sees the second', async () => {
    const b = await run(folderB, ['benchmark', '--json'], zoneB);
    expect(b.code, explain(b)).toBe(0);
    const fromB = JSON.parse(b.stdout) as BenchmarkJson;
    expect(fromB.peers).toEqual([ZONE_A]);
    expect(fromB.level).toBe(0.95);
    expect(fromB.rows.length).toBeGreaterThan(5);
    const a = JSON.parse((await run(folderA, ['benchmark', '--json'], zoneA)).stdout) as BenchmarkJson;
    expect(a.peers).toEqual([ZONE_B]);
    // the same two whole-area figures, seen from either side: opposite differences, the same |z|
    for (const row of a.rows) {
      const mirror = fromB.rows.find((other) => other.indicator === row.indicator);
      expect(mirror, row.indicator).toBeDefined();
      expect(row.own?.estimate).toBe(mirror?.other.estimate);
      expect(row.other.estimate).toBe(mirror?.own?.estimate);
      expect(row.diff).toBeCloseTo(-(mirror?.diff ?? Number.NaN), 12);
      expect(Math.abs(row.z ?? 0)).toBeCloseTo(Math.abs(mirror?.z ?? Number.NaN), 10);
    }
    // weighted and unweighted estimates of the same answers differ
    expect(a.rows.some((row) => Math.abs(row.diff ?? 0) > 1e-6)).toBe(true);
    // the other zone's figure is its whole area as its own `indicators` shows it at 95%
    const indicatorsB = JSON.parse((await run(folderB, ['indicators', '--json'], zoneB)).stdout) as { rows: Array<{ indicator: string; district: string | null; estimate: number | null }> };
    for (const row of a.rows) {
      const whole = indicatorsB.rows.find((r) => r.indicator === row.indicator && r.district === null);
      expect(row.other.estimate, row.indicator).toBeCloseTo(whole?.estimate ?? Number.NaN, 12);
    }
  });

  it('holds no cell below the shared threshold and none that the zone itself suppresses, and no respondent data', async () => {
    const cells = await cluster().sql<{ zone: string; district: string | null; indicator: string; n: number }>('peers', 'SELECT zone, district, indicator, n FROM peer_indicators');
    expect(cells.length).toBeGreaterThan(40);
    expect(cells.filter((cell) => cell.n < PEER_MIN_CELL)).toEqual([]);
    expect(new Set(cells.map((cell) => cell.zone))).toEqual(new Set([ZONE_A, ZONE_B]));
    // zone B shows cells of 3 answers and more in its own outputs; none of those below 10 is published
    const own = JSON.parse((await run(folderB, ['indicators', '--json'], zoneB)).stdout) as { rows: Array<{ indicator: string; district: string | null; n: number; flag: string }> };
    expect(own.rows.some((row) => row.n < PEER_MIN_CELL && row.flag !== 'suppressed')).toBe(true);
    // zone A keeps the default threshold: every cell it published is one its own outputs show
    const shownA = JSON.parse((await run(folderA, ['indicators', '--json'], zoneA)).stdout) as { rows: Array<{ indicator: string; district: string | null; flag: string }> };
    const flagOf = new Map(shownA.rows.map((row) => [`${row.indicator}/${row.district}`, row.flag]));
    const publishedA = cells.filter((cell) => cell.zone === ZONE_A);
    expect(publishedA.map((cell) => flagOf.get(`${cell.indicator}/${cell.district}`)).filter((flag) => flag === undefined || flag === 'suppressed')).toEqual([]);
    expect(shownA.rows.some((row) => row.flag === 'suppressed')).toBe(true);
    const columns = await cluster().sql<{ column_name: string }>('peers', "SELECT column_name FROM information_schema.columns WHERE table_name = 'peer_indicators'");
    expect(columns.map((c) => c.column_name).sort()).toEqual(['ci_high', 'ci_low', 'district', 'estimate', 'indicator', 'n', 'n_eff', 'se', 'wave', 'zone']);
  });

  it("a zone's login reads every zone's cells but changes only its own", async () => {
    await asLogin(zoneB, async (client) => {
      const zones = await client.query<{ zone: string }>('SELECT DISTINCT zone FROM peer_indicators ORDER BY zone');
      expect(zones.rows.map((row) => row.zone)).toEqual([ZONE_A, ZONE_B]);
      expect((await client.query('DELETE FROM peer_indicators WHERE zone = $1', [ZONE_A])).rowCount).toBe(0);
      expect((await client.query('UPDATE peer_indicators SET estimate = 0 WHERE zone = $1', [ZONE_A])).rowCount).toBe(0);
      await expect(
        client.query("INSERT INTO peer_indicators (zone, district, wave, indicator, estimate, se, ci_low, ci_high, n, n_eff) VALUES ($1, NULL, '2026', 'x', 0.5, 0.1, 0.4, 0.6, 50, 40)", [ZONE_A]),
      ).rejects.toThrow(/row-level security/);
      // and none of the other zone's respondents
      expect((await client.query<{ n: string }>('SELECT count(*) AS n FROM survey_columns')).rows[0].n).not.toBe('0');
    });
    const counts = await cluster().sql<{ zone: string; n: string }>('peers', 'SELECT zone, count(*) AS n FROM survey_chunks GROUP BY zone ORDER BY zone');
    expect(counts.map((row) => row.zone)).toEqual([ZONE_A, ZONE_B]);
  });

  it("a zone cannot write NaN, infinities or impossible figures into its peers' comparison; rows written before the check are left out with a warning (adversary r4, F10)", async () => {
    await asLogin(zoneA, async (client) => {
      for (const set of ["estimate = 'NaN', ci_low = 'NaN', ci_high = 'NaN'", "ci_high = 'Infinity'", "se = 'NaN'", 'n_eff = n * 2', 'se = -1', 'ci_low = -1e308', 'ci_high = 1e300, se = 1e300']) {
        await expect(client.query(`UPDATE peer_indicators SET ${set} WHERE district IS NULL AND indicator = 'unsafe_general'`), set).rejects.toThrow(/peer_indicators_plausible/);
      }
    });
    // a store upgraded from before the check may still hold such rows: written here past it, as its owner
    await cluster().sql('peers', 'ALTER TABLE peer_indicators DROP CONSTRAINT peer_indicators_plausible');
    try {
      await cluster().sql('peers', "UPDATE peer_indicators SET estimate = -5, ci_low = -10, ci_high = 0 WHERE zone = $1 AND district IS NULL AND indicator = 'unsafe_often'", [ZONE_A]);
      await cluster().sql('peers', "UPDATE peer_indicators SET estimate = 'NaN', ci_low = 'NaN', ci_high = 'NaN' WHERE zone = $1 AND district IS NULL AND indicator = 'unsafe_general'", [ZONE_A]);
      // B compares without publishing again; its own rows are untouched
      const b = await run(folderB, ['benchmark', '--json'], zoneB);
      expect(b.code, explain(b)).toBe(0);
      expect(b.stderr).toContain(`the figures of zone ${ZONE_A} include 2 figures that could not have been published`);
      const rows = (JSON.parse(b.stdout) as BenchmarkJson).rows as Array<{ indicator: string }>;
      expect(rows.map((row) => row.indicator)).not.toContain('unsafe_often');
      expect(rows.map((row) => row.indicator)).not.toContain('unsafe_general');
      expect(b.stdout).not.toMatch(/NaN|Infinity|1e\+308/);
    } finally {
      // A publishes again (replacing its rows), and the check returns as the migration left it
      expect((await run(folderA, ['benchmark'], zoneA)).code).toBe(0);
      await cluster().sql('peers', `ALTER TABLE peer_indicators ADD CONSTRAINT peer_indicators_plausible CHECK (${PEER_PLAUSIBLE}) NOT VALID`);
    }
  });

  it('a second publication of a wave replaces the first, never adding to it', async () => {
    const before = await cluster().sql<{ n: string }>('peers', 'SELECT count(*) AS n FROM peer_indicators WHERE zone = $1', [ZONE_A]);
    expect((await run(folderA, ['benchmark', '--wave', '2026'], zoneA)).code).toBe(0);
    const after = await cluster().sql<{ n: string }>('peers', 'SELECT count(*) AS n FROM peer_indicators WHERE zone = $1', [ZONE_A]);
    expect(after[0].n).toBe(before[0].n);
    // an earlier wave is published beside it, and compared with no one (zone B never published 2023)
    const earlier = JSON.parse((await run(folderA, ['benchmark', '--wave', '2023', '--json'], zoneA)).stdout) as BenchmarkJson;
    expect(earlier.peers).toEqual([]);
    const waves = await cluster().sql<{ wave: string }>('peers', 'SELECT DISTINCT wave FROM peer_indicators WHERE zone = $1 ORDER BY wave', [ZONE_A]);
    expect(waves.map((row) => row.wave)).toEqual(['2023', '2026']);
  });

  it('the report of a zone in a shared store sets it beside its peers; Markdown, CSV and Dutch too', async () => {
    const report = await run(folderA, ['report', '--format', 'md', '--out', 'report-peers'], zoneA);
    expect(report.code, explain(report)).toBe(0);
    const file = readdirSync(join(folderA, 'report-peers')).find((name) => name.endsWith('.md'));
    const md = readFileSync(join(folderA, 'report-peers', file ?? 'missing'), 'utf8');
    expect(md).toContain('### Beside the other zones, 2026');
    expect(md).toContain(`| ${ZONE_B} |`);
    const csv = await run(folderA, ['benchmark', '--format', 'csv'], zoneA);
    expect(csv.stdout.split(/\r?\n/)[0]).toBe('indicator,unit,wave,zone,estimate,ci_low,ci_high,n,peer,peer_estimate,peer_ci_low,peer_ci_high,peer_n,diff,se,z,p,q,significant');
    const nl = await run(folderA, ['--lang', 'nl', 'benchmark'], zoneA);
    expect(nl.stdout).toContain(`${ZONE_A} vergeleken met de andere zones, 2026`);
  });

  it('a zone store in a file has no peers: a usage error naming the file', async () => {
    // the demo folder's own configuration names its store file
    const file = await run(folderA, ['benchmark'], 'safety-scan.db');
    expect(file.code, explain(file)).toBe(2);
    expect(file.stderr).toContain('`benchmark` compares the zones of a shared PostgreSQL store');
    expect(file.stderr).toContain('safety-scan.db');
    expect(file.stdout).toBe('');
  });
});
