// The command line: global options, lazily loaded commands, and the one place errors become exit codes.
import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { EXIT, UsageError, exitCodeFor } from '../errors.js';
import { sqliteCode, storeFailure } from '../store/failure.js';
import { translator, type Translate } from '../i18n/index.js';
import { TOOL_VERSION } from '../version.js';
import type { CommandModule } from './command.js';
import { createContext, earlyLang, type GlobalFlags, type Streams } from './context.js';
import { renderError } from './render-error.js';
import { COMMANDS } from './commands/index.js';

/** Commander writes its help headings in English; they are swapped for the catalogue's words. */
export function localiseHelp(text: string, t: Translate): string {
  if (t.lang === 'en') return text;
  return text
    .replace(/^Usage:/gm, t('help.title_usage'))
    .replace(/^Arguments:/gm, t('help.title_arguments'))
    .replace(/^Options:/gm, t('help.title_options'))
    .replace(/^Commands:/gm, t('help.title_commands'))
    .replace(/\(default: /g, `(${t('help.default')}: `)
    .replace(/\(choices: /g, `(${t('help.choices')}: `);
}

function buildProgram(t: Translate, streams: Streams, onRun: (module: CommandModule, command: Command, args: string[]) => Promise<void>): Command {
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
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(localiseHelp(text, t)),
      writeErr: (text) => streams.stderr.write(localiseHelp(text, t)),
      outputError: () => undefined,
    });
  program.helpCommand('help [command]', t('help.help_command'));
  program.addHelpText('after', `\n${t('help.program_after')}\n`);
  for (const module of COMMANDS) {
    const command = program.command(module.name).exitOverride().helpOption('-h, --help', t('help.help'));
    module.define(command, t);
    command.action(async (...received: unknown[]) => {
      const self = received[received.length - 1] as Command;
      const args = (received.slice(0, -2) as unknown[]).flatMap((arg) => (Array.isArray(arg) ? arg : arg === undefined ? [] : [String(arg)]));
      await onRun(module, self, args);
    });
  }
  return program;
}

const QUOTED = /'([^']*)'/;

/** Commander's own parse errors, in the user's language where we know them. */
function usageFromCommander(error: CommanderError, t: Translate): string {
  const token = QUOTED.exec(error.message)?.[1] ?? '';
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
      return t('usage.option_missing_argument', { option: token });
    case 'commander.missingMandatoryOptionValue':
      return t('usage.missing_option', { option: token });
    case 'commander.invalidArgument':
      return error.message.replace(/^error: /, '');
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
  return resolve(cwd, value ?? 'safety-scan.db');
}

export async function main(argv: string[], streams: Streams, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  let t = translator(earlyLang(argv, env));
  let exitCode: number = EXIT.ok;
  let verbose = argv.includes('-v') || argv.includes('--verbose');
  const program = buildProgram(t, streams, async (module, command, args) => {
    const flags = command.optsWithGlobals() as GlobalFlags & Record<string, unknown>;
    verbose = flags.verbose === true;
    const context = await createContext(flags, streams, env, cwd);
    t = context.t;
    try {
      const code = await module.run(context, args, command.opts());
      exitCode = code ?? EXIT.ok;
    } finally {
      context.log.clearProgress();
    }
  });
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.ok;
      streams.stderr.write(`${t('cli.error_prefix')} ${usageFromCommander(error, t)}\n${t('usage.see_help')}\n`);
      return EXIT.usage;
    }
    // A SQLite failure that escaped the store layer is still a store problem, not a bug.
    const failure = isSqliteError(error) ? storeFailure(storePathFor(argv, env, cwd), error) : error;
    const code = exitCodeFor(failure);
    streams.stderr.write(renderError(failure, t, verbose));
    if (error instanceof UsageError) streams.stderr.write(`${t('usage.see_help')}\n`);
    return code;
  }
}
