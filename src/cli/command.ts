// The shape of a command: its definition (options, help, examples) and a lazily loaded run.
import { Option, type Command } from 'commander';
import type { Translate } from '../i18n/index.js';
import type { Context } from './context.js';

export interface CommandModule {
  name: string;
  /** Adds arguments, options, description and examples; called for every run, so it stays cheap. */
  define(command: Command, t: Translate): void;
  /** Does the work; resolves to the exit code (0 unless the command found what it was asked to fail on). */
  run(context: Context, args: string[], options: Record<string, unknown>): Promise<number | void>;
}

export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** `--json` is an alias of `--format json` wherever there is a --format. */
export function chosenFormat(options: Record<string, unknown>, fallback: Format = 'table'): string {
  if (options.json === true) return 'json';
  return (options.format as string | undefined) ?? fallback;
}

export function examples(t: Translate, lines: Array<[string, string]>): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  return `\n${t('help.examples')}\n${lines.map(([command, what]) => `  $ ${command.padEnd(width)}  ${what}`).join('\n')}\n`;
}

/** Repeatable and comma-separated: --indicator a,b --indicator c. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)];
}

/** --district, --indicator and the output format, as every estimate command takes them. */
export function estimateOptions(command: Command, t: Translate, formats: readonly string[] = FORMATS): Command {
  return command
    .option('--district <name>', t('help.opt_district'), collectList)
    .option('--indicator <id>', t('help.opt_indicator'), collectList)
    .addOption(new Option('--format <format>', t('help.opt_format')).choices([...formats]).default(formats[0]))
    .option('--json', t('help.opt_json'));
}
