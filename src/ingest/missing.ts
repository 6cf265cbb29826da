// Missing answers: cells that mean "no answer" are missing for their column only, never a reason to refuse a
// respondent. Built in: an empty cell, `N/A` (LimeSurvey's full answers) and the usual don't-know and
// no-answer labels in nl, fr and en; a mapping adds its own values (numeric codes such as 9 or 99 only so).
import type { ColumnSpec, ColumnType } from './kinds/columns.js';
import { RECODE_ALL_ITEMS, type MappingSpec } from './mapping.js';
import { fold, normaliseHeader } from './values.js';

export { BUILT_IN_MISSING } from './missing-labels.js';
import { BUILT_IN_MISSING } from './missing-labels.js';

/**
 * Columns whose cells are measured values, not answers: an age, a count, a weight, a share, a wave or a date. A code
 * that means "no answer" among the answers (`missing: [9, 99]`) is a real value there (a 99-year-old, a count of 9),
 * so the values a mapping gives for every column (a list, or `"*"`) leave them alone; a value given for the column
 * itself (`missing: { age: [999] }`) applies (adversarial run r34, minor: the README's example dropped age 99).
 */
const MEASURED: ReadonlySet<ColumnType> = new Set<ColumnType>(['age', 'count', 'weight', 'proportion', 'wave', 'date']);

/** The values a mapping says mean "no answer": for every column (a list, or `"*"`) but a measured one, or for one column. */
function mappingMissing(spec: MappingSpec, column: Pick<ColumnSpec, 'name' | 'type'>): string[] {
  const missing = spec.missing;
  if (missing === undefined) return [];
  const everyColumn = !MEASURED.has(column.type);
  if (Array.isArray(missing)) return everyColumn ? missing.map(String) : [];
  return Object.entries(missing)
    .filter(([key]) => (everyColumn && key === RECODE_ALL_ITEMS) || normaliseHeader(key) === column.name)
    .flatMap(([, values]) => values.map(String));
}

/**
 * The cells read as missing in one canonical column: the built-in labels (less any the item itself uses as
 * an answer, such as a scale whose middle is "geen mening") and every value the mappings give for it.
 */
export function missingValues(column: Pick<ColumnSpec, 'name' | 'type' | 'item'>, specs: readonly MappingSpec[]): ReadonlySet<string> {
  const item = column.item;
  const answers = new Set(item ? Object.values(item.labels).flatMap((labels) => (labels ?? []).map(fold)) : []);
  const values = new Set(BUILT_IN_MISSING.filter((label) => !answers.has(label)));
  for (const spec of specs) for (const value of mappingMissing(spec, column)) values.add(fold(value));
  return values;
}
