// A table command's --out FILE in a folder that is not there (findings A2, A6): the folder it made goes again
// when the write fails, and a folder that cannot be made on a read-only file system says so.
import * as fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Failing } from '../helpers/failing-fs.js';
import { explain, useDemoZone } from '../helpers/cli.js';
import { mountReadOnly, unmount } from '../helpers/read-only-mount.js';

/** The next writes fail as a full disk would make them fail. */
const failing = vi.hoisted((): Failing => ({ code: null }));

vi.mock('node:fs', async (importOriginal) => (await import('../helpers/failing-fs.js')).failingWrites(await importOriginal(), failing));

const zone = useDemoZone();
const STORE = ['--store', 'zone/safety-scan.db'];
const readOnly = zone.path('read-only');
const mounted = mountReadOnly(readOnly);
afterEach(() => {
  failing.code = null;
});
afterAll(() => {
  if (mounted) unmount(readOnly);
});

describe('--out FILE into a new folder', () => {
  it.each(['csv', 'xlsx'])('a full disk while writing %s removes the folder it made (exit 3)', async (format) => {
    failing.code = 'ENOSPC';
    const run = await zone.run([...STORE, 'indicators', '--format', format, '--out', `new-${format}/sub/indicators.${format}`]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain(`new-${format}/sub/indicators.${format}: could not be written: the disk is full`);
    expect(fs.existsSync(zone.path(`new-${format}`)), 'the folder it made').toBe(false);
  });

  it('a folder that was there stays, and no temporary file is left in it', async () => {
    fs.mkdirSync(zone.path('was-there'));
    failing.code = 'ENOSPC';
    const run = await zone.run([...STORE, 'indicators', '--format', 'csv', '--out', 'was-there/indicators.csv']);
    expect(run.code, explain(run)).toBe(3);
    expect(fs.readdirSync(zone.path('was-there'))).toEqual([]);
  });
});

describe.skipIf(!mounted)('a folder on a read-only file system', () => {
  it.each([
    ['indicators --out', ['indicators', '--format', 'csv', '--out', `${readOnly}/sub/indicators.csv`], `${readOnly}/sub`],
    ['report --out', ['report', '--out', `${readOnly}/report`], `${readOnly}/report`],
  ])('%s: exit 2, naming the read-only file system (was: it does not exist)', async (_, args, folder) => {
    const run = await zone.run([...STORE, ...args]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: ${folder}: cannot write here: the file system is read-only.`);
  });
});

// a fresh adversarial run (r7): `--out notes.txt/sub.csv` was "the file could not be read or written", exit 3
describe('--out through a file (a file where a folder of the path should be)', () => {
  it.each([
    ['indicators --format csv', ['indicators', '--format', 'csv', '--out', 'notes.txt/indicators.csv'], 'notes.txt/indicators.csv'],
    ['indicators --format xlsx', ['indicators', '--format', 'xlsx', '--out', 'notes.txt/sub/indicators.xlsx'], 'notes.txt/sub/indicators.xlsx'],
    ['report', ['report', '--out', 'notes.txt/report'], 'notes.txt/report'],
    ['report into the file itself', ['report', '--out', 'notes.txt'], 'notes.txt'],
    ['init', ['init', 'notes.txt/config'], 'notes.txt/config'],
  ])('%s: exit 2, the place named, the file untouched', async (_, args, place) => {
    zone.write({ 'notes.txt': 'my notes\n' });
    const run = await zone.run([...STORE, ...args]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`${zone.path(place)}: cannot write here: it is not a folder (or part of the path is not).`);
    expect(fs.readFileSync(zone.path('notes.txt'), 'utf8')).toBe('my notes\n');
  });
});
