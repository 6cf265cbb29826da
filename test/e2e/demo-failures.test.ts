// `demo` writing its folder when the disk fails it (findings A6): a full disk names the file and leaves no
// truncated file; a read-only file system is named as such, not as a missing folder.
import * as fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Failing } from '../helpers/failing-fs.js';
import { Workdir, explain } from '../helpers/cli.js';
import { mountReadOnly, unmount } from '../helpers/read-only-mount.js';

/** The next writes fail as a full disk would make them fail. */
const failing = vi.hoisted((): Failing => ({ code: null }));

vi.mock('node:fs', async (importOriginal) => (await import('../helpers/failing-fs.js')).failingWrites(await importOriginal(), failing));

const dir = new Workdir();
const readOnly = dir.path('read-only');
const mounted = mountReadOnly(readOnly);
afterEach(() => {
  failing.code = null;
});
afterAll(() => {
  if (mounted) unmount(readOnly);
  dir.remove();
});

describe('demo on a full disk', () => {
  it('stops at the first file with exit 3, naming it, and leaves no half-written or temporary file', async () => {
    failing.code = 'ENOSPC';
    const run = await dir.run(['demo', 'full']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toContain(`error: ${dir.path('full', '.safety-scan-demo.json')}: could not be written: the disk is full; no half-written file was left.`);
    // the folder the demo made is removed with it (adversarial run r9, F7)
    expect(fs.existsSync(dir.path('full'))).toBe(false);
    // the next demo, with room, builds it
    failing.code = null;
    const again = await dir.run(['demo', 'full']);
    expect(again.code, explain(again)).toBe(0);
  });

  it('rebuilding: leaves the earlier report and the marker that lets the next demo rebuild, nothing half-built (adversarial run r9, F7)', async () => {
    const first = await dir.run(['demo', 'kept']);
    expect(first.code, explain(first)).toBe(0);
    failing.code = 'ENOSPC';
    const run = await dir.run(['demo', 'kept']);
    expect(run.code, explain(run)).toBe(3);
    expect(fs.readdirSync(dir.path('kept')).sort()).toEqual(['.safety-scan-demo.json', 'report']);
    failing.code = null;
    const again = await dir.run(['demo', 'kept']);
    expect(again.code, explain(again)).toBe(0);
  });
});

describe.skipIf(!mounted)('demo on a read-only file system', () => {
  it('into a folder it must make: exit 2, the reason is the read-only file system (was: it does not exist)', async () => {
    const run = await dir.run(['demo', `${readOnly}/zone`]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: ${readOnly}/zone: cannot write here: the file system is read-only.`);
  });

  it('into an empty folder that is there: exit 2, naming the first file, nothing left', async () => {
    const run = await dir.run(['demo', readOnly]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain(`error: ${readOnly}/.safety-scan-demo.json: cannot write here: the file system is read-only.`);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });
});
