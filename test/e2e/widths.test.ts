// Every command's terminal output fits an 80-column terminal (COLUMNS=80, as a pipe or an unset COLUMNS
// gives), in Dutch, French and English: tables wrap their labels or stack, legends and notes wrap, help too.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { DEMO, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const STORE = ['--store', 'zone/safety-scan.db'];
const GOALS = join(DEMO, 'goals.yaml');

const RUNS: string[][] = [
  [...STORE, 'status'],
  [...STORE, 'indicators'],
  [...STORE, 'indicators', '--model', 'fh', '--explain'],
  [...STORE, 'compare', '--from', '2023', '--to', '2026'],
  [...STORE, 'profile'],
  [...STORE, 'check', '--goals', GOALS],
  [...STORE, 'plan', '--half-width', '0.05'],
  ['codebook'],
  ['validate', GOALS],
  ['--help'],
  ...COMMANDS.map((command) => [command.name, '--help']),
];

describe.each(['en', 'nl', 'fr'])('--lang %s at 80 columns', (lang) => {
  it.each(RUNS.map((args) => [args.filter((arg) => !arg.includes('/')).join(' '), args]))('safety-scan %s', async (_, args) => {
    const run = await demo.run(['--lang', lang, ...(args as string[])], { env: { COLUMNS: '80' } });
    expect(run.code, explain(run)).toBe(0);
    const wide = run.stdout.split('\n').filter((line) => [...line].length > 80);
    expect(wide).toEqual([]);
  });
});
