// How a column's cells are meant (a number's scale and decimal mark, a date's order), decided once from all of them before any row is stored.
// The scale of a share's column that no `units:` sets (adversarial run r28, item 7): a column whose cells carry a %
// sign is in percent, its bare numbers too (`38` beside `45%` is 38 %, which was rejected as out of range); a bare
// number of at most 1 beside a value above 1 (`0,38` beside `45%`) may be a proportion or a percentage, and the file
// is refused rather than guessed. A column without a % sign stays as it was: proportions, a number above 1 rejected
// with the hint on `units: percent`.
// The decimal mark of a decimal column, a weight or a share (adversarial run r29, A2): `1.250` is 1.25 in a column
// that writes decimals with a point and 1250 in one that writes them with a comma (`1.234,5`, `2,5`), where it was
// read as 1.25 too; a column with both kinds of decimals and such a cell is refused.
// The order of a date column's day and month (adversarial run r30, minor): `05/06/2025` is 5 June, as Belgian and
// Dutch files write it, unless a cell has a second number above 12 (`12/31/2025`) and none a first (`31/12/2025`):
// then the column writes the month first and `05/06/2025` is 6 May (it was stored as 5 June while `12/31/2025` was
// rejected); a column with both is refused.
// README ("Detection") says it for users.
import { InputError } from '../errors.js';
import { message } from '../i18n/index.js';
import { PERCENT_SIGN } from './cells.js';
import type { ColumnPlan, PlannedColumn } from './column-plan.js';
import { refusedCell, shownHeading } from './privacy.js';
import type { SourceRow } from './table.js';
import type { RowValidator } from './validate.js';
import type { Kind } from './kinds/kind.js';
import { leadingDateParts, parseNumber, pointOrThousands } from './values.js';

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

/** A decimal written with a comma (`2,5`, `0,125`, `1.234,5`): its column's points are thousands marks. */
const COMMA_DECIMAL = /^[+-]?\d[\d.]*,\d+$/;
/** A decimal written with a point that no thousands mark is (`1.25`, `0.125`, `1.2345`, `.5`). */
const POINT_DECIMAL = /^[+-]?(?:0\.\d+|\d+\.(?!\d{3}$)\d+|\.\d+)$/;

/** What one decimal column's cells say of its decimal mark, each the first of its sort. */
class DecimalEvidence {
  /** A decimal written with a comma. */
  comma: Seen | null = null;
  /** A decimal written with a point. */
  point: Seen | null = null;
  /** A number whose point may be either (`1.250`). */
  either: Seen | null = null;
  /** A whole number of 100 or more written without any mark (`800`): the size a thousands point's number would have. */
  hundreds: Seen | null = null;

  add(text: string, line: number): void {
    const number = text.replace(PERCENT_SIGN, '').trim();
    const seen = { line, text };
    if (pointOrThousands(number)) this.either ??= seen;
    else if (COMMA_DECIMAL.test(number)) this.comma ??= seen;
    else if (POINT_DECIMAL.test(number)) this.point ??= seen;
    else if (WHOLE_HUNDREDS.test(number)) this.hundreds ??= seen;
  }
}

/** A whole number of 100 or more without a mark (`800`, `1250`). */
const WHOLE_HUNDREDS = /^\+?[1-9]\d{2,}$/;

/** What one date column's cells say of the order of day and month, each the first of its sort. */
class DateOrderEvidence {
  /** A date whose first number can only be a day (`31/12/2025`). */
  dayFirst: Seen | null = null;
  /** A date whose second number can only be a day (`12/31/2025`). */
  monthFirst: Seen | null = null;

  add(text: string, line: number): void {
    const parts = leadingDateParts(text);
    if (parts === null) return;
    const [first, second] = parts;
    if (first > 12 && second <= 12) this.dayFirst ??= { line, text };
    else if (second > 12 && first <= 12) this.monthFirst ??= { line, text };
  }
}

/** A share's column whose scale its cells decide: a proportion column, read from the file, no `units:` for it, no scale of its own (a score's). */
function decidedByCells(column: PlannedColumn): boolean {
  return column.spec.type === 'proportion' && column.spec.choices === undefined && !column.unitsGiven && column.index >= 0;
}

/** A decimal column read from the file (a weight, a share), whose decimal mark its cells decide. */
function decimalColumn(column: PlannedColumn): boolean {
  return (column.spec.type === 'weight' || column.spec.type === 'proportion') && column.spec.choices === undefined && column.index >= 0;
}

/** A date column read from the file (a signal's date), whose order of day and month its cells decide. */
function dateColumn(column: PlannedColumn): boolean {
  return column.spec.type === 'date' && column.index >= 0;
}

