// Where a table command's answer goes: stdout in the chosen format, or a file with `--out` (a workbook must go
// to one); `--excel` makes the CSV open right in Excel on a Belgian or Dutch PC.
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { outputFailure, placeUnlessStopped, refuseStoreFile, stageFile, withFolderAsync } from '../output-file.js';
import { message, type Translate } from '../i18n/index.js';
import type { DataTable } from '../render/data-table.js';
import { nonEmpty } from './command.js';
import { unlessStopped, workDone } from './interrupt.js';
import { renderView, type Context } from './context.js';
import type { RenderView } from '../render/formats.js';
import { isEarlierOutput, mayReplace, type TableCommand } from '../earlier-output.js';
import { STDOUT_NAME, outExtension, outputPath } from './output-path.js';

export const WORKBOOK_FORMAT = 'xlsx' as const;

/** `--out FILE`, as every command with a table answer takes it, and `--excel` where that answer has a CSV. */
export function tableOutputOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>, t: Translate) {
  return outOption(command, t).option('--excel', t('help.opt_excel'));
}

/** `--out FILE` alone, for table commands without a CSV (`check`, `profile`). */
export function outOption<A extends unknown[], O extends OptionValues>(command: Command<A, O>, t: Translate) {
  return command.addOption(new Option('--out <file>', t('help.opt_out_file')).argParser(nonEmpty));
}

export interface TableOutputOptions {
  out?: string;
  excel?: true;
}

/**
 * The render view with `--excel` checked (it only goes with CSV) and `--out`'s name against the format, before
 * any work: `formats` are the ones the command writes (its `--format` choices).
 */
export function tableView(context: Context, format: string, options: TableOutputOptions, formats: readonly string[]): RenderView {
  if (options.excel && format !== 'csv') throw new UsageError('usage.excel_needs_csv', { format });
  if (format === WORKBOOK_FORMAT && (options.out === undefined || options.out === STDOUT_NAME)) throw new UsageError('usage.workbook_needs_out');
  if (options.out !== undefined && options.out !== STDOUT_NAME) checkOutExtension(options.out, format, formats);
  return { ...renderView(context), excel: options.excel === true };
}

/** The extensions of the files safety-scan writes: a name ending in one says what the file holds. */
const WRITTEN_EXTENSIONS: readonly string[] = ['csv', 'json', 'md', 'html', 'xlsx'];

/** The extension of a file in `format`: a terminal table is text. */
const extensionOf = (format: string) => (format === 'table' ? 'txt' : format);

/**
 * `--out`'s name says another format than `--format` writes (`--format csv --out x.xlsx`): refused, naming both,
 * or the file would hold CSV text under a workbook's name. A workbook's own name rule is checkOutName's.
 */
function checkOutExtension(out: string, format: string, formats: readonly string[]): void {
  const extension = outExtension(out);
  if (format === WORKBOOK_FORMAT || extension === undefined || !WRITTEN_EXTENSIONS.includes(extension) || extension === extensionOf(format)) return;
  const params = { out, extension, format, example: `${out.slice(0, -extension.length)}${extensionOf(format)}` };
  throw formats.includes(extension) ? new UsageError('usage.out_extension', params) : new UsageError('usage.out_extension_rename', params);
}

/**
 * The answer on stdout, or in the `--out` file (said on stderr); a workbook is built from the tables. The file
 * is refused, before anything is written, when it names the store or one of its sidecars, or is there and is
 * not an earlier output of this command in this format. A missing folder is made, and removed again if the
 * write fails.
 */
export async function emitTables(context: Context, command: TableCommand, options: TableOutputOptions, answer: { format: string; text: string } | { tables: DataTable[] }): Promise<void> {
  // `--out -` is stdout, as no --out
  const out = options.out === STDOUT_NAME ? undefined : options.out;
  if ('text' in answer && out === undefined) {
    // as a file is put in place: not after a stop signal that came while the answer was made
    await unlessStopped('answer');
    context.out(answer.text);
    workDone();
    return;
  }
  if (out === undefined) throw new UsageError('usage.workbook_needs_out');
  const format = 'text' in answer ? answer.format : WORKBOOK_FORMAT;
  checkOutName(out, command, format);
  const path = outputPath(context, out);
  try {
    refuseStoreFile(path, out, context.location.engine === 'sqlite' ? context.location.path : undefined);
    checkReplaced(path, out, command, format);
  } catch (error) {
    // a file on the way (`--out notes.txt/x.csv`) names no place for a file: exit 2, as any unusable place
    throw outputFailure(error, path);
  }
  const content = 'text' in answer ? answer.text : await (await import('../render/workbook.js')).workbookBytes(answer.tables, context.t);
  // A folder reached through a link is used as before; only a missing one is made (and refused if a link stands there).
  const folder = dirname(path);
  // Put in place only if no stop signal came while the answer was made (placeUnlessStopped).
  const write = () => placeUnlessStopped([[stageFile(path, content), path]]);
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) await write();
  else await withFolderAsync(folder, write);
  context.log.info(context.t('output.written', { path: out }));
}

/**
 * `--out` names a file: a name ending in a slash names a folder (POSIX), which would otherwise become a file of
 * that name; a workbook's name ends in .xlsx, so that nothing opens it as text.
 */
function checkOutName(out: string, command: TableCommand, format: string): void {
  const extension = format === 'table' ? 'txt' : format;
  if (/[/\\]$/.test(out)) throw new UsageError('usage.out_folder', { out, example: `${out}${command}.${extension}` });
  if (format === WORKBOOK_FORMAT && !/\.xlsx$/i.test(out)) throw new UsageError('usage.workbook_name', { out, example: `${out.replace(/\.[^./\\]*$/, '')}.xlsx` });
}

/**
 * `--out` replaces an existing file only when it is an earlier output of the same command and format (or
 * empty): a slip such as `--out safety-scan.db`, `--out goals.yaml`, `--out survey-2026.csv` or another
 * command's output would otherwise destroy the store, the plan's goals, an export or other work.
 */
function checkReplaced(path: string, shown: string, command: TableCommand, format: string): void {
  if (!mayReplace(path, (fd) => isEarlierOutput(fd, command, format))) throw new UsageError('output.would_replace', { command, format }, { location: { file: shown }, hint: message('hint.out_replace') });
}
