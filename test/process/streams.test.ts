// The process and its streams: a reader that goes away never changes what the run does or its exit code,
// and an output that cannot be written (a full disk, a file-size limit) is an error, not a silent success;
// a configuration that is a pipe is refused, never waited on.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD, BIN, DEMO, Workdir, explain, useDemoZone, type Run } from '../helpers/cli.js';

/** Runs the bundle with stdout or stderr closed before it writes a byte (the reader is gone from the start). */
function spawnClosed(dir: Workdir, args: string[], closed: 'stdout' | 'stderr', cwd = dir.dir): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: dir.processEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child[closed].destroy();
  const open = closed === 'stdout' ? child.stderr : child.stdout;
  const chunks: Buffer[] = [];
  open.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ args, code, stdout: closed === 'stdout' ? '' : text, stderr: closed === 'stderr' ? '' : text });
    }),
  );
}

const zone = useDemoZone();

describe('a closed stdout', () => {

  it('keeps check --fail-on high failing (exit 1)', async () => {
    const run = await spawnClosed(zone, ['check', '--goals', `${DEMO}/goals.yaml`, '--fail-on', 'high', '--json'], 'stdout', zone.path('zone'));
    expect(run.code, explain(run)).toBe(1);
    expect(run.stderr).toContain('--fail-on high');
  });

  it('ends a run that found nothing to fail on quietly (exit 0)', async () => {
    const run = await spawnClosed(zone, ['status', '--json'], 'stdout', zone.path('zone'));
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('that cannot take the output (a full disk) is exit 3 with one line, never a success', async () => {
    if (!existsSync('/dev/full')) return;
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, 'status', '--json'], { cwd: zone.path('zone'), env: zone.processEnv(), stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    const chunks: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const stderr = Buffer.concat(chunks).toString('utf8');
    expect(code, stderr).toBe(3);
    expect(stderr).toBe('error: could not write the output: the disk is full.\n');
  });
});

describe('a stdout that takes nothing (issue 17)', () => {
  it('open for reading only (1</dev/null, EBADF) is exit 3 with one line saying so, never 70 or 0', async () => {
    const readOnly = openSync('/dev/null', 'r');
    const child = spawn(process.execPath, [BIN, 'indicators'], { cwd: zone.path('zone'), env: zone.processEnv(), stdio: ['ignore', readOnly, 'pipe'] });
    closeSync(readOnly);
    const chunks: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const stderr = Buffer.concat(chunks).toString('utf8');
    expect(code, stderr).toBe(3);
    expect(stderr).toBe('error: could not write the output: standard output is not open for writing (as with `1</dev/null`); send it to a file or a pipe.\n');
  });

  it('closed by the shell (>&-) is /dev/null to Node: the run succeeds (exit 0) and its own exit code stands, as the README says', () => {
    const run = (args: string) =>
      spawnSync('bash', ['-c', `exec "${process.execPath}" "${BIN}" ${args} >&-`], { cwd: zone.path('zone'), env: zone.processEnv(), encoding: 'utf8' });
    const status = run('status --json');
    expect(status.status, status.stderr).toBe(0);
    expect(status.stderr).toBe('');
    const check = run(`check --goals "${DEMO}/goals.yaml" --fail-on high --json`);
    expect(check.status, check.stderr).toBe(1);
  });
});

describe('a file-size limit (ulimit -f)', () => {

  it('stops the report with exit 3 and one line, leaving no half-written file', () => {
    const script = `ulimit -f 64; exec "${process.execPath}" "${BIN}" report --out limited`;
    const result = spawnSync('bash', ['-c', script], { cwd: zone.path('zone'), env: zone.processEnv(), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/report-2026-en\.html: could not be written: the file would exceed the size allowed; no half-written file was left\.\n$/);
    // the folder the report made is gone with it (adversary r4, F2)
    expect(existsSync(zone.path('zone', 'limited'))).toBe(false);
  });

  it('on stdout sent to a file is exit 3 with one line, never a success with the output cut short (adversarial run r11, 5)', () => {
    // Node ignores SIGXFSZ: the write that crosses the limit takes what fits and returns short, the next one fails
    const script = `ulimit -f 1; exec "${process.execPath}" "${BIN}" indicators --format csv > out.csv`;
    const result = spawnSync('bash', ['-c', script], { cwd: zone.path('zone'), env: zone.processEnv(), encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toBe('error: could not write the output: the file would exceed the size allowed.\n');
  });

  it('stops an import whose store would grow past it with exit 5, in the words every file uses, not SQLite\'s SQLITE_IOERR_WRITE (adversarial run r11, 17)', () => {
    const dir = new Workdir();
    try {
      const script = `ulimit -f 100; exec "${process.execPath}" "${BIN}" import --kind survey "${DEMO}/survey-2026.csv"`;
      const result = spawnSync('bash', ['-c', script], { cwd: dir.dir, env: dir.processEnv(), encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
      expect(result.status, result.stderr).toBe(5);
      expect(result.stderr).toBe(`error: the store ${dir.path('safety-scan.db')} could not be used: the file would exceed the size allowed\n`);
      // the store it began is gone with it
      expect(existsSync(dir.path('safety-scan.db'))).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('stops forget with exit 5 in the same words, not "the disk is full", and leaves the store as it was (adversarial run r20b)', () => {
    const dir = new Workdir();
    try {
      const store = dir.path('safety-scan.db');
      expect(spawnSync(process.execPath, [BIN, 'import', '--kind', 'survey', `${DEMO}/survey-2026.csv`], { cwd: dir.dir, env: dir.processEnv(), encoding: 'utf8' }).status).toBe(0);
      const before = readFileSync(store);
      const script = `ulimit -f 1; exec "${process.execPath}" "${BIN}" forget 1`;
      const result = spawnSync('bash', ['-c', script], { cwd: dir.dir, env: dir.processEnv(), encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
      expect(result.status, result.stderr).toBe(5);
      expect(result.stderr).toBe(`error: the store ${store} could not be used: the file would exceed the size allowed\n`);
      expect(readFileSync(store).equals(before)).toBe(true);
    } finally {
      dir.remove();
    }
  });

  it('stops init with exit 3, leaving neither a configuration nor the folder it made (adversary r4, F2)', () => {
    const script = `ulimit -f 0; exec "${process.execPath}" "${BIN}" init new/zone`;
    const result = spawnSync('bash', ['-c', script], { cwd: zone.dir, env: zone.processEnv(), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/safety-scan\.yaml: could not be written: the file would exceed the size allowed/);
    expect(existsSync(zone.path('new'))).toBe(false);
  });
});

describe('a pipe with no writer as the configuration', () => {
  it('is refused at once (exit 4), never waited on', () => {
    const fifo = zone.path('config.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const result = spawnSync(process.execPath, [BIN, 'status', '--config', fifo], { cwd: zone.dir, env: zone.processEnv(), encoding: 'utf8', timeout: 20_000 });
    expect(result.signal, 'the run hung on the pipe').toBeNull();
    expect(result.status, result.stderr).toBe(4);
    expect(result.stderr).toContain('config.fifo: cannot read the file: it is not a regular file or folder');
  });
});

describe('a closed stderr', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());
  const header = 'respondent_id;wave;district;sex;age;unsafe_freq';
  dir.write({ 'a.csv': `${header}\nR1;2026;Oudegem;M;40;3\n`, 'b.csv': `${header}\nR2;2026;Oudegem;F;50;2\n` });

  it('never stops a two-file import: both files are stored and the run exits 0', async () => {
    expect((await dir.run(['import', '--kind', 'population', `${BAD}/population.csv`])).code).toBe(0);
    const run = await spawnClosed(dir, ['import', '--kind', 'survey', dir.path('a.csv'), dir.path('b.csv')], 'stderr');
    expect(run.code, explain(run)).toBe(0);
    const status = JSON.parse((await dir.run(['status', '--json'])).stdout) as { rows: { survey: Record<string, number> } };
    expect(status.rows.survey).toEqual({ 2026: 2 });
  });
});
