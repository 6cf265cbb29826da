// Small edges of the command line that once did the wrong thing quietly: batch numbers in other notations,
// an empty SAFETY_SCAN_STORE, and forget on a store that may not be changed.
import { chmodSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD, BIN, Workdir, explain } from '../helpers/cli.js';

describe('forget', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());

  it.each(['0x3', '1e0', ' 2', '2.0', '-1', '0'])('refuses the batch number %j (exit 2) and removes nothing', async (batch) => {
    if (!existsSync(dir.path('safety-scan.db'))) {
      for (const file of ['population.csv', 'ragged.csv']) await dir.run(['import', '--kind', file.startsWith('p') ? 'population' : 'survey', `${BAD}/${file}`]);
    }
    const run = await dir.run(['forget', batch]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('is not a batch number');
    expect(JSON.parse((await dir.run(['status', '--json'])).stdout).batches).toHaveLength(2);
  });

  // a batch's number is never given again after the latest batch is forgotten (adversarial run r25, F4): a retried
  // `forget 1` removed the next import
  it('never gives a forgotten batch\'s number to the next import', async () => {
    const own = new Workdir();
    try {
      own.write({ 'a.csv': 'district;sex;age_group;population\nNoord;M;15-29;100\n', 'b.csv': 'district;sex;age_group;population\nZuid;M;15-29;100\n' });
      const batch = async (file: string) => (JSON.parse((await own.run(['import', '--kind', 'population', '--json', file])).stdout) as { files: Array<{ batch: number }> }).files[0].batch;
      expect(await batch('a.csv')).toBe(1);
      expect((await own.run(['forget', '1'])).code).toBe(0);
      expect(await batch('b.csv')).toBe(2);
      const again = await own.run(['forget', '1']);
      expect(again.code, explain(again)).not.toBe(0);
      expect(JSON.parse((await own.run(['status', '--json'])).stdout).batches).toHaveLength(1);
    } finally {
      own.remove();
    }
  });

  it.each([
    ['a read-only store file', 'safety-scan.db', 0o444, 0o755],
    ['a store in a read-only folder', '', 0o666, 0o555],
  ])('on %s is a store error (exit 5) naming what is read-only, as import says (round 8, 4), and the batch stays', async (_what, named, storeMode, folderMode) => {
    const store = dir.path('safety-scan.db');
    chmodSync(store, storeMode);
    chmodSync(dir.dir, folderMode);
    try {
      // as root the permission holds only for another user: a real process as `nobody`
      const run =
        process.getuid?.() === 0
          ? spawnSync(process.execPath, [BIN, 'forget', '2'], { cwd: dir.dir, env: dir.processEnv({ HOME: '/nonexistent' }), encoding: 'utf8', uid: 65534, gid: 65534 })
          : await dir.run(['forget', '2']);
      const code = 'code' in run ? run.code : run.status;
      expect(code, run.stderr).toBe(5);
      expect(run.stderr).toContain(`${dir.path(named)} is read-only, so the store ${store} cannot be changed; nothing was written.`);
      expect(run.stderr).not.toContain('SQLITE_READONLY');
    } finally {
      chmodSync(dir.dir, 0o755);
      chmodSync(store, 0o600);
    }
    expect(JSON.parse((await dir.run(['status', '--json'])).stdout).batches).toHaveLength(2);
  });
});

describe('an empty SAFETY_SCAN_STORE', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());

  it('means unset: the store is ./safety-scan.db, not the folder itself', async () => {
    const run = await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`], { env: { SAFETY_SCAN_STORE: '' } });
    expect(run.code, explain(run)).toBe(0);
    expect(existsSync(dir.path('safety-scan.db'))).toBe(true);
  });
});
