// What every command gets: resolved global options, the translator, stdout for output, stderr for the rest.
import { resolve } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { configFileOf, resolveSettings } from '../config/resolve.js';
import { defaultSettings, type Settings } from '../config/settings.js';
import { UsageError } from '../errors.js';
import { indicatorsById } from '../config/codebook.js';
import type { Evidence } from '../evidence/evidence.js';
import type { RenderView } from '../render/formats.js';
import { isLang, translator, type Lang, type Translate } from '../i18n/index.js';
import { terminalText } from '../render/terminal.js';
import { shownName } from '../shown-name.js';
import { storeLocation, type StoreLocation } from '../store/engine.js';
import { redactUrl } from '../store/pg/url.js';
import type { KeyWhere } from '../store/key.js';
import type { StoreWriter } from '../store/write.js';

export interface GlobalFlags {
  store?: string;
  config?: string;
  zone?: string;
  lang?: string;
  quiet?: true;
  verbose?: true;
  color: boolean;
}

/** The streams main() is given: the process's own, or captured ones in tests. */
export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; fd?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; fd?: number };
}

/** Where a run writes text: stdout or stderr as main() hands them on (guarded against a closed reader). */
export interface TextStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Outputs {
  stdout: TextStream;
  stderr: TextStream;
}

/** `defaults`: a command that runs on the built-in settings and never reads a configuration file. */
export type SettingsUse = 'file' | 'defaults';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/**
 * Messages on stderr: warnings and errors always (but for --quiet on warnings), details with --verbose. Every
 * message is made safe for a terminal first (names from the data shown escaped), then coloured.
 */
export class Logger {
  private progressShown = false;

  constructor(
    private readonly stream: TextStream,
    readonly verbosity: Verbosity,
    readonly colors: ChalkInstance,
    private readonly progressEnabled: boolean,
  ) {}

  private write(text: string, paint: (text: string) => string = (plain) => plain): void {
    this.clearProgress();
    const safe = terminalText(text);
    this.stream.write(paint(safe.endsWith('\n') ? safe : `${safe}\n`));
  }

  info(text: string): void {
    if (this.verbosity !== 'quiet') this.write(text);
  }

  detail(text: string): void {
    if (this.verbosity === 'verbose') this.write(text, this.colors.dim);
  }

  warn(text: string): void {
    if (this.verbosity !== 'quiet') this.write(text, this.colors.yellow);
  }

  error(text: string): void {
    this.write(text, this.colors.red);
  }

