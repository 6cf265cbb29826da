// node:fs whose writeSync fails as a full disk (or a file-size limit) would make it fail, while `failing.code` is
// set: for the tests of full disks. Used from a test's hoisted vi.mock factory (see test/e2e/full-disk.test.ts).
import type * as fs from 'node:fs';

export interface Failing {
  code: string | null;
}

export function failingWrites(real: typeof fs, failing: Failing): typeof fs {
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    if (failing.code) throw Object.assign(new Error(`${failing.code}: simulated, write`), { code: failing.code, syscall: 'write', errno: -28 });
    return (real.writeSync as (...args: unknown[]) => number)(fd, ...rest);
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, writeSync }, writeSync } as typeof fs;
}