/** True when some column's scale, decimal mark or date order is to be decided from its cells: only then are the rows read for it. */
export function scalesToDecide(plan: ColumnPlan): boolean {
  return plan.columns.some((column) => decidedByCells(column) || decimalColumn(column) || dateColumn(column));
}

/**
 * The plan with the scale of every share's column without `units:` decided from all its rows (not skipped ones):
 * percent when a cell carries a % sign; or an InputError at the first bare number that may be either.
 */
export async function decideScales<K extends Kind>(plan: ColumnPlan, validator: RowValidator<K>, rows: AsyncIterable<SourceRow[]>): Promise<ColumnPlan> {
  // each column's evidence of its scale and of its decimal mark, from one reading of each cell
  const evidence = new Map<number, { scale?: ColumnEvidence; marks?: DecimalEvidence; order?: DateOrderEvidence }>();
  plan.columns.forEach((column, position) => {
    const scale = decidedByCells(column) ? new ColumnEvidence() : undefined;
    const marks = decimalColumn(column) ? new DecimalEvidence() : undefined;
    const order = dateColumn(column) ? new DateOrderEvidence() : undefined;
    if (scale || marks || order) evidence.set(position, { scale, marks, order });
  });
  for await (const batch of rows) {
    for (const { line, fields } of batch) {
      if (validator.skipped(fields)) continue;
      for (const [position, { scale, marks, order }] of evidence) {
        const text = validator.shareText(position, fields);
        if (!text) continue;
        scale?.add(text, line);
        marks?.add(text, line);
        order?.add(text, line);
      }
    }
  }
  const columns = plan.columns.map((column, position) => {
    const { scale: seen, marks, order } = evidence.get(position) ?? {};
    let decided = column;
    if (order?.monthFirst) {
      if (order.dayFirst) refuseDateOrders(plan.file, column, order.monthFirst, order.dayFirst);
      decided = { ...decided, monthFirst: true };
    }
    if (marks?.either && marks.comma) {
      if (marks.point) refuseDecimalMarks(plan.file, column, marks.either, marks.comma, marks.point);
      decided = { ...decided, thousandsPoint: true };
    }
    if (marks?.either && !marks.comma && !marks.point && marks.hundreds) refuseThousandsOrDecimal(plan.file, column, marks.either, marks.hundreds);
    if (seen?.signed == null) return decided;
    if (seen.small && seen.above) refuseMixed(plan.file, column, seen.small, seen.above);
    return { ...decided, percent: true };
  });
  return { ...plan, columns };
}

/** A column with decimals written with a comma and with a point, and a cell that either reading changes a thousandfold. */
function refuseDecimalMarks(file: string, column: PlannedColumn, either: Seen, comma: Seen, point: Seen): never {
  const params = { column: shownHeading(column.header), value: refusedCell(either.text), comma: refusedCell(comma.text), comma_line: comma.line, point: refusedCell(point.text), point_line: point.line };
  throw new InputError('input.decimal_marks_mixed', params, { location: { file, line: either.line, column: column.index + 1 }, hint: message('hint.decimal_marks_mixed') });
}

/**
 * A column whose `1.250` no other decimal decides, beside whole numbers in the hundreds written without a mark (`800`):
 * read as 1.25 beside 800, its weights were a thousandfold apart without a word (adversarial run r34, F7), while as
 * 1250 they would be alike. Which the writer meant is unknown, so the file is refused at that cell.
 */
function refuseThousandsOrDecimal(file: string, column: PlannedColumn, either: Seen, hundreds: Seen): never {
  const written = either.text.replace(PERCENT_SIGN, '').trim();
  const params = { column: shownHeading(column.header), value: refusedCell(either.text), thousands: written.replace(/\./g, ''), decimal: String(Number(written)), whole: refusedCell(hundreds.text), whole_line: hundreds.line };
  throw new InputError('input.thousands_or_decimal', params, { location: { file, line: either.line, column: column.index + 1 }, hint: message('hint.thousands_or_decimal') });
}

/** A date column with a date written month first and one written day first: which `05/06/2025` means is unknown. */
function refuseDateOrders(file: string, column: PlannedColumn, monthFirst: Seen, dayFirst: Seen): never {
  // the dates themselves are not shown: a date may be a birth date, which the refused-cell rule withholds
  const params = { column: shownHeading(column.header), other_line: dayFirst.line };
  throw new InputError('input.date_orders_mixed', params, { location: { file, line: monthFirst.line, column: column.index + 1 }, hint: message('hint.date_orders_mixed') });
}

function refuseMixed(file: string, column: PlannedColumn, small: Seen, above: Seen): never {
  const params = { column: shownHeading(column.header), value: refusedCell(small.text), other: refusedCell(above.text), other_line: above.line };
  throw new InputError('input.percent_scale_mixed', params, { location: { file, line: small.line, column: column.index + 1 }, hint: message('hint.percent_scale_mixed', { name: column.spec.name }) });
}
