// A stop signal that comes while the bundle is still loading, before main has set its handlers: bin holds it
// from its first line, and main ends the run with 128 + its number before doing anything; never Node's death
// by signal half-way through start-up. The bundle's loading is held up by a module hook (test-only) that marks
// the moment bin has run its first lines, so the signal lands in that window every time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, useWorkdirs } from '../helpers/cli.js';
import { superviseSignals } from '../../src/cli/interrupt.js';

const workdir = useWorkdirs();

/** Registers a resolve hook that, at the bundle, writes `loading` and waits two seconds before going on. */
const HOOKS = `export async function resolve(specifier, context, next) {
  if (specifier.endsWith('dist/bundle/safety-scan.js')) {
    (await import('node:fs')).writeFileSync(process.env.MARKER, '');
    await new Promise((done) => setTimeout(done, 2000));
  }
  return next(specifier, context);
}
`;
const REGISTER = "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n";

describe('a stop signal before main has set its handlers', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while the bundle loads: exit %i, nothing on stderr, no store made', async (signal, exit) => {
    const dir = workdir().write({ 'hooks.mjs': HOOKS, 'register.mjs': REGISTER });
    const marker = dir.path('loading');
    const child = spawn(process.execPath, ['--import', pathToFileURL(dir.path('register.mjs')).href, BIN, 'status'], {
      cwd: dir.dir,
      env: dir.processEnv({ MARKER: marker }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    while (!existsSync(marker) && child.exitCode === null) await new Promise((done) => setTimeout(done, 5));
    child.kill(signal);
    expect(await exited).toEqual({ code: exit, signal: null });
    expect(output).toBe('');
    expect(existsSync(dir.path('safety-scan.db'))).toBe(false);
  });
});

describe('main’s handlers (superviseSignals)', () => {
  it('take over the held signals: one held already is the run’s exit code; one later ends the run with 128 + its number', () => {
    let released = 0;
    const exits: number[] = [];
    const held = superviseSignals({ first: () => 'SIGHUP', release: () => void released++ }, (code) => exits.push(code));
    held.remove();
    expect(held).toMatchObject({ held: 129 });
    expect(released).toBe(1);
    const none = superviseSignals({ first: () => null, release: () => undefined }, (code) => exits.push(code));
    try {
      expect(none.held).toBeNull();
      process.emit('SIGTERM', 'SIGTERM');
      expect(exits).toEqual([143]);
    } finally {
      none.remove();
    }
  });
});
