// Work at the same time on one shared store: a zone imports while another zone reports, an import into a zone
// while an analyst of that zone reads it (a nightly job while an analyst works), and peer publications of two
// zones at once. Each import is one transaction: the others see it whole or not at all, and nobody waits for a
// zone that is not theirs.
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs, type Workdir } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';
import { describePostgres, useCluster } from '../support/postgres.js';

const KEY = '7c'.repeat(32);
const ZONE_A = 'PZ Schelde-Leie';
const ZONE_B = 'Vesdre';

describePostgres('concurrent work on a shared PostgreSQL store', () => {
  const cluster = useCluster();
  const workdirs = useWorkdirs();
  let dir: Workdir;
  let folderA: string;
  let folderB: string;
  let zoneA: string;
  let zoneB: string;
  const run = (folder: string, args: string[], store: string) => runCli([...args, '--store', store], { cwd: folder, env: dir.env({ SAFETY_SCAN_KEY: KEY }) });

  beforeAll(async () => {
    dir = workdirs();
    const demo = await dir.run(['demo', 'zone'], { env: { SAFETY_SCAN_KEY: KEY } });
    if (demo.code !== 0) throw new Error(explain(demo));
    folderA = dir.path('zone');
    dir.write({ 'vesdre/safety-scan.yaml': `zone: ${ZONE_B}\n` });
    folderB = dir.path('vesdre');
    const owner = await cluster().createStore('together');
    zoneA = (await dir.run(['admin', 'add-zone', ZONE_A, '--store', owner])).stdout.trim();
    zoneB = (await dir.run(['admin', 'add-zone', ZONE_B, '--store', owner])).stdout.trim();
    const migrated = await runCli(['admin', 'migrate', '--from', join(folderA, 'safety-scan.db'), '--to', owner, '--zone', ZONE_A], { cwd: folderA, env: dir.env({ SAFETY_SCAN_KEY: KEY }) });
    if (migrated.code !== 0) throw new Error(explain(migrated));
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
});
