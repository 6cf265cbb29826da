// The duplicate check: a row whose identity was seen earlier in its wave, in this file or stored, is refused.
import { present } from '../invariant.js';
import { ALL_WAVES } from '../store/batches.js';
import type { StoredKeys } from '../store/write.js';
import type { StoredRows } from '../store/write.js';
import { KeyIndex } from './key-index.js';
import type { Earlier, KindHandler, Pseudonym, Row } from './kinds/handler.js';
import type { Kind } from './kinds/kind.js';

export interface DuplicateCheck<K extends Kind> {
  /** The earlier occurrence of this row's identity, or null (and the row is remembered as the first). */
  earlier(row: Row<K>, line: number, pseudonym: Pseudonym | null): Earlier | null;
}

const NEVER: DuplicateCheck<Kind> = { earlier: () => null };

/** Starts a kind's check for one file; `stored` is where earlier batches are looked up (null: this file alone, as with --replace). */
export function duplicateCheck<K extends Kind>(handler: Pick<KindHandler<K>, 'kind' | 'duplicates'>, stored: StoredRows | null): DuplicateCheck<K> {
  const rule = handler.duplicates;
  if (!rule) return NEVER;
  return rule.by === 'pseudonym' ? pseudonymCheck(stored && ((wave) => rule.storedKeys(stored, wave))) : columnsCheck(rule.key, stored && rule.storedCopies(stored));
}

/** Pseudonyms per wave in a compact index, seeded with the wave's stored pseudonyms when it is first met. */
function pseudonymCheck<K extends Kind>(storedKeys: ((wave: string) => StoredKeys) | null): DuplicateCheck<K> {
  const perWave = new Map<string, { index: KeyIndex; lines: number[]; batches: number[] }>();
  const stateFor = (wave: string) => {
    let state = perWave.get(wave);
    if (state) return state;
    state = { index: new KeyIndex(), lines: [], batches: [] };
    if (storedKeys) {
      const stored = storedKeys(wave);
      for (let i = 0; i < stored.batches.length; i++) {
        state.index.add(stored.keys[2 * i], stored.keys[2 * i + 1], state.lines.length);
        state.lines.push(-1);
        state.batches.push(stored.batches[i]);
      }
    }
    perWave.set(wave, state);
    return state;
  };
  return {
    earlier(row, line, pseudonym) {
      const state = stateFor(row.wave ?? ALL_WAVES);
      // The rule is only given to kinds with an identity, so every row has a pseudonym.
      const key = present(pseudonym, 'the pseudonym of a row with an identity');
      const earlier = state.index.add(key.hi, key.lo, state.lines.length);
      if (earlier >= 0) {
        const batch = state.batches[earlier];
        return batch >= 0 ? { batch } : { line: state.lines[earlier] };
      }
      state.lines.push(line);
      state.batches.push(-1);
      return null;
    },
  };
}

/** Keys of this file's rows in a map; a key not seen in the file is looked up in the store. */
function columnsCheck<K extends Kind>(
  keyOf: (row: Row<K>, pseudonym: Pseudonym | null) => string,
  storedCopy: ((row: Row<K>, pseudonym: Pseudonym | null) => Earlier | null) | null,
): DuplicateCheck<K> {
  const seen = new Map<string, number>();
  return {
    earlier(row, line, pseudonym) {
      const key = `${row.wave ?? ALL_WAVES}\u0000${keyOf(row, pseudonym)}`;
      const first = seen.get(key);
      if (first !== undefined) return { line: first };
      const stored = storedCopy?.(row, pseudonym);
      if (stored) return stored;
      seen.set(key, line);
      return null;
    },
  };
}
