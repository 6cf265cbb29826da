// Where a table command's answer goes: stdout in the chosen format, or a file with `--out` (a workbook must go
// to one); `--excel` makes the CSV open right in Excel on a Belgian or Dutch PC.
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { writeFileAtomically } from '../output-file.js';
import type { Translate } from '../i18n/index.js';
import type { CheckResult } from '../goals/check.js';
import type { DataTable } from '../render/data-table.js';
import type { ProfileSelection } from '../render/profile/index.js';
import { renderView, type Context } from './context.js';
import type { RenderView } from '../render/formats.js';

export const WORKBOOK_FORMAT = 'xlsx' as const;

/** `--out FILE`, as every command with a table answer takes it, and `--excel` where that answer has a CSV. */
export function tableOutputOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>, t: Translate) {
  return outOption(command, t).option('--excel', t('help.opt_excel'));
}

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
  const { workbookBytes } = await import('../render/workbook.js');
  const content = 'text' in answer ? answer.text : await workbookBytes(answer.tables, context.t);
  if (options.out === undefined) throw new UsageError('usage.workbook_needs_out');
  writeFileAtomically(context.path(options.out), content);
  context.log.info(context.t('output.written', { path: options.out }));
}

/** `check` as sheets: goals, expectation gaps and source divergences, with the fields of its JSON. */
export async function checkTables(result: CheckResult, view: RenderView): Promise<DataTable[]> {
  const { CHECK_RENDERERS } = await import('../render/check/render.js');
  const { recordsAt, recordsTable } = await import('../render/json-tables.js');
  const json = JSON.parse(CHECK_RENDERERS.json(result, view)) as Record<string, unknown>;
  return [
    recordsTable(view.t('workbook.sheet_goals', { wave: result.wave }), recordsAt(json, 'goals'), view.definitions),
    recordsTable(view.t('workbook.sheet_gaps', { wave: result.wave }), recordsAt(json, 'expectation_gaps'), view.definitions),
    recordsTable(view.t('workbook.sheet_divergences', { wave: result.wave }), recordsAt(json, 'divergences'), view.definitions),
  ];
}

/** The parts of every profile, one sheet each, a `district` column first (empty for the whole area). */
const PROFILE_PARTS = ['indicators', 'residents_ranking', 'key_figures', 'signals', 'benchmarks', 'divergences'] as const;

/** `profile` as sheets: each part of the profiles (indicators, rankings, key figures, ...) with the fields of its JSON. */
export async function profileTables(selection: ProfileSelection, view: RenderView): Promise<DataTable[]> {
  const { PROFILE_RENDERERS } = await import('../render/profile/index.js');
  const { recordsAt, recordsTable } = await import('../render/json-tables.js');
  const json = JSON.parse(PROFILE_RENDERERS.json(selection)) as Record<string, unknown>;
  const profiles = [...(json.area ? [json.area as Record<string, unknown>] : []), ...recordsAt(json, 'districts')];
  return PROFILE_PARTS.map((part) =>
    recordsTable(
      view.t(`workbook.sheet_${part}`, { wave: String(json.wave) }),
      profiles.flatMap((profile) => recordsAt(profile, part).map((record) => ({ district: profile.district ?? '', ...record }))),
      view.definitions,
    ),
  );
}
