// Typed errors: the core throws these, and one place in src/cli maps them to exit codes and prints them.
// A message is a catalogue key plus parameters (checked against the template at compile time), so it is
// rendered in the user's language at the edge; where it happened is a location, shown as `file:line:column:`.
import { constants as osConstants } from 'node:os';
import { en } from './i18n/en.js';
import { phrase, type Message, type MessageKey, type ParamArgs, type Phrase } from './i18n/index.js';

/** Where a problem is: the file as the user named it, a 1-based line and a 1-based column. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
}

export interface ErrorDetails {
  location?: Location;
  /** What to do about it, in one sentence. */
  hint?: Message;
  /** The underlying failure (a file-system error, a SQLite error), kept for --verbose. */
  cause?: unknown;
}

export type ErrorKind = 'usage' | 'input' | 'config' | 'store' | 'failed' | 'interrupted';

/** The message's parameters (when its template has placeholders), then optional details. */
export type ErrorArgs<K extends MessageKey> = [...ParamArgs<K>, details?: ErrorDetails];

const hasPlaceholders = (key: MessageKey) => /\{\w+\}/.test(en[key]);

export abstract class SafetyScanError<K extends MessageKey = MessageKey> extends Error {
  abstract readonly kind: ErrorKind;
  readonly detail: Message;
  readonly location: Location;
  readonly hint?: Message;

  /** From a message built elsewhere with `message(key, params)`. */
  constructor(detail: Message, details?: ErrorDetails);
  constructor(key: K, ...args: ErrorArgs<K>);
  constructor(first: K | Message, ...args: unknown[]) {
    const withParams = typeof first === 'string' && hasPlaceholders(first);
    const params = (withParams ? args[0] : undefined) as Message['params'] | undefined;
    const detail: Message = typeof first === 'string' ? { key: first, params: params ?? {} } : first;
    const details = (withParams ? args[1] : args[0]) as ErrorDetails | undefined;
    super(`${detail.key} ${JSON.stringify(detail.params)}`, details?.cause === undefined ? undefined : { cause: details.cause });
    this.detail = detail;
    this.location = details?.location ?? {};
    this.hint = details?.hint;
  }
}

/** Bad command-line usage: unknown option, bad option value. */
export class UsageError<K extends MessageKey = MessageKey> extends SafetyScanError<K> {
  readonly kind = 'usage' as const;
}

/** A file is missing, unreadable, or unusable as a whole. */
export class InputError<K extends MessageKey = MessageKey> extends SafetyScanError<K> {
  readonly kind = 'input' as const;
}

/** Invalid configuration, goals or mapping file. */
export class ConfigError<K extends MessageKey = MessageKey> extends SafetyScanError<K> {
  readonly kind = 'config' as const;
}

/** The store cannot be opened or written, is locked, or was made by a newer version. */
export class StoreError<K extends MessageKey = MessageKey> extends SafetyScanError<K> {
  readonly kind = 'store' as const;
}

/**
 * A file could not be written as a whole (the disk is full, the file too large, an I/O error). It shares exit 3
 * with a file that cannot be read: the run stopped on a file, not on its data, configuration or store.
 */
export class OutputError<K extends MessageKey = MessageKey> extends SafetyScanError<K> {
  readonly kind = 'input' as const;
}

/** The run worked and found what --fail-on or --strict asked to fail on. */
export class FailedCheck<K extends MessageKey = MessageKey> extends SafetyScanError<K> {
  readonly kind = 'failed' as const;
}

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  input: 3,
  config: 4,
  store: 5,
  internal: 70,
} as const;

/**
 * The run was asked to stop (Ctrl-C's SIGINT, a scheduler's SIGTERM, a closed terminal's SIGHUP) and did so in
 * order: what it was writing was rolled back. It ends as a shell reports a process a signal ended: 128 plus the
 * signal's number (130 for SIGINT, 143 for SIGTERM).
 */
