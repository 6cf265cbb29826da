// A stop signal that comes while an output command does synchronous work (building a report or a CSV) waits in
// the event loop until it turns: it must still stop the run, with 128 + its number, and nothing new may be put
// in place (adversarial run r17b). The signal is sent by the process to itself at the moment the work is
// busy, from a module loaded with --import (test-only): when the output's temporary file is opened, or when
// the answer goes to stdout, so it lands inside the synchronous work every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, explain, useDemoZone, useWorkdirs } from '../helpers/cli.js';

const zone = useDemoZone();
const workdir = useWorkdirs();

/** Sends STOP_SIGNAL to this process once, the first time a temporary `.partial` file is opened (output-file.ts). */
const AT_PARTIAL = `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const open = fs.openSync;
let sent = false;
fs.openSync = function (path, ...rest) {
  if (!sent && String(path).endsWith('.partial')) {
    sent = true;
    process.kill(process.pid, process.env.STOP_SIGNAL);
  }
  return open.call(this, path, ...rest);
};
syncBuiltinESMExports();
`;

/** Sends STOP_SIGNAL to this process once, as the first text goes to stdout. */
const AT_STDOUT = `const write = process.stdout.write;
let sent = false;
process.stdout.write = function (...args) {
  if (!sent) {
    sent = true;
    process.kill(process.pid, process.env.STOP_SIGNAL);
  }
  return write.apply(this, args);
};
`;

/**
 * Sends STOP_SIGNAL to this process once, as the answer for stdout is rendered: the first number formatted
 * (Intl.NumberFormat), after the estimates are made and before anything is printed; synchronous work to the end.
 */
const IN_RENDERING = `const format = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get;
let sent = false;
Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
  get() {
    if (!sent) {
      sent = true;
      process.kill(process.pid, process.env.STOP_SIGNAL);
    }
    return format.call(this);
  },
});
`;

