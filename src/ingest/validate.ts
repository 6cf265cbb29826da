// One row through the plan and the kind's zod schema: a valid row, or every issue it has.
import type { z } from 'zod';
import type { Translate } from '../i18n/index.js';
import { convertCell, type ColumnSpec, type KindSpec } from './kinds.js';
import type { ColumnPlan, PlannedColumn } from './plan.js';
import { fold } from './values.js';

export type IssueCode =
  | 'required'
  | 'not_a_number'
  | 'not_integer'
  | 'out_of_range'
  | 'invalid_value'
  | 'interval_order'
  | 'interval_incomplete'
  | 'ragged'
  | 'duplicate'
  | 'wave_mismatch';

export interface RowIssue {
  line: number;
  /** The file's column header, or null for whole-row issues. */
  column: string | null;
  /** 1-based column number in the file, or null. */
  columnNumber: number | null;
  code: IssueCode;
  value: string;
  spec: ColumnSpec | null;
  /** Extra facts for the message (first occurrence of a duplicate, field counts). */
  detail?: Record<string, string | number>;
}

export type RowResult = { ok: true; row: Record<string, unknown> } | { ok: false; issues: RowIssue[] };

function cellText(column: PlannedColumn, fields: string[]): string {
  const raw = column.index >= 0 ? (fields[column.index] ?? '') : (column.constant ?? '');
  const text = raw.trim();
  if (!column.recode || text === '') return text;
  return column.recode.get(fold(text)) ?? text;
}

/** Our issue code for a zod issue; `value` is the converted cell (zod 4 does not report inputs). */
function issueCode(issue: z.core.$ZodIssue, value: unknown): IssueCode {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'required';
      if (issue.expected === 'int') return 'not_integer';
      return typeof value === 'number' && Number.isNaN(value) ? 'not_a_number' : 'invalid_value';
    case 'too_small':
    case 'too_big':
      return 'out_of_range';
    case 'custom': {
      const code = (issue.params as { code?: IssueCode } | undefined)?.code;
      return code ?? 'out_of_range';
    }
    default:
      return 'invalid_value';
  }
}

type Verdict = { ok: true; value: unknown } | { ok: false; code: IssueCode };

/** Distinct cells remembered per column; ids and free text are always checked afresh. */
const MEMO_LIMIT = 50_000;

export class RowValidator {
  private readonly byName: Map<string, PlannedColumn>;
  private readonly headerLength: number;
  private readonly memos: Array<Map<string, Verdict> | null>;
  /** Verdicts of one-character cells by character code: most answers are "1".."5" or empty, and need no hashing. */
  private readonly short: Array<Array<Verdict | undefined> | null>;

  constructor(
    private readonly plan: ColumnPlan,
    private readonly kind: KindSpec,
    private readonly expectedWave?: string,
  ) {
    this.byName = new Map(plan.columns.map((column) => [column.spec.name, column]));
    this.headerLength = plan.header.length;
    this.memos = plan.columns.map((column) => (column.spec.type === 'id' || column.spec.type === 'note' ? null : new Map()));
    this.short = this.memos.map((memo) => (memo ? [] : null));
  }

  /** True when a mapping rule says to leave this row out (e.g. incomplete LimeSurvey responses). */
  skipped(fields: string[]): boolean {
    for (const rule of this.plan.skip) {
      const value = (fields[rule.index] ?? '').trim();
      if (rule.empty && value === '') return true;
      if (rule.equals.has(value)) return true;
    }
    return false;
  }

  /** A cell through conversion and its column's zod schema; the verdict depends on the text alone, so it is memoised. */
  private judge(position: number, text: string): Verdict {
    const short = this.short[position];
    const code = short && text.length <= 1 ? (text.length === 0 ? 0 : text.charCodeAt(0)) : -1;
    if (code >= 0 && code < 256) {
      const known = short![code];
      if (known) return known;
    }
    const memo = this.memos[position];
    const known = memo?.get(text);
    if (known) return known;
    const column = this.plan.columns[position];
    let value: unknown = undefined;
    if (text !== '') {
      value = convertCell(column.spec, text);
      if (column.percent && typeof value === 'number') value = value / 100;
    }
    const result = this.kind.fields[column.spec.name].safeParse(value);
    const verdict: Verdict = result.success ? { ok: true, value: result.data } : { ok: false, code: issueCode(result.error.issues[0], value) };
    if (code >= 0 && code < 256) short![code] = verdict;
    else if (memo && memo.size < MEMO_LIMIT) memo.set(text, verdict);
    return verdict;
  }

