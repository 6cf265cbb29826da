// Which sets of yes/no columns feed one canonical column: a mapping's `flags:` (heading -> value), a rename
// of a multiple-choice question (`Geslacht: sex`) whose option columns carry their labels, or a rename of one
// option of a multiple-choice question (`Q7[SQ001]: heard_letter`), read beside the question's other options.
import { NOT_TICKED, type FlagOption } from './derive.js';
import type { SurveyStructure } from './lss.js';
import { isUserMapping, mappingTargetError, matchKey, type Mapping } from './mapping.js';
import { textParts, type HeadingReading } from './presets/limesurvey-headings.js';
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
  // One option of a multiple-choice question renamed on its own: its empty cell depends on the other options.
  const structure = layers.at(-1)?.structure;
  if (readings && structure) {
    for (const [key, rename] of renames) {
      const index = indexOf(key);
      if (result.byTarget.has(rename.target) || index < 0) continue;
      const others = otherOptions(structure, readings, index);
      if (others === null) continue;
      const options: FlagOption[] = [
        { index, header: header[index].trim(), value: 'Y', choice: 'own' },
        ...others.map((other): FlagOption => ({ index: other, header: header[other].trim(), value: NOT_TICKED, choice: 'other' })),
      ];
      result.byTarget.set(rename.target, { header: header[index].trim(), options });
    }
  }
  // The other options of a multiple-choice option are only looked at: they stay ignored (or dropped) as they are.
  for (const set of result.byTarget.values()) for (const option of set.options) if (option.choice !== 'other') result.indexes.add(option.index);
  return result;
}

/** A LimeSurvey column code as question and subquestion: `Q7[SQ001]` and `Q7_SQ001` (ExpressionScript) alike. */
function optionCode(code: string | undefined): { question: string; sub: string } | null {
  const match = code === undefined ? null : /^([A-Za-z][A-Za-z0-9]*)(?:\[([^\]]+)\]|_([A-Za-z0-9]+))$/.exec(code);
  return match ? { question: match[1].toLowerCase(), sub: (match[2] ?? match[3]).toLowerCase() } : null;
}

/**
 * For the column of one option of a multiple-choice question (LimeSurvey types `M` and `P`, by the structure
 * file), the columns of its question's other options and its free text (`[other]`, a `P` option's comment,
 * known by their code or, in full headings, by the question's text); null for any other column.
 */
function otherOptions(structure: SurveyStructure, readings: readonly HeadingReading[], index: number): number[] | null {
  const own = optionCode(readings[index].code);
  const question = own && structure.questions.find((candidate) => candidate.code.toLowerCase() === own.question && (candidate.type === 'M' || candidate.type === 'P'));
  if (!own || !question) return null;
  const subs = new Set(question.subquestions.map((sub) => sub.code.toLowerCase()));
  if (!subs.has(own.sub)) return null;
  const ownText = readings[index].text;
  const sameText = (reading: HeadingReading) => reading.role === 'free_text' && reading.code === undefined && ownText !== undefined && reading.text !== undefined && textParts(reading.text).question === textParts(ownText).question;
  const others: number[] = [];
  readings.forEach((reading, other) => {
    const code = optionCode(reading.code);
    const sameQuestion = code?.question === own.question && (subs.has(code.sub) || reading.role === 'free_text');
    if (other !== index && (sameQuestion || sameText(reading))) others.push(other);
  });
  return others;
}
