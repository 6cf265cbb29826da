// A PostgreSQL URL given to a command that does not run on PostgreSQL yet (issue 16, first slice): exit 2 with
// the URL's password hidden, and nothing made on disk (before, the URL was taken for a file path: `import`
// made a SQLite store in a folder named `postgres:` and `status` printed the password). Every command connects
// now (test/pg/read.test.ts, test/pg/import.test.ts): a server out of reach is a store error, the password
// hidden, nothing made.
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createContext, withSqliteStore } from '../../src/cli/context.js';
import { DEMO, explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();
const URL = 'postgres://owner:s3cret-Pa55@db.example.be:5432/safety';

/** A port of this machine nobody listens on: refused at once, no network needed. */
function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe('a postgres:// store', () => {
  it('from SAFETY_SCAN_STORE or the configuration file too, the password hidden, no folder named postgres:', async () => {
    const port = await closedPort();
    const local = `postgres://owner:s3cret-Pa55@127.0.0.1:${port}/safety`;
    const dir = workdir();
    const fromEnv = await dir.run(['--lang', 'nl', 'forget', '1'], { env: { SAFETY_SCAN_STORE: local } });
    expect(fromEnv.code, explain(fromEnv)).toBe(5);
    expect(fromEnv.stderr).toContain(`postgres://owner:***@127.0.0.1:${port}/safety`);
    dir.write({ 'safety-scan.yaml': `store: ${local}\n` });
    const fromConfig = await dir.run(['--lang', 'fr', 'forget', '1']);
    expect(fromConfig.code, explain(fromConfig)).toBe(5);
    expect(fromEnv.stderr + fromConfig.stderr).not.toContain('s3cret');
    expect(existsSync(dir.path('postgres:'))).toBe(false);
  });

  it('any command with a server out of reach: exit 5, the password hidden, nothing made', async () => {
    const port = await closedPort();
    const local = `postgres://owner:s3cret-Pa55@127.0.0.1:${port}/safety`;
    const commands = [['status'], ['indicators'], ['import', '--kind', 'population', `${DEMO}/population.csv`], ['forget', '1'], ['map', '--kind', 'signals', `${DEMO}/signals.csv`]];
    for (const args of commands) {
      const dir = workdir();
      const run = await dir.run(['--store', local, ...args]);
      expect(run.code, explain(run)).toBe(5);
      expect(run.stderr).toContain(`postgres://owner:***@127.0.0.1:${port}/safety`);
      expect(run.stdout + run.stderr).not.toContain('s3cret');
      expect(readdirSync(dir.dir)).toEqual([]);
    }
  });

  it('admin on a store file says it needs PostgreSQL', async () => {
    const run = await workdir().run(['admin', 'add-zone', 'Gent']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/PostgreSQL/);
  });

  it('leaves the demo its own store file in its folder, as a store file given would (the URL is never read)', async () => {
    const quiet = { write: () => true };
    const context = await createContext({ store: URL, color: false }, { stdout: quiet, stderr: quiet }, {}, '/tmp', 'defaults');
    expect(() => context.store).toThrow(/usage.pg_not_yet/);
    const demo = withSqliteStore(context, '/tmp/demo/safety-scan.db', context.settings);
    expect(demo.store).toBe('/tmp/demo/safety-scan.db');
    expect(demo.location).toEqual({ engine: 'sqlite', path: '/tmp/demo/safety-scan.db' });
    expect(demo.t).toBe(context.t);
  });
});
