// `safety-scan admin add-zone`: run by the store's owner, it adds a zone whose printed connection string logs
// in as that zone alone; re-running is an error unless --rotate-password; a SQLite store, a wrong password, a
// server out of reach or a missing database are clear errors that never show the password.
import { describe, expect, it } from 'vitest';
import { explain, useWorkdirs } from '../helpers/cli.js';
import { asLogin, describePostgres, useCluster } from '../support/postgres.js';


const BATCH = `INSERT INTO batches (kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
               VALUES ('survey', 'survey.csv', 'sha', 'opt', '["2026"]', 1, 1, 0, 'test', '2026-12-03T18:00:00Z', '{}')`;

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

describePostgres('safety-scan admin add-zone', () => {
  const cluster = useCluster();
  const workdir = useWorkdirs();

  it('prints a connection string that logs in as the zone, confined to its own rows', async () => {
    const store = await cluster().createStore('confined');
    const dir = workdir();
    const gent = await dir.run(['admin', 'add-zone', 'Gent', '--store', store]);
    expect(gent.code, explain(gent)).toBe(0);
    const lines = gent.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const connection = lines[0];
    expect(connection).toMatch(/^postgres:\/\/zone_gent_[0-9a-f]{8}:[\w-]{32}@127\.0\.0\.1:\d+\/confined$/);
    expect(gent.stderr).toMatch(/Zone Gent added, with the PostgreSQL role zone_gent_[0-9a-f]{8}/);
    expect(gent.stderr).not.toContain(passwordOf(connection));
    const brugge = await dir.run(['admin', 'add-zone', 'Brugge', '--store', store]);
    expect(brugge.code, explain(brugge)).toBe(0);
    await asLogin(brugge.stdout.trim(), (client) => client.query(BATCH));
    const seen = await asLogin(connection, async (client) => {
      const user = (await client.query<{ user: string }>('SELECT current_user AS user')).rows[0].user;
      const before = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM batches')).rows[0].n;
      await client.query(BATCH);
      const zones = (await client.query<{ zone: string }>('SELECT zone FROM batches')).rows.map((row) => row.zone);
      return { user, before, zones };
    });
    expect(seen).toEqual({ user: connection.slice('postgres://'.length, connection.indexOf(':', 11)), before: 0, zones: ['Gent'] });
  });

  it('writes the connection string as JSON with --json, and from SAFETY_SCAN_STORE', async () => {
    const store = await cluster().createStore('as_json');
    const run = await workdir().run(['admin', 'add-zone', 'Zone de police Vesdre', '--json'], { env: { SAFETY_SCAN_STORE: store } });
    expect(run.code, explain(run)).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toEqual({
      schema_version: 1,
      zone: 'Zone de police Vesdre',
      role: expect.stringMatching(/^zone_zone_de_police_vesdre_[0-9a-f]{8}$/),
      connection_string: expect.stringMatching(/^postgres:\/\//),
      password_rotated: false,
    });
    expect(await asLogin(output.connection_string, async (client) => (await client.query('SELECT current_user AS u')).rows[0].u)).toBe(output.role);
  });

  it('refuses to add a zone twice; --rotate-password gives it a new password and the old one stops working', async () => {
    const store = await cluster().createStore('rotated');
    const dir = workdir();
    const first = (await dir.run(['admin', 'add-zone', 'Ronse', '--store', store])).stdout.trim();
    const again = await dir.run(['admin', 'add-zone', 'ronse', '--store', store]);
    expect(again.code, explain(again)).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already has the zone Ronse .*--rotate-password/);
    const rotated = await dir.run(['admin', 'add-zone', 'Ronse', '--rotate-password', '--store', store]);
    expect(rotated.code, explain(rotated)).toBe(0);
    expect(rotated.stderr).toMatch(/New password for zone Ronse/);
    const second = rotated.stdout.trim();
    expect(passwordOf(second)).not.toBe(passwordOf(first));
    await expect(asLogin(first, (client) => client.query('SELECT 1'))).rejects.toThrow(/password authentication failed/);
    expect(await asLogin(second, async (client) => (await client.query('SELECT count(*)::int AS n FROM zones')).rows[0].n)).toBe(1);
  });

  // adversarial run r36, A2: both names began alike for 30 characters, so both had one role: the second was
  // refused as the first, and --rotate-password with the second (or a prefix) rotated the first's password
  it('gives zones whose long names begin alike roles of their own; rotating one leaves the other', async () => {
    const store = await cluster().createStore('long_names');
    const dir = workdir();
    const first = (await dir.run(['admin', 'add-zone', 'Politiezone Regio Vlaamse Ardennen en Oudenaarde Zuid Oost A', '--store', store])).stdout.trim();
    const added = await dir.run(['admin', 'add-zone', 'Politiezone Regio Vlaamse Ardennen Noord', '--store', store, '--json']);
    expect(added.code, explain(added)).toBe(0);
    const second = JSON.parse(added.stdout);
    expect(second.role).not.toBe(first.slice('postgres://'.length, first.indexOf(':', 11)));
    const prefix = await dir.run(['admin', 'add-zone', 'Politiezone Regio Vlaamse Ardennen', '--rotate-password', '--store', store]);
    expect(prefix.code, explain(prefix)).toBe(2);
    expect(prefix.stderr).toMatch(/no zone Politiezone Regio Vlaamse Ardennen to give a new password to/);
    const rotated = await dir.run(['admin', 'add-zone', 'Politiezone Regio Vlaamse Ardennen Noord', '--rotate-password', '--store', store]);
    expect(rotated.code, explain(rotated)).toBe(0);
    expect(await asLogin(first, async (client) => (await client.query('SELECT count(*)::int AS n FROM zones')).rows[0].n)).toBe(2);
    await expect(asLogin(second.connection_string, (client) => client.query('SELECT 1'))).rejects.toThrow(/password authentication failed/);
  });

  it('--rotate-password for a zone the store does not have is a usage error naming its zones', async () => {
    const store = await cluster().createStore('unknown_zone');
    const dir = workdir();
    expect((await dir.run(['admin', 'add-zone', 'Aalst', '--store', store])).code).toBe(0);
    const run = await dir.run(['admin', 'add-zone', 'Gent', '--rotate-password', '--store', store]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/no zone Gent to give a new password to; its zones: Aalst\./);
  });

  it('refuses a zone name that is not a name', async () => {
    const store = await cluster().createStore('bad_name');
    const run = await workdir().run(['admin', 'add-zone', "Gent'; DROP TABLE zones; --", '--store', store]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/invalid zone name/);
  });

  it('a zone\'s own connection string cannot add zones', async () => {
    const store = await cluster().createStore('by_zone');
    const dir = workdir();
    const zone = (await dir.run(['admin', 'add-zone', 'Gent', '--store', store])).stdout.trim();
    const run = await dir.run(['admin', 'add-zone', 'Brugge', '--store', zone]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/may not do this \(permission denied to create role\); the store's owner/);
    expect(run.stderr).not.toContain(passwordOf(zone));
  });

  it('a wrong password is a store error (exit 5) that never shows the password, even with --verbose', async () => {
    const store = await cluster().createStore('wrong_password');
    const wrong = cluster().url('wrong_password', { user: 'wrong_password_owner', password: 'Sesame-0penS3sam3' });
    expect(store).not.toContain('Sesame');
    for (const args of [['admin', 'add-zone', 'Gent', '--store', wrong], ['--verbose', 'admin', 'add-zone', 'Gent', '--store', wrong]]) {
      const run = await workdir().run(args);
      expect(run.code, explain(run)).toBe(5);
      expect(run.stderr).toMatch(/refused the login of wrong_password_owner; check the user name and password/);
      expect(run.stderr).toContain('postgres://wrong_password_owner:***@127.0.0.1');
      expect(run.stdout + run.stderr).not.toContain('Sesame');
    }
  });

  it('a role of that name made outside the store is left alone: a usage error naming it', async () => {
    const store = await cluster().createStore('role_taken');
    const dir = workdir();
    expect((await dir.run(['admin', 'add-zone', 'Aalst', '--store', store])).code).toBe(0);
    const [{ id }] = await cluster().sql<{ id: string }>('role_taken', "SELECT value AS id FROM meta WHERE key = 'store_id'");
    await cluster().sql('postgres', `CREATE ROLE zone_gent_${id.slice(0, 8)}`);
    const run = await dir.run(['admin', 'add-zone', 'Gent', '--store', store]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`the PostgreSQL role zone_gent_${id.slice(0, 8)} for zone Gent already exists on this server but belongs to no zone of this store`);
    expect(await cluster().sql('role_taken', "SELECT name FROM zones WHERE name = 'Gent'")).toEqual([]);
  });

  it('a store whose meta table lost its zone group is damaged (exit 5), and nothing is added', async () => {
    const store = await cluster().createStore('damaged');
    const dir = workdir();
    expect((await dir.run(['admin', 'add-zone', 'Aalst', '--store', store])).code).toBe(0);
    await cluster().sql('damaged', "DELETE FROM meta WHERE key = 'zone_group'");
    const run = await dir.run(['admin', 'add-zone', 'Gent', '--store', store]);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/is damaged \(meta: zone_group\)/);
    expect(await cluster().sql('damaged', "SELECT name FROM zones WHERE name = 'Gent'")).toEqual([]);
  });

  it('a missing database is a store error saying so', async () => {
    const missing = await workdir().run(['admin', 'add-zone', 'Gent', '--store', cluster().url('no_such_db')]);
    expect(missing.code, explain(missing)).toBe(5);
    expect(missing.stderr).toMatch(/has no database no_such_db; create it first/);
  });
});

