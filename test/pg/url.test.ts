// The pieces of the PostgreSQL store that need no server: URLs shown without their password, a zone's
// connection string, zone names and their roles, and (against a server) PostgreSQL's own SCRAM verifier.
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { isPostgresUrl, storeLocation } from '../../src/store/engine.js';
import { scramVerifier } from '../../src/store/pg/scram.js';
import { redactUrl, withLogin } from '../../src/store/pg/url.js';
import { zoneName, zoneRoleName } from '../../src/store/pg/zones.js';
import { explain, useWorkdirs } from '../helpers/cli.js';
import { describePostgres, useCluster } from '../support/postgres.js';

describe('store URLs', () => {
  it('tells a PostgreSQL URL from a file path', () => {
    expect(isPostgresUrl('postgres://owner@db/safety')).toBe(true);
    expect(isPostgresUrl(' PostgreSQL://owner@db/safety')).toBe(true);
    expect(isPostgresUrl('postgres.db')).toBe(false);
    expect(storeLocation('zone.db', '/work')).toEqual({ engine: 'sqlite', path: '/work/zone.db' });
    expect(storeLocation('postgres://o@h/d', '/work')).toEqual({ engine: 'postgres', url: 'postgres://o@h/d' });
  });

  it.each([
    ['postgres://owner:secret@db.example.be:5432/safety', 'postgres://owner:***@db.example.be:5432/safety'],
    ['postgresql://owner:p%40ss@db/safety?sslmode=require', 'postgresql://owner:***@db/safety?sslmode=require'],
    ['postgres://owner:p@ss@db/safety', 'postgres://owner:***@db/safety'],
    ['postgres://owner:pa/ss@db/safety', 'postgres://owner:***@db/safety'],
    ['postgres://owner@db/safety?password=secret&sslmode=require', 'postgres://owner@db/safety?password=***&sslmode=require'],
    ['postgres://owner@/safety?host=/run/postgresql', 'postgres://owner@/safety?host=/run/postgresql'],
    // r17b: the TLS key's password, and a parameter name spelt with percent escapes, are secrets too
    ['postgres://127.0.0.1:1/db?sslpassword=Secr3tPW', 'postgres://127.0.0.1:1/db?sslpassword=***'],
    ['postgres://127.0.0.1:1/db?sslpassword=Secr3tPW&sslkey=/k', 'postgres://127.0.0.1:1/db?sslpassword=***&sslkey=/k'],
    ['postgres://u@127.0.0.1:1/db?%70assword=Secr3tPW', 'postgres://u@127.0.0.1:1/db?%70assword=***'],
    ['postgres://u@db/safety?PASSWORD=x&ssl%50assword=y#frag', 'postgres://u@db/safety?PASSWORD=***&ssl%50assword=***#frag'],
    ['/work/postgres:/owner:secret@db/safety', '/work/postgres:/owner:***@db/safety'],
    ['/work/zone.db', '/work/zone.db'],
    // r24b F5: libpq's keyword/value form, also after the scheme, quoted values included
    ['postgres://host=127.0.0.1 port=1 password=s3cr3tP4ss', 'postgres://host=127.0.0.1 port=1 password=***'],
    ['postgres://password=s3cr3tP4ss host=db', 'postgres://password=*** host=db'],
    ["host=db password='s3 cr\\'3t' SSLPASSWORD = k3y dbname=safety", 'host=db password=*** SSLPASSWORD=*** dbname=safety'],
    ['postgres://host=db dbname=password_db', 'postgres://host=db dbname=password_db'],
    // r30 B7: a bare `#` or `?` in the password (the URL the driver cannot read), no slashes after the scheme, an e-mail as the user
    ['postgres://jan:Hunter#2pw@127.0.0.1:1/db', 'postgres://jan:***@127.0.0.1:1/db'],
    ['postgres://jan:Hun?ter2@127.0.0.1:1/db?sslmode=require', 'postgres://jan:***@127.0.0.1:1/db?sslmode=require'],
    ['postgres:jan:S3cretPw@db/safety', 'postgres:jan:***@db/safety'],
    ['postgres://jan.peeters%40politie.be:pw@db/safety', 'postgres://***:***@db/safety'],
    ['postgres://jan.peeters@politie.be@db/safety', 'postgres://***@db/safety'],
    // r31 B2 (low): server settings that name a password
    ['postgres://u@127.0.0.1:1/db?options=-c%20password%3Ds3cr3tPW', 'postgres://u@127.0.0.1:1/db?options=***'],
    ['postgres://u@db/safety?options=-c+search_path%3Dzone', 'postgres://u@db/safety?options=-c+search_path%3Dzone'],
    // r35 F3: only libpq's connection settings are shown; any other parameter's value is withheld
    ['postgres://u:pw@host:1/db?pass=hunter2', 'postgres://u:***@host:1/db?pass=***'],
    ['postgres://u:pw@host:1/db?pwd=hunter2&sslmode=require', 'postgres://u:***@host:1/db?pwd=***&sslmode=require'],
    ['postgres://u:pw@host:1/db?token=abc123def456ghi', 'postgres://u:***@host:1/db?token=***'],
    ['postgres://u:pw@host:1/db?apikey=abcd1234efgh5678', 'postgres://u:***@host:1/db?apikey=***'],
    ['postgres://u:pw@host:1/db?application_name=0470123456', 'postgres://u:***@host:1/db?application_name=***'],
    ['postgres://u:pw@host:1/db?fallback_application_name=BE71096123456769', 'postgres://u:***@host:1/db?fallback_application_name=***'],
    ['postgres://u:pw@host:1/db?application_name=Dhr.%20Jan%20Peeters', 'postgres://u:***@host:1/db?application_name=***'],
    ['postgres://u@host:1/db?user=jan.peeters%40politie.be&connect_timeout=10', 'postgres://u@host:1/db?user=***&connect_timeout=10'],
    // r35 F3b: an `@` in the query is no end of the user part when one comes before the query
    ['postgres://u:pw@host:1/db?application_name=jan.peeters@telenet.be', 'postgres://u:***@host:1/db?application_name=***'],
    // r36 B2: nor is an `@` in a connection setting's value with none before the query; a bare `?` in a password still is
    ['postgres://127.0.0.1:1/db?sslrootcert=/tmp/jan.peeters@politie.be/ca.crt', 'postgres://127.0.0.1:1/db?sslrootcert=***'],
    ['postgres://127.0.0.1:1/db?sslmode=require&application_name=jan@x.be', 'postgres://127.0.0.1:1/db?sslmode=require&application_name=***'],
    ['postgres://u:p?a=b@host/db', 'postgres://u:***@host/db'],
    ['postgres://u:p?sslmode=x@host/db', 'postgres://u:***@host/db'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it.each([
    ['postgres://owner:secret@db.example.be:5432/safety?sslmode=require', 'postgres://zone_gent_1a2b3c4d:n%2Fw@db.example.be:5432/safety?sslmode=require'],
    ['postgres://owner@/safety?host=/run/postgresql', 'postgres://zone_gent_1a2b3c4d:n%2Fw@/safety?host=/run/postgresql'],
    ['postgres://db/safety?user=owner&password=secret&sslmode=require', 'postgres://zone_gent_1a2b3c4d:n%2Fw@db/safety?sslmode=require'],
    ['postgres://db/safety?%75ser=owner&%70assword=secret&sslmode=require', 'postgres://zone_gent_1a2b3c4d:n%2Fw@db/safety?sslmode=require'],
  ])('gives a zone %s logged in as its role', (url, zone) => {
    expect(withLogin(url, 'zone_gent_1a2b3c4d', 'n/w')).toBe(zone);
  });
});

describe('a store URL the driver cannot read (adversary r18b)', () => {
  const workdirs = useWorkdirs();
  // refused before any connection, so no server is needed; the driver's English ("Invalid URL") was shown as the reason
  it.each([
    ['postgres://owner:secret@db:99999/safety', { en: 'it is not a well-formed URL', nl: 'ze heeft niet de vorm van een URL', fr: 'elle n’a pas la forme d’une URL' }],
    ['postgres://owner:secret@db/%E0%A4%A', { en: 'a `%` code in it stands for no character', nl: 'ze bevat een `%`-code die voor geen enkel teken staat', fr: 'un code `%` qu’elle contient ne représente aucun caractère' }],
    [
      'postgres://owner:secret@db/safety?sslrootcert=/nonexistent/ca.pem',
      {
        en: 'the file /nonexistent/ca.pem it names cannot be opened: it does not exist',
        nl: 'het bestand /nonexistent/ca.pem waarnaar ze verwijst, kan niet geopend worden: ',
        fr: 'le fichier /nonexistent/ca.pem qu’elle nomme ne peut pas être ouvert\u202f: ',
      },
    ],
  ])('%s is a usage error worded in the reader’s language, without its password', async (url, reasons) => {
    const dir = workdirs();
    for (const lang of ['en', 'nl', 'fr'] as const) {
      const run = await dir.run(['--lang', lang, 'status', '--store', url]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain(reasons[lang]);
      expect(run.stderr).not.toMatch(/Invalid URL|URI malformed|ENOENT|secret/);
    }
  });
});

describe('a store URL whose password holds a bare `#` or `?` (adversarial run r30, B7)', () => {
  const workdirs = useWorkdirs();
  it.each(['postgres://jan:Hunter#2pw@127.0.0.1:1/db', 'postgres://jan:Hun?ter2pw@127.0.0.1:1/db'])('%s: the message that it cannot be read never shows the password, from --store or SAFETY_SCAN_STORE', async (url) => {
    const dir = workdirs();
    for (const run of [await dir.run(['--store', url, 'status']), await dir.run(['status'], { env: { SAFETY_SCAN_STORE: url } })]) {
      expect(run.code, explain(run)).not.toBe(0);
      expect(run.stderr).toContain('jan:***@127.0.0.1');
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/Hunter|ter2pw/);
    }
  });
});

describe('a store written as a URL that is not a PostgreSQL one (adversarial run r31, B2)', () => {
  const workdirs = useWorkdirs();
  const MISTYPED = ['postgress://user:s3cr3tPW@127.0.0.1/db', 'postgres:user:s3cr3tPW@127.0.0.1/db', 'postgresql:/user:s3cr3tPW@127.0.0.1/db', 'jdbc:postgresql://user:s3cr3tPW@127.0.0.1/db', 'psql://user:s3cr3tPW@127.0.0.1/db'];

  it('is told from a file path by its scheme; a drive letter or a colon after `./` is a path', () => {
    for (const value of MISTYPED) expect(() => storeLocation(value, '/work'), value).toThrow(expect.objectContaining({ detail: expect.objectContaining({ key: 'usage.store_not_postgres_url' }) }));
    expect(storeLocation('./zone:2026.db', '/work')).toEqual({ engine: 'sqlite', path: '/work/zone:2026.db' });
    expect(storeLocation('C:\\zones\\gent.db', '/work')).toMatchObject({ engine: 'sqlite' });
  });

  it.each(MISTYPED)('%s is refused (exit 2) from --store, SAFETY_SCAN_STORE or `store:` (exit 4), naming its scheme only, and makes no folder', async (url) => {
    const dir = workdirs();
    dir.write({ 'pop.csv': 'district,sex,age_group,population\nNoord,M,15-29,10\n' });
    const scheme = url.slice(0, url.indexOf(':'));
    for (const run of [await dir.run(['--store', url, 'import', '--kind', 'population', 'pop.csv']), await dir.run(['status', '--json'], { env: { SAFETY_SCAN_STORE: url } })]) {
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain(`the store is given as a \`${scheme.toLowerCase()}:\` URL, which safety-scan does not read`);
      expect(`${run.stdout}${run.stderr}`).not.toContain('s3cr3t');
    }
    dir.write({ 'safety-scan.yaml': `zone: Gent\nstore: "${url}"\n` });
    const configured = await dir.run(['status']);
    expect(configured.code, explain(configured)).toBe(4);
    expect(configured.stderr).toMatch(/safety-scan\.yaml:2: `store:` is given as a `[a-z]+:` URL/);
    expect(configured.stderr).not.toContain('s3cr3t');
    expect(readdirSync(dir.dir).sort()).toEqual(['pop.csv', 'safety-scan.yaml']);
  });

  it.each(['host=localhost port=1 user=u password=secretpw dbname=db', 'Server=db;Database=safety;User Id=u;Password=secretpw;'])('connection keywords %s are refused too (exit 2, or 4 as store:), never a file named after the password (adversarial run r32, B4)', async (value) => {
    const dir = workdirs();
    dir.write({ 'pop.csv': 'district,sex,age_group,population\nNoord,M,15-29,10\n' });
    for (const run of [await dir.run(['--store', value, 'import', '--kind', 'population', 'pop.csv']), await dir.run(['status', '--json'], { env: { SAFETY_SCAN_STORE: value } }), await dir.run(['admin', 'add-zone', 'gent', '--store', value])]) {
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toContain('the store is given as connection keywords (`host=... password=...`), which safety-scan does not read');
      expect(`${run.stdout}${run.stderr}`).not.toContain('secretpw');
    }
    dir.write({ 'safety-scan.yaml': `zone: Gent\nstore: "${value}"\n` });
    const configured = await dir.run(['status']);
    expect(configured.code, explain(configured)).toBe(4);
    expect(configured.stderr).toMatch(/safety-scan\.yaml:2: `store:` holds connection keywords/);
    expect(readdirSync(dir.dir).sort()).toEqual(['pop.csv', 'safety-scan.yaml']);
  });

  it('a password behind a colon written %3A, and an unquoted connection string given to migrate as a name, are never shown (r32)', async () => {
    expect(redactUrl('postgres://u%3Asecretpw@host/db')).toBe('postgres://***@host/db');
    const run = await workdirs().run(['admin', 'migrate', 'host=x', 'password=secretpw', '--from', 'zone.db']);
    expect(run.code, explain(run)).toBe(2);
    expect(`${run.stdout}${run.stderr}`).not.toContain('secretpw');
  });

  it('admin migrate refuses such a URL as --to, and any URL as --from, without its password', async () => {
    const dir = workdirs();
    for (const args of [['--from', 'zone.db', '--to', 'postgress://o:s3cr3tPW@127.0.0.1:1/db'], ['--from', 'postgres://o:s3cr3tPW@127.0.0.1:1/db', '--to', 'postgres://o:x@127.0.0.1:1/db']]) {
      const run = await dir.run(['admin', 'migrate', ...args]);
      expect(run.code, explain(run)).toBe(2);
      expect(`${run.stdout}${run.stderr}`).not.toContain('s3cr3t');
    }
  });
});

describe('a store URL in keyword/value form (r24b F5)', () => {
  const workdirs = useWorkdirs();
  it('is never shown with its password, whatever the command says of it', async () => {
    const run = await workdirs().run(['--store', 'postgres://host=127.0.0.1 port=1 password=s3cr3tP4ss', 'status']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('password=***');
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cr3tP4ss');
  });
});

describe('zone names', () => {
  it('takes names as analysts write them, and makes a role of lower-case ASCII named by the store', () => {
    expect(zoneName('  Zone de police Seraing-Neupré ')).toBe('Zone de police Seraing-Neupré');
    expect(zoneRoleName('Zone de police Seraing-Neupré', 'abcdef0123456789')).toBe('zone_zone_de_police_seraing_neupre_abcdef01');
    expect(zoneRoleName("Regio Rhode & Zenne's", '00ff00ff00')).toBe('zone_regio_rhode_zenne_s_00ff00ff');
  });

  // adversarial run r36, A2: names alike for their first 30 characters, or in another script, shared one role
  it('gives names cut short, or in another script, a digest of the whole name, so that two zones never share a role', () => {
    const long = 'Politiezone Regio Vlaamse Ardennen en Oudenaarde Zuid Oost A';
    const other = 'Politiezone Regio Vlaamse Ardennen Noord';
    const roles = [long, other, 'Politiezone Regio Vlaamse Ardennen', 'Брюссель', 'Москва'].map((name) => zoneRoleName(name, '12345678'));
    expect(new Set(roles).size).toBe(5);
    for (const role of roles) expect(role).toMatch(/^zone_[a-z0-9_]{1,30}_[0-9a-f]{6}_12345678$/);
    expect(roles[3]).toMatch(/^zone_x_[0-9a-f]{6}_12345678$/);
    for (const role of roles) expect(role.length).toBeLessThanOrEqual(63);
    // one zone however its name is cased or accented
    expect(zoneRoleName(long.toUpperCase(), '12345678')).toBe(roles[0]);
    expect(zoneRoleName('Брюссель'.toUpperCase(), '12345678')).toBe(roles[3]);
    expect(zoneRoleName('GENT', '12345678')).toBe(zoneRoleName('Gent', '12345678'));
  });

  it.each(['', ' ', '-Gent', 'Gent; DROP TABLE zones', 'Gent\nBrugge', 'x'.repeat(61), 'Gent"', 'Gent\\'])('refuses %j', (name) => {
    expect(() => zoneName(name)).toThrow(expect.objectContaining({ kind: 'usage', detail: expect.objectContaining({ key: 'admin.bad_zone_name' }) }));
  });

  // adversarial run r36, B3: stored, made a server-wide role and shown to every zone by `benchmark`
  it.each(['Dr. J. Peeters', 'Zone 0470 12 34 56', 'Kerkstraat 12', 'BE71096123456769', 'Mevr. Dubois'])('refuses %j as personal data, without showing it', (name) => {
    expect(() => zoneName(name)).toThrow(expect.objectContaining({ kind: 'usage', detail: expect.objectContaining({ key: 'admin.zone_personal', params: {} }) }));
  });

  it.each(['PZ Schelde-Leie', 'Politiezone Gent', 'Zone de police Seraing-Neupré', 'PZ Vlaamse Ardennen', 'Stad Antwerpen', 'Gemeente Melle', 'Sint-Niklaas'])('takes %j', (name) => {
    expect(zoneName(name)).toBe(name);
  });
});

describePostgres('SCRAM verifiers', () => {
  const cluster = useCluster();

  it('are the ones PostgreSQL makes itself for the same password and salt', async () => {
    await cluster().sql('postgres', "SET password_encryption = 'scram-sha-256'; CREATE ROLE scram_check PASSWORD 'Pencil-42_xyz'");
    const [{ secret }] = await cluster().sql<{ secret: string }>('postgres', "SELECT rolpassword AS secret FROM pg_authid WHERE rolname = 'scram_check'");
    const salt = Buffer.from(/^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(secret)?.[1] ?? '', 'base64');
    expect(salt.length).toBe(16);
    expect(scramVerifier('Pencil-42_xyz', salt)).toBe(secret);
    expect(scramVerifier('Pencil-42_xyz')).not.toBe(secret);
  });
});

describePostgres('sslmode as libpq users write it', () => {
  const cluster = useCluster();
  const workdirs = useWorkdirs();

  it('require is checked as verify-full, the driver\'s reading of it, without its SECURITY WARNING on every run', async () => {
    const url = `${await cluster().createStore('tls')}?sslmode=require`;
    const warned = vi.spyOn(process, 'emitWarning');
    try {
      const run = await workdirs().run(['admin', 'add-zone', 'Gent', '--store', url]);
      // the throwaway cluster speaks no TLS: refused as under verify-full, with the URL as the user wrote it
      expect(run.code, explain(run)).toBe(5);
      expect(run.stderr).toContain('sslmode=require');
      expect(warned.mock.calls.filter((call) => String(call[0]).includes('SECURITY WARNING'))).toEqual([]);
    } finally {
      warned.mockRestore();
    }
  });
});
