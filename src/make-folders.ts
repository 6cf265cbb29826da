// Making a folder and the folders above it, with the real reason when that fails: Node's recursive mkdir says
// ENOENT when a folder on the way cannot be made for another reason (a read-only file system, no permission).
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** mkdirSync(folder, { recursive: true, mode }): the first folder made, or undefined when it was there; a failure says why. */
export function makeFolders(folder: string, mode?: number): string | undefined {
  try {
    return mkdirSync(folder, { recursive: true, mode });
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? whyNoFolder(folder, error) : error;
  }
}

/** The first missing folder made alone, which fails with the real reason. */
function whyNoFolder(folder: string, error: unknown): unknown {
  let missing = folder;
  while (dirname(missing) !== missing && !existsSync(dirname(missing))) missing = dirname(missing);
  try {
    mkdirSync(missing);
  } catch (real) {
    return real;
  }
  rmdirSync(missing); // made now after all (the place changed meanwhile): the first failure stands
  return error;
}