/** The tool run in the demo zone, with `hook` loaded first and STOP_SIGNAL set to `signal`. */
function runWith(hook: string | null, signal: NodeJS.Signals, args: string[]) {
  const name = hook === AT_PARTIAL ? 'at-partial.mjs' : hook === AT_STDOUT ? 'at-stdout.mjs' : 'in-rendering.mjs';
  if (hook !== null) zone.write({ [name]: hook });
  const preload = hook === null ? [] : ['--import', pathToFileURL(zone.path(name)).href];
  const result = spawnSync(process.execPath, [...preload, BIN, ...args], {
    cwd: zone.path('zone'),
    env: zone.processEnv({ STOP_SIGNAL: signal }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { args, code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Temporary files left in `folder` (none may be). */
function partials(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.partial'));
}

describe('a stop signal during an output command’s synchronous work', () => {
  it('SIGTERM while the report is written: exit 143, no report folder, no “report written”', () => {
    const run = runWith(AT_PARTIAL, 'SIGTERM', ['report', '--out', 'stopped-report']);
    expect(run.code, explain(run)).toBe(143);
    expect(existsSync(zone.path('zone', 'stopped-report'))).toBe(false);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('SIGTERM');
    expect(run.stderr).not.toContain('report written');
  });

  it('SIGINT while a report replaces an earlier one: exit 130, the earlier report as it was, no temporary file left', () => {
    const first = runWith(null, 'SIGINT', ['report', '--out', 'kept-report']);
    expect(first.code, explain(first)).toBe(0);
    const folder = zone.path('zone', 'kept-report');
    const [name] = readdirSync(folder);
    const before = readFileSync(`${folder}/${name}`, 'utf8');
    const run = runWith(AT_PARTIAL, 'SIGINT', ['report', '--out', 'kept-report']);
    expect(run.code, explain(run)).toBe(130);
    expect(readdirSync(folder)).toEqual([name]);
    expect(readFileSync(`${folder}/${name}`, 'utf8')).toBe(before);
    expect(partials(folder)).toEqual([]);
    expect(run.stderr).toContain('stopped by SIGINT');
  });

  it('SIGTERM while compare writes its CSV: exit 143, no CSV, no temporary file', () => {
    const run = runWith(AT_PARTIAL, 'SIGTERM', ['--lang', 'nl', 'compare', '--from', '2023', '--to', '2026', '--format', 'csv', '--out', 'change.csv']);
    expect(run.code, explain(run)).toBe(143);
    expect(existsSync(zone.path('zone', 'change.csv'))).toBe(false);
    expect(partials(zone.path('zone'))).toEqual([]);
    expect(run.stderr).toContain('gestopt door SIGTERM');
  });

  it('SIGINT while the answer for stdout is made: the run ends with 130, and nothing is printed', () => {
    const run = runWith(IN_RENDERING, 'SIGINT', ['indicators']);
    expect(run.code, explain(run)).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('stopped by SIGINT before the answer was printed: nothing was written to stdout.');
  });

  it('a signal once the answer goes out is too late to change the outcome (adversarial run r18b, F5): the whole answer, exit 0', () => {
    const run = runWith(AT_STDOUT, 'SIGINT', ['indicators', '--format', 'csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.trim().split('\n').length).toBeGreaterThan(100);
  });
});

/**
 * Counts the numbers formatted (Intl.NumberFormat), a measure of the work done, and writes the count to
 * COUNT_FILE at exit; with STOP_SIGNAL set, sends it to this process at the first number formatted.
 */
const COUNTING = `import { writeFileSync } from 'node:fs';
const format = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get;
let calls = 0;
Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
  get() {
    calls++;
    if (calls === 1 && process.env.STOP_SIGNAL) process.kill(process.pid, process.env.STOP_SIGNAL);
    return format.call(this);
  },
});
process.on('exit', () => writeFileSync(process.env.COUNT_FILE, String(calls)));
`;

describe('a stop signal while a long report is built', () => {
  it('ends the build at its next pause, not when the whole report is built: exit 130, nothing written', () => {
    const dir = workdir();
    const districts = 600;
    dir.write({
      'counting.mjs': COUNTING,
      'pop.csv': ['district|sex|age_group|population', ...Array.from({ length: districts }, (_, i) => `Sector ${i}|M|15-29|10`)].join('\n'),
      'survey.csv': ['respondent_id;wave;district;sex;age;unsafe_freq', ...Array.from({ length: 2 * districts }, (_, i) => `R${i};2026;Sector ${i % districts};M;30;${1 + (i % 4)}`)].join('\n'),
    });
    for (const [kind, file] of [['population', 'pop.csv'], ['survey', 'survey.csv']]) {
      const imported = dir.spawn(['import', '--kind', kind, file]);
      expect(imported.code, explain(imported)).toBe(0);
    }
    const report = (out: string, signal?: NodeJS.Signals) => {
      const result = spawnSync(process.execPath, ['--import', pathToFileURL(dir.path('counting.mjs')).href, BIN, 'report', '--out', out], {
        cwd: dir.path(),
        env: dir.processEnv({ STOP_SIGNAL: signal, COUNT_FILE: dir.path(`${out}.count`) }),
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { args: ['report'], code: result.status, stdout: result.stdout, stderr: result.stderr, formatted: Number(readFileSync(dir.path(`${out}.count`), 'utf8')) };
    };
    const whole = report('whole');
    expect(whole.code, explain(whole)).toBe(0);
    const stopped = report('stopped', 'SIGINT');
    expect(stopped.code, explain(stopped)).toBe(130);
    expect(stopped.stderr).toContain('stopped by SIGINT');
    expect(existsSync(dir.path('stopped'))).toBe(false);
    // Pauses come every 50 district sections: a stop is acted on within two of them, so at most some 100 of the 600
    // sections are built after it (before pauses, the whole report was built and then thrown away).
    expect(stopped.formatted).toBeLessThan(whole.formatted / 3);
  }, 120_000);
});
