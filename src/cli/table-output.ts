// Where a table command's answer goes: stdout in the chosen format, or a file with `--out` (a workbook must go
// to one); `--excel` makes the CSV open right in Excel on a Belgian or Dutch PC.
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomically } from '../output-file.js';
import type { Translate } from '../i18n/index.js';
import type { DataTable } from '../render/data-table.js';
import { renderView, type Context } from './context.js';
import type { RenderView } from '../render/formats.js';

export const WORKBOOK_FORMAT = 'xlsx' as const;

/** `--out FILE`, as every command with a table answer takes it, and `--excel` where that answer has a CSV. */
export function tableOutputOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>, t: Translate) {
  return outOption(command, t).option('--excel', t('help.opt_excel'));
}

/** `--out FILE` alone, for table commands without a CSV (`check`, `profile`). */
export function outOption<A extends unknown[], O extends OptionValues>(command: Command<A, O>, t: Translate) {
  return command.addOption(new Option('--out <file>', t('help.opt_out_file')));
}

export interface TableOutputOptions {
  out?: string;
  excel?: true;
}

/** The render view with `--excel` checked: it only goes with CSV. */
export function tableView(context: Context, format: string, options: TableOutputOptions): RenderView {
  if (options.excel && format !== 'csv') throw new UsageError('usage.excel_needs_csv', { format });
  if (format === WORKBOOK_FORMAT && options.out === undefined) throw new UsageError('usage.workbook_needs_out');
  return { ...renderView(context), excel: options.excel === true };
}

/** The answer on stdout, or in the `--out` file (said on stderr); a workbook is built from the tables. */
export async function emitTables(context: Context, options: TableOutputOptions, answer: { format: string; text: string } | { tables: DataTable[] }): Promise<void> {
  if ('text' in answer && options.out === undefined) {
    context.out(answer.text);
    return;
  }
  if (options.out === undefined) throw new UsageError('usage.workbook_needs_out');
  const path = context.path(options.out);
  checkReplaced(path, options.out, 'text' in answer ? answer.format : WORKBOOK_FORMAT);
  const content = 'text' in answer ? answer.text : await (await import('../render/workbook.js')).workbookBytes(answer.tables, context.t);
  writeFileAtomically(path, content);
  context.log.info(context.t('output.written', { path: options.out }));
}

/** The names a file of each format may have for `--out` to replace it (a new file may have any name). */
const REPLACEABLE: Record<string, readonly string[]> = {
  table: ['.txt', '.text', ''],
  csv: ['.csv', '.tsv', '.txt', ''],
  json: ['.json', ''],
  md: ['.md', '.markdown', '.txt', ''],
  [WORKBOOK_FORMAT]: ['.xlsx'],
};

/** The first bytes of every SQLite database (a store): never replaced by an output. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * `--out` replaces an existing file only when it is of the kind being written (by its name's extension) and is
 * not a store: a slip such as `--out safety-scan.db`, `--out goals.yaml` or `--out survey-2026.csv` for JSON
 * would otherwise destroy the store, the plan's goals or an export.
 */
function checkReplaced(path: string, shown: string, format: string): void {
  let head: Buffer;
  try {
    if (!lstatSync(path).isFile()) return; // links, folders and devices are refused where the file is written
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(SQLITE_HEADER.length);
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return; // nothing there (or unreadable): the write says what is wrong
  }
  const allowed = REPLACEABLE[format] ?? [];
  if (head.equals(SQLITE_HEADER) || !allowed.includes(extname(path).toLowerCase())) {
    throw new UsageError('output.would_replace', { format }, { location: { file: shown } });
  }
}

