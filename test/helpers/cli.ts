// A throwaway work folder per test, with fixture files written from an object, in which the CLI runs as a
// user would: in-process from the sources (`run`, almost every test), or as a real process through the
// bin entry and the bundle (`spawn`, only where the process itself is under test).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { explain, runCli, type Run } from './run-cli.js';
import { scratchFolder } from './scratch.js';

export { explain, type Run };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'safety-scan.js');
export const DEMO = join(ROOT, 'fixtures', 'demo');
export const BAD = join(ROOT, 'fixtures', 'bad');

/** Variables to set for one run; `undefined` removes one of the defaults. */
export type EnvOverrides = Record<string, string | undefined>;

export class Workdir {
  readonly dir: string;
  /** Stores a run names by a file that stand for a zone of a shared store (the demo zone in PostgreSQL mode). */
  private readonly aliases = new Map<string, string>();

  /**
   * The runs' home folder, beside the work folder rather than in it: the key file a new store gets lands in
   * `~/.config`, which inside the store's folder would draw the tool's note that a copy of the folder carries
   * the key (src/store/key.ts, keyBesideStore); the tests that want that layout set HOME to `dir` themselves.
   */
  readonly home: string;

  constructor(prefix = 'safety-scan-test-') {
    this.dir = scratchFolder(prefix);
    this.home = `${this.dir}-home`;
    mkdirSync(this.home, { mode: 0o755 });
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  /** A path in the runs' home folder (`keys()` is where a store's key file is written). */
  homePath(...parts: string[]): string {
    return join(this.home, ...parts);
  }

  /** The folder of key files, `~/.config/safety-scan/keys`. */
  keys(...parts: string[]): string {
    return this.homePath('.config', 'safety-scan', 'keys', ...parts);
  }

  /** Writes fixture files described as an object of name -> content. */
  write(files: Record<string, string | Buffer>): this {
    for (const [name, content] of Object.entries(files)) {
      const target = this.path(name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    return this;
  }

  /**
   * The environment a run sees: `home` as home, CI (no progress line), NO_COLOR, and a terminal wide enough
   * for one line per table row (tests read cells; test/e2e/widths.test.ts runs every command at 80 columns);
   * nothing of the test's own.
   */
  env(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { HOME: this.home, CI: '1', NO_COLOR: '1', COLUMNS: '250', ...overrides };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    return env;
  }

  /** The same environment for a real process, which also needs PATH to start anything. */
  processEnv(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
    return this.env({ PATH: process.env.PATH, ...overrides });
  }

  /** Runs the CLI in this process, from the sources. */
  run(args: string[], options: { env?: EnvOverrides } = {}): Promise<Run> {
    return runCli(this.aliased(args), { cwd: this.dir, env: this.env(options.env) });
  }

  /** From now on, a run that names this store file (`--store FILE`, relative or absolute) works on `url` instead. */
  alias(file: string, url: string): void {
    this.aliases.set(resolve(this.dir, file), url);
  }

  private aliased(args: string[]): string[] {
    if (this.aliases.size === 0) return args;
    return args.map((arg, i) => {
      const store = i > 0 && args[i - 1] === '--store' ? arg : arg.startsWith('--store=') ? arg.slice('--store='.length) : null;
      const url = store === null ? undefined : this.aliases.get(resolve(this.dir, store));
      return url === undefined ? arg : arg.startsWith('--store=') ? `--store=${url}` : url;
    });
  }

  /** Runs `node bin/safety-scan.js` (the bundle) as a separate process; past `timeout` ms it is killed (SIGKILL: a process stuck in a call never runs its SIGTERM handler). */
  spawn(args: string[], options: { env?: EnvOverrides; timeout?: number } = {}): Run {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: this.dir, env: this.processEnv(options.env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: options.timeout, killSignal: 'SIGKILL' });
    return { args, code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  remove(): void {
    for (const folder of [this.dir, this.home]) rmSync(folder, { recursive: true, force: true });
  }
}

/** A work folder holding the demo zone's store in `zone/`, built before the file's tests and removed after. */
export function useDemoZone(): Workdir {
  const workdir = new Workdir();
  beforeAll(async () => {
    const run = await workdir.run(['demo', 'zone']);
    if (run.code !== 0) throw new Error(explain(run));
    const superuser = inject('pgSuperuser');
    if (superuser) await sharedDemoZone(workdir, superuser);
  });
  afterAll(() => workdir.remove());
  return workdir;
}

/** Fresh work folders for a test file, all removed after its tests. */
export function useWorkdirs(): () => Workdir {
  const made: Workdir[] = [];
  afterAll(() => {
    for (const dir of made) dir.remove();
  });
  return () => {
    const created = new Workdir();
    made.push(created);
    return created;
  };
}

/** The version package.json gives, which the CLI must print. */
/**
 * A rejects file's text with each keyed id (`~` and the 32 hex digits of a random key's sealed pseudonym) as `~<keyed id>`:
 * digits looked for in the text (`0470`) are then the file's own, never a key's by chance.
 */
export function withoutKeyedIds(text: string): string {
  return text.replace(/~[0-9a-f]{32}/g, '~<keyed id>');
}

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;



let sharedStores = 0;

/**
 * PostgreSQL mode (SAFETY_SCAN_TEST_STORE=postgres): the demo zone's store migrated into a zone of its own shared
 * store, with the same name and key, and `--store zone/safety-scan.db` standing for that zone's connection string.
 */
async function sharedDemoZone(workdir: Workdir, superuser: string): Promise<void> {
  const { createStoreAs } = await import('../support/postgres.js');
  sharedStores += 1;
  const owner = await createStoreAs(superuser, `e2e_${process.pid}_${sharedStores}`);
  const zone = 'PZ Schelde-Leie';
  const added = await workdir.run(['admin', 'add-zone', zone, '--store', owner]);
  if (added.code !== 0) throw new Error(explain(added));
  const migrated = await workdir.run(['admin', 'migrate', '--from', 'zone/safety-scan.db', '--to', owner, '--zone', zone]);
  if (migrated.code !== 0) throw new Error(explain(migrated));
  workdir.alias('zone/safety-scan.db', added.stdout.trim());
}
