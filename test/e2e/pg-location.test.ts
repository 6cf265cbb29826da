// A PostgreSQL URL given to a command that does not run on PostgreSQL yet (issue 16, first slice): exit 2 with
// the URL's password hidden, and nothing made on disk (before, the URL was taken for a file path: `import`
// made a SQLite store in a folder named `postgres:` and `status` printed the password).
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createContext, withSqliteStore } from '../../src/cli/context.js';
import { explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();
const URL = 'postgres://owner:s3cret-Pa55@db.example.be:5432/safety';

describe('a postgres:// store for a command that needs the SQLite store', () => {
  // import, forget and map write a zone of the store (test/pg/import.test.ts)
  for (const args of [['status'], ['indicators']]) {
    it(`${args[0]}: exit 2, the password hidden, nothing made`, async () => {
      const dir = workdir();
      const run = await dir.run(['--store', URL, ...args]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain('does not run on a PostgreSQL store yet (postgres://owner:***@db.example.be:5432/safety)');
      expect(run.stdout + run.stderr).not.toContain('s3cret');
      expect(readdirSync(dir.dir)).toEqual([]);
    });
  }

  it('from SAFETY_SCAN_STORE or the configuration file too, in the reader\'s language', async () => {
    const dir = workdir();
    const fromEnv = await dir.run(['--lang', 'nl', 'status'], { env: { SAFETY_SCAN_STORE: URL } });
    expect(fromEnv.code, explain(fromEnv)).toBe(2);
    expect(fromEnv.stderr).toContain('werkt nog niet op een PostgreSQL-databank');
    dir.write({ 'safety-scan.yaml': `store: ${URL}\n` });
    const fromConfig = await dir.run(['--lang', 'fr', 'status']);
    expect(fromConfig.code, explain(fromConfig)).toBe(2);
    expect(fromConfig.stderr).toContain('ne fonctionne pas encore sur une base PostgreSQL');
    expect(fromEnv.stderr + fromConfig.stderr).not.toContain('s3cret');
    expect(existsSync(dir.path('postgres:'))).toBe(false);
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
