// The command line: global options, the commands, and the one place errors become exit codes.
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { EXIT, UsageError, exitCodeFor } from '../errors.js';
import { translator, type Translate } from '../i18n/index.js';
import { sqliteCode, storeFailure } from '../store/failure.js';
import { TOOL_VERSION } from '../version.js';
import type { CommandModule } from './command.js';
import { COMMANDS } from './commands/index.js';
import { createContext, earlyLang, type Streams } from './context.js';
import { renderError } from './render-error.js';

/** Commander writes its help headings and notes in English; they are swapped for the catalogue's words. */
export function localiseHelp(text: string, t: Translate): string {
  if (t.lang === 'en') return text;
  return text
    .replace(/^Usage:/gm, t('help.title_usage'))
    .replace(/^Arguments:/gm, t('help.title_arguments'))
    .replace(/^Options:/gm, t('help.title_options'))
    .replace(/^Global Options:/gm, t('help.title_global_options'))
    .replace(/^Commands:/gm, t('help.title_commands'))
    .replace(/\[options\]/g, t('help.meta_options'))
    .replace(/\[command\]/g, t('help.meta_command'))
    .replace(/<file\.\.\.>/g, t('help.meta_files'))
    .replace(/<batch>/g, t('help.meta_batch'))
    .replace(/\[dir\]/g, t('help.meta_folder'))
    .replace(/<[a-z]+>/g, (name) => localiseMetavariable(name, t))
    .replace(/([(,]\s*)default:(\s)/g, (_, before: string, after: string) => `${before}${t('help.default_label')}${after}`)
    .replace(/\(choices:(\s)/g, (_, after: string) => `(${t('help.choices_label')}${after}`);
}

/** What an option's value is called, in the reader's language: `--wave <wave>` reads `--wave <meting>` in Dutch. */
const METAVARIABLES = new Map(
  Object.entries({
    '<char>': 'help.metavar_char',
    '<dir>': 'help.metavar_dir',
    '<encoding>': 'help.metavar_encoding',
    '<file>': 'help.metavar_file',
    '<format>': 'help.metavar_format',
    '<kind>': 'help.metavar_kind',
    '<lang>': 'help.metavar_lang',
    '<level>': 'help.metavar_level',
    '<n>': 'help.metavar_n',
    '<name>': 'help.metavar_name',
    '<path>': 'help.metavar_path',
    '<wave>': 'help.metavar_wave',
  } as const),
);

function localiseMetavariable(name: string, t: Translate): string {
  const key = METAVARIABLES.get(name);
  return key ? `<${t(key)}>` : name;
}

/** An option as a message names it (`--format <format>`), with its metavariable in the reader's language. */
function optionName(option: string, t: Translate): string {
  return option.replace(/<[a-z]+>/g, (name) => localiseMetavariable(name, t));
}

/**
 * Help wraps at spaces only: commander's own wrapping also breaks at the no-break spaces French typography
 * puts before a colon or a percent sign, leaving « ; par défaut » at the start of a line.
 */
export function wrapAtSpaces(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const chunks = line.match(/[ \t]*[^ \t]+/g);
      if (!chunks) return '';
      const lines: string[] = [];
      let current = chunks[0];
      for (const chunk of chunks.slice(1)) {
        if (current.length + chunk.length <= width) current += chunk;
        else {
          lines.push(current);
          current = chunk.trimStart();
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/** Help wraps at the width of the terminal it goes to, 80 columns elsewhere; it is never coloured by commander. */
function helpWidth(stream: Streams['stdout']): number {
  const columns = stream.columns;
  return stream.isTTY && columns && columns > 0 ? columns : 80;
}

function buildProgram(t: Translate, streams: Streams) {
  const program = new Command('safety-scan')
    .description(t('help.program'))
    .version(TOOL_VERSION, '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .option('--store <path>', t('help.opt_store'))
    .option('--config <path>', t('help.opt_config'))
    .addOption(new Option('--lang <lang>', t('help.opt_lang')))
    .option('-q, --quiet', t('help.opt_quiet'))
    .option('-v, --verbose', t('help.opt_verbose'))
    .option('--no-color', t('help.opt_no_color'))
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, boxWrap: (text, width) => (width < 40 ? text : wrapAtSpaces(text, width)) })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(localiseHelp(text, t)),
      writeErr: (text) => streams.stderr.write(localiseHelp(text, t)),
      outputError: () => undefined,
      getOutHelpWidth: () => helpWidth(streams.stdout),
      getErrHelpWidth: () => helpWidth(streams.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  program.helpCommand('help [command]', t('help.help_command'));
  program.addHelpText('after', `\n${t('help.program_after')}\n`);
  return program;
}

/** Commander's own parse errors, in the user's language. */
function usageFromCommander(error: CommanderError, t: Translate): string {
  const token = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const suggestion = /\(Did you mean (.*)\?\)/.exec(error.message)?.[1];
  const hint = suggestion ? ` ${t('usage.did_you_mean', { suggestion })}` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return t('usage.unknown_option', { option: token }) + hint;
    case 'commander.unknownCommand':
      return t('usage.unknown_command', { command: token }) + hint;
    case 'commander.missingArgument':
      return t('usage.missing_argument', { argument: token });
    case 'commander.optionMissingArgument':
      return t('usage.option_missing_argument', { option: optionName(token, t) });
    case 'commander.missingMandatoryOptionValue':
      return t('usage.missing_option', { option: optionName(token, t) });
    case 'commander.invalidArgument': {
      // "option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json."
      const choice = /'([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/.exec(error.message.trim());
      // The choices are values the user types: each is shown as code.
      const choices = choice?.[3].split(', ').map((value) => `\`${value}\``).join(', ');
      if (choice && choices) return t('usage.invalid_choice', { option: optionName(choice[1], t), value: choice[2], choices });
      return error.message.replace(/^error: /, '');
    }
    case 'commander.excessArguments':
      return t('usage.excess_arguments');
    default:
      return error.message.replace(/^error: /, '');
  }
}

function isSqliteError(error: unknown): boolean {
  return error instanceof Error && sqliteCode(error).startsWith('SQLITE_');
}

/** The store named on the command line or in the environment, for messages about it. */
function storePathFor(argv: string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const index = argv.findIndex((arg) => arg === '--store' || arg.startsWith('--store='));
  const value = index < 0 ? env.SAFETY_SCAN_STORE : argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  return resolve(cwd, value || 'safety-scan.db');
}

/** `help nosuch` is a usage error, not a silent exit 0 with the program's help. */
function checkHelpTopic(argv: string[], commands: readonly CommandModule[]): void {
  const at = argv.indexOf('help');
  const topic = at >= 0 && argv.slice(0, at).every((arg) => arg.startsWith('-')) ? argv[at + 1] : undefined;
  if (topic !== undefined && !topic.startsWith('-') && !commands.some((module) => module.name === topic)) {
    throw new UsageError('usage.help_unknown_command', { command: topic, commands: commands.map((module) => module.name).join(', ') });
  }
}

export async function main(argv: string[], streams: Streams, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  let t = translator(earlyLang(argv, env));
  let exitCode: number = EXIT.ok;
  let verbose = argv.includes('-v') || argv.includes('--verbose');
  try {
    const program = buildProgram(t, streams);
    for (const module of COMMANDS) {
      const { command, run } = module.build(t);
      command.copyInheritedSettings(program);
      command.helpOption('-h, --help', t('help.help'));
      program.addCommand(command);
      command.action(async () => {
        const flags = program.opts();
        verbose = flags.verbose === true;
        const context = await createContext(flags, streams, env, cwd, module.settings);
        t = context.t;
        try {
          exitCode = (await run(context)) ?? EXIT.ok;
        } finally {
          context.log.clearProgress();
        }
      });
    }
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    checkHelpTopic(argv, COMMANDS);
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      streams.stderr.write(`${t('cli.error_prefix')} ${usageFromCommander(error, t)}\n${t('usage.see_help')}\n`);
      return EXIT.usage;
    }
    // A SQLite failure that escaped the store layer is still a store problem, not a bug.
    const failure = isSqliteError(error) ? storeFailure(storePathFor(argv, env, cwd), error) : error;
    streams.stderr.write(renderError(failure, t, verbose));
    if (failure instanceof UsageError) streams.stderr.write(`${t('usage.see_help')}\n`);
    return exitCodeFor(failure);
  }
}
