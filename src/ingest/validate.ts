// One row through the plan and its kind's cell schemas: a typed row, or every issue it has.
import { ZodOptional, type z } from 'zod';
import { InputError } from '../errors.js';
import { CONTROL_CHARACTER, convertCell, fromPercent, EXPONENT, MIXED_SCRIPT, NOT_A_DATE, NOT_DECLARED, PERCENT_SIGN, PERSONAL_DATA, THOUSANDS_MARK } from './cells.js';
import { answerSchema, isDistrictNameProblem, weightSchema } from './kinds/columns.js';
import type { IssueCode, RowIssue } from './issues.js';
import type { KindHandler, KindLayout, Row } from './kinds/handler.js';
import type { Kind } from './kinds/kind.js';
import type { ColumnPlan, PlannedColumn, SkipRule } from './plan.js';
import { readFlags, type FlagReading } from './derive.js';
import { dayFirst, fold, withoutThousandsPoints } from './values.js';
import { isSpreadsheetError } from './missing-labels.js';
import { shownHeading } from './privacy.js';
import type { Beyond } from './table.js';

/** A cell as read, before recoding: its field, the ticked one of its flag columns, or its constant. */
function cellText(column: PlannedColumn, fields: string[]): string | FlagReading {
  if (column.flags) return readFlags(column.flags, fields);
  const raw = column.index >= 0 ? (fields[column.index] ?? '') : (column.constant ?? '');
  return raw.trim();
}

/** The text a column's schema judges: missing values emptied, recodes applied (and their results checked too). */
function recoded(column: PlannedColumn, text: string): string {
  // a column that writes decimals with a comma reads `1.250` as 1250 (percent-scale.ts, adversarial run r29, A2)
  if (column.thousandsPoint) return withoutThousandsPoints(recodedText(column, text));
  // a column that writes its dates month first reads `03/05/2026` as 5 March (percent-scale.ts, r30 minor)
  if (column.monthFirst) return dayFirst(recodedText(column, text));
  return recodedText(column, text);
}

/** `recoded` but for thousands points. */
function recodedText(column: PlannedColumn, text: string): string {
  if (text === '' || (!column.recode && !column.missing)) return text;
  // An explicit recode of the cell wins over the built-in missing labels (`NVT: 3`).
  const folded = fold(text);
  const value = column.recode?.get(folded);
  if (value === undefined) return column.missing?.has(folded) ? '' : text;
  return column.missing?.has(fold(value)) ? '' : value;
}

/**
 * True when a cell is a spreadsheet's error value (`#N/A`, `#DIV/0!`, `Err:502`): missing, in every column (r28,
 * item 9), unless the column's own recode names it.
 */
function spreadsheetError(column: PlannedColumn, text: string): boolean {
  return isSpreadsheetError(text) && column.recode?.has(fold(text)) !== true;
}

/** A flag reading's problem (a flag cell neither ticked nor unticked, or several ticked), null for a value. */
function flagProblem(text: string | FlagReading): FlagProblem | null {
  return typeof text === 'string' || 'value' in text ? null : text;
}

type FlagProblem = Exclude<FlagReading, { value: string }>;

/** The text a cell reading holds: the field or constant, the ticked flag's value; '' for a flag problem. */
function readingText(text: string | FlagReading): string {
  return typeof text === 'string' ? text : 'value' in text ? text.value : '';
}

/** A cell as a message shows it: the field, the ticked flag's value or the odd flag cell, or the constant. */
function shownValue(column: PlannedColumn, fields: string[]): string {
  const text = cellText(column, fields);
  return typeof text !== 'string' && 'odd' in text ? text.cell : readingText(text);
}

