// Several processes on one store: imports at the same time both land, and an import that cannot get the
// write lock within the busy timeout fails as a store error and changes nothing.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BAD, BIN, DEMO, explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

describe('one store, several processes', () => {
  it('two processes importing at once both finish and the store holds both', async () => {
    const dir = workdir();
    // the demo's own population figures: every district of its surveys must be known to them
    expect((await dir.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const start = (file: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'import', '--kind', 'survey', file], { cwd: dir.dir, env: dir.processEnv(), stdio: 'ignore' });
        child.on('exit', resolve);
      });
    writeFileSync(dir.path('a.csv'), readFileSync(`${DEMO}/survey-2023.csv`));
    writeFileSync(dir.path('b.csv'), readFileSync(`${DEMO}/survey-2026.csv`));
    const codes = await Promise.all([start('a.csv'), start('b.csv')]);
    expect(codes).toEqual([0, 0]);
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout);
    expect(status.rows.survey).toEqual({ 2023: 1382, 2026: 1502 });
  });

  it('three processes importing the same signals at once store them once', async () => {
    const dir = workdir().write({ 'signals.csv': readFileSync(`${DEMO}/signals.csv`) });
    expect((await dir.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const start = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'import', '--kind', 'signals', 'signals.csv'], { cwd: dir.dir, env: dir.processEnv(), stdio: 'ignore' });
        child.on('exit', resolve);
      });
    expect(await Promise.all([start(), start(), start()])).toEqual([0, 0, 0]);
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout);
    expect(status.batches.filter((batch: { kind: string }) => batch.kind === 'signals')).toHaveLength(1);
  });

  it('a store locked by another process fails after the busy timeout, unchanged', async () => {
    const dir = workdir();
    expect((await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`])).code).toBe(0);
    const before = (await dir.run(['status', '--json'])).stdout;
    const db = new Database(dir.path('safety-scan.db'));
    db.exec('BEGIN IMMEDIATE');
    const run = dir.spawn(['import', '--kind', 'survey', `${BAD}/ragged.csv`], { env: { SAFETY_SCAN_BUSY_TIMEOUT_MS: '200' } });
    db.exec('ROLLBACK');
    db.close();
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/is locked by another safety-scan process/);
    expect((await dir.run(['status', '--json'])).stdout).toBe(before);
  });

  it('a busy timeout that is not a whole number of milliseconds is exit 2 naming it, never ignored (r11)', async () => {
    const dir = workdir();
    for (const value of ['30s', '1e4', '-5', '2.5']) {
      const run = await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`], { env: { SAFETY_SCAN_BUSY_TIMEOUT_MS: value } });
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain(`SAFETY_SCAN_BUSY_TIMEOUT_MS must be a whole number of milliseconds written in digits (for example 30000), not \`${value}\`.`);
    }
    expect((await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`], { env: { SAFETY_SCAN_BUSY_TIMEOUT_MS: ' 200 ' } })).code).toBe(0);
  });

  it('a busy timeout too large to be milliseconds is refused by every command, those that only read included', async () => {
    const dir = workdir();
    expect((await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`])).code).toBe(0);
    const env = { SAFETY_SCAN_BUSY_TIMEOUT_MS: '99999999999999999999' };
    for (const args of [['status'], ['status', '--json'], ['indicators'], ['codebook'], ['forget', '1'], ['plan', '--half-width', '0.05'], ['check']]) {
      const run = await dir.run(args, { env });
      expect(run.code, `${args.join(' ')}: ${explain(run)}`).toBe(2);
      expect(run.stderr).toContain('SAFETY_SCAN_BUSY_TIMEOUT_MS must be a whole number of milliseconds written in digits (for example 30000), not `99999999999999999999`.');
      expect(run.stdout).toBe('');
    }
    dir.write({ 'safety-scan.yaml': 'estimates:\n  level: 95\n' });
    expect((await dir.run(['status'], { env })).code).toBe(2);
  });
});
