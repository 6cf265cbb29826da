// Runs the CLI in this process, from the TypeScript sources, exactly as bin/safety-scan.js runs the bundle:
// main(argv, streams, env, cwd) with streams that are not a terminal. It never reads or changes
// process.env, process.cwd() or process.exitCode: everything the run may see is passed in.
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

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

/** Collects what is written, like a pipe to a file: not a terminal, so no colour and no progress line. */
class Captured extends Writable {
  readonly isTTY = false;
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer | string, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
    done();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface CliOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function runCli(args: string[], { cwd, env }: CliOptions): Promise<Run> {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await main(args, { stdout, stderr }, env, cwd);
  return { args, code, stdout: stdout.text(), stderr: stderr.text() };
}
