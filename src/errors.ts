// Typed errors: the core throws these, and one place in src/cli maps them to exit codes and prints them.
// A message is a catalogue key plus parameters (checked against the template at compile time), so it is
// rendered in the user's language at the edge; where it happened is a location, shown as `file:line:column:`.
import { en } from './i18n/en.js';
import type { Message, MessageKey, ParamArgs } from './i18n/index.js';

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

export type ErrorKind = 'usage' | 'input' | 'config' | 'store' | 'failed';

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

/** The exit code for whatever ended a run: the one mapping from errors to codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof SafetyScanError) return EXIT[error.kind];
  return EXIT.internal;
}

/** `file:line:column:` with the parts that are known, or '' when none is. */
export function locationPrefix(location: Location): string {
  if (!location.file) return '';
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return `${text}: `;
}
