// Where a table command's answer goes: stdout in the chosen format, or a file with `--out` (a workbook must go
// to one); `--excel` makes the CSV open right in Excel on a Belgian or Dutch PC.
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
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
export async function emitTables(context: Context, options: TableOutputOptions, answer: { text: string } | { tables: DataTable[] }): Promise<void> {
  if ('text' in answer && options.out === undefined) {
    context.out(answer.text);
    return;
  }
  if (options.out === undefined) throw new UsageError('usage.workbook_needs_out');
  const content = 'text' in answer ? answer.text : await (await import('../render/workbook.js')).workbookBytes(answer.tables, context.t);
  writeFileAtomically(context.path(options.out), content);
  context.log.info(context.t('output.written', { path: options.out }));
}
