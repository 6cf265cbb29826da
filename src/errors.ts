// Typed errors: the core throws these, and one place in src/cli maps them to exit codes and prints them.
// A message is a catalogue key plus parameters, so it is rendered in the user's language at the edge.
import type { MessageKey, MessageParams } from './i18n/index.js';

export interface Location {
  file?: string;
  line?: number;
  column?: number | string;
}

export type ErrorKind = 'usage' | 'input' | 'config' | 'store' | 'failed';

export abstract class SafetyScanError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly location: Location = {},
    readonly hint?: { key: MessageKey; params?: MessageParams },
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** Bad command-line usage: unknown option, bad option value. */
export class UsageError extends SafetyScanError {
  readonly kind = 'usage' as const;
}

/** A file is missing, unreadable, or unusable as a whole. */
export class InputError extends SafetyScanError {
  readonly kind = 'input' as const;
}

/** Invalid configuration, goals or mapping file. */
export class ConfigError extends SafetyScanError {
  readonly kind = 'config' as const;
}

/** The store cannot be opened or written, is locked, or was made by a newer version. */
export class StoreError extends SafetyScanError {
  readonly kind = 'store' as const;
}

/** The run worked and found what --fail-on or --strict asked to fail on. */
export class FailedCheck extends SafetyScanError {
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
