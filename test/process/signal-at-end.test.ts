// A stop signal that comes once the run is over, as the process ends (adversarial run r19b: `forget` said
// "batch 3 ... removed." and then ended with 143): the run's own exit code stands. Main removed its handlers
// as it returned and Node's teardown put the signals' default action back, so such a signal ended the process
// by the signal. Here the process sends it to itself at its `exit` event, from a module loaded with --import
// (test-only), so it lands in that moment every time.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { superviseSignals } from '../../src/cli/interrupt.js';
import { BIN, explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();

/** Sends STOP_SIGNAL to this process as it exits. */
const AT_EXIT = "process.on('exit', () => process.kill(process.pid, process.env.STOP_SIGNAL));\n";

function runAtExit(signal: NodeJS.Signals | null, args: string[]) {
  zone.write({ 'at-exit.mjs': AT_EXIT });
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(zone.path('at-exit.mjs')).href, BIN, ...args], {
    cwd: zone.path('zone'),
    env: zone.processEnv({ STOP_SIGNAL: signal ?? undefined }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { args, code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('a stop signal as the process ends, once the run is over', () => {
  it('after forget has removed its batch: the run ends with 0, not by the signal (143)', () => {
    copyFileSync(zone.path('zone', 'safety-scan.db'), zone.path('zone', 'forget-copy.db'));
    const run = runAtExit('SIGTERM', ['--store', 'forget-copy.db', 'forget', '3']);
    expect(run, explain(run)).toMatchObject({ code: 0, signal: null });
    expect(run.stderr).toMatch(/^batch 3 \(.*\) removed\.\n$/);
    const status = runAtExit('SIGINT', ['--store', 'forget-copy.db', 'status', '--json']);
    expect(status, explain(status)).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(status.stdout).batches.map((batch: { id: number }) => batch.id)).not.toContain(3);
  });

  it('a run that failed keeps its own code too (exit 2, not 129)', () => {
    const run = runAtExit('SIGHUP', ['forget', 'x']);
    expect(run, explain(run)).toMatchObject({ code: 2, signal: null });
  });
});

describe('main’s handlers once the run has ended (settle)', () => {
  it('leave the run’s code to stand at a first stop signal, and end the process at a second', () => {
    const exits: number[] = [];
    const supervision = superviseSignals({ first: () => null, release: () => undefined }, (code) => exits.push(code));
    try {
      supervision.settle();
      process.emit('SIGTERM', 'SIGTERM');
      expect(exits).toEqual([]);
      process.emit('SIGINT', 'SIGINT');
      expect(exits).toEqual([130]);
    } finally {
      supervision.remove();
    }
  });
});