/** What a stop signal stopped, for its message. */
const INTERRUPTED_KEYS = { import: 'run.interrupted', output: 'run.interrupted_output', answer: 'run.interrupted_answer' } as const;

export class Interrupted extends SafetyScanError<(typeof INTERRUPTED_KEYS)[keyof typeof INTERRUPTED_KEYS]> {
  readonly kind = 'interrupted' as const;
  readonly exitCode: number;

  /** `during`: what the signal stopped: an import (the default), an output file not yet put in place, or an answer not yet printed. */
  constructor(
    readonly signal: NodeJS.Signals,
    during: keyof typeof INTERRUPTED_KEYS = 'import',
  ) {
    super({ key: INTERRUPTED_KEYS[during], params: { signal } });
    this.exitCode = 128 + (osConstants.signals[signal] ?? 0);
  }
}

/** The exit code for whatever ended a run: the one mapping from errors to codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof Interrupted) return error.exitCode;
  if (error instanceof SafetyScanError && error.kind !== 'interrupted') return EXIT[error.kind];
  return EXIT.internal;
}

/** What each file-system and resource failure means, in words (Node's error codes, which name POSIX's). */
const FAILURE_WORDS = {
  ENOSPC: 'file.no_space',
  EDQUOT: 'file.no_space',
  EFBIG: 'file.too_large',
  EIO: 'file.io',
  EMFILE: 'file.too_many_open',
  ENFILE: 'file.too_many_open',
  EACCES: 'file.denied',
  EPERM: 'file.denied',
  EROFS: 'file.read_only',
  EISDIR: 'file.is_folder',
  ENOTDIR: 'file.not_folder',
  EEXIST: 'file.exists',
  ELOOP: 'file.link',
  ENOENT: 'file.missing',
  ENAMETOOLONG: 'file.name_too_long',
  ENXIO: 'file.no_device',
  ENODEV: 'file.no_device',
  EINVAL: 'file.not_here',
  EXDEV: 'file.not_here',
  EBUSY: 'file.busy',
  ETXTBSY: 'file.busy',
  EPIPE: 'file.closed',
} as const satisfies Record<string, MessageKey>;

export type SystemFailureCode = keyof typeof FAILURE_WORDS;

/** Failures of the place itself (not of the disk's room or health): the user named a place that cannot take a file. */
const RESOURCE_FAILURES: ReadonlySet<SystemFailureCode> = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EMFILE', 'ENFILE']);

/** A failure of the file system or the machine's resources, as Node reports it (with a code and a system call). */
export function systemFailure(error: unknown): (NodeJS.ErrnoException & { code: SystemFailureCode }) | null {
  if (!(error instanceof Error)) return null;
  const { code, syscall } = error as NodeJS.ErrnoException;
  return typeof syscall === 'string' && code !== undefined && Object.hasOwn(FAILURE_WORDS, code) ? (error as NodeJS.ErrnoException & { code: SystemFailureCode }) : null;
}

/** True when the failure is about room or health (disk full, file too large, I/O), not about the place. */
export function isResourceFailure(code: SystemFailureCode): boolean {
  return RESOURCE_FAILURES.has(code);
}

/** The failure in words, for a message's `{reason}`. */
export function failureReason(code: SystemFailureCode): Phrase {
  return phrase(FAILURE_WORDS[code]);
}

/**
 * A file-system failure that reached the edge without a typed error: one line naming the file and what went
 * wrong, exit 3 (a file could not be read or written as a whole).
 */
export function fileFailure(error: NodeJS.ErrnoException & { code: SystemFailureCode }): OutputError {
  const file = error.path;
  return new OutputError('file.failed', { reason: failureReason(error.code) }, { location: file ? { file } : undefined, cause: error });
}

/** `file:line:column:` with the parts that are known, or '' when none is. */
export function locationPrefix(location: Location): string {
  if (!location.file) return '';
  // a line feed in a file name would start a line of its own on stderr (other controls are escaped on the way out)
  let text = location.file.replace(/\n/g, '\\u000a');
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return `${text}: `;
}
