// What can be wrong with a row, and how each problem reads in the user's language.
import type { Translate } from '../i18n/index.js';
import { present } from '../invariant.js';
import type { ColumnSpec } from './kinds/columns.js';
import { shownName } from '../shown-name.js';
import { refusedCell, sharedRefusedCell, shownCell, WITHHELD } from './privacy.js';
import { hasExponent, hasThousandsMark } from './values.js';

export type IssueCode =
  | 'required'
  | 'not_a_number'
  | 'not_integer'
  | 'not_a_date'
  | 'out_of_range'
  | 'invalid_value'
  | 'interval_order'
  | 'interval_incomplete'
  | 'counts_conflict'
  | 'ragged'
  | 'duplicate'
  | 'wave_mismatch'
  | 'age_conflict'
  | 'reserved_name'
  | 'total_name'
  | 'date_name'
  | 'placeholder_name'
  | 'zone_name'
  | 'personal_data'
  | 'control_character'
  | 'mixed_script'
  | 'not_declared'
  | 'spreadsheet_error'
  | 'flag_value'
  | 'flags_several'
  | 'withheld_id'
  | 'foreign_id';

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
  /** The refused cell is shared by at least min_cell refused rows of the file so far (`sharedRefusedCell`). */
  shared?: boolean;
}

function allowedValues(spec: ColumnSpec | null, t: Translate): string {
  if (!spec) return '';
  if (spec.choices) return spec.choices.join(', ');
  switch (spec.type) {
    case 'item':
      return present(spec.item, 'the codebook item of an item column').values.join(', ');
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
      if (spec.min !== undefined && spec.max !== undefined) return t('issue.allowed_count_between', { min: spec.min, max: spec.max });
      if (spec.min !== undefined) return t('issue.allowed_count_from', { min: spec.min });
      return spec.max === undefined ? t('issue.allowed_positive') : t('issue.allowed_count_up_to', { max: spec.max });
    case 'weight':
      return t('issue.allowed_weight');
    case 'wave':
      return t('issue.allowed_wave');
    case 'age_group':
      return t('issue.allowed_age_group');
    case 'date':
      return t('issue.allowed_date');
    case 'theme':
    case 'indicator':
      return t('issue.allowed_code', { example: spec.example ?? 'police_cafe' });
    default:
      return '';
  }
}

/**
 * Issues whose cell passed its column's check. In a district column, such a cell is a district's name (a population
 * file's district given twice, a district named as the whole area) and is shown as district names are.
 */
const VALUE_PASSED: ReadonlySet<IssueCode> = new Set<IssueCode>(['duplicate', 'reserved_name', 'total_name', 'placeholder_name', 'zone_name']);

/**
 * True when the issue's cell follows the refused-cell rule (a short code, else ***) in messages, `--json` and the
 * rejects file: every issue's cell but a district's name that passed its check. A cell that passed may still be
 * a name: a respondent id repeated (`Jan Peeters`) is a duplicate, not a bad value (issue 17, round 8).
 */
export function withholdsCell(issue: RowIssue): boolean {
  // a cell that passed a column of fixed choices (a monitor's indicator) is one of those codes, never a name
  return !(VALUE_PASSED.has(issue.code) && (issue.spec?.type === 'district' || issue.spec?.choices !== undefined));
}

/** The issue's cell as messages, `--json` and the rejects file show it; so a reason never repeats what the file withholds. */
export function shownIssueValue(issue: RowIssue): string {
  // a code no list holds may be anything a person typed there, a name too
  if (issue.code === 'not_declared') return WITHHELD;
  // a control character would act on the terminal or print other than the file holds: never shown
  if (issue.code === 'control_character') return WITHHELD;
  // a respondent's or interview's id is never quoted: beside the row's keyed id in a rejects file, a number shown as
  // written (`respondent_id `1` already appears`) gave away whose pseudonym that is (adversarial run r33)
  if (issue.spec?.type === 'id') return WITHHELD;
  if (!withholdsCell(issue)) return shownCell(issue.value);
  return issue.shared ? sharedRefusedCell(issue.value) : refusedCell(issue.value);
}

/**
 * The issue in the user's language, for the summary and the rejects file; a cell the mapping recoded is said with
 * what it was recoded to, shown as a refused cell is.
 */
export function describeIssue(issue: RowIssue, t: Translate): string {
  const said = describeCell(issue, t);
  const recoded = issue.detail?.recoded_to;
  return recoded === undefined ? said : `${said}${t('issue.recoded_to', { value: refusedCell(String(recoded)) })}`;
}

