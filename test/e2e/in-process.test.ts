// The in-process runner is only as good as its isolation: a run talks through the streams it is given,
// and leaves the test process as it found it (environment, folder, exit code, open files, threads).
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO, Workdir, explain } from '../helpers/cli.js';

const late = Array.from({ length: 3000 }, (_, i) => `L${i};2026;Oudegem;F;44;2`);
const workdir = new Workdir().write({ 'late-failure.csv': ['respondent_id;wave;district;sex;age;unsafe_freq', ...late, 'L3000;2026;Nergensdorp;F;44;2'].join('\n') });
afterAll(() => workdir.remove());

/** Files this process holds open inside the work folder. */
function openFiles(): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return ''; // closed while listing (the listing's own descriptor)
      }
    })
    .filter((target) => target.startsWith(workdir.dir));
}

/** Threads of this process: a worker thread left running is one more. */
function threads(): number {
  return Number(/^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
}

/** How many of each kind of handle keeps the event loop alive (timers, sockets, file watchers...). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('running the CLI in-process', () => {
  it('uses only the given streams, environment and folder, and leaves nothing open behind', async () => {
    const env = structuredClone(process.env);
    const cwd = process.cwd();
    const exitCode = process.exitCode;
    // a first import starts whatever the runtime starts once (libuv's thread pool), so what follows is counted fairly
    expect((await workdir.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const before = resources();
    const threadsBefore = threads();
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const runs = [
      // more rows than one hashing batch, so ids are hashed on the worker thread
      await workdir.run(['import', '--kind', 'survey', `${DEMO}/survey-2026.csv`]),
      // a file that fails after its 3,001 rows were read, with the worker thread busy (a district no population figure knows)
      await workdir.run(['import', '--kind', 'survey', workdir.path('late-failure.csv')]),
      await workdir.run(['indicators', '--indicator', 'unsafe_often']),
      await workdir.run(['--lang', 'fr', 'status', '--help']),
      await workdir.run(['status', '--store', 'missing.db']),
      await workdir.run(['status', '--frob']),
    ];
    stdout.mockRestore();
    stderr.mockRestore();
    expect(runs.map((run) => run.code), runs.map(explain).join('\n')).toEqual([0, 3, 0, 0, 5, 2]);
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(process.env).toEqual(env);
    expect(process.cwd()).toBe(cwd);
    expect(process.exitCode).toBe(exitCode);
    expect(threads()).toBeLessThanOrEqual(threadsBefore);
    const after = resources();
    for (const [kind, count] of Object.entries(after)) expect(count, `${kind} handles`).toBeLessThanOrEqual(before[kind] ?? 0);
    expect(openFiles()).toEqual([]);
  });
});
