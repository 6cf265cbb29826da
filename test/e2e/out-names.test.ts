// The names an output is given (adversarial run r17b): `--out -` is stdout for a one-file answer and refused
// for a report's folder; a name holding U+FFFD (what Node makes of bytes that are not UTF-8 in an argument) is
// refused for every output, before anything is written, instead of a file under another name than the one typed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const STORE = ['--store', 'zone/safety-scan.db'];
const COMPARE = [...STORE, 'compare', '--from', '2023', '--to', '2026'];

/** The demo work folder's entries, to show that a refused run wrote nothing. */
const entries = () => readdirSync(demo.dir).sort();

describe('--out -', () => {
  it.each([
    ['indicators', [...STORE, 'indicators', '--format', 'csv']],
    ['compare', [...COMPARE, '--format', 'json']],
    ['profile', [...STORE, 'profile', '--format', 'md']],
    ['check', [...STORE, 'check', '--goals', 'zone/goals.yaml', '--format', 'json']],
  ])('%s: the answer on stdout, as without --out, and no file named -', async (_, args) => {
    const plain = await demo.run(args);
    const run = await demo.run([...args, '--out', '-']);
    expect(run.code, explain(run)).toBe(plain.code);
    expect(run.stdout).toBe(plain.stdout);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stderr).not.toContain('written');
    expect(existsSync(demo.path('-'))).toBe(false);
  });

  it('an Excel CSV keeps its byte-order mark on stdout', async () => {
    const run = await demo.run([...COMPARE, '--format', 'csv', '--excel', '--out=-']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout.startsWith('\ufeff')).toBe(true);
    expect(existsSync(demo.path('-'))).toBe(false);
  });

  it('a workbook does not go to stdout: exit 2, as without --out', async () => {
    const run = await demo.run([...COMPARE, '--format', 'xlsx', '--out', '-']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('add `--out` with a file name ending in .xlsx');
    expect(existsSync(demo.path('-'))).toBe(false);
  });

  it('report: a folder cannot be stdout, exit 2 in the user’s language, nothing written', async () => {
    const before = entries();
    const run = await demo.run(['--lang', 'fr', ...STORE, 'report', '--out', '-']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('`--out -` désigne la sortie standard');
    expect(run.stdout).toBe('');
    expect(entries()).toEqual(before);
  });

  it('`--out ./-` still names a file called -', async () => {
    const run = await demo.run([...STORE, 'indicators', '--format', 'csv', '--out', './-']);
    expect(run.code, explain(run)).toBe(0);
    expect(existsSync(demo.path('-'))).toBe(true);
  });
});

describe('an output name that is not UTF-8 (holds U+FFFD)', () => {
  const bad = 'bad\ufffd';
  it.each([
    ['indicators --out', [...STORE, 'indicators', '--format', 'csv', '--out', `${bad}.csv`]],
    ['compare --out in a folder', [...COMPARE, '--format', 'csv', '--out', `${bad}/change.csv`]],
    ['profile --out', [...STORE, 'profile', '--format', 'xlsx', '--out', `${bad}.xlsx`]],
    ['report --out', [...STORE, 'report', '--out', bad]],
    ['init', ['init', bad]],
    ['demo', ['demo', bad]],
  ])('%s: exit 2, saying so, nothing written', async (_, args) => {
    const before = entries();
    const run = await demo.run(args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`the output name \`${bad}`);
    expect(run.stderr).toContain('choose a name in UTF-8');
    expect(run.stdout).toBe('');
    expect(entries()).toEqual(before);
  });

  it('in Dutch with --lang nl', async () => {
    const run = await demo.run(['--lang', 'nl', ...STORE, 'indicators', '--format', 'csv', '--out', `${bad}.csv`]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('kies een naam in UTF-8');
  });
});

describe('a long output name (adversary r18b)', () => {
  // the temporary file beside it (`.<name>.<random>.partial`) was 22 bytes longer, so a legal name of 234 to 255
  // bytes was refused as too long
  it.each([
    ['255 ASCII bytes', `${'n'.repeat(251)}.csv`],
    ['234 ASCII bytes', `${'n'.repeat(230)}.csv`],
    ['254 bytes of two-byte characters', `${'é'.repeat(125)}.csv`],
  ])('%s: written, no temporary file left', async (_, name) => {
    const run = await demo.run([...STORE, 'indicators', '--format', 'csv', '--out', `long/${name}`]);
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(demo.path('long'))).toEqual([name]);
    // a second write replaces the file through another temporary name
    expect((await demo.run([...STORE, 'indicators', '--format', 'csv', '--out', `long/${name}`])).code).toBe(0);
    expect(readdirSync(demo.path('long'))).toEqual([name]);
    rmSync(demo.path('long'), { recursive: true });
  });

  it.each([
    ['indicators --out', [...STORE, 'indicators', '--format', 'csv', '--out', `${'n'.repeat(256)}.csv`]],
    ['report --out', [...STORE, 'report', '--out', 'n'.repeat(300)]],
    ['report --out, a folder in it', [...STORE, 'report', '--out', `${'n'.repeat(300)}/report`]],
  ])('%s with a name past 255 bytes: exit 2, the name is too long, nothing written', async (_, args) => {
    const before = entries();
    const run = await demo.run(args);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('the name is too long');
    expect(entries()).toEqual(before);
  });
});
