// Folders a test makes for itself, in the run's scratch folder (test/global-setup.ts sets TMPDIR to it).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let made = 0;

/**
 * A new folder named `<prefix>w<pid>-<n>`, made 0700 as mkdtemp makes one. Never random letters: the tool rightly
 * reads a folder's name in a path it shows by its privacy rules, and six random letters and digits now and then
 * read as an identifier (a number plate: `o218ro`, `QS84Pw`), so that a test failed by its folder's random name
 * (clean-clone CI runs of stop 40 and 41). The process id keeps the test files' workers apart; the `w` before it
 * keeps the name from reading as a plate or a date with a short word or number before it (`run-819`, a plate, in
 * a fresh CI container's low process ids; `pg-12-57`): no process id up to 70,000 gives a name shown otherwise
 * (checked for every prefix the tests use, stop 43).
 */
export function scratchFolder(prefix: string, root = tmpdir()): string {
  for (;;) {
    const path = join(root, `${prefix}w${process.pid}-${++made}`);
    try {
      mkdirSync(path, { mode: 0o700 });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
