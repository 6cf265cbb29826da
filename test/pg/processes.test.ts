// Processes of the built CLI on one new PostgreSQL store at once: each migrates it on opening, under the
// advisory lock, so the schema is made once and every process adds its zone.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { BIN, useWorkdirs } from '../helpers/cli.js';
import { describePostgres, useCluster } from '../support/postgres.js';

describePostgres('several processes on one new PostgreSQL store', () => {
  const cluster = useCluster();
  const workdir = useWorkdirs();

  it('three processes adding zones to a new store at once make its schema once and add every zone', async () => {
    const store = await cluster().createStore('at_once');
    const dir = workdir();
    const addZone = (zone: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'admin', 'add-zone', zone, '--store', store], { cwd: dir.dir, env: dir.processEnv() });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const runs = await Promise.all(['Gent', 'Brugge', 'Kortrijk'].map(addZone));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const zones = await cluster().sql<{ name: string }>('at_once', 'SELECT name FROM zones ORDER BY name');
    expect(zones.map((zone) => zone.name)).toEqual(['Brugge', 'Gent', 'Kortrijk']);
    const meta = await cluster().sql<{ key: string }>('at_once', "SELECT key FROM meta WHERE key = 'store_id'");
    expect(meta).toHaveLength(1);
  });
});
