// Runs the built CLI as a user would, in a throwaway folder, and keeps everything needed to explain a failure.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'safety-scan.js');
export const DEMO = join(ROOT, 'fixtures', 'demo');
export const BAD = join(ROOT, 'fixtures', 'bad');

export interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A readable account of a run, for assertion messages. */
export function explain(run: Run): string {
  return `$ safety-scan ${run.args.join(' ')}\nexit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

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

  run(args: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): Run {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: this.dir, CI: '1', NO_COLOR: '1', ...options.env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const spawnOptions: SpawnSyncOptions = { cwd: this.dir, env, encoding: 'utf8', input: options.input, maxBuffer: 64 * 1024 * 1024 };
    const result = spawnSync(process.execPath, [BIN, ...args], spawnOptions);
    return { args, code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A work folder holding the demo zone's store in `zone/`, built before the file's tests and removed after. */
export function useDemoZone(): Workdir {
  const workdir = new Workdir();
  beforeAll(() => {
    const run = workdir.run(['demo', 'zone']);
    if (run.code !== 0) throw new Error(explain(run));
  });
  afterAll(() => workdir.remove());
  return workdir;
}
