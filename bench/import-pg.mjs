// npm run bench:import-pg — imports into a zone of a shared PostgreSQL store and prints rows/s and CPU time:
// the generated 1,000,000-respondent survey file (bench/import.mjs's), and 1,000,000 signal rows (each a row of
// its own: through COPY). Target on a 2-core machine: at least 100,000 rows/s for both (README, Many zones).
// With BENCH_PG_URL (a store owner's URL, a database of its own) it uses that server; else it starts a
// throwaway cluster from the PostgreSQL binaries (SAFETY_SCAN_PG_BIN, Debian's, or pg_config's), and without
// them it says so and stops (exit 0). A throwaway cluster's CPU time is reported too (Linux: /proc). BENCH_ROWS changes the sizes; BENCH_KINDS=survey (or signals) runs one.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { surveyCsv as generatedSurvey } from './generate-survey.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const kinds = (process.env.BENCH_KINDS ?? 'survey,signals').split(',');
const TARGET = 100_000;
mkdirSync(work, { recursive: true });

function binaries() {
  const candidates = [];
  if (process.env.SAFETY_SCAN_PG_BIN) candidates.push(process.env.SAFETY_SCAN_PG_BIN);
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

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** initdb into a temporary folder (as `postgres` or `nobody` when run as root), fsync off; the superuser's URL and a stop. */
async function throwawayCluster(bin) {
  const folder = mkdtempSync(join(tmpdir(), 'safety-scan-bench-pg-'));
  const data = join(folder, 'data');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(folder, 'password'), `${password}\n`, { mode: 0o600 });
  let as = {};
  if (process.getuid?.() === 0) {
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
    const entry = passwd.find((fields) => fields[0] === 'postgres') ?? passwd.find((fields) => fields[0] === 'nobody');
    as = { uid: Number(entry[2]), gid: Number(entry[3]) };
    chownSync(folder, as.uid, as.gid);
    chownSync(join(folder, 'password'), as.uid, as.gid);
  }
  chmodSync(folder, 0o700);
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'bench', `--pwfile=${join(folder, 'password')}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...as, stdio: 'ignore' });
  const port = await freePort();
  const options = ['-D', data, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'];
  const child = spawn(join(bin, 'postgres'), options, { ...as, cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const deadline = Date.now() + 30_000;
  while (!/ready to accept connections/.test(log)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const superuser = `postgres://bench:${password}@127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: `${superuser}/postgres` });
  await client.connect();
  await client.query(`CREATE ROLE bench_owner LOGIN CREATEROLE PASSWORD '${password}'`);
  await client.query('CREATE DATABASE bench OWNER bench_owner');
  await client.end();
  const database = new pg.Client({ connectionString: `${superuser}/bench` });
  await database.connect();
  await database.query('ALTER SCHEMA public OWNER TO bench_owner');
  await database.end();
  return {
    owner: `postgres://bench_owner:${password}@127.0.0.1:${port}/bench`,
    // CPU seconds of the server's processes that have ended (each connection's): the postmaster's reaped children
    serverCpu: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[13]) + Number(fields[14])) / 100;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function cli(args, env = {}) {
  const result = spawnSync(process.execPath, [join(root, 'bench', 'measure.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, cwd: work, maxBuffer: 64 << 20 });
  const measured = /BENCH (.*)/.exec(result.stderr);
  if (result.status !== 0 || !measured) {
    process.stderr.write(result.stderr);
    process.exit(1);
  }
  return { stdout: result.stdout, ...JSON.parse(measured[1]) };
}


async function signalsCsv(count) {
  const file = join(work, `signals-${count}.csv`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${file} ...\n`);
  const out = createWriteStream(file);
  const themes = ['speeding', 'vandalism', 'burglary', 'drugs', 'nuisance'];
  out.write('date,district,theme,source,count\n');
  let text = '';
  for (let i = 0; i < count; i++) {
    text += `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},D${i % 5000},${themes[i % themes.length]},complaint,${(i % 9) + 1}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
      text = '';
    }
  }
  out.end(text);
  await new Promise((resolve) => out.once('finish', resolve));
  return file;
}

const given = process.env.BENCH_PG_URL;
const bin = given ? null : binaries();
if (!given && !bin) {
  console.log('bench:import-pg skipped: no PostgreSQL binaries (install postgresql, set SAFETY_SCAN_PG_BIN, or give BENCH_PG_URL)');
  process.exit(0);
}
const cluster = given ? { owner: given, serverCpu: () => null, stop: async () => undefined } : await throwawayCluster(bin);
try {
  const zone = `Bench ${randomBytes(3).toString('hex')}`;
  const added = cli(['admin', 'add-zone', zone, '--store', cluster.owner]);
  const url = added.stdout.trim();
  const env = { SAFETY_SCAN_KEY: randomBytes(32).toString('hex') };
  for (const kind of kinds) {
    const file = kind === 'survey' ? await generatedSurvey(work, rows) : await signalsCsv(rows);
    const started = process.hrtime.bigint();
    const serverBefore = cluster.serverCpu();
    const { cpuSeconds, maxRssMb } = cli(['--store', url, 'import', '--kind', kind, file], env);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const server = serverBefore === null ? null : cluster.serverCpu() - serverBefore;
    console.log(`import ${kind} into a PostgreSQL zone: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s, whole process`);
    console.log(`  ${Math.round(rows / seconds).toLocaleString('en')} rows/s (target >= ${TARGET.toLocaleString('en')})`);
    console.log(`  ${cpuSeconds.toFixed(2)} s of CPU in the importing process; peak RSS ${maxRssMb.toFixed(0)} MB`);
    // On a shared, loaded machine wall time says little: CPU seconds of both sides do not depend on the load.
    if (server !== null) {
      const both = cpuSeconds + server;
      console.log(`  ${server.toFixed(2)} s of CPU in the server; ${Math.round(rows / both).toLocaleString('en')} rows per CPU second of both together`);
    }
  }
} finally {
  await cluster.stop();
}
