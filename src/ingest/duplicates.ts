// The duplicate check: a row whose identity was seen earlier in its wave, in this file or stored, is refused;
// rows without an identity are counted against the stored rows they equal.
import { StoreError } from '../errors.js';
import { present } from '../invariant.js';
import { ALL_WAVES } from '../store/batches.js';
import type { StoredKeys } from '../store/write.js';
import type { StoredRows } from '../store/write.js';
import type { StoredSignals } from '../store/tables.js';
import type { PopulationLine } from '../store/population.js';
import { KeyIndex } from './key-index.js';
import type { Earlier, KindHandler, Pseudonym, Row } from './kinds/handler.js';
import type { Kind } from './kinds/kind.js';

/** Where a duplicate's first occurrence is: a line of this file, a line of an earlier file of the same command, or a stored batch. */
export type Found = Earlier | { line: number; file: string; batch?: undefined };

export interface DuplicateCheck<K extends Kind> {
  /** The earlier occurrence of this row's identity, or null (and the row is remembered as the first). */
  earlier(row: Row<K>, line: number, pseudonym: Pseudonym | null): Found | null;
  /** Kinds without an identity: how many of the rows passed equal a stored row, per stored batch (each stored row matched once). */
  shared(): ReadonlyMap<number, number>;
}

const NONE: ReadonlyMap<number, number> = new Map();
const NEVER: DuplicateCheck<Kind> = { earlier: () => null, shared: () => NONE };

/** Which file of the command a row is in: lines are remembered as `file * FILE_STRIDE + line` (a line number stays below 2^32). */
interface FileCursor {
  current: number;
  names: string[];
}
const FILE_STRIDE = 2 ** 32;
const ALONE: FileCursor = { current: 0, names: [] };

/** A remembered line as the check reports it: with the file's name when it is an earlier file of the command. */
function foundAt(at: FileCursor, remembered: number): Found {
  const file = Math.floor(remembered / FILE_STRIDE);
  const line = remembered % FILE_STRIDE;
  return file === at.current ? { line } : { line, file: at.names[file] };
}

/** Starts a kind's check for one file; `stored` is where earlier batches are looked up (null: this file alone, as with --replace). */
export function duplicateCheck<K extends Kind>(handler: Pick<KindHandler<K>, 'kind' | 'duplicates'>, stored: StoredRows | null, at: FileCursor = ALONE): DuplicateCheck<K> {
  const rule = handler.duplicates;
  if (!rule) return NEVER;
  if (rule.by === 'overlap') return stored ? overlapCheck(rule.key, (wave) => rule.storedCopies(stored, wave)) : NEVER;
  return rule.by === 'pseudonym' ? pseudonymCheck(stored && ((wave) => rule.storedKeys(stored, wave)), at) : columnsCheck(rule.key, stored && rule.storedCopies(stored), at, rule.addsUpInFile === true);
}

/**
 * The duplicate check the files of one command share, for kinds that refuse a row as a duplicate: a row that
 * repeats one of an earlier file of the command is refused like a row repeated in its own file, naming that file.
 * Used where the earlier files' rows are not (or not yet) in the store: the check of every file before any is
 * stored (--strict, --max-rejects, --replace), a dry run, and --replace, whose check leaves out the rows it replaces.
 * Signals are judged file by file as a whole (overlapCheck), so each file gets its own check.
 */
export class RunDuplicates {
  private check: DuplicateCheck<Kind> | null = null;
  private readonly at: FileCursor = { current: -1, names: [] };
  /** A dry run's earlier files, as their import would have stored them: population figures, and signals per key. */
  private readonly figures: PopulationLine[] = [];
  private readonly signalFiles: Array<{ file: string; keys: Map<string, number>; rows: number }> = [];
  private signals: { keys: Map<string, number>; matched: Map<number, number>; used: Array<Map<string, number>> } | null = null;

  /** The check for the command's next file; `stored` is asked for once, with the first file. */
  async next<K extends Kind>(handler: Pick<KindHandler<K>, 'kind' | 'duplicates'>, file: string, stored: () => Promise<StoredRows | null>): Promise<DuplicateCheck<K>> {
    const rule = handler.duplicates;
    if (rule?.by === 'overlap') return this.overlapWithEarlier(rule.key, duplicateCheck(handler, await stored()));
    this.at.current = this.at.names.length;
    this.at.names.push(file);
    this.check ??= duplicateCheck(handler as Pick<KindHandler<Kind>, 'kind' | 'duplicates'>, await stored(), this.at);
    return this.check as DuplicateCheck<K>;
  }

  /**
   * Signals alike are separate occasions (overlapCheck), so the rows a file shares with an earlier file of the command
   * are counted here, each matched once against the first earlier file holding a copy not yet matched, as the import
   * matches them against the batch that file became (a multi-file dry run said exit 0 where the import stopped: r34, F4).
   */
  private overlapWithEarlier<K extends Kind>(keyOf: (row: Row<K>) => string, check: DuplicateCheck<K>): DuplicateCheck<K> {
    const signals = { keys: new Map<string, number>(), matched: new Map<number, number>(), used: this.signalFiles.map(() => new Map<string, number>()) };
    this.signals = signals;
    return {
      shared: () => check.shared(),
      earlier: (row, line, pseudonym) => {
        const key = `${row.wave ?? ALL_WAVES}\u0000${keyOf(row)}`;
        signals.keys.set(key, (signals.keys.get(key) ?? 0) + 1);
        const index = this.signalFiles.findIndex((earlier, i) => (earlier.keys.get(key) ?? 0) > (signals.used[i].get(key) ?? 0));
        if (index >= 0) {
          signals.used[index].set(key, (signals.used[index].get(key) ?? 0) + 1);
          signals.matched.set(index, (signals.matched.get(index) ?? 0) + 1);
        }
        return check.earlier(row, line, pseudonym);
      },
    };
  }

