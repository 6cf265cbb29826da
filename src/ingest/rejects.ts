// The rejects file: the refused rows (the first REJECTS_WRITTEN of them) after their line, column and reason,
// with only the columns safety-scan reads (never a dropped or ignored column: no personal data, no free text);
// the refused cell itself only when it is a short code. Each run gets a file of its own, created exclusively
// and readable by the owner only, so no import or dry run overwrites or deletes another's.
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { failureReason, isResourceFailure, systemFailure, UsageError } from '../errors.js';
import { phrase } from '../i18n/index.js';
import { madeFolders, makeFolders, unmakeFolders } from '../make-folders.js';
import { PartialFile } from '../output-file.js';
import { csvLine } from '../render/csv-line.js';
import { isKeyedId, refusedCell, sharedRefusedCell, shownCell, shownHeading, storedFileName, WITHHELD } from './privacy.js';
import { withoutControls } from '../render/terminal.js';

/**
 * The most rows a rejects file holds: a file of millions of bad rows would otherwise write a file as large
 * (a full disk). Every refused row is still counted; the summary says how many were left out of the file.
 */
export const REJECTS_WRITTEN = 10_000;

/** The longest input name (in UTF-8 bytes) a rejects file's name keeps whole: with `.<kind>.<n>.rejects.csv` it stays under 255. */
const NAME_BYTES = 200;

/** An input's name cut to NAME_BYTES at a character boundary, with a digest of the whole name so that cut names stay distinct. */
function shortened(name: string): string {
  if (Buffer.byteLength(name) <= NAME_BYTES) return name;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let cut = '';
  for (const character of name) {
    if (Buffer.byteLength(cut + character) > NAME_BYTES - digest.length - 1) break;
    cut += character;
  }
  return `${cut}~${digest}`;
}

/** Where a file's rejects go: `rejects/<file>.<kind>.rejects.csv` beside the store, numbered when taken. */
export function rejectsPlace(storePath: string, file: string, kind: string): { folder: string; stem: string } {
  // no control or bidirectional character or line break of the input's name reaches a file name (a listing would obey it),
  // nor a part of it that looks like an identifier (`storedFileName`; `xxx` for `***`, which Windows refuses in a name)
  const name = storedFileName(basename(file)).replaceAll(WITHHELD, 'xxx');
  return { folder: join(dirname(storePath), 'rejects'), stem: `${shortened(withoutControls(basename(name, extname(name)), '_'))}.${kind}` };
}

/** The n-th candidate name: `survey.survey.rejects.csv`, then `survey.survey.2.rejects.csv`, ... */
export function rejectsName(stem: string, n: number): string {
  return n === 1 ? `${stem}.rejects.csv` : `${stem}.${n}.rejects.csv`;
}

/** A write that failed keeps the errno code (ENOSPC, EFBIG, ...) and learns the file it was for. */
function failedOn(path: string, error: unknown): unknown {
  if (error instanceof Error && (error as NodeJS.ErrnoException).path === undefined) Object.assign(error, { path });
  return error;
}

/**
 * A failure to make the rejects folder or a file in it. When the place is the problem (a read-only file system,
 * no permission, a file where the folder should be), the folder is an output place the user can fix (exit 2),
 * named as a folder; a full disk or an I/O error stays a failure to write the file (exit 3).
 */
function folderFailure(folder: string, error: unknown): unknown {
  const failure = systemFailure(error);
  if (!failure || isResourceFailure(failure.code)) return failedOn(folder, error);
  if (failure.code === 'EROFS') return new UsageError('rejects.read_only_fs', { folder }, { cause: error });
  const reason = failure.code === 'EEXIST' ? phrase('file.not_folder') : failureReason(failure.code);
  return new UsageError('rejects.folder_unusable', { folder, reason }, { cause: error });
}

const UNIX = process.platform !== 'win32';

/**
 * The rejects folder as it stands, before a file is made in it (adversarial run r12, 13): a symbolic link is
 * refused (the file would land wherever it points); a folder that other users may read or enter is made the
 * owner's only (0700) when it is the user's, and refused when it is not. Returns the folder when it was made
 * private, for the summary to say so; undefined otherwise (a missing one is made 0700, anything else refused by
 * makeFolders with its reason).
 */
function privateFolder(folder: string): string | undefined {
  let found: ReturnType<typeof lstatSync>;
  try {
    found = lstatSync(folder, { throwIfNoEntry: false });
  } catch (error) {
    throw folderFailure(folder, error);
  }
  if (found?.isSymbolicLink()) throw new UsageError('rejects.folder_unusable', { folder, reason: phrase('file.link') });
  if (!UNIX || !found?.isDirectory() || (found.mode & 0o077) === 0) return undefined;
  if (found.uid !== process.getuid?.()) throw new UsageError('rejects.folder_unusable', { folder, reason: phrase('file.others_folder') });
  try {
    chmodSync(folder, 0o700);
  } catch (error) {
    throw folderFailure(folder, error);
  }
  return folder;
}

export class RejectsWriter {
  private file: PartialFile | null = null;
  private path: string | null = null;
  /** The number in the file's name (1: none). */
  private number = 1;
  private buffer = '';
  private failed = false;
  /** The folders this writer made for its file (outermost first), removed again while empty when no file is kept. */
  private made: string[] = [];
  /** Refused rows given to `write`, whether written or left out. */
  private rows = 0;
  /** The rejects folder, when this writer found it open to others and made it the owner's only (privateFolder). */
  tightened: string | undefined;

