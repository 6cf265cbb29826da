// What every command gets: resolved global options, the translator, stdout for output, stderr for the rest.
import { resolve } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { resolveSettings, type Settings } from '../config/settings.js';
import { UsageError } from '../errors.js';
import { isLang, translator, type Lang, type Translate } from '../i18n/index.js';

export interface GlobalFlags {
  store?: string;
  config?: string;
  lang?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
}

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Messages on stderr: warnings and errors always (but for --quiet on warnings), details with --verbose. */
export class Logger {
  private progressShown = false;

  constructor(
    private readonly stream: Streams['stderr'],
    readonly verbosity: Verbosity,
    readonly colors: ChalkInstance,
    private readonly progressEnabled: boolean,
  ) {}

  private write(text: string): void {
    this.clearProgress();
    this.stream.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  info(text: string): void {
    if (this.verbosity !== 'quiet') this.write(text);
  }

  detail(text: string): void {
    if (this.verbosity === 'verbose') this.write(this.colors.dim(text));
  }

  warn(text: string): void {
    if (this.verbosity !== 'quiet') this.write(this.colors.yellow(text));
  }

  error(text: string): void {
    this.write(this.colors.red(text));
  }

  /** A one-line progress indicator, only on an interactive terminal outside CI. */
  progress(text: string): void {
    if (!this.progressEnabled || this.verbosity === 'quiet') return;
    this.stream.write(`\r\u001b[2K${this.colors.dim(text)}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (this.progressShown) {
      this.stream.write('\r\u001b[2K');
      this.progressShown = false;
    }
  }
}

export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  settings: Settings;
  store: string;
  lang: Lang;
  t: Translate;
  log: Logger;
  /** Colours for stdout (tables), on only when stdout is a terminal. */
  colors: ChalkInstance;
  out: (text: string) => void;
  /** The time recorded with imported batches; everything computed from data ignores the clock. */
  now: () => string;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Picks the language before commander parses, so even usage errors speak it: flag > env > default. */
export function earlyLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = index < 0 ? env.SAFETY_SCAN_LANG : argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  return value && isLang(value) ? value : 'en';
}

/** Global options: flag > environment > config file > default. */
export async function createContext(flags: GlobalFlags, streams: Streams, env: NodeJS.ProcessEnv, cwd: string): Promise<Context> {
  const chosen = flags.lang ?? env.SAFETY_SCAN_LANG;
  if (chosen !== undefined && !isLang(chosen)) throw new UsageError('usage.bad_lang', { value: chosen });
  const settings = await resolveSettings(flags.config, env, cwd);
  const lang: Lang = (chosen as Lang | undefined) ?? settings.lang ?? 'en';
  const store = resolve(cwd, flags.store ?? env.SAFETY_SCAN_STORE ?? settings.store ?? 'safety-scan.db');
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const errColors = new Chalk({ level: colorEnabled(streams.stderr, env, flags.color) ? 1 : 0 });
  const outColors = new Chalk({ level: colorEnabled(streams.stdout, env, flags.color) ? 1 : 0 });
  const progress = streams.stderr.isTTY === true && !env.CI;
  return {
    cwd,
    env,
    settings,
    store,
    lang,
    t: translator(lang),
    log: new Logger(streams.stderr, verbosity, errColors, progress),
    colors: outColors,
    out: (text) => {
      streams.stdout.write(text);
    },
    now: () => new Date().toISOString(),
  };
}