  /** The rows the current file shares with each earlier file of the command (signals): its name, the rows shared, its rows. */
  sharedWithEarlier(): Array<{ file: string; shared: number; rows: number }> {
    return [...(this.signals?.matched ?? [])].map(([index, shared]) => ({ file: this.signalFiles[index].file, shared, rows: this.signalFiles[index].rows }));
  }

  /** The population figures the command's earlier files would have stored (a dry run checks margins with them). */
  earlierFigures(): readonly PopulationLine[] {
    return this.figures;
  }

  /** A dry run's file passed: what its import would store counts for the files after it. */
  passed(file: string, rows: number, figures: readonly PopulationLine[] | null): void {
    // one by one: a spread of a large file's figures as arguments would overflow the stack
    if (figures) for (const line of figures) this.figures.push(line);
    if (this.signals) this.signalFiles.push({ file, keys: this.signals.keys, rows });
    this.signals = null;
  }
}

/**
 * Rows alike are separate occasions, so no row is refused; each row that equals a stored row of its wave not yet
 * matched is counted against that row's batch (a multiset intersection, in batch order), for the import to judge
 * the file as a whole (src/ingest/import.ts, `settle` and `refuseNewExport`). A wave without stored rows costs one lookup per row.
 */
function overlapCheck<K extends Kind>(keyOf: (row: Row<K>) => string, storedOf: (wave: string) => StoredSignals): DuplicateCheck<K> {
  const perWave = new Map<string, { stored: StoredSignals; matched: Map<string, number> }>();
  const shared = new Map<number, number>();
  return {
    earlier(row) {
      const wave = row.wave ?? ALL_WAVES;
      let state = perWave.get(wave);
      if (!state) {
        state = { stored: storedOf(wave), matched: new Map() };
        perWave.set(wave, state);
      }
      if (state.stored.size === 0) return null;
      const key = keyOf(row);
      const batches = state.stored.get(key);
      const used = state.matched.get(key) ?? 0;
      if (batches && used < batches.length) {
        state.matched.set(key, used + 1);
        shared.set(batches[used], (shared.get(batches[used]) ?? 0) + 1);
      }
      return null;
    },
    shared: () => shared,
  };
}

/** Pseudonyms per wave in a compact index, seeded with the wave's stored pseudonyms when it is first met. */
function pseudonymCheck<K extends Kind>(storedKeys: ((wave: string) => StoredKeys) | null, at: FileCursor): DuplicateCheck<K> {
  const perWave = new Map<string, { index: KeyIndex; lines: number[]; batches: number[] }>();
  const stateFor = (wave: string) => {
    let state = perWave.get(wave);
    if (state) return state;
    state = { index: new KeyIndex(), lines: [], batches: [] };
    if (storedKeys) {
      const stored = storedKeys(wave);
      for (let i = 0; i < stored.batches.length; i++) {
        const earlier = state.index.add(stored.keys[2 * i], stored.keys[2 * i + 1], state.lines.length);
        // An import never stores a respondent twice in a wave: a pseudonym repeated within one batch's wave was
        // written outside safety-scan (a zeroed key column: every respondent shares one), and the check could not
        // be trusted to find the duplicates it exists for (adversarial run r9, F4).
        if (earlier >= 0 && state.batches[earlier] === stored.batches[i]) {
          throw new StoreError('store.damaged_pseudonyms', { store: stored.store, batch: stored.batches[i], wave });
        }
        state.lines.push(-1);
        state.batches.push(stored.batches[i]);
      }
    }
    perWave.set(wave, state);
    return state;
  };
  return {
    shared: () => NONE,
    earlier(row, line, pseudonym) {
      const state = stateFor(row.wave ?? ALL_WAVES);
      // The rule is only given to kinds with an identity, so every row has a pseudonym.
      const key = present(pseudonym, 'the pseudonym of a row with an identity');
      const earlier = state.index.add(key.hi, key.lo, state.lines.length);
      if (earlier >= 0) {
        const batch = state.batches[earlier];
        return batch >= 0 ? { batch } : foundAt(at, state.lines[earlier]);
      }
      state.lines.push(at.current * FILE_STRIDE + line);
      state.batches.push(-1);
      return null;
    },
  };
}

/** Keys of this file's rows in a map; a key not seen in the file is looked up in the store. */
function columnsCheck<K extends Kind>(
  keyOf: (row: Row<K>, pseudonym: Pseudonym | null) => string,
  storedCopy: ((row: Row<K>, pseudonym: Pseudonym | null) => Earlier | null) | null,
  at: FileCursor,
  addsUpInFile: boolean,
): DuplicateCheck<K> {
  const seen = new Map<string, number>();
  return {
    shared: () => NONE,
    earlier(row, line, pseudonym) {
      const key = `${row.wave ?? ALL_WAVES}\u0000${keyOf(row, pseudonym)}`;
      const first = seen.get(key);
      // a row adding up with an earlier row of its own file (addsUpInFile) is no copy of it, nor stored again
      if (first !== undefined && addsUpInFile && Math.floor(first / FILE_STRIDE) === at.current) return null;
      if (first !== undefined) return foundAt(at, first);
      const stored = storedCopy?.(row, pseudonym);
      if (stored) return stored;
      seen.set(key, at.current * FILE_STRIDE + line);
      return null;
    },
  };
}