  /**
   * `used`: the indexes of the file's columns that are written, in file order. A writer that is not `enabled`
   * writes nothing: an earlier check of the same run already wrote this file's rejects. `guarded`: for the
   * columns whose cells may be personal data in any row (ids, districts and areas, free-form codes: see
   * `guardedColumns` in import.ts), how their cells are written in every row, refused or not.
   */
  constructor(
    private readonly place: { folder: string; stem: string },
    private readonly header: readonly string[],
    private readonly used: readonly number[],
    private readonly delimiter: string,
    private readonly enabled = true,
    private readonly limit = REJECTS_WRITTEN,
    private readonly guarded: ReadonlyMap<number, (cell: string) => string> = new Map(),
  ) {}

  /**
   * One refused row. `cells`: the row's fields, or null for a row that keeps its line, column and reason only: one
   * whose cells no longer mean what their headings say (the wrong number of fields), or a duplicate of a stored row. `refused`: the indexes of the
   * cells that caused the refusal, written by the refused-cell rule (`***` unless a number or a known label;
   * `shared`: those whose text at least min_cell refused rows share, shown when a short code); the row's
   * other cells are written unless they look like an identifier. Rows beyond the limit are only counted.
   */
  write(cells: readonly string[] | null, refused: ReadonlySet<number>, line: number, column: string, reason: string, shared: ReadonlySet<number> = new Set()): void {
    this.rows++;
    if (!this.enabled || this.rows > this.limit) return;
    if (this.file === null && this.path === null) this.create();
    const shown = this.used.map((index) => {
      if (cells === null) return '';
      const cell = cells[index] ?? '';
      const guard = this.guarded.get(index);
      // a refused cell of a guarded column is shown only when both its column's guard and the refused-cell rule show
      // it; an id the guard keys is written keyed, refused (a duplicate) or not
      if (refused.has(index)) {
        const guarded = guard?.(cell);
        if (guarded === WITHHELD || (guarded !== undefined && isKeyedId(guarded))) return guarded;
        return shared.has(index) ? sharedRefusedCell(cell) : refusedCell(cell);
      }
      return guard ? guard(cell) : shownCell(cell);
    });
    this.buffer += csvLine([String(line), column, reason, ...shown], this.delimiter);
    if (this.buffer.length > 1 << 16) this.flush();
  }

  /** The refused rows counted but not written: those beyond the limit. */
  get leftOut(): number {
    return Math.max(0, this.rows - this.limit);
  }

  /** The refused rows the file holds (or, for a writer that is not enabled, would hold). */
  get written(): number {
    return Math.min(this.rows, this.limit);
  }

  /** The n-th name's place in the folder. */
  private candidate(n: number): string {
    return join(this.place.folder, rejectsName(this.place.stem, n));
  }

  /**
   * Starts `.<name>.partial` (O_EXCL, mode 0600, in a 0700 folder) for the first name neither taken nor being
   * written by another run; `finish` puts it in place, a failure removes it.
   */
  private create(): void {
    this.tightened = privateFolder(this.place.folder);
    try {
      this.made = madeFolders(this.place.folder, makeFolders(this.place.folder, 0o700));
    } catch (error) {
      throw folderFailure(this.place.folder, error);
    }
    for (let n = 1; ; n++) {
      const path = this.candidate(n);
      if (lstatSync(path, { throwIfNoEntry: false })) continue;
      try {
        this.file = new PartialFile(join(this.place.folder, `.${basename(path)}.partial`), 0o600);
        this.path = path;
        this.number = n;
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        this.unmake();
        throw folderFailure(this.place.folder, failedOn(path, error));
      }
    }
    const names = ['safety_scan_line', 'safety_scan_column', 'safety_scan_reason', ...this.used.map((index) => shownHeading(this.header[index]))];
    this.buffer = '\ufeff' + csvLine(names, this.delimiter);
  }

  private flush(): void {
    if (this.file === null || this.buffer === '') return;
    try {
      this.file.write(this.buffer);
    } catch (error) {
      this.failed = true;
      throw failedOn(this.path ?? this.place.folder, error);
    } finally {
      this.buffer = '';
    }
  }

  /**
   * Writes what is still buffered and puts the file in place under its name (before the batch is committed),
   * never over a file another run placed meanwhile (then under the next free name); its path, or null when
   * no row was rejected.
   */
  finish(): string | null {
    const file = this.file;
    if (file === null) return this.path;
    if (this.failed) {
      this.release();
      return null;
    }
    this.flush();
    this.file = null;
    try {
      while (!file.place(this.candidate(this.number), false)) this.number++;
      this.path = this.candidate(this.number);
    } catch (error) {
      file.abort();
      this.unmake();
      throw failedOn(this.path ?? this.place.folder, error);
    }
    return this.path;
  }

  /** Removes this run's own file: the content turned out to be stored already, so its rejects say nothing new. */
  discard(): void {
    this.release();
    if (this.path) rmSync(this.path, { force: true });
    this.path = null;
    this.unmake();
  }

  /**
   * Removes the partial file if it was never put in place, and the folders made for it, whatever happened
   * before; never throws.
   */
  release(): void {
    if (this.file === null) return;
    this.file.abort();
    this.file = null;
    this.path = null;
    this.unmake();
  }

  /** Removes the folders this writer made while they are empty (no file of this run or another is in them). */
  private unmake(): void {
    unmakeFolders(this.made);
    this.made = [];
  }
}
