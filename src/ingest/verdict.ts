// Whether a file's rows may be kept, decided in one place: the rejects limit (--strict, --max-rejects), a dry
// run, and a file of which no row can be used (exit 3, with the commonest reasons and what to do about them).
import { InputError, UsageError } from '../errors.js';
import { type Message, message, type Phrase } from '../i18n/index.js';
import type { FiguresAccount, ImportStatus, RejectsLimit, RowCounts, ReasonCount } from './outcome.js';
import { parseNumber } from './values.js';
import { formatCount } from '../render/numbers.js';

/** `--max-rejects 25` (rows) or `--max-rejects 2%` (of the rows validated); --strict is a limit of 0. */
export function rejectsLimit(options: { strict?: boolean; maxRejects?: string }): RejectsLimit | null {
  if (options.strict && options.maxRejects !== undefined) throw new UsageError('usage.strict_and_max_rejects');
  if (options.strict) return { rows: 0, option: '--strict' };
  if (options.maxRejects === undefined) return null;
  const text = options.maxRejects.trim();
  const option = `--max-rejects ${text}`;
  const percent = /^(\d+(?:[.,]\d+)?)\s*%$/.exec(text);
  if (percent) {
    const share = parseNumber(percent[1]) / 100;
    if (share <= 1) return { share, option };
  } else if (/^\d+$/.test(text)) return { rows: Number(text), option };
  throw new UsageError('usage.bad_max_rejects', { value: options.maxRejects });
}

/** The limit an import request sets: --max-rejects, or --strict as a limit of 0. */
export function limitOf(request: { strict: boolean; maxRejects?: RejectsLimit }): RejectsLimit | null {
  return request.maxRejects ?? (request.strict ? { rows: 0, option: '--strict' } : null);
}

/** True when a file rejected more rows than the limit allows. */
export function beyondLimit(limit: RejectsLimit | null, rows: RowCounts): boolean {
  if (limit === null || rows.rejected === 0) return false;
  if ('rows' in limit) return rows.rejected > limit.rows;
  return rows.rejected / (rows.valid + rows.rejected) > limit.share;
}

export interface ImportDecision {
  status: Exclude<ImportStatus, 'unchanged'>;
  commit: boolean;
}

/** Whether the rows read may be kept: the one place --strict, --max-rejects and --dry-run decide. */
export function decide(options: { limit: RejectsLimit | null; dryRun: boolean }, rows: RowCounts): ImportDecision {
  if (beyondLimit(options.limit, rows)) return { status: 'strict_failed', commit: false };
  if (options.dryRun) return { status: 'dry_run', commit: false };
  return { status: 'stored', commit: true };
}

/** What the commonest reasons suggest doing: reading percentages as such, replacing what is stored, else reading the rejects file. */
function hintFor(reasons: readonly ReasonCount[], percentColumns: ReadonlySet<string>, ownScale: ReadonlySet<ReasonCount>, storedIn: readonly number[]): Message {
  if (storedIn.length > 0 && reasons.every((reason) => reason.code === 'duplicate')) {
    return message('hint.already_stored', { batches: storedIn.join(', ') });
  }
  const percentLike = reasons.some((reason) => {
    const value = parseNumber(reason.value);
    // a score beyond its own scale (a long monitor table's insecurity index) is no percentage
    return reason.code === 'out_of_range' && reason.column !== null && percentColumns.has(reason.column) && !ownScale.has(reason) && value > 1 && value <= 100;
  });
  return percentLike ? message('hint.units_percent') : message('hint.no_usable_rows');
}

const REASONS_SHOWN = 3;

/**
 * The error for a file of which no row can be used: nothing is stored and no batch recorded. It names the
 * commonest reasons with the first example of each, the rejects file, and a hint when the reasons suggest one.
 */
export function noUsableRows(
  file: string,
  rows: RowCounts,
  reasons: readonly ReasonCount[],
  context: { rejectsFile: string | null; leftOut: number; percentColumns: ReadonlySet<string>; ownScale?: ReadonlySet<ReasonCount>; storedIn: readonly number[]; ages?: FiguresAccount | null },
): InputError {
  const location = { location: { file } };
  if (rows.rejected === 0) return allSkipped(rows, context.ages ?? null, location);
  const listed: Phrase = {
    render: (t) =>
      reasons
        .slice(0, REASONS_SHOWN)
        .map((reason) => t('input.reason_example', { count: formatCount(reason.count, t), message: reason.message, line: reason.line }))
        .join(t('text.separator')),
  };
  const rejects = context.rejectsFile ?? '-';
  const hint = hintFor(reasons, context.percentColumns, context.ownScale ?? new Set(), context.storedIn);
  if (context.leftOut > 0) {
    // the rejects file holds the first rows only: the message must not say it holds every one
    const written = rows.rejected - context.leftOut;
    return new InputError('input.no_usable_rows_left_out', { rows: rows.read, reasons: listed, rejects, written, count: context.leftOut }, { ...location, hint });
  }
  return new InputError('input.no_usable_rows', { rows: rows.read, reasons: listed, rejects }, { ...location, hint });
}

/**
 * The error for a file whose every row was skipped: by the mapping's `skip:` rules, or, in population figures, for
 * residents outside the age groups (all under 15 when the groups start at 15), each named for what it was.
 */
function allSkipped(rows: RowCounts, ages: FiguresAccount | null, location: { location: { file: string } }): InputError {
  const outside = ages?.rowsLeftOut ?? 0;
  if (ages === null || outside === 0) return new InputError('input.all_skipped', { rows: rows.read }, location);
  if (outside < rows.skipped) return new InputError('input.all_skipped_or_outside_ages', { rows: rows.read, ages: outside, skipped: rows.skipped - outside }, location);
  if (ages.older.rows === 0 || ages.older.age === null) return new InputError('input.all_younger', { rows: rows.read, age: ages.younger.age ?? 0 }, location);
  if (ages.younger.rows === 0) return new InputError('input.all_older', { rows: rows.read, age: ages.older.age }, location);
  return new InputError('input.all_outside_ages', { rows: rows.read, young: ages.younger.age ?? 0, old: ages.older.age }, location);
}
