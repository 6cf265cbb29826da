// The `limesurvey` preset: LimeSurvey 3 to 6 response exports as its export writer makes them (headings as
// codes, `code. text` or full text; answers as codes or full texts, in nl, fr, en or de). The headings are
// read by limesurvey-headings.ts; this file holds the rules and the answer tables the preset adds.
import type { ColumnSpec } from '../kinds/columns.js';
import type { MappingSpec } from '../mapping.js';
import { fold } from '../values.js';
import { answerSynonyms } from './answer-synonyms.js';
import { NO_WORDS, SEX_WORDS, YES_WORDS } from './limesurvey-words.js';

/** Response id -> respondent_id, incomplete responses (no submit date) left out; the rest is the headings' reading. */
export const LIMESURVEY: MappingSpec = {
  export: 'limesurvey',
  columns: { id: 'respondent_id' },
  skip: [{ column: 'submitdate', empty: true }],
};

/** The most answer options a positional code stands for: `A1`..`A20`, `AO01`..`AO20`. */
const MAX_POSITION = 20;

/**
 * What the preset reads in one canonical column beyond the codebook's own labels: for an ordinal item the
 * n-th answer code LimeSurvey proposes (`A3` in version 3, `AO03` from 4 on) as the item's n-th value, and
 * other wordings of its scale; for a yes/no item LimeSurvey's `Y`/`N` and yes/no words in every export
 * language (a two-answer list's codes are not guessed: their order says nothing); for sex its gender words.
 */
export function limesurveyAnswers(column: ColumnSpec): Array<[string, string]> {
  const entries: Array<[string, string | number]> = [];
  if (column.type === 'sex') entries.push(...Object.entries(SEX_WORDS));
  const item = column.item;
  if (item) {
    const yesNo = item.values.length === 2 && item.values[0] === 0 && item.values[1] === 1;
    if (yesNo) {
      entries.push(...YES_WORDS.map((word): [string, number] => [word, 1]), ...NO_WORDS.map((word): [string, number] => [word, 0]));
    } else {
      for (let n = 1; n <= Math.min(item.values.length, MAX_POSITION); n++) {
        entries.push([`a${n}`, item.values[n - 1]], [`ao${String(n).padStart(2, '0')}`, item.values[n - 1]]);
      }
      entries.push(...answerSynonyms(item));
    }
  }
  return entries.map(([from, to]) => [fold(from), String(to)]);
}