/** Our issue code for a zod issue; `value` is the converted cell (zod 4 does not report inputs). */
function issueCode(issue: z.core.$ZodIssue, value: unknown): IssueCode {
  if (value === PERSONAL_DATA) return 'personal_data';
  if (value === CONTROL_CHARACTER) return 'control_character';
  if (value === MIXED_SCRIPT) return 'mixed_script';
  if (value === NOT_DECLARED) return 'not_declared';
  if (value === EXPONENT || value === THOUSANDS_MARK) return 'not_integer';
  if (value === NOT_A_DATE) return 'not_a_date';
  // an empty cell a column needs is missing, whatever the schema's kind (zod 4 reports an enum's as invalid_value:
  // an empty theme read "`` is not allowed in theme", adversarial run r35, minor)
  if (value === undefined) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'not_integer';
      return typeof value === 'number' && Number.isNaN(value) ? 'not_a_number' : 'invalid_value';
    case 'custom':
      return isDistrictNameProblem(issue.params?.reason) ? issue.params.reason : 'out_of_range';
    case 'too_small':
    case 'too_big':
      return 'out_of_range';
    default:
      return 'invalid_value';
  }
}

/** A cell's verdict; a refused cell that a mapping's recode changed carries what it was recoded to (`recodedTo`). */
type Verdict = { ok: true; value: unknown; rounded?: true } | { ok: false; code: IssueCode; detail?: Record<string, number>; recodedTo?: string };

/** How far (relative) a count may lie from a whole number and still be that number: a spreadsheet's sum, never a fraction of a person. */
const WHOLE_WITHIN = 1e-9;

/**
 * A count a spreadsheet's sum wrote a hair off its whole number (`99.999999999999986`, `100.00000000000001`, the
 * binary rounding of adding decimals) as that whole number; null for any other value. Such a count was refused as
 * not a whole number, leaving its district's figures with a hole (adversarial run r34, F9). Relative, so a real
 * fraction (`0.5`, `1e-300`) stays refused.
 */
function nearlyWhole(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) return null;
  const whole = Math.round(value);
  return Math.abs(value - whole) <= WHOLE_WITHIN * Math.abs(value) ? whole : null;
}

/** A refused cell's verdict: a name over its length says the length, which no list of allowed values would. */
function refusal(issue: z.core.$ZodIssue, value: unknown): Verdict {
  const code = issueCode(issue, value);
  if (issue.code === 'too_big' && issue.origin === 'string') return { ok: false, code, detail: { max_length: Number(issue.maximum) } };
  return { ok: false, code };
}

/** Distinct cells remembered per column; ids are always checked afresh (free text never reaches the validator). */
const MEMO_LIMIT = 50_000;

/** Slots for the empty cell, one ASCII character, and two, in pages of 128 made when first used (a column uses a few). */
const SHORT_PAGES = (1 + 128 + 128 * 128) >> 7;

/** A cell's slot among the short ones, or -1 for a longer cell or one with other characters. */
function shortSlot(text: string): number {
  if (text.length > 2) return -1;
  if (text.length === 0) return 0;
  const first = text.charCodeAt(0);
  if (first >= 128) return -1;
  if (text.length === 1) return 1 + first;
  const second = text.charCodeAt(1);
  return second < 128 ? 129 + ((first << 7) | second) : -1;
}

