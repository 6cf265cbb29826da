// An import killed at random moments always leaves a store that opens and holds the whole file or none of it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, Workdir } from '../helpers/cli.js';
import { writeSurvey } from '../../bench/generate-survey.mjs';

const ROWS = 60_000;
const KILLS = 20;

/** A seeded sequence of delays, so the test is the same every run. */
function delays(count: number, maxMs: number): number[] {
  let state = 20261128;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 40 + (state % maxMs);
  });
}

describe('killed imports', () => {
  const workdir = new Workdir();
  beforeAll(async () => {
    await writeSurvey(workdir.path('big.csv'), { respondents: ROWS, districts: 40 });
    await writeSurvey(workdir.path('small.csv'), { respondents: 500, districts: 40, wave: '2023', seed: 9 });
    // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
    expect((await workdir.run(['import', '--kind', 'survey', workdir.path('small.csv')])).code).toBe(0);
  });
  afterAll(() => workdir.remove());

  it(`leave the store whole after ${KILLS} SIGKILLs at random moments`, async () => {
    const outcomes = { none: 0, whole: 0 };
    for (const delay of delays(KILLS, 1500)) {
      const child = spawn(process.execPath, [BIN, 'import', '--kind', 'survey', 'big.csv'], { cwd: workdir.dir, env: workdir.processEnv(), stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      const status = await workdir.run(['status', '--json']);
      expect(status.code, status.stderr).toBe(0);
      const rows = JSON.parse(status.stdout).rows.survey as Record<string, number>;
      expect(rows['2023']).toBe(500);
      expect([undefined, ROWS]).toContain(rows['2026']);
      if (rows['2026'] === ROWS) {
        outcomes.whole++;
        expect((await workdir.run(['forget', String(JSON.parse(status.stdout).batches.at(-1).id)])).code).toBe(0);
      } else outcomes.none++;
    }
    expect(outcomes.none + outcomes.whole).toBe(KILLS);
    // Most kills land mid-import; the point is that none leaves a partial file behind.
    expect(outcomes.none).toBeGreaterThan(0);
  }, 180_000);
});

// A fresh adversarial run (r7, F7): Ctrl-C during the first import into a new store left an empty store, its
// -wal and -shm, the folders made for it and a key file. A run asked to stop now stops in order.
describe('interrupted imports', () => {
  const workdir = new Workdir();
  beforeAll(async () => {
    await writeSurvey(workdir.path('big.csv'), { respondents: 150_000, districts: 40 });
    await writeSurvey(workdir.path('small.csv'), { respondents: 500, districts: 40, wave: '2023', seed: 9 });
  });
  afterAll(() => workdir.remove());

  /** Starts an import and sends `signal` once `marker` is there (the store file or its -wal: the import is then under way). */
  async function interrupt(store: string, signal: NodeJS.Signals, marker = store): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [BIN, '--store', store, 'import', '--kind', 'survey', 'big.csv'], { cwd: workdir.dir, env: workdir.processEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!existsSync(workdir.path(marker)) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill(signal);
    return { code: await exited, stderr };
  }

  it('into a new store: exit 130, and the store, its folders and its key file are gone', async () => {
    const { code, stderr } = await interrupt('sub/dir/s.db', 'SIGINT');
    expect(code, stderr).toBe(130);
    expect(stderr).toBe('error: stopped by SIGINT: the file being imported was not stored, and the store is as it was before that file (a store this command made is removed).\n');
    expect(existsSync(workdir.path('sub')), readdirSync(workdir.dir).join(', ')).toBe(false);
    const keys = workdir.keys();
    expect(existsSync(keys) ? readdirSync(keys) : []).toEqual([]);
  }, 60_000);

  // r15, F1: an empty store file (touch, mktemp) was sometimes left initialised, keyed, without its key file
  it('into an empty store file: exit 130, and the file 0 bytes again, with nothing beside it and no key file', async () => {
    writeFileSync(workdir.path('empty.db'), '');
    const { code, stderr } = await interrupt('empty.db', 'SIGINT', 'empty.db-wal');
    expect(code, stderr).toBe(130);
    expect(statSync(workdir.path('empty.db')).size).toBe(0);
    expect(readdirSync(workdir.dir).filter((name) => name.startsWith('empty.db'))).toEqual(['empty.db']);
    const keys = workdir.keys();
    expect(existsSync(keys) ? readdirSync(keys) : []).toEqual([]);
  }, 60_000);

  it('into a store with data: exit 143, the store as it was', async () => {
    expect((await workdir.run(['--store', 'kept.db', 'import', '--kind', 'survey', workdir.path('small.csv')])).code).toBe(0);
    const before = (await workdir.run(['--store', 'kept.db', 'status', '--json'])).stdout;
    const { code, stderr } = await interrupt('kept.db', 'SIGTERM', 'kept.db-wal');
    expect(code, stderr).toBe(143);
    expect(stderr).toContain('stopped by SIGTERM');
    expect((await workdir.run(['--store', 'kept.db', 'status', '--json'])).stdout).toBe(before);
    expect(readdirSync(workdir.dir).filter((name) => name.startsWith('kept.db')).sort()).toEqual(['kept.db']);
  }, 60_000);
});
