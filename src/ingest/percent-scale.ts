// The scale of a share's column that no `units:` sets, decided once from all its cells (adversarial run r28, item 7):
// a column whose cells carry a % sign is in percent, its bare numbers too (`38` beside `45%` is 38 %, which was
// rejected as out of range); a bare number of at most 1 beside a value above 1 (`0,38` beside `45%`) may be a
// proportion or a percentage, and the file is refused rather than guessed. A column without a % sign stays as
// it was: proportions, a number above 1 rejected with the hint on `units: percent`.
import { InputError } from '../errors.js';
import { message } from '../i18n/index.js';
import { PERCENT_SIGN } from './cells.js';
import type { ColumnPlan, PlannedColumn } from './column-plan.js';
import { refusedCell, shownHeading } from './privacy.js';
import type { SourceRow } from './table.js';
import type { RowValidator } from './validate.js';
import type { Kind } from './kinds/kind.js';
import { parseNumber } from './values.js';

/** A cell as read, and its line. */
interface Seen {
  line: number;
  text: string;
}

/** What one column's cells say of its scale, each the first of its sort. */
class ColumnEvidence {
  /** A cell with its % sign. */
  signed: Seen | null = null;
  /** A value above 1 on the percent scale: `45%`, or a bare `38` (which no proportion is). */
  above: Seen | null = null;
  /** A bare number above 0 and at most 1: the same on neither scale (0 is 0 on both). */
  small: Seen | null = null;

  add(text: string, line: number): void {
    const signed = PERCENT_SIGN.test(text);
    const value = parseNumber(signed ? text.replace(PERCENT_SIGN, '') : text);
    if (Number.isNaN(value)) return;
    const seen = { line, text };
    if (signed) this.signed ??= seen;
    if (value > 1) this.above ??= seen;
    else if (!signed && value > 0) this.small ??= seen;
  }
}

/** A share's column whose scale its cells decide: a proportion column, read from the file, no `units:` for it, no scale of its own (a score's). */
function decidedByCells(column: PlannedColumn): boolean {
  return column.spec.type === 'proportion' && column.spec.choices === undefined && !column.unitsGiven && column.index >= 0;
}

/** True when some column's scale is to be decided from its cells: only then are the rows read for it. */
export function scalesToDecide(plan: ColumnPlan): boolean {
  return plan.columns.some(decidedByCells);
}

/**
 * The plan with the scale of every share's column without `units:` decided from all its rows (not skipped ones):
 * percent when a cell carries a % sign; or an InputError at the first bare number that may be either.
 */
export async function decideScales<K extends Kind>(plan: ColumnPlan, validator: RowValidator<K>, rows: AsyncIterable<SourceRow[]>): Promise<ColumnPlan> {
  const evidence = new Map<number, ColumnEvidence>();
  plan.columns.forEach((column, position) => {
    if (decidedByCells(column)) evidence.set(position, new ColumnEvidence());
  });
  for await (const batch of rows) {
    for (const { line, fields } of batch) {
      if (validator.skipped(fields)) continue;
      for (const [position, seen] of evidence) {
        const text = validator.shareText(position, fields);
        if (text) seen.add(text, line);
      }
    }
  }
  const columns = plan.columns.map((column, position) => {
    const seen = evidence.get(position);
    if (seen?.signed == null) return column;
    if (seen.small && seen.above) refuseMixed(plan.file, column, seen.small, seen.above);
    return { ...column, percent: true };
  });
  return { ...plan, columns };
}

function refuseMixed(file: string, column: PlannedColumn, small: Seen, above: Seen): never {
  const params = { column: shownHeading(column.header), value: refusedCell(small.text), other: refusedCell(above.text), other_line: above.line };
  throw new InputError('input.percent_scale_mixed', params, { location: { file, line: small.line, column: column.index + 1 }, hint: message('hint.percent_scale_mixed', { name: column.spec.name }) });
}