describe('safety-scan admin, before any server is reached', () => {
  const workdir = useWorkdirs();

  it('a server out of reach is a store error saying so, without the password', async () => {
    const run = await workdir().run(['admin', 'add-zone', 'Gent', '--store', 'postgres://someone:Hidden-pass@127.0.0.1:1/db']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/db: cannot reach the PostgreSQL server \(connection refused\)/);
    expect(run.stderr).not.toContain('Hidden-pass');
  });

  it('a URL the driver cannot read is a usage error, without the password', async () => {
    const run = await workdir().run(['admin', 'add-zone', 'Gent', '--store', 'postgres://owner:Hidden-pass@[db/safety']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/the store URL postgres:\/\/owner:\*\*\*@\[db\/safety cannot be read/);
    expect(run.stderr).not.toContain('Hidden-pass');
  });

  it('on a SQLite store is a usage error saying admin needs a PostgreSQL store', async () => {
    const run = await workdir().run(['admin', 'add-zone', 'Gent', '--store', 'zone.db']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/admin works only on a PostgreSQL store: give its URL with --store `postgres:\/\/.*zone\.db is a SQLite file/);
  });

  it('an action it does not know is a usage error in the reader\'s language', async () => {
    const run = await workdir().run(['--lang', 'nl', 'admin', 'remove-zone', 'Gent', '--store', 'postgres://owner@127.0.0.1:1/db']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/admin kent remove-zone niet; wat admin doet: add-zone, migrate\./);
  });

  it.each([
    ['en', /manage a shared PostgreSQL store[\s\S]*add the zone Gent; prints the connection string/],
    ['nl', /een gedeelde PostgreSQL-databank beheren[\s\S]*de zone Gent toevoegen; toont de verbindingsreeks/],
    ['fr', /gérer une base PostgreSQL partagée[\s\S]*ajouter la zone Gent\u202f; affiche la chaîne de connexion/],
  ])('has help with examples in %s', async (lang, text) => {
    const run = await workdir().run(['--lang', lang, 'admin', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(text);
    expect(run.stdout).toContain('safety-scan admin add-zone Gent');
    expect(run.stdout).toMatch(/safety-scan admin migrate --from safety-scan\.db --to/);
  });

  it.each([
    [['admin', 'add-zone', 'Gent', '--from', 'zone.db'], /--from goes with `admin migrate` only/],
    [['admin', 'migrate', '--from', 'zone.db', '--rotate-password'], /--rotate-password goes with `admin add-zone` only/],
    [['admin', 'add-zone'], /add-zone needs the zone's name/],
    [['admin', 'migrate', 'Gent', '--from', 'zone.db'], /migrate takes no name \(Gent\): name the zone with --zone/],
    [['admin', 'migrate', '--to', 'postgres://owner@127.0.0.1:1/db'], /migrate needs the zone's SQLite store: --from FILE\.db/],
    [['admin', 'migrate', '--from', 'zone.db'], /migrate copies into a shared PostgreSQL store/],
  ])('refuses %j before any server is reached (exit 2)', async (args, text) => {
    const run = await workdir().run(args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(text);
  });
});
