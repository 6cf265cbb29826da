// Answer codes and texts through the survey's structure file: each answer option of a question, by its code
// or its text in any survey language, becomes the one wording the column understands (a codebook label, a
// district name, a sex or an age band), so an export with codes needs no hand-written table.
import type { z } from 'zod';
import { convertCell } from './cells.js';
import { answerSchema, type ColumnSpec } from './kinds/columns.js';
import type { KindLayout } from './kinds/handler.js';
import type { Kind } from './kinds/kind.js';
import { plainText, type AnswerOption, type SurveyStructure } from './lss.js';
import type { HeadingReading } from './presets/limesurvey-headings.js';
import { fold } from './values.js';

/** The question of a column's code (`Q2[SQ001]` -> `Q2`) in the structure. */
function questionFor(structure: SurveyStructure, reading: HeadingReading | undefined) {
  if (reading?.code === undefined) return undefined;
  const code = reading.code.replace(/\[.*$/, '').toLowerCase();
  return structure.questions.find((question) => question.code.toLowerCase() === code);
}

/**
 * For every answer option of the questions feeding `column`: its code and each language's text to the first
 * of its texts that the column accepts (after the tables built so far), an empty cell for a don't-know option,
 * or the base language's text when none is accepted (which the row's check then reports).
 */
export function answerTables<K extends Kind>(
  structure: SurveyStructure,
  column: ColumnSpec,
  readings: readonly (HeadingReading | undefined)[],
  layout: KindLayout<K>,
  table: ReadonlyMap<string, string>,
  missing: ReadonlySet<string>,
): Array<[string, string]> {
  const schema: z.ZodType = column.item ? answerSchema(column.item) : layout.row.shape[column.name];
  const accepted = (text: string): boolean => {
    const value = table.get(fold(text)) ?? text;
    if (missing.has(fold(value))) return true;
    return schema.safeParse(convertCell(column, value)).success && value !== '';
  };
  const settle = (option: AnswerOption): string => {
    const texts = structure.languages.map((language) => option.texts[language]).filter((text) => text !== undefined).map(plainText);
    const found = texts.find(accepted) ?? texts[0] ?? option.code;
    const value = table.get(fold(found)) ?? found;
    return missing.has(fold(value)) ? '' : value;
  };
  const entries: Array<[string, string]> = [];
  for (const reading of readings) {
    const question = questionFor(structure, reading);
    for (const option of question?.answers ?? []) {
      const value = settle(option);
      entries.push([fold(option.code), value]);
      for (const text of Object.values(option.texts)) entries.push([fold(plainText(text)), value]);
    }
  }
  return entries;
}
