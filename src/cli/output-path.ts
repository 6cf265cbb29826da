// Where an output goes, as the user named it: checked in one place for every command that writes files (the
// `--out` of the table commands and of `report`, the folders of `init` and `demo`).
import { UsageError } from '../errors.js';
import type { Context } from './context.js';

/** `--out -`: a one-file answer on stdout, as command-line tools take it (`--out ./-` names a file called `-`). */
export const STDOUT_NAME = '-';

/**
 * The path of an output the user named `given`, resolved against the run's folder. A name holding U+FFFD is
 * refused (exit 2): Node reads every argument as UTF-8 and puts U+FFFD for each byte that is not, so the file
 * would get another name than the one typed (`bad\xff.csv` became `bad\xEF\xBF\xBD.csv`), as `import` refuses
 * to read such a name.
 */
export function outputPath(context: Pick<Context, 'path'>, given: string): string {
  if (given.includes('\ufffd')) throw new UsageError('usage.out_not_utf8', { name: given });
  return context.path(given);
}

/** A folder of files (a report) cannot go to stdout: `--out -` is refused there (exit 2). */
export function outputFolderPath(context: Pick<Context, 'path'>, given: string): string {
  if (given === STDOUT_NAME) throw new UsageError('usage.out_stdout_folder');
  return outputPath(context, given);
}

/** The extension `--out`'s name ends in, in lower case (`Export.CSV`: `csv`), or undefined without one. */
export function outExtension(out: string): string | undefined {
  return /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase();
}