const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Makes rows as one object literal over the planned columns (empty ones undefined), compiled once per file: a
 * row copied from a blank one and filled in by name costs ten times as much, each store a lookup by key. The
 * names are canonical column and item names (`[a-z][a-z0-9_]*`, the configuration's rule), checked here.
 */
export function rowBuilder(names: readonly string[]): (cells: unknown[]) => Record<string, unknown> {
  for (const name of names) if (!COLUMN_NAME.test(name)) throw new Error(`safety-scan invariant broken: ${JSON.stringify(name)} is not a column name`);
  if (new Set(names).size !== names.length) throw new Error('safety-scan invariant broken: a column is planned twice');
  const properties = names.map((name, position) => `${name}: cells[${position}]`).join(', ');
  return new Function('cells', `return { ${properties} };`) as (cells: unknown[]) => Record<string, unknown>;
}

/** True when the validator refused the row (its issues), false for a valid row. */
export function refused<R>(result: R | RowIssue[]): result is RowIssue[] {
  return Array.isArray(result);
}

/** What a kind adds to the cell-by-cell checks: rules across columns, and what a valid row implies. */
export type RowRules<K extends Kind> = Pick<KindHandler<K>, 'crossCheck' | 'complete'>;

/** A day written year first, as LimeSurvey writes its submit date (`2026-03-14 10:22:01`). */
const ISO_DAY = /^(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)/;
/** The submit date of every answer of a LimeSurvey survey kept anonymous without dates: a mark, not a day. */
const UNDATED_DAY = '1980-01-01';

export class RowValidator<K extends Kind> {
  private readonly byName: Map<string, PlannedColumn>;
  private readonly positions: Map<string, number>;
  private readonly headerLength: number;
  private readonly schemas: z.ZodType[];
  private readonly memos: Array<Map<string, Verdict> | null>;
  /** Verdicts of cells of up to two ASCII characters by their codes: answers, ages and empty cells need no hashing. */
  private readonly short: Array<Array<Array<Verdict | undefined> | undefined> | null>;
  /** The last other cell of each column and its verdict: a wave, or a district in a file sorted by district, repeats. */
  private readonly lastText: Array<string | null>;
  private readonly lastVerdict: Array<Verdict | null>;
  /** A row from its cells by position (reused from row to row). */
  private readonly build: (cells: unknown[]) => Record<string, unknown>;
  private readonly cells: unknown[];
  /** The columns whose `units: percent` depends on the row (`percentFor`): none in most files, so no row pays for it. */
  private readonly percentByRow: PlannedColumn[];
  /** Each column's heading as issues name it (`shownHeading`), worked out once per column, not per issue. */
  private readonly shownHeadings = new Map<string, string>();
  /** Per `keep:` rule, the values some row of the file held (read by `unmatchedKeep`). */
  private readonly kept: ReadonlyMap<SkipRule, Set<string>>;
  /**
   * The earliest and latest day (`YYYY-MM-DD`, as LimeSurvey writes its submit date) in a column a rule skips
   * empty rows by, over the rows read: when the answers were given, which a wave far from it makes doubtful.
   */
  readonly submitted: { first: string | null; last: string | null } = { first: null, last: null };
  /** Counts of the valid rows read as the whole number a hair off which they were written (nearlyWhole), and the first one's line. */
  readonly rounded: { count: number; line: number | null } = { count: 0, line: null };

  constructor(
    private readonly plan: ColumnPlan,
    private readonly layout: KindLayout<K>,
    private readonly rules: RowRules<K>,
    private readonly expectedWave?: string,
  ) {
    this.byName = new Map(plan.columns.map((column) => [column.spec.name, column]));
    this.positions = new Map(plan.columns.map((column, position) => [column.spec.name, position]));
    this.headerLength = plan.header.length;
    // Answers are judged by their item's scale, supplied weights by the sane bounds of a weight.
    // A column to be filled wherever the file has it takes no empty cell: its schema without `optional`.
    this.schemas = plan.columns.map(({ spec }) => {
      const schema = spec.item ? answerSchema(spec.item) : spec.type === 'weight' ? weightSchema : layout.row.shape[spec.name];
      return spec.filled && schema instanceof ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
    });
    this.memos = plan.columns.map((column) => (column.spec.type === 'id' ? null : new Map()));
    this.short = this.memos.map((memo) => (memo ? new Array<Array<Verdict | undefined> | undefined>(SHORT_PAGES + 1) : null));
    this.lastText = this.memos.map(() => null);
    this.lastVerdict = this.memos.map(() => null);
    this.build = rowBuilder(plan.columns.map((column) => column.spec.name));
    this.cells = plan.columns.map(() => undefined);
    this.percentByRow = plan.columns.filter((column) => column.percent && column.spec.percentFor !== undefined);
    this.kept = new Map(plan.skip.filter((rule) => rule.keep).map((rule) => [rule, new Set<string>()]));
  }

  /**
   * True when a mapping rule says to leave this row out (e.g. incomplete LimeSurvey responses, rows outside a
   * `keep:` selection), or its kind counts it out (residents younger than the youngest age group).
   */
  skipped(fields: string[]): boolean {
    let day: string | null = null;
    for (const rule of this.plan.skip) {
      const value = (fields[rule.index] ?? '').trim();
      if (rule.empty && value === '') return true;
      if (rule.empty && ISO_DAY.test(value) && !value.startsWith(UNDATED_DAY)) day = value.slice(0, 10);
      if (rule.equals.has(value)) return true;
      if (rule.keep) {
        const folded = fold(value);
        if (!rule.keep.has(folded)) return true;
        this.kept.get(rule)?.add(folded);
      }
    }
    if (this.layout.leftOut?.((name) => this.cellValue(name, fields))) return true;
    if (day !== null) {
      if (this.submitted.first === null || day < this.submitted.first) this.submitted.first = day;
      if (this.submitted.last === null || day > this.submitted.last) this.submitted.last = day;
    }
    return false;
  }

  /**
   * Per `keep:` rule, the values no row of the file held, as the mapping writes them: a mistyped code (a district's REFNIS code) kept
   * none of its rows without a word (adversarial run r34, minor).
   */
  unmatchedKeep(): Array<{ column: string; values: string[] }> {
    return this.plan.skip.flatMap((rule) => {
      if (!rule.keep) return [];
      const held = this.kept.get(rule);
      const values = [...rule.keep].filter(([folded]) => !held?.has(folded)).map(([, written]) => written);
      return values.length === 0 ? [] : [{ column: rule.header, values }];
    });
  }

  /** A planned column's converted value in this row, or undefined when it is empty, invalid or not planned. */
  private cellValue(name: string, fields: string[]): unknown {
    const position = this.positions.get(name);
    if (position === undefined) return undefined;
    const text = cellText(this.plan.columns[position], fields);
    if (flagProblem(text)) return undefined;
    const verdict = this.judge(position, readingText(text));
    return verdict.ok ? verdict.value : undefined;
  }

  /**
   * The text of a share's cell in this row as its column reads it (missing values emptied, recodes applied), or
   * null when the row holds no share there (a long monitor table's score row: `percentFor`); for percent-scale.ts.
   */
  shareText(position: number, fields: string[]): string | null {
    const column = this.plan.columns[position];
    if (column.spec.percentFor && !column.spec.percentFor((name) => this.cellValue(name, fields))) return null;
    const text = cellText(column, fields);
    return typeof text === 'string' ? recoded(column, text) : null;
  }

  /** A cell through conversion and its column's zod schema; the verdict depends on the text alone, so it is memoised. */
  private judge(position: number, text: string): Verdict {
    const short = this.short[position];
    const slot = short ? shortSlot(text) : -1;
    if (short && slot >= 0) {
      const known = short[slot >> 7]?.[slot & 127];
      if (known) return known;
    } else if (short && text === this.lastText[position]) {
      const last = this.lastVerdict[position];
      if (last) return last;
    }
    const memo = this.memos[position];
    const known = memo?.get(text);
    if (known) return this.remember(position, text, known);
    const column = this.plan.columns[position];
    // a spreadsheet's error value is judged apart (judgeFailed): this path is every new cell's, a respondent id's on
    // every row, and stays as it was
    if (spreadsheetError(column, text)) return this.keep(position, text, slot, this.judgeFailed(position));
    const cell = recoded(column, text);
    let value: unknown;
    let rounded: true | undefined;
    if (cell !== '') {
      value = convertCell(column.spec, cell);
      const whole = column.spec.type === 'count' ? nearlyWhole(value) : null;
      if (whole !== null) {
        value = whole;
        rounded = true;
      }
      // a cell written with its % sign is already a proportion
      if (column.percent && column.spec.percentFor === undefined && typeof value === 'number' && !PERCENT_SIGN.test(cell)) value = fromPercent(value);
      if (column.spell && typeof value === 'string') value = column.spell(value);
    }
    const result = this.schemas[position].safeParse(value);
    // a district named as the configured zone would print as the zone (adversarial run r18, F8)
    const zone = result.success && column.namesZone && typeof result.data === 'string' && column.namesZone(result.data);
    const read: Verdict = rounded ? { ok: true, value: result.data, rounded } : { ok: true, value: result.data };
    const verdict: Verdict = zone ? { ok: false, code: 'zone_name' } : result.success ? read : refusal(result.error.issues[0], value);
    // a refused cell the mapping recoded is said with what it became (`soms` recoded to 9 was said as `soms` alone: r33, left item)
    const recodedTo = cell === '' ? undefined : column.recode?.get(fold(text));
    return this.keep(position, text, slot, verdict.ok || recodedTo === undefined ? verdict : { ...verdict, recodedTo });
  }

  /**
   * A cell holding a spreadsheet's error value (`#N/A`: r28, item 9): an empty cell where the column may be empty,
   * else refused as a failed formula, never as an empty cell; in a margin, where an empty cell means every value,
   * always refused.
   */
  private judgeFailed(position: number): Verdict {
    if (this.plan.columns[position].spec.emptyIsAll) return { ok: false, code: 'spreadsheet_error' };
    const result = this.schemas[position].safeParse(undefined);
    return result.success ? { ok: true, value: result.data } : { ok: false, code: 'spreadsheet_error' };
  }

  /** A cell's verdict remembered for the next cell with its text (judge). */
  private keep(position: number, text: string, slot: number, verdict: Verdict): Verdict {
    const short = this.short[position];
    const memo = this.memos[position];
    if (short && slot >= 0) {
      const page = short[slot >> 7] ?? new Array<Verdict | undefined>(128);
      short[slot >> 7] = page;
      page[slot & 127] = verdict;
    } else if (memo && memo.size < MEMO_LIMIT) memo.set(text, verdict);
    return memo ? this.remember(position, text, verdict) : verdict;
  }

  private remember(position: number, text: string, verdict: Verdict): Verdict {
    this.lastText[position] = text;
    this.lastVerdict[position] = verdict;
    return verdict;
  }

  /** The typed row, or every issue it has; `beyond`: a workbook row's fields beyond the header, told apart (see Beyond). */
  validate(fields: string[], line: number, beyond?: Beyond): Row<K> | RowIssue[] {
    const count = beyond?.count ?? fields.length;
    if (count !== this.headerLength && !(this.onlyEmptyExtra(fields) && (beyond === undefined || beyond.texts.every((text) => text.trim() === '')))) {
      return [{ line, column: null, columnNumber: null, code: 'ragged', value: '', spec: null, detail: { fields: count, expected: this.headerLength } }];
    }
    const cells = this.cells;
    let issues: RowIssue[] | null = null;
    const columns = this.plan.columns;
    let rounded = 0;
    for (let position = 0; position < columns.length; position++) {
      const column = columns[position];
      const text = cellText(column, fields);
      const problem = flagProblem(text);
      if (problem) {
        issues ??= [];
        issues.push(this.flagIssue(column, problem, fields, line));
        continue;
      }
      const verdict = this.judge(position, readingText(text));
      if (verdict.ok) {
        cells[position] = verdict.value;
        if (verdict.rounded) rounded++;
      } else {
        issues ??= [];
        issues.push(this.issueAt(column.spec.name, verdict.code, fields, line, verdict.recodedTo === undefined ? verdict.detail : { ...verdict.detail, recoded_to: verdict.recodedTo }));
      }
    }
    if (issues) return issues;
    // Every planned cell passed its schema and the plan holds every required column: this is the schema's output.
    const built = this.build(cells);
    if (this.percentByRow.length > 0) this.percentsByRow(built, fields);
    const row = built as Row<K>;
    // no array made for a row that has no such check (a survey's): a million rows would each make one
    const scaled = this.layout.crossCheck?.(row);
    if (scaled !== undefined && scaled.length > 0) return scaled.map((issue) => this.issueAt(issue.column, issue.code, fields, line, issue.detail));
    const cross = this.rules.crossCheck?.(row);
    if (cross) return [this.issueAt(cross.column, cross.code, fields, line, cross.detail)];
    this.rules.complete?.(row);
    const refusal = this.layout.refuse?.(row);
    if (refusal) {
      const column = this.byName.get(refusal.column);
      const location = { file: this.plan.file, line, column: column && column.index >= 0 ? column.index + 1 : undefined };
      throw new InputError(refusal.message, { location, hint: refusal.hint });
    }
    if (this.expectedWave !== undefined && row.wave !== undefined && row.wave !== this.expectedWave) {
      return [this.issueAt('wave', 'wave_mismatch', fields, line, { wave: this.expectedWave })];
    }
    if (rounded > 0) {
      this.rounded.count += rounded;
      this.rounded.line ??= line;
    }
    return row;
  }

  /**
   * `units: percent` on a column whose row says whether it holds a share (a long monitor table's `value`: its
   * `indicator`): a share written without its % sign is divided by 100, a score or a mean keeps its scale.
   */
  private percentsByRow(row: Record<string, unknown>, fields: string[]): void {
    for (const column of this.percentByRow) {
      const applies = column.spec.percentFor;
      const value = row[column.spec.name];
      if (applies === undefined || typeof value !== 'number' || !applies((name) => row[name])) continue;
      const text = cellText(column, fields);
      const cell = readingText(text);
      if (!PERCENT_SIGN.test(recoded(column, cell))) row[column.spec.name] = fromPercent(value);
    }
  }

  /** Excel often writes trailing separators: extra fields that are all empty are harmless. */
  private onlyEmptyExtra(fields: string[]): boolean {
    if (fields.length < this.headerLength) return false;
    for (let i = this.headerLength; i < fields.length; i++) if (fields[i].trim() !== '') return false;
    return true;
  }

  private shownHeadingOf(header: string): string {
    let shown = this.shownHeadings.get(header);
    if (shown === undefined) {
      shown = shownHeading(header);
      this.shownHeadings.set(header, shown);
    }
    return shown;
  }

  /**
   * A row's flag problem, said as one (it read "`M + F` is not allowed", and for a district "allowed: " with
   * nothing after it: r33, left item): an odd flag cell at its own column, or the ticked flag columns named.
   */
  private flagIssue(column: PlannedColumn, problem: FlagProblem, fields: string[], line: number): RowIssue {
    if ('odd' in problem) return { ...this.issueAt(column.spec.name, 'flag_value', fields, line, { flag: this.shownHeadingOf(problem.odd.header) }), columnNumber: problem.odd.index + 1 };
    return this.issueAt(column.spec.name, 'flags_several', fields, line, { flags: problem.several.map((option) => this.shownHeadingOf(option.header)).join(', ') });
  }

  issueAt(name: string, code: IssueCode, fields: string[], line: number, detail?: Record<string, string | number>): RowIssue {
    const column = this.byName.get(name);
    const spec = column?.spec ?? this.layout.columns.find((c) => c.name === name) ?? null;
    return {
      line,
      column: column ? this.shownHeadingOf(column.header) : name || null,
      columnNumber: column && column.index >= 0 ? column.index + 1 : null,
      code,
      value: column ? shownValue(column, fields) : '',
      spec,
      detail,
    };
  }
}
