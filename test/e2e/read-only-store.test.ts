// A store nobody may change here (a read-only file, or a read-only folder such as a shared archive) can still
// be read, and reading it leaves nothing beside it (no -wal or -shm files that would block a later writer).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, DEMO, explain, useDemoZone, type Run } from '../helpers/cli.js';

const zone = useDemoZone();
// Root may write anything, so as root the runs are a real process as `nobody`, for whom the permissions hold.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

async function read(args: string[], env: Record<string, string> = {}): Promise<Run> {
  if (!asRoot) return zone.run(args, { env });
  chmodSync(zone.dir, 0o755);
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: zone.dir, env: zone.processEnv({ HOME: '/nonexistent', ...env }), encoding: 'utf8', uid: NOBODY, gid: NOBODY });
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

describe('writing into a store that is read-only (adversary r4, F8)', () => {
  it('is refused before anything is opened, naming what is read-only, and leaves no -wal or -shm that would block the next run', async () => {
    const folder = 'writing';
    const store = storeIn(folder);
    chmodSync(zone.path(folder), 0o777);
    const keys = zone.keys();
    const key = readFileSync(`${keys}/${readdirSync(keys)[0]}`, 'utf8').trim();
    const file = zone.path(folder, 'late.csv');
    const survey = readFileSync(`${DEMO}/survey-2026.csv`, 'utf8').split('\n');
    writeFileSync(file, `${survey[0]}\n${survey[1].replace(/^[^,;]+/, 'LATE-1')}\n`);
    chmodSync(file, 0o644);
    const refused = await read(['--store', store, 'import', '--kind', 'survey', file], { SAFETY_SCAN_KEY: key });
    expect(refused.code, explain(refused)).toBe(5);
    expect(refused.stderr).toContain(`${store} is read-only, so the store ${store} cannot be changed`);
    expect(readdirSync(zone.path(folder)).sort()).toEqual(['late.csv', 'safety-scan.db']);
    // writable again: the next import works (before, read-only -wal and -shm files refused it for ever)
    chmodSync(store, 0o666);
    const stored = await read(['--store', store, 'import', '--kind', 'survey', file], { SAFETY_SCAN_KEY: key });
    expect(stored.code, explain(stored)).toBe(0);
    // a read-only -shm an older version left beside a writable store is named
    writeFileSync(`${store}-shm`, '');
    chmodSync(`${store}-shm`, 0o444);
    const named = await read(['--store', store, 'import', '--kind', 'survey', '--replace', file], { SAFETY_SCAN_KEY: key });
    expect(named.code, explain(named)).toBe(5);
    expect(named.stderr).toContain(`${store}-shm is read-only`);
    expect(existsSync(`${store}-wal`)).toBe(false);
  });
});