  validate(fields: string[], line: number): RowResult {
    if (fields.length !== this.headerLength && !this.onlyEmptyExtra(fields)) {
      return {
        ok: false,
        issues: [
          {
            line,
            column: null,
            columnNumber: null,
            code: 'ragged',
            value: '',
            spec: null,
            detail: { fields: fields.length, expected: this.headerLength },
          },
        ],
      };
    }
    const row: Record<string, unknown> = {};
    let issues: RowIssue[] | null = null;
    const columns = this.plan.columns;
    for (let position = 0; position < columns.length; position++) {
      const column = columns[position];
      const verdict = this.judge(position, cellText(column, fields));
      if (verdict.ok) {
        if (verdict.value !== undefined) row[column.spec.name] = verdict.value;
      } else {
        (issues ??= []).push(this.issueAt(column.spec.name, verdict.code, fields, line));
      }
    }
    if (!issues && this.kind.rowCheck) {
      const result = this.kind.rowCheck.safeParse(row);
      if (!result.success) {
        issues = result.error.issues.map((issue) => {
          const name = String(issue.path[0] ?? '');
          return this.issueAt(name, issueCode(issue, row[name]), fields, line);
        });
      }
    }
    if (!issues) this.kind.complete?.(row);
    if (!issues && this.expectedWave !== undefined && row.wave !== undefined && row.wave !== this.expectedWave) {
      issues = [this.issueAt('wave', 'wave_mismatch', fields, line, { wave: this.expectedWave })];
    }
    return issues ? { ok: false, issues } : { ok: true, row };
  }

  /** Excel often writes trailing separators: extra fields that are all empty are harmless. */
  private onlyEmptyExtra(fields: string[]): boolean {
    if (fields.length < this.headerLength) return false;
    for (let i = this.headerLength; i < fields.length; i++) if (fields[i].trim() !== '') return false;
    return true;
  }

  issueAt(name: string, code: IssueCode, fields: string[], line: number, detail?: Record<string, string | number>): RowIssue {
    const column = this.byName.get(name);
    const spec = column?.spec ?? this.kind.columns.find((c) => c.name === name) ?? null;
    return {
      line,
      column: column?.header ?? (name || null),
      columnNumber: column && column.index >= 0 ? column.index + 1 : null,
      code,
      value: column ? (column.index >= 0 ? (fields[column.index] ?? '').trim() : (column.constant ?? '')) : '',
      spec,
      detail,
    };
  }
}

function allowedValues(spec: ColumnSpec | null, t: Translate): string {
  if (!spec) return '';
  if (spec.choices) return spec.choices.join(', ');
  switch (spec.type) {
    case 'item':
      return spec.item!.values.join(', ');
    case 'sex':
      return 'M, F, X';
    case 'severity':
      return '1-5';
    case 'trend':
      return 'better, same, worse';
    case 'age':
      return '0-120';
    case 'proportion':
      return t('issue.allowed_proportion');
    case 'count':
    case 'weight':
      return t('issue.allowed_positive');
    case 'wave':
      return t('issue.allowed_wave');
    case 'age_group':
      return t('issue.allowed_age_group');
    case 'date':
      return t('issue.allowed_date');
    case 'theme':
    case 'indicator':
      return t('issue.allowed_code');
    default:
      return '';
  }
}

/** The issue in the user's language, for the summary and the rejects file. */
export function describeIssue(issue: RowIssue, t: Translate): string {
  const column = issue.column ?? '';
  const value = issue.value;
  const allowed = allowedValues(issue.spec, t);
  switch (issue.code) {
    case 'required':
      return t('issue.required', { column });
    case 'not_a_number':
      return t('issue.not_a_number', { column, value });
    case 'not_integer':
      return t('issue.not_integer', { column, value });
    case 'out_of_range':
      return issue.spec?.type === 'item'
        ? t('issue.invalid_code', { column, value, allowed })
        : t('issue.out_of_range', { column, value, allowed });
    case 'invalid_value':
      return t('issue.invalid_value', { column, value, allowed });
    case 'interval_order':
      return t('issue.interval_order', { value });
    case 'interval_incomplete':
      return t('issue.interval_incomplete', { column });
    case 'ragged':
      return t('issue.ragged', { fields: issue.detail?.fields ?? '?', expected: issue.detail?.expected ?? '?' });
    case 'duplicate':
      return issue.detail?.batch !== undefined
        ? t('issue.duplicate_stored', { column, value, batch: issue.detail.batch, line: issue.detail.line })
        : t('issue.duplicate', { column, value, line: issue.detail?.line ?? '?' });
    case 'wave_mismatch':
      return t('issue.wave_mismatch', { value, wave: issue.detail?.wave ?? '?' });
  }
}
