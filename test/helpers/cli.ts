// A throwaway work folder per test, with fixture files written from an object, in which the CLI runs as a
// user would: in-process from the sources (`run`, almost every test), or as a real process through the
// bin entry and the bundle (`spawn`, only where the process itself is under test).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { explain, runCli, type Run } from './run-cli.js';

export { explain, type Run };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'safety-scan.js');
export const DEMO = join(ROOT, 'fixtures', 'demo');
export const BAD = join(ROOT, 'fixtures', 'bad');

/** Variables to set for one run; `undefined` removes one of the defaults. */
export type EnvOverrides = Record<string, string | undefined>;

export class Workdir {
  readonly dir: string;

  constructor(prefix = 'safety-scan-test-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
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
   * The environment a run sees: this folder as home, CI (no progress line), NO_COLOR, and a terminal wide enough
   * for one line per table row (tests read cells; test/e2e/widths.test.ts runs every command at 80 columns);
   * nothing of the test's own.
   */
  env(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { HOME: this.dir, CI: '1', NO_COLOR: '1', COLUMNS: '250', ...overrides };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    return env;
  }

  /** The same environment for a real process, which also needs PATH to start anything. */
  processEnv(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
    return this.env({ PATH: process.env.PATH, ...overrides });
  }

  /** Runs the CLI in this process, from the sources. */
  run(args: string[], options: { env?: EnvOverrides } = {}): Promise<Run> {
    return runCli(args, { cwd: this.dir, env: this.env(options.env) });
  }

  /** Runs `node bin/safety-scan.js` (the bundle) as a separate process. */
  spawn(args: string[], options: { env?: EnvOverrides } = {}): Run {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: this.dir, env: this.processEnv(options.env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { args, code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A work folder holding the demo zone's store in `zone/`, built before the file's tests and removed after. */
export function useDemoZone(): Workdir {
  const workdir = new Workdir();
  beforeAll(async () => {
    const run = await workdir.run(['demo', 'zone']);
    if (run.code !== 0) throw new Error(explain(run));
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
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

