// makeFolders: one level at a time, the real reason on failure, bounded work (issue 17, r10 F4); madeFolders and
// unmakeFolders: what a call made, removed again while empty.
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { madeFolders, makeFolders, unmakeFolders } from '../../src/make-folders.js';
import { scratchFolder } from '../helpers/scratch.js';

const root = scratchFolder('safety-scan-folders-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeFolders', () => {
  it('makes the missing folders with the mode, returning the outermost one made; none when all are there', () => {
    const folder = join(root, 'a', 'b', 'c');
    expect(makeFolders(folder, 0o700)).toBe(join(root, 'a'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(madeFolders(folder, join(root, 'a'))).toEqual([join(root, 'a'), join(root, 'a', 'b'), folder]);
    expect(makeFolders(folder)).toBeUndefined();
    expect(madeFolders(folder, undefined)).toEqual([]);
  });

  it('says EEXIST for a file at the folder’s name and ENOTDIR for a file on the way, making nothing', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(() => makeFolders(join(root, 'file'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => makeFolders(join(root, 'file', 'x', 'y'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it.skipIf(process.platform !== 'linux')('says EINVAL where the file system takes no folders (/proc), at once', () => {
    expect(() => makeFolders('/proc/safety-scan-test/a/b')).toThrow(expect.objectContaining({ code: 'EINVAL', syscall: 'mkdir', path: '/proc/safety-scan-test' }));
    expect(() => makeFolders('/proc/self/safety-scan-test')).toThrow(expect.objectContaining({ code: 'EINVAL' }));
  });
});

describe('unmakeFolders', () => {
  it('removes the folders made, innermost first, but leaves one someone put a file in', () => {
    const folder = join(root, 'u', 'v', 'w');
    const made = madeFolders(folder, makeFolders(folder));
    writeFileSync(join(root, 'u', 'theirs'), 'x');
    unmakeFolders(made);
    expect(existsSync(join(root, 'u', 'v'))).toBe(false);
    expect(existsSync(join(root, 'u', 'theirs'))).toBe(true);
  });
});
