
import { beforeAll, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs, type Workdir } from '../helpers/cli.js';
import { twoZones, ZONE_A, ZONE_B, type TwoZones } from '../support/zones.js';
import { readingZone } from '../../src/store/pg/reader.js';
import { describePostgres, useCluster } from '../support/postgres.js';

const KEY = '40a3e34b459f66c0039d8ea2c0e46388eec28d9ecf855bc6e14e18df2fd500f5';

describePostgres('concurrent work on a shared PostgreSQL store', () => {
  const cluster = useCluster();
  const workdirs = useWorkdirs();
  let dir: Workdir;
  let zones: TwoZones;
  let folderA: string;
  let folderB: string;
  let zoneA: string;
  let zoneB: string;
  const run = (folder: string, args: string[], store: string) => zones.run(folder, args, store);

  beforeAll(async () => {
    dir = workdirs();
    zones = await twoZones(cluster(), dir, { database: 'together', key: KEY, configB: `zone: ${ZONE_B}\n`, migrate: [ZONE_A] });
    ({ folderA, folderB, zoneA, zoneB } = zones);
  });

  it('a zone imports while another zone reports: both finish, and the report is what it was', async () => {
    const before = await run(folderA, ['indicators', '--json'], zoneA);
    expect(before.code, explain(before)).toBe(0);
    const [population, survey, report, indicators] = await Promise.all([
      run(folderB, ['import', '--kind', 'population', `${DEMO}/population.csv`], zoneB),
      run(folderB, ['import', '--kind', 'survey', `${DEMO}/survey-2023.csv`, `${DEMO}/survey-2026.csv`], zoneB),
      run(folderA, ['report', '--format', 'md', '--out', 'report-during'], zoneA),
      run(folderA, ['indicators', '--json'], zoneA),
    ]);
    for (const done of [population, survey, report, indicators]) expect(done.code, explain(done)).toBe(0);
    expect(indicators.stdout).toBe(before.stdout);
    const status = JSON.parse((await run(folderB, ['status', '--json'], zoneB)).stdout) as { zone: string; rows: { survey: Record<string, number> } };
    expect(status.zone).toBe(ZONE_B);
    expect(Object.keys(status.rows.survey).sort()).toEqual(['2023', '2026']);
    // and zone B's respondents never reached zone A
    expect((await run(folderA, ['indicators', '--json'], zoneA)).stdout).toBe(before.stdout);
  });

  it('an import into a zone while an analyst of that zone reads it: the reader sees the zone before or after the import, never half of it', async () => {
    const before = JSON.parse((await run(folderA, ['status', '--json'], zoneA)).stdout) as { rows: { keyfigures: Record<string, number> } };
    const extra = 'interview_id,wave,district,organisation_type,theme,severity,trend\nK26-901,2026,Zwijnaarde,school,speeding,4,worse\nK26-902,2026,Oudegem,school,drugs,3,same\n';
    dir.write({ 'zone/late-keyfigures.csv': extra });
    const [imported, ...reads] = await Promise.all([
      run(folderA, ['import', '--kind', 'keyfigures', 'late-keyfigures.csv'], zoneA),
      run(folderA, ['status', '--json'], zoneA),
      run(folderA, ['profile', '--json', '--district', 'Zwijnaarde'], zoneA),
      run(folderA, ['status', '--json'], zoneA),
    ]);
    expect(imported.code, explain(imported)).toBe(0);
    for (const read of reads) expect(read.code, explain(read)).toBe(0);
    const stored = (before.rows.keyfigures['2026'] ?? 0) + 2;
    for (const read of [reads[0], reads[2]]) {
      const seen = (JSON.parse(read.stdout) as { rows: { keyfigures: Record<string, number> } }).rows.keyfigures['2026'];
      expect([before.rows.keyfigures['2026'], stored]).toContain(seen);
    }
    const after = JSON.parse((await run(folderA, ['status', '--json'], zoneA)).stdout) as { rows: { keyfigures: Record<string, number> } };
    expect(after.rows.keyfigures['2026']).toBe(stored);
  });

  it('two zones publish their peer figures at once: each sees the other afterwards', async () => {
    const [a, b] = await Promise.all([run(folderA, ['benchmark', '--json'], zoneA), run(folderB, ['benchmark', '--json'], zoneB)]);
    expect(a.code, explain(a)).toBe(0);
    expect(b.code, explain(b)).toBe(0);
    const again = JSON.parse((await run(folderA, ['benchmark', '--json'], zoneA)).stdout) as { peers: string[]; rows: unknown[] };
    expect(again.peers).toEqual([ZONE_B]);
    expect(again.rows.length).toBeGreaterThan(5);
  });

  it('a reading run sees one snapshot of its zone: an import committed meanwhile is not seen halfway through', async () => {
    dir.write({ 'zone/snapshot-keyfigures.csv': 'interview_id,wave,district,organisation_type,theme,severity,trend\nK26-951,2026,Oudegem,school,noise,2,same\n' });
    const seen = await readingZone(zoneA, undefined, async (reader) => {
      const before = { batches: (await reader.batches()).length, counts: await reader.rowCounts(), keyFigures: (await reader.keyFigures('2026')).length };
      const imported = await run(folderA, ['import', '--kind', 'keyfigures', 'snapshot-keyfigures.csv'], zoneA);
      expect(imported.code, explain(imported)).toBe(0);
      const after = { batches: (await reader.batches()).length, counts: await reader.rowCounts(), keyFigures: (await reader.keyFigures('2026')).length };
      return { before, after };
    });
    expect(seen.after).toEqual(seen.before);
    const next = await readingZone(zoneA, undefined, async (reader) => (await reader.keyFigures('2026')).length);
    expect(next).toBe(seen.before.keyFigures + 1);
  });
});
