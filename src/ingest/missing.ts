// Missing answers: cells that mean "no answer" are missing for their column only, never a reason to refuse a
// respondent. Built in: an empty cell, `N/A` (LimeSurvey's full answers) and the usual don't-know and
// no-answer labels in nl, fr and en; a mapping adds its own values (numeric codes such as 9 or 99 only so).
import type { CodebookItem } from '../config/codebook.js';
import { RECODE_ALL_ITEMS, type MappingSpec } from './mapping.js';
import { fold, normaliseHeader } from './values.js';

export { BUILT_IN_MISSING } from './missing-labels.js';
import { BUILT_IN_MISSING } from './missing-labels.js';

/** The values a mapping says mean "no answer": for every column (a list, or `"*"`), or for one column. */
function mappingMissing(spec: MappingSpec, column: string): string[] {
  const missing = spec.missing;
  if (missing === undefined) return [];
  if (Array.isArray(missing)) return missing.map(String);
  return Object.entries(missing)
    .filter(([key]) => key === RECODE_ALL_ITEMS || normaliseHeader(key) === column)
    .flatMap(([, values]) => values.map(String));
}

/**
 * The cells read as missing in one canonical column: the built-in labels (less any the item itself uses as
 * an answer, such as a scale whose middle is "geen mening") and every value the mappings give for it.
 */
export function missingValues(column: string, item: CodebookItem | undefined, specs: readonly MappingSpec[]): ReadonlySet<string> {
  const answers = new Set(item ? Object.values(item.labels).flatMap((labels) => (labels ?? []).map(fold)) : []);
  const values = new Set(BUILT_IN_MISSING.filter((label) => !answers.has(label)));
  for (const spec of specs) for (const value of mappingMissing(spec, column)) values.add(fold(value));
  return values;
}