  /** A one-line progress indicator, only on an interactive terminal outside CI. */
  progress(text: string): void {
    if (!this.progressEnabled || this.verbosity === 'quiet') return;
    this.stream.write(`\r\u001b[2K${this.colors.dim(terminalText(text))}`);
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
  /** The configuration file this run's flags, environment or folder name (it may not exist); null for none. */
  configFile: string | null;
  /**
   * The SQLite store file. A PostgreSQL location is opened through `location` (withEvidence, openZoneWriter,
   * admin): reading this then refuses the command rather than take the URL for a file name.
   */
  readonly store: string;
  /** Where the store is, as given: a SQLite file or a PostgreSQL URL. */
  location: StoreLocation;
  /** The zone a shared store is worked on as: `--zone`, else the configuration's `zone:` (README, Many zones). */
  zone: string | undefined;
  lang: Lang;
  t: Translate;
  log: Logger;
  /** Colours for stdout (tables), on only when stdout is a terminal. */
  colors: ChalkInstance;
  /** The width stdout's tables fit, in columns. */
  width: number;
  out: (text: string) => void;
  /** The time recorded with imported batches; everything computed from data ignores the clock. */
  now: () => string;
  /** SAFETY_SCAN_BUSY_TIMEOUT_MS, read when the run starts (every command refuses a bad one); undefined: the default. */
  busyTimeoutMs: number | undefined;
  /** A path as the user typed it, resolved against the working folder of this run (not the process's). */
  path(file: string): string;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/**
 * Picks the language before commander parses, so even usage errors speak it: flag > env > default. Of two
 * `--lang` (`--lang fr report --lang nl`) the last, as commander takes it for the run: one language for every
 * message of the run, and for what it writes.
 */
export function earlyLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const index = argv.findLastIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = index < 0 ? env.SAFETY_SCAN_LANG : argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  return value && isLang(value) ? value : 'en';
}

/** An environment variable that is set to something: `SAFETY_SCAN_STORE=` (empty) means unset, not "here". */
function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Global options: flag > environment > config file > default. */
export async function createContext(flags: GlobalFlags, streams: Outputs, env: NodeJS.ProcessEnv, cwd: string, use: SettingsUse = 'file'): Promise<Context> {
  const chosen = flags.lang ?? given(env.SAFETY_SCAN_LANG);
  if (chosen !== undefined && !isLang(chosen)) throw new UsageError('usage.bad_lang', { value: chosen });
  // an environment value is checked before the configuration is read, as an option's is: exit 2 beside a broken file
  const busyTimeoutMs = busyTimeout(env);
  const explicitConfig = flags.config ?? given(env.SAFETY_SCAN_CONFIG);
  const settings = use === 'defaults' ? defaultSettings() : await resolveSettings(explicitConfig, cwd);
  const lang: Lang = chosen ?? settings.lang ?? 'en';
  const location = storeLocation(flags.store ?? given(env.SAFETY_SCAN_STORE) ?? settings.store ?? 'safety-scan.db', cwd);
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const errColors = new Chalk({ level: colorEnabled(streams.stderr, env, flags.color) ? 1 : 0 });
  const outColors = new Chalk({ level: colorEnabled(streams.stdout, env, flags.color) ? 1 : 0 });
  const progress = streams.stderr.isTTY === true && !env.CI;
  const log = new Logger(streams.stderr, verbosity, errColors, progress);
  // a zone chosen on the command line for the store file a command works on is said, once, not silently dropped;
  // `zone:` in a configuration shared by both kinds of store is not (the file serves the store file as it is), nor
  // is `--zone` for `admin migrate`, which names the zone of its PostgreSQL store and never works on this one
  let zoneSaid = flags.zone === undefined;
  return {
    cwd,
    env,
    settings,
    configFile: configFileOf(explicitConfig, cwd),
    get store() {
      if (location.engine === 'postgres') throw new UsageError('usage.pg_not_yet', { store: redactUrl(location.url) });
      if (!zoneSaid) log.warn(translator(lang)('usage.zone_sqlite', { store: location.path }));
      zoneSaid = true;
      return location.path;
    },
    location,
    zone: flags.zone ?? settings.zone,
    lang,
    t: translator(lang),
    log,
    colors: outColors,
    width: outputWidth(streams.stdout, env),
    // Our renderers colour only a terminal; whatever else looks like a control sequence came with the data.
    // A byte-order mark opening the output is the Excel CSV's own (--excel), not something from the data.
    out: (text) => {
      const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
      streams.stdout.write(bom + terminalText(text.slice(bom.length), outColors.level > 0));
    },
    now: () => new Date().toISOString(),
    busyTimeoutMs,
    path: (file) => resolve(cwd, file),
  };
}

/**
 * This run with another SQLite store and settings (the demo's own store in its folder), whatever store it was
 * given: the descriptors are copied, so a PostgreSQL location's refusing `store` is replaced, never read.
 */
export function withSqliteStore(context: Context, path: string, settings: Settings): Context {
  const own = (value: unknown) => ({ value, writable: true, enumerable: true, configurable: true });
  const copy: Context = Object.create(Object.getPrototypeOf(context));
  return Object.defineProperties(copy, {
    ...Object.getOwnPropertyDescriptors(context),
    store: own(path),
    location: own({ engine: 'sqlite', path }),
    settings: own(settings),
  });
}

/** The store a run reads, as messages and `status` name it: a SQLite file, or a shared store's URL (no password) and zone. */
export interface StoreNamed {
  store: string;
  /** The zone of a shared PostgreSQL store the run reads as; undefined for a SQLite store. */
  zone?: string;
  /** Where the store's (or zone's) pseudonymisation key is, looked up when asked (`status`). */
  key: () => Promise<KeyWhere>;
}

/**
 * Opens the store to read, gives the work this run's evidence layer over it, and closes the store once the work
 * is done (or has failed): a SQLite file, or a shared PostgreSQL store as the zone of its login or of `--zone`.
 */
export async function withEvidence<T>(context: Context, work: (evidence: Evidence, named: StoreNamed) => Promise<T>): Promise<T> {
  const { Evidence } = await import('../evidence/evidence.js');
  const location = context.location;
  if (location.engine === 'postgres') {
    const { readingZone } = await import('../store/pg/reader.js');
    const { zoneKeyWhere } = await import('../store/pg/zone.js');
    return readingZone(location.url, context.zone, (reader, opened) =>
      work(new Evidence(reader, context.settings), { store: opened.store.name, zone: opened.zone, key: () => zoneKeyWhere(opened, { env: context.env }) }),
    );
  }
  const { readingSqlite } = await import('../store/reader.js');
  return readingSqlite(context.store, (reader, key) => work(new Evidence(reader, context.settings), { store: context.store, key }), { env: context.env });
}

/**
 * The zone of a PostgreSQL store this run imports into, forgets from or maps against (README, Many zones in one
 * PostgreSQL store), opened; null for a SQLite file, which each command opens as it needs. `write` false for a
 * dry run, which makes and records no key.
 */
export async function openZoneWriter(context: Context, write = true): Promise<StoreWriter | null> {
  if (context.location.engine !== 'postgres') return null;
  const { openPgWriter } = await import('../store/pg/write.js');
  return openPgWriter(context.location.url, context.zone, { env: context.env }, write, (notice) => context.log.warn(context.t.message(notice)));
}

/**
 * The width tables fit: `COLUMNS` when set, else the terminal's, else 80 (a file or a pipe reads best at the
 * width of a terminal, and a CI log is one).
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const columns = Number(given(env.COLUMNS));
  if (Number.isInteger(columns) && columns >= 20) return columns;
  if (stream.isTTY && stream.columns !== undefined && stream.columns >= 20) return stream.columns;
  return 80;
}

/** What renderers need of this run: the language, stdout's colours and width, the codebook's indicators by id. */
export function renderView(context: Context): RenderView {
  return { t: context.t, colors: context.colors, width: context.width, definitions: indicatorsById(context.settings.codebook) };
}

/**
 * How long to wait for another process's write lock on the store (SAFETY_SCAN_BUSY_TIMEOUT_MS), if set: a whole
 * number of milliseconds in digits. Any other value is exit 2, never ignored in silence (a nightly job that set
 * `30s` would otherwise wait the default and fail on a busy store without saying why).
 */
export function busyTimeout(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.SAFETY_SCAN_BUSY_TIMEOUT_MS?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError('usage.bad_busy_timeout', { value: shownName(text) });
  return Number(text);
}
