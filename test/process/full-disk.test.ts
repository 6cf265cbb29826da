// A full disk (here: a file-size limit) while the rejects file is written: one clear error and an exit, never a
// hang; every close of the import's clean-up runs (the pseudonym worker included) and the store is unchanged.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, DEMO, Workdir, explain } from '../helpers/cli.js';

const HEADER = 'respondent_id;wave;district;sex;age;unsafe_freq';

/** The tool run as its own process in `disk`, with the zone's environment. */
function runOn(disk: string, zone: Workdir, args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: disk, env: zone.processEnv(), encoding: 'utf8', timeout: 60_000 });
  return { args, code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The tmpfs unmounted (when it was mounted) and the zone's folder removed. */
function unmount(mounted: boolean, disk: string, zone: Workdir): void {
  if (mounted) spawnSync('umount', [disk]);
  zone.remove();
}

describe('a rejects file that cannot be written', () => {
  const workdir = new Workdir();
  beforeAll(async () => {
    // 40,000 rejected rows make a rejects file of about 3 MB; the store stays far below the 1 MB limit.
    const rows = Array.from({ length: 40_000 }, (_, i) => `R${i};2026;Oudegem;F;44;9`);
    workdir.write({ 'small.csv': `${HEADER}\nS1;2026;Oudegem;F;44;2\n`, 'big.csv': `${HEADER}\nB1;2026;Oudegem;F;44;2\n${rows.join('\n')}\n` });
    const run = await workdir.run(['import', '--kind', 'survey', 'small.csv']);
    expect(run.code, explain(run)).toBe(0);
  });
  afterAll(() => workdir.remove());

  it('ends the run with one error line, a failure exit code and the store as it was', async () => {
    const before = (await workdir.run(['status', '--json'])).stdout;
    // bash counts `ulimit -f` in KiB: past 1 MB a write fails with EFBIG (Node ignores SIGXFSZ)
    const result = spawnSync('bash', ['-c', `ulimit -f 1024; exec "${process.execPath}" "${BIN}" import --kind survey big.csv`], {
      cwd: workdir.dir,
      env: workdir.processEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.signal, 'the import hung and was killed').toBeNull();
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors, result.stderr).toHaveLength(1);
    expect((await workdir.run(['status', '--json'])).stdout).toBe(before);
    // neither a truncated rejects file nor its partial one is left, nor the folder this run made for them (issue 17, r10 F7)
    expect(existsSync(workdir.path('rejects'))).toBe(false);
  }, 90_000);
});

describe('a demo stopped by a file-size limit once its store holds data', () => {
  const workdir = new Workdir();
  afterAll(() => workdir.remove());

  it('removes the store it made and that store’s key file, which would key nothing', () => {
    // 200 KiB: the store takes the population and the first survey, then a write fails
    const result = spawnSync('bash', ['-c', `ulimit -f 200; exec "${process.execPath}" "${BIN}" demo zone`], { cwd: workdir.dir, env: workdir.processEnv(), encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
    expect(result.status, result.stderr).toBe(5);
    expect(result.stdout + result.stderr).toMatch(/survey-2023\.csv \(survey\): .* stored/);
    expect(existsSync(workdir.path('zone'))).toBe(false);
    expect(readdirSync(workdir.keys())).toEqual([]);
  }, 90_000);
});

// A real full disk needs a file system of its own: a 1 MB tmpfs, which only root may mount (skipped otherwise).
describe('a store on a full disk (adversary r4, F2)', () => {
  const zone = new Workdir();
  const disk = zone.path('disk');
  let mounted = false;
  beforeAll(async () => {
    const demo = await zone.run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(0);
    mkdirSync(disk);
    mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status === 0;
    if (!mounted) return;
    copyFileSync(zone.path('zone', 'safety-scan.db'), join(disk, 's.db'));
    // a store whose -wal holds a change not yet in the file: a copy of the file alone would miss it
    const writer = new Database(zone.path('zone', 'safety-scan.db'));
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("INSERT INTO meta (key, value) VALUES ('probe', '1')").run();
    copyFileSync(zone.path('zone', 'safety-scan.db'), join(disk, 'w.db'));
    copyFileSync(zone.path('zone', 'safety-scan.db-wal'), join(disk, 'w.db-wal'));
    writer.close();
    expect(statSync(join(disk, 'w.db-wal')).size).toBeGreaterThan(0);
    // filled to the last block
    const fd = openSync(join(disk, 'fill'), 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(4096));
    } catch {
      // ENOSPC: full
    } finally {
      closeSync(fd);
    }
  });
  afterAll(() => unmount(mounted, disk, zone));
  const run = (args: string[]) => runOn(disk, zone, args);

  it('is read from a copy in memory, and nothing is left beside it', (context) => {
    if (!mounted) context.skip();
    const status = run(['--store', 's.db', 'status']);
    expect(status.code, explain(status)).toBe(0);
    // what cannot be written is a full disk (exit 3), never a "disk I/O error" of the store
    const indicators = run(['--store', 's.db', 'indicators', '--format', 'csv', '--out', 'x.csv']);
    expect(indicators.code, explain(indicators)).toBe(3);
    expect(indicators.stderr).toContain('x.csv: could not be written: the disk is full');
    expect(readdirSync(disk).sort()).toEqual(['fill', 's.db', 'w.db', 'w.db-wal']);
  });

  it('says the disk is full when the store has changes its -wal still holds (exit 5), and leaves the -wal as it was', (context) => {
    if (!mounted) context.skip();
    const wal = readFileSync(join(disk, 'w.db-wal'));
    const status = run(['--store', 'w.db', 'status']);
    expect(status.code, explain(status)).toBe(5);
    expect(status.stderr).toBe(`error: the disk is full; the store ${join(disk, 'w.db')} was left as it was. Free some space and try again.\n`);
    expect(readdirSync(disk).sort()).toEqual(['fill', 's.db', 'w.db', 'w.db-wal']);
    expect(readFileSync(join(disk, 'w.db-wal')).equals(wal)).toBe(true);
  });

  it('refuses an import as a full disk (exit 5), leaving nothing beside the store', (context) => {
    if (!mounted) context.skip();
    const store = readFileSync(join(disk, 's.db'));
    const imported = run(['--store', 's.db', 'import', '--kind', 'signals', join(DEMO, 'signals.csv')]);
    expect(imported.code, explain(imported)).toBe(5);
    expect(imported.stderr).toContain(`error: the disk is full; the store ${join(disk, 's.db')} was left as it was.`);
    expect(readdirSync(disk).sort()).toEqual(['fill', 's.db', 'w.db', 'w.db-wal']);
    expect(readFileSync(join(disk, 's.db')).equals(store)).toBe(true);
  });

  // a fresh adversarial run (r7, F6): forget wrote to a read-only copy and said SQLITE_READONLY, "check that you may write"
  it('refuses forget as a full disk (exit 5), in words, leaving the store as it was', (context) => {
    if (!mounted) context.skip();
    const store = readFileSync(join(disk, 's.db'));
    const forget = run(['--store', 's.db', 'forget', '1']);
    expect(forget.code, explain(forget)).toBe(5);
    expect(forget.stderr).toBe(`error: the disk is full; the store ${join(disk, 's.db')} was left as it was. Free some space and try again.\n`);
    expect(readdirSync(disk).sort()).toEqual(['fill', 's.db', 'w.db', 'w.db-wal']);
    expect(readFileSync(join(disk, 's.db')).equals(store)).toBe(true);
  });
});

// adversarial run r9, F7: with a few blocks left, SQLite cannot grow the demo store's -shm (SQLITE_IOERR_SHMSIZE) and
// the demo said "cannot write to the store ... check that you may write", leaving its configuration, goals and marker.
describe('the demo on a nearly full disk (adversarial run r9, F7)', () => {
  const zone = new Workdir();
  const disk = zone.path('disk');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(disk);
    mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status === 0;
    if (!mounted) return;
    // about 28 KB left: room for the demo's configuration and goals, not for the store's 32 KB -shm
    const { bavail, bsize } = statfsSync(disk);
    writeFileSync(join(disk, 'fill'), Buffer.alloc(bavail * bsize - 28 * 1024));
    mkdirSync(join(disk, 'empty'));
  });
  afterAll(() => unmount(mounted, disk, zone));
  const run = (args: string[]) => runOn(disk, zone, args);

  it('says the disk is full (exit 5, the store) and removes the folder it made', (context) => {
    if (!mounted) context.skip();
    const demo = run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(5);
    const errors = demo.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toEqual([`error: the disk is full; the demo store ${join(disk, 'zone', 'safety-scan.db')} could not be made, and what the demo had written was removed again. Free some space and try again.`]);
    expect(readdirSync(disk).sort()).toEqual(['empty', 'fill']);
  });

  it('leaves an empty folder it was given empty', (context) => {
    if (!mounted) context.skip();
    const demo = run(['demo', 'empty']);
    expect(demo.code, explain(demo)).toBe(5);
    expect(demo.stderr).toContain('error: the disk is full; the demo store');
    expect(readdirSync(join(disk, 'empty'))).toEqual([]);
  });
});