function describeCell(issue: RowIssue, t: Translate): string {
  const column = shownName(issue.column ?? '');
  const value = shownIssueValue(issue);
  const allowed = allowedValues(issue.spec, t);
  switch (issue.code) {
    case 'required':
      return t('issue.required', { column });
    case 'not_a_number':
      return t('issue.not_a_number', { column, value });
    case 'not_integer':
      if (hasExponent(issue.value)) return t('issue.exponent', { column, value });
      if (hasThousandsMark(issue.value)) return t('issue.thousands_mark', { column, value });
      return issue.spec?.type === 'count' ? t('issue.count_not_whole', { column, value }) : t('issue.not_integer', { column, value });
    case 'not_a_date':
      return t('issue.not_a_date', { column, value });
    case 'out_of_range':
      if (issue.detail?.max_length !== undefined) return t('issue.too_long', { column, value, max: issue.detail.max_length });
      return issue.spec?.type === 'item'
        ? t('issue.invalid_code', { column, value, allowed })
        : t('issue.out_of_range', { column, value, allowed: issue.detail?.allowed ?? allowed });
    case 'invalid_value':
      return t('issue.invalid_value', { column, value, allowed });
    case 'interval_order':
      return t('issue.interval_order', { value });
    case 'interval_incomplete':
      return t('issue.interval_incomplete', { column });
    case 'counts_conflict':
      return issue.detail?.kind === 'sexes'
        ? t('issue.sexes_against_total', { column, men: issue.detail.men ?? '?', women: issue.detail.women ?? '?', total: issue.detail.total ?? '?' })
        : t('issue.outside_over_total', { column, outside: issue.detail?.outside ?? '?', total: issue.detail?.total ?? '?' });
    case 'ragged':
      return t('issue.ragged', { fields: issue.detail?.fields ?? '?', expected: issue.detail?.expected ?? '?' });
    case 'duplicate':
      if (issue.detail?.area !== undefined && issue.detail.wave !== undefined) {
        // a monitor's figure is one of an area and a wave: the message names them beside the indicator
        const of = { column, value: issue.value === '' ? String(issue.detail.indicators ?? '') : value, area: shownName(refusedCell(String(issue.detail.area))), wave: issue.detail.wave };
        return issue.detail.batch !== undefined
          ? t('issue.duplicate_stored_for', { ...of, batch: issue.detail.batch })
          : issue.detail.file !== undefined
            ? t('issue.duplicate_file_for', { ...of, line: issue.detail.line ?? '?', file: issue.detail.file })
            : t('issue.duplicate_for', { ...of, line: issue.detail.line ?? '?' });
      }
      return issue.detail?.batch !== undefined
        ? t('issue.duplicate_stored', { column, value, batch: issue.detail.batch })
        : issue.detail?.file !== undefined
          ? t('issue.duplicate_file', { column, value, line: issue.detail.line ?? '?', file: issue.detail.file })
          : t('issue.duplicate', { column, value, line: issue.detail?.line ?? '?' });
    case 'wave_mismatch':
      return t('issue.wave_mismatch', { value, wave: issue.detail?.wave ?? '?' });
    case 'age_conflict':
      return t('issue.age_conflict', { column, value, other: issue.detail?.other ?? '?', other_value: issue.detail?.other_value ?? '?' });
    case 'reserved_name':
      return t('issue.reserved_name', { column, value });
    case 'total_name':
      return t('issue.total_name', { column, value });
    case 'date_name':
      return t('issue.date_name', { column });
    case 'placeholder_name':
      return t('issue.placeholder_name', { column, value });
    case 'zone_name':
      return t('issue.zone_name', { column, value });
    case 'personal_data':
      return t('issue.personal_data', { column });
    case 'control_character':
      return t('issue.control_character', { column });
    case 'mixed_script':
      return t('issue.mixed_script', { column });
    case 'withheld_id':
      return t('issue.withheld_id', { column });
    case 'foreign_id':
      return t('issue.foreign_id', { column });
    case 'spreadsheet_error':
      return t('issue.spreadsheet_error', { column, value });
    case 'flag_value':
      return t('issue.flag_value', { column, value, flag: issue.detail?.flag ?? '?' });
    case 'flags_several':
      return t('issue.flags_several', { column, flags: issue.detail?.flags ?? '?' });
    case 'not_declared':
      return t('issue.not_declared', { column, codes: issue.spec?.codes?.builtIn.join(', ') ?? '', key: `codebook: ${issue.spec?.codes?.declaredIn ?? ''}:` });
  }
}
