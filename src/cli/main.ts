// The command line: global options, the commands, and the one place errors become exit codes.
import { fstatSync, writeSync } from 'node:fs';
import { Command, CommanderError, Help, Option } from '@commander-js/extra-typings';
import { fitText } from '../render/table.js';
import { aboutCommandLine } from './errors-usage.js';
import { EXIT, OutputError, UsageError, exitCodeFor, failureReason, fileFailure, systemFailure } from '../errors.js';
import { translator, type Translate } from '../i18n/index.js';
import { sqliteCode, storeFailure } from '../store/failure.js';
import { TOOL_VERSION } from '../version.js';
import { EMPTY_VALUE, HELP_WIDTH, nonEmpty, type CommandModule } from './command.js';
import { loopTurns, superviseSignals, type HeldSignals } from './interrupt.js';
import { COMMANDS } from './commands/index.js';
import { createContext, earlyLang, type Outputs, type Streams, type TextStream } from './context.js';
import { renderError, typedValue } from './render-error.js';
import { terminalText } from '../render/terminal.js';
import { shownStore } from '../store/engine.js';

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
    .replace(/\[[a-z]+\]/g, (name) => `[${localiseMetavariable(`<${name.slice(1, -1)}>`, t).slice(1, -1)}]`)
    .replace(/([(,]\s*)default:(\s)/g, (_, before: string, after: string) => `${before}${t('help.default_label')}${after}`)
    .replace(/\(choices:(\s)/g, (_, after: string) => `(${t('help.choices_label')}${after}`);
}

/** What an option's value is called, in the reader's language: `--wave <wave>` reads `--wave <meting>` in Dutch. */
const METAVARIABLES = new Map(
  Object.entries({
    '<action>': 'help.metavar_action',
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
function helpWidth(stream: TextStream): number {
  const columns = stream.columns;
  return stream.isTTY && columns && columns > 0 ? columns : 80;
}

function buildProgram(t: Translate, streams: Outputs) {
  const program = new Command('safety-scan')
    .description(t('help.program'))
    .version(TOOL_VERSION, '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .option('--store <path>', t('help.opt_store'), nonEmpty)
    .option('--config <path>', t('help.opt_config'), nonEmpty)
    .option('--zone <name>', t('help.opt_zone'), nonEmpty)
    .addOption(new Option('--lang <lang>', t('help.opt_lang')))
    .option('-q, --quiet', t('help.opt_quiet'))
    .option('-v, --verbose', t('help.opt_verbose'))
    .option('--no-color', t('help.opt_no_color'))
    .showSuggestionAfterError(true)
    .configureHelp({
      showGlobalOptions: true,
      // Terms and descriptions in the reader's language before commander measures and wraps them, so a longer
      // word (`<meting>`, `standaard:`) never pushes a line past the width.
      optionTerm: (option) => localiseHelp(Help.prototype.optionTerm.call(new Help(), option), t),
      subcommandTerm: (command) => localiseHelp(Help.prototype.subcommandTerm.call(new Help(), command), t),
      argumentTerm: (argument) => localiseHelp(Help.prototype.argumentTerm.call(new Help(), argument), t),
      boxWrap: (text, width) => (width < 40 ? text : wrapAtSpaces(localiseHelp(text, t), width)),
    })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(terminalText(localiseHelp(text, t))),
      writeErr: (text) => streams.stderr.write(terminalText(localiseHelp(text, t))),
      outputError: () => undefined,
      getOutHelpWidth: () => helpWidth(streams.stdout),
      getErrHelpWidth: () => helpWidth(streams.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  program.helpCommand('help [command]', t('help.help_command'));
  program.addHelpText('after', `\n${fitText(t('help.program_after'), HELP_WIDTH)}\n`);
  return program;
}

/** Commander's own parse errors, in the user's language. */
function usageFromCommander(error: CommanderError, t: Translate): string {
  const token = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const suggestion = /\(Did you mean (.*)\?\)/.exec(error.message)?.[1];
  const hint = suggestion ? ` ${t('usage.did_you_mean', { suggestion })}` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return t('usage.unknown_option', { option: typedValue(token) }) + hint;
    case 'commander.unknownCommand':
      return t('usage.unknown_command', { command: typedValue(token) }) + hint;
    case 'commander.missingArgument':
      return t('usage.missing_argument', { argument: token });
    case 'commander.optionMissingArgument':
      return t('usage.option_missing_argument', { option: optionName(token, t) });
    case 'commander.missingMandatoryOptionValue':
      return t('usage.missing_option', { option: optionName(token, t) });
    case 'commander.invalidArgument': {
      // "option '--district <name>' argument '' is invalid. an empty value" (nonEmpty, collectList)
      const empty = /option '([^' ]+)[^']*' argument '([^']*)' is invalid\. (.*)$/.exec(error.message.trim());
      if (empty && empty[3] === EMPTY_VALUE) return t('usage.empty_value', { option: empty[1] });
      // "command-argument value '' is invalid for argument 'dir'. an empty value" (an operand: nonEmpty, operands)
      const operand = /command-argument value '[^']*' is invalid for argument '([^']+)'\. (.*)$/.exec(error.message.trim());
      if (operand && operand[2] === EMPTY_VALUE) return t('usage.empty_argument', { argument: operand[1] });
      // "option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json."
      const choice = /'([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/.exec(error.message.trim());
      // The choices are values the user types: each is shown as code.
      const choices = choice?.[3].split(', ').map((value) => `\`${value}\``).join(', ');
      if (choice && choices) return t('usage.invalid_choice', { option: optionName(choice[1], t), value: typedValue(choice[2]), choices });
      return error.message.replace(/^error: /, '');
    }
    case 'commander.excessArguments':
      return t('usage.excess_arguments');
    case 'commander.conflictingOption': {
      // "option '--format <format>' cannot be used with option '--json'"
      const [option, other] = [...error.message.matchAll(/'(-[^' ]+)[^']*'/g)].map((match) => match[1]);
      return other ? t('usage.conflicting_options', { option, other }) : error.message.replace(/^error: /, '');
    }
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
  return shownStore(value || 'safety-scan.db', cwd);
}

/** `help nosuch` is a usage error, not a silent exit 0 with the program's help. */
function checkHelpTopic(argv: string[], commands: readonly CommandModule[]): void {
  const at = argv.indexOf('help');
  const topic = at >= 0 && argv.slice(0, at).every((arg) => arg.startsWith('-')) ? argv[at + 1] : undefined;
  if (topic !== undefined && !topic.startsWith('-') && !commands.some((module) => module.name === topic)) {
    throw new UsageError('usage.help_unknown_command', { command: topic, commands: commands.map((module) => module.name).join(', ') });
  }
}

/**
 * The descriptor of a stream that is a regular file (`> out.csv`), else undefined. Node writes to such a file with
 * one write call per chunk and does not look at how much of it the call took: under a file-size limit (Node
 * ignores SIGXFSZ) the write that crosses the limit takes what fits, returns short, and the rest is lost without an
 * error (adversarial run r11, finding 5). Such a file is written here instead, until every byte is taken.
 */
function regularFile(stream: Streams['stdout']): number | undefined {
  const { fd } = stream;
  if (typeof fd !== 'number') return undefined;
  try {
    return fstatSync(fd).isFile() ? fd : undefined;
  } catch {
    return undefined;
  }
}

/** Writes all of `bytes` to `fd`: a short write is followed by another, which takes the rest or fails. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * A stream whose reader may go away. After a closed pipe (EPIPE) what is written is dropped and the run goes on
 * to its own exit code (`check --fail-on high | head` still exits 1, a closed stderr never stops an import); any
 * other failure (a full disk under `> file`) is kept, to be reported when the run is over.
 */
class GuardedStream implements TextStream {
  private closed = false;
  private pending = 0;
  private whenIdle: (() => void) | null = null;
  private readonly file: number | undefined;
  failure: Error | null = null;

  constructor(private readonly stream: Streams['stdout']) {
    stream.on('error', (error: Error) => this.fail(error));
    this.file = regularFile(stream);
  }

  get isTTY(): boolean | undefined {
    return this.stream.isTTY;
  }

  get columns(): number | undefined {
    return this.stream.columns;
  }

  write(text: string): boolean {
    if (this.closed) return false;
    if (this.file !== undefined) {
      try {
        writeAll(this.file, Buffer.from(text, 'utf8'));
        return true;
      } catch (error) {
        this.fail(error);
        return false;
      }
    }
    this.pending++;
    try {
      return this.stream.write(text, (error) => {
        if (error) this.fail(error);
        this.written();
      });
    } catch (error) {
      this.fail(error);
      this.written();
      return false;
    }
  }

  /** Resolves once everything written has gone out or failed. */
  settled(): Promise<void> {
    if (this.pending === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.whenIdle = resolve;
    });
  }

  private fail(error: unknown): void {
    this.closed = true;
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED') this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.whenIdle?.();
  }

  private written(): void {
    this.pending--;
    if (this.pending === 0) this.whenIdle?.();
  }
}

/** What the end of a run needs to know of it: the language it speaks and whether --verbose was given. */
interface RunState {
  t: Translate;
  verbose: boolean;
}

/** Parses the command line and runs the command; every error ends here as an exit code and one message. */
async function runCommand(argv: string[], streams: Outputs, env: NodeJS.ProcessEnv, cwd: string, state: RunState): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    const program = buildProgram(state.t, streams);
    for (const module of COMMANDS) {
      const { command, run } = module.build(state.t);
      command.copyInheritedSettings(program);
      command.helpOption('-h, --help', state.t('help.help'));
      program.addCommand(command);
      command.action(async () => {
        const flags = program.opts();
        state.verbose = flags.verbose === true;
        const context = await createContext(flags, streams, env, cwd, module.settings);
        state.t = context.t;
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
    const { t } = state;
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      streams.stderr.write(terminalText(`${t('cli.error_prefix')} ${usageFromCommander(error, t)}\n${t('usage.see_help')}\n`));
      return EXIT.usage;
    }
    const failure = typedFailure(error, storePathFor(argv, env, cwd));
    streams.stderr.write(terminalText(renderError(failure, t, state.verbose)));
    if (aboutCommandLine(failure)) streams.stderr.write(`${t('usage.see_help')}\n`);
    return exitCodeFor(failure);
  }
}

/**
 * A failure that escaped without a type is still no bug when it is the store's (SQLite) or the file system's
 * (a full disk, a folder without permission): it gets the exit code and one-line message of its kind.
 */
export function typedFailure(error: unknown, store: string): unknown {
  if (isSqliteError(error)) return storeFailure(store, error);
  // An answer past what one string or buffer can hold (a JSON text of a million rows): too large, not a bug.
  if (error instanceof RangeError && /Invalid string length|Array buffer allocation failed|Invalid typed array length/.test(error.message)) {
    return new OutputError('output.answer_too_large', { cause: error });
  }
  const system = systemFailure(error);
  return system ? fileFailure(system) : error;
}

/**
 * One run: the exit code. `signals`, from bin only: the stop signals it held while the bundle loaded, taken over
 * for the whole run (superviseSignals); in-process callers (tests) leave the process's signals alone.
 */
export async function main(argv: string[], streams: Streams, env: NodeJS.ProcessEnv, cwd: string, signals?: HeldSignals): Promise<number> {
  // bin held the stop signals while the bundle loaded: one that came already ends the run before it starts
  const supervised = signals ? superviseSignals(signals) : null;
  try {
    if (supervised?.held != null) return supervised.held;
    // A signal the process took while its thread was held up, with no turn of the event loop between (Node 24
    // resolves the bundle's import through module hooks that way), is still waiting in the loop: two turns, so
    // that a whole poll phase runs, hand it to the handlers above before the run begins.
    if (supervised) await loopTurns();
    // A signal taken once the work is done (the store committed, the output in place: placeUnlessStopped checked
    // for one before the output went in place) does not change the run's outcome: its code stands (r18b, F5).
    return await mainRun(argv, streams, env, cwd);
  } finally {
    // not removed: Node's default would then end the process by a signal that comes as it exits
    supervised?.settle();
  }
}

async function mainRun(argv: string[], streams: Streams, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const stdout = new GuardedStream(streams.stdout);
  const outputs: Outputs = { stdout, stderr: new GuardedStream(streams.stderr) };
  const state: RunState = { t: translator(earlyLang(argv, env)), verbose: argv.includes('-v') || argv.includes('--verbose') };
  const code = await runCommand(argv, outputs, env, cwd, state);
  await stdout.settled();
  if (!stdout.failure) return code;
  // The output did not arrive whole: whatever the run found, a script must not take it for the answer.
  outputs.stderr.write(terminalText(renderError(stdoutFailure(stdout.failure), state.t, state.verbose)));
  return Math.max(code, EXIT.input);
}

/**
 * Why stdout took nothing, as one line: a stdout open for reading only (`1</dev/null`: EBADF on the first
 * write) said as such; a full disk, a file-size limit and the like in their words. (A closed stdout, `>&-`, is
 * never seen: Node opens /dev/null in its place at start-up, so that run succeeds and writes nothing.)
 */
function stdoutFailure(failure: Error): OutputError {
  if ('code' in failure && failure.code === 'EBADF') return new OutputError('output.stdout_not_writable', { cause: failure });
  const system = systemFailure(failure);
  const reason = system ? failureReason(system.code) : failure.message;
  return new OutputError('output.stdout_failed', { reason }, { cause: failure });
}
