// Which sets of yes/no columns feed one canonical column: a mapping's `flags:` (heading -> value), or a
// rename of a multiple-choice question (`Geslacht: sex`) whose option columns carry their labels.
import type { FlagOption } from './derive.js';
import { isUserMapping, mappingTargetError, matchKey, type Mapping } from './mapping.js';
import type { HeadingReading } from './presets/limesurvey-headings.js';
import { normaliseHeader } from './values.js';

export interface FlagSet {
  /** The name used in messages: the question renamed, or the canonical column. */
  header: string;
  options: FlagOption[];
}

export interface FlagColumns {
  byTarget: Map<string, FlagSet>;
  /** Columns read as flags: not ignored, not stored as they are. */
  indexes: Set<number>;
  /** Renames that named a question by its option columns. */
  fromRenames: Set<string>;
}

export function flagColumns(
  layers: readonly Mapping[],
  header: readonly string[],
  keys: readonly string[][],
  readings: readonly HeadingReading[] | null,
  renames: ReadonlyMap<string, { target: string; from: string }>,
  known: readonly string[],
): FlagColumns {
  const result: FlagColumns = { byTarget: new Map(), indexes: new Set(), fromRenames: new Set() };
  const indexOf = (key: string) => keys.findIndex((names) => names.includes(key));
  for (const layer of layers) {
    for (const [target, table] of Object.entries(layer.spec.flags ?? {})) {
      const column = normaliseHeader(target);
      const fail = (path: string[], value: string, expected: readonly string[]) => {
        if (isUserMapping(layer)) throw mappingTargetError(layer, path, value, [...expected]);
      };
      if (!known.includes(column)) {
        fail(['flags', target], target, known);
        continue;
      }
      const options: FlagOption[] = [];
      for (const [heading, value] of Object.entries(table)) {
        const index = indexOf(matchKey(heading));
        if (index < 0) fail(['flags', target, heading], heading, header);
        else options.push({ index, header: header[index].trim(), value: String(value) });
      }
      if (options.length > 0) result.byTarget.set(column, { header: target, options });
    }
  }
  // A question renamed by its code or text whose columns are its options (`Geslacht[SQ001]`, `... [Man]`).
  if (readings) {
    for (const [key, rename] of renames) {
      if (result.byTarget.has(rename.target) || indexOf(key) >= 0 || indexOf(rename.target) >= 0) continue;
      const options: FlagOption[] = [];
      readings.forEach((reading, index) => {
        if (reading.role === 'question' && reading.option && matchKey(reading.option.question) === key) {
          options.push({ index, header: header[index].trim(), value: reading.option.label });
        }
      });
      if (options.length < 2) continue;
      result.byTarget.set(rename.target, { header: rename.from, options });
      result.fromRenames.add(key);
    }
  }
  for (const set of result.byTarget.values()) for (const option of set.options) result.indexes.add(option.index);
  return result;
}
