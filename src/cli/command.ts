// The shape of a command: one typed declaration of its arguments and options (commander with its typed
// extras, so `run` receives exactly what the declaration says, with no casts), help with examples, and a
// run that resolves what it was given and hands the work to the core.
import { type Command, InvalidArgumentError, Option, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import type { Translate } from '../i18n/index.js';
import { displayWidth, wrapText } from '../render/table.js';
import type { Context, SettingsUse } from './context.js';
import { outExtension } from './output-path.js';

/** What a command's run is handed back by main: the context of this run (settings, streams, language). */
export interface CommandModule {
  name: string;
  settings: SettingsUse;
  /** The commander command in the reader's language, and the run bound to what it parses. */
  build(t: Translate): { command: CommandUnknownOpts; run(context: Context): Promise<number | undefined> };
}

export interface CommandSpec<A extends unknown[], O extends OptionValues> {
  name: string;
  settings?: SettingsUse;
  /** Arguments, options, description and examples; built for every run, so it stays cheap. */
  define(t: Translate): Command<A, O>;
  /** The work: resolves to the exit code (0 unless the command found what it was asked to fail on). */
  run(context: Context, args: A, options: O): Promise<number | undefined>;
  /** Without `--format` (or `--json`), the format `--out`'s name ends in, when the command writes it: `--out x.csv` is CSV. */
  formatFromOut?: true;
}

export function defineCommand<A extends unknown[], O extends OptionValues>(spec: CommandSpec<A, O>): CommandModule {
  return {
    name: spec.name,
    settings: spec.settings ?? 'file',
    build(t) {
      const command = spec.define(t);
      return {
        command,
        run: (context) => {
          if (spec.formatFromOut) formatFromOut(command);
          return spec.run(context, command.processedArgs, command.opts());
        },
      };
    },
  };
}

/**
 * A file named `--out export.csv` with no `--format` (nor `--json`) is written as CSV, not as the default table
 * under a CSV name (which table-output.ts refuses when `--format` says otherwise): the name's extension is the
 * format when it is one of the command's `--format` choices. Set as if from a configuration, so the command
 * sees one `format` and `--format` given by the user always wins.
 */
function formatFromOut(command: CommandUnknownOpts): void {
  if (command.getOptionValueSource('format') !== 'default' || command.getOptionValue('json') === true) return;
  const out: unknown = command.getOptionValue('out');
  const extension = typeof out === 'string' ? outExtension(out) : undefined;
  const choices = command.options.find((option) => option.long === '--format')?.argChoices ?? [];
  if (extension !== undefined && choices.includes(extension)) command.setOptionValueWithSource('format', extension, 'config');
}

/** The options a command's declaration parses to. */
export type OptionsOf<Define extends (t: Translate) => CommandUnknownOpts> = ReturnType<ReturnType<Define>['opts']>;

/** Help fits an 80-column terminal, the narrowest an analyst's is likely to be. */
export const HELP_WIDTH = 80;

/** A long example command over several lines, each but the last ending in ` \\` as a shell continues it. */
function commandLines(command: string): string[] {
  const [first, ...rest] = wrapText(command, HELP_WIDTH - 10);
  return [`  $ ${first}`, ...rest.map((line) => `        ${line}`)].map((line, index, all) => (index < all.length - 1 ? `${line} \\` : line));
}

/** Examples side by side with what they do, or each description under its command when that would not fit. */
export function examples(t: Translate, lines: Array<[string, string]>): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  const sideBySide = lines.every(([, what]) => 4 + width + 2 + displayWidth(what) <= HELP_WIDTH);
  const text = sideBySide
    ? lines.map(([command, what]) => `  $ ${command.padEnd(width)}  ${what}`)
    : lines.map(([command, what]) => [...commandLines(command), ...wrapText(what, HELP_WIDTH - 6).map((line) => `      ${line}`)].join('\n'));
  return `\n${t('help.examples')}\n${text.join('\n')}\n`;
}

/** What an option's parser says of an empty value; main turns commander's error holding it into `usage.empty_value`. */
export const EMPTY_VALUE = 'an empty value';

/**
 * An option value or an operand that names something: `--encoding ''` is a mistake, never the same as no option
 * at all, and `init ''` never the working folder.
 */
export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError(EMPTY_VALUE);
  return value;
}

/** A variadic operand's values (`<file...>`), each naming something (nonEmpty). */
export function operands(value: string, previous: string[] = []): string[] {
  return [...previous, nonEmpty(value)];
}

/**
 * `--district`: repeatable, each value kept whole, since a district's own name may hold a comma (`Gent, Noord`);
 * resolveDistricts reads a value as one district when the whole of it names one, else as a comma-separated list.
 * A value that names nothing (`''`, `,`) is refused, never read as "all".
 */
export function collectDistricts(value: string, previous: string[] = []): string[] {
  if (value.split(',').every((part) => part.trim() === '')) throw new InvalidArgumentError(EMPTY_VALUE);
  return [...previous, value.trim()];
}

/** Repeatable and comma-separated: --indicator a,b --indicator c. A value that names nothing (`--district ''`, `,`) is refused, never read as "all". */
export function collectList(value: string, previous: string[] = []): string[] {
  const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new InvalidArgumentError(EMPTY_VALUE);
  return [...previous, ...parts];
}

/**
 * `--format` with the formats a command writes, the first being the default (`--json` is its alias): both given
 * is a usage error, never one silently winning (`--json --format csv`).
 */
export function formatOption<const F extends readonly [string, ...string[]]>(t: Translate, formats: F, help: 'help.opt_format' | 'help.opt_format_report' = 'help.opt_format') {
  return new Option('--format <format>', t(help)).choices(formats).default<F[0]>(formats[0]).conflicts('json');
}

/** --district and --indicator, as every estimate command takes them. */
export function selectionOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>, t: Translate) {
  return command.option('--district <name>', t('help.opt_district'), collectDistricts).option('--indicator <id>', t('help.opt_indicator'), collectList);
}

/** `--json` is `--format json` wherever there is a --format. */
export function chosenFormat<F extends string>(options: { format: F; json?: true }): F | 'json' {
  return options.json ? 'json' : options.format;
}
