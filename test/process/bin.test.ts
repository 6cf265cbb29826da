// The bin entry and the bundle as a shell runs them: the version inlined in the bundle, the same bytes
// as the sources every other test runs in-process, and a quiet end when the reader closes the pipe.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BAD, BIN, PACKAGE_VERSION, explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

describe('node bin/safety-scan.js', () => {
  it('--version prints the version inlined in the bundle and exits 0', () => {
    const run = workdir().spawn(['--version']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toBe(`${PACKAGE_VERSION}\n`);
    expect(run.stderr).toBe('');
  });

  it.each([
    ['help', ['--help']],
    ['a usage error in Dutch', ['--lang', 'nl', 'status', '--format', 'xml']],
    ['a store error', ['status']],
    ['an import summary with rejects', ['import', '--kind', 'survey', `${BAD}/out-of-range.csv`, '--dry-run', '--json']],
    ['estimates as CSV', ['indicators', '--format', 'csv']],
  ])('%s: the same exit code and bytes as the sources run in-process', async (_what, args) => {
    const dir = workdir();
    if (args[0] === 'indicators') expect((await dir.run(['import', '--kind', 'survey', `${BAD}/labels-nl.csv`])).code).toBe(0);
    const inProcess = await dir.run(args);
    // each run writes a rejects file of its own: the second one's would be numbered, so the first is moved away
    rmSync(dir.path('rejects'), { recursive: true, force: true });
    const spawned = dir.spawn(args);
    expect(spawned.stdout.length + spawned.stderr.length, explain(spawned)).toBeGreaterThan(0);
    expect(inProcess).toEqual(spawned);
  });

  it('a closed pipe ends the run quietly', async () => {
    const dir = workdir();
    expect((await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`])).code).toBe(0);
    const script = `"${process.execPath}" "${BIN}" status --json | head -c 1; echo " \${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: dir.dir, env: dir.processEnv(), encoding: 'utf8' });
    expect(result.stdout).toBe('{ 0\n');
    expect(result.stderr).toBe('');
  });
});
