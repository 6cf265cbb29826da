// A throwaway PostgreSQL cluster for the tests of the shared store (test/pg/): initdb into a temporary folder
// as an unprivileged user, on a free port with its unix socket in that folder, fsync off; stopped and removed
// afterwards. Without PostgreSQL's binaries the tests skip, unless SAFETY_SCAN_PG_REQUIRED=1 (CI) says they must run.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { scratchFolder } from '../helpers/scratch.js';

/** The folder holding initdb and postgres: SAFETY_SCAN_PG_BIN, else Debian's newest, else pg_config's. */
export function postgresBinaries(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  if (env.SAFETY_SCAN_PG_BIN) candidates.push(env.SAFETY_SCAN_PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on the PATH
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) ?? null;
}

export const PG_REQUIRED = process.env.SAFETY_SCAN_PG_REQUIRED === '1';
const BINARIES = postgresBinaries();

/** True when the pg tests can run; when they must (CI) but cannot, this throws instead of letting them skip. */
function postgresAvailable(): boolean {
  if (BINARIES) return true;
  if (PG_REQUIRED) throw new Error('SAFETY_SCAN_PG_REQUIRED=1 but no PostgreSQL binaries were found (install postgresql, or set SAFETY_SCAN_PG_BIN)');
  return false;
}

/** The one line a skipped pg test file shows. */
const SKIPPED = 'skipped: no PostgreSQL binaries (install postgresql, or set SAFETY_SCAN_PG_BIN)';

/** A describe block of tests that need a cluster: without PostgreSQL, one skipped test that says why. */
export function describePostgres(title: string, body: () => void): void {
  if (postgresAvailable()) describe(title, body);
  else {
    console.warn(`${title}: ${SKIPPED}`);
    describe(title, () => it.skip(SKIPPED, () => undefined));
  }
}

/** The unprivileged account the cluster runs as: this one, or (initdb refuses root) `postgres`, else `nobody`. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  for (const name of ['postgres', 'nobody']) {
    const entry = passwd.find((fields) => fields[0] === name);
    if (entry) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error('running as root, and neither a postgres nor a nobody account exists to run PostgreSQL as');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Cluster {
  readonly port: number;
  /** A connection string to a database of this cluster, over TCP with a password: the superuser's, or another login's. */
  url(database: string, login?: { user: string; password: string }): string;
  /**
   * Creates an empty database owned by a new role with CREATEROLE (a store's owner, as on a managed server), in
   * the cluster's C locale or an ICU locale's collation (`nl-BE`); its URL.
   */
  createStore(name: string, icuLocale?: string): Promise<string>;
  /** Runs SQL as the superuser in a database. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(database: string, text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SUPERUSER_DATABASE = 'postgres';

export async function startCluster(): Promise<Cluster> {
  if (!BINARIES) throw new Error(SKIPPED);
  const bin = BINARIES;
  const owner = runAs();
  const root = scratchFolder('safety-scan-pg-');
  const data = join(root, 'data');
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(root, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  chmodSync(root, 0o700);
  const as = owner ?? {};
  try {
    execFileSync(join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, `--pwfile=${passwordFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      ...as,
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`);
  }
  let server: { child: ChildProcess; port: number } | null = null;
  try {
    for (let attempt = 0; attempt < 5 && server === null; attempt++) server = await startServer(bin, data, root, as, await freePort());
    if (!server) throw new Error('PostgreSQL did not start on any of five free ports');
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const { child, port } = server;
  const url = (database: string, login = { user: SUPERUSER, password }) =>
    `postgres://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const sql = async <T extends pg.QueryResultRow>(database: string, text: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    sql,
    createStore: (name, icuLocale) => createStoreAs(url(SUPERUSER_DATABASE), name, icuLocale),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT'); // fast shutdown: sessions are ended, nothing is waited for
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Starts the server on a port, resolving once it accepts connections, or null when the port was taken meanwhile. */
async function startServer(bin: string, data: string, root: string, as: { uid?: number; gid?: number }, port: number) {
  const options = ['-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'];
  const child = spawn(join(bin, 'postgres'), options, { ...as, cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/could not bind|Address already in use/.test(log)) return null;
      throw new Error(`PostgreSQL stopped while starting:\n${log}`);
    }
    if (/ready to accept connections/.test(log)) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`PostgreSQL did not start within 30 s:\n${log}`);
}

/** One cluster for a test file: started before its tests, stopped and removed after them. */
export function useCluster(): () => Cluster {
  let cluster: Cluster | null = null;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster is not running');
    return cluster;
  };
}

/** Runs `work` on a connection of its own as the login a URL names (a zone's, the owner's), closed afterwards. */
export async function asLogin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database owned by a new role with CREATEROLE (a store's owner, as on a managed server), in the
 * cluster's C locale or an ICU locale's collation (`nl-BE`), through a superuser's URL to any database; its URL.
 */
export async function createStoreAs(superuser: string, name: string, icuLocale?: string): Promise<string> {
  const login = { user: `${name}_owner`, password: randomBytes(12).toString('base64url') };
  const at = (database: string) => {
    const url = new URL(superuser);
    url.pathname = `/${encodeURIComponent(database)}`;
    return url.toString();
  };
  await asLogin(superuser, async (client) => {
    await client.query(`CREATE ROLE ${pg.escapeIdentifier(login.user)} LOGIN CREATEROLE PASSWORD ${pg.escapeLiteral(login.password)}`);
    const locale = icuLocale ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE ${pg.escapeLiteral(icuLocale)}` : '';
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(login.user)}${locale}`);
  });
  // PostgreSQL 15 no longer lets everyone create in `public`; the store's owner owns it, as on a managed server.
  await asLogin(at(name), (client) => client.query(`ALTER SCHEMA public OWNER TO ${pg.escapeIdentifier(login.user)}`));
  const owner = new URL(superuser);
  owner.username = encodeURIComponent(login.user);
  owner.password = encodeURIComponent(login.password);
  owner.pathname = `/${encodeURIComponent(name)}`;
  return owner.toString();
}
