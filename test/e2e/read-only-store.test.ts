// A store nobody may change here (a read-only file, or a read-only folder such as a shared archive) can still
// be read, and reading it leaves nothing beside it (no -wal or -shm files that would block a later writer).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, explain, useDemoZone, type Run } from '../helpers/cli.js';

const zone = useDemoZone();
// Root may write anything, so as root the runs are a real process as `nobody`, for whom the permissions hold.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

async function read(args: string[]): Promise<Run> {
  if (!asRoot) return zone.run(args);
  chmodSync(zone.dir, 0o755);
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: zone.dir, env: zone.processEnv({ HOME: '/nonexistent' }), encoding: 'utf8', uid: NOBODY, gid: NOBODY });
  return { args, code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function storeIn(folder: string): string {
  mkdirSync(zone.path(folder));
  const store = zone.path(folder, 'safety-scan.db');
  copyFileSync(zone.path('zone', 'safety-scan.db'), store);
  chmodSync(store, 0o444);
  return store;
}

describe('a read-only store', () => {
  afterAll(() => {
    for (const folder of ['archive', 'shared']) chmodSync(zone.path(folder), 0o755);
  });

  it.each([
    ['in a read-only folder', 'archive', 0o555],
    ['as a read-only file in a writable folder', 'shared', 0o755],
  ])('%s: status, indicators and report read it and leave nothing beside it', async (_what, folder, folderMode) => {
    const store = storeIn(folder);
    chmodSync(zone.path(folder), folderMode);
    const out = zone.path(`out-${folder}`);
    mkdirSync(out, { mode: 0o777 });
    chmodSync(out, 0o777);
    for (const args of [['status'], ['indicators', '--format', 'json'], ['report', '--out', out]]) {
      const run = await read(['--store', store, ...args]);
      expect(run.code, explain(run)).toBe(0);
    }
    expect(readdirSync(zone.path(folder))).toEqual(['safety-scan.db']);
  });
});
