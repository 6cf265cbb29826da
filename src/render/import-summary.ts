// The import summary on stderr: rows read, stored, rejected, the most frequent reasons, and what was left out.
import type { Translate } from '../i18n/index.js';
import type { FiguresAccount, ImportOutcome } from '../ingest/outcome.js';
import { formatCount } from './numbers.js';
import { FOUND_BY_WORDS, REASON_WORDS } from './words.js';
import { shownNames } from '../shown-name.js';

export interface SummaryLine {
  level: 'info' | 'warn' | 'detail';
  text: string;
}

const DELIMITER_NAMES: Record<string, string> = { ',': ',', ';': ';', '\t': 'tab', '|': '|' };
const TOP_REASONS = 5;
const ISSUES_SHOWN = 20;
/** Column names listed before the rest are only counted: a file can have 400,000 columns. */
const NAMES_SHOWN = 12;

/**
 * A file of one wave whose answers were all submitted more than a year before that wave, or after it (adversarial
 * run r37, A3: a 2023 export imported as `--wave 2026` without a word). Fieldwork in the year before its wave is
 * usual, so that alone is not said.
 */
function submittedFarFromWave(outcome: ImportOutcome): { first: string; last: string; wave: string } | null {
  const submitted = outcome.submitted;
  if (!submitted || outcome.waves.length !== 1 || !/^\d{4}$/.test(outcome.waves[0])) return null;
  const wave = Number(outcome.waves[0]);
  const far = Number(submitted.last.slice(0, 4)) < wave - 1 || Number(submitted.first.slice(0, 4)) > wave;
  return far ? { ...submitted, wave: outcome.waves[0] } : null;
}

export function renderImportSummary(outcome: ImportOutcome, t: Translate, verbose: boolean): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const n = (value: number) => formatCount(value, t);
  const add = (level: SummaryLine['level'], text: string) => lines.push({ level, text });
  const listed = (names: readonly string[]) => (names.length <= NAMES_SHOWN ? shownNames(names) : `${shownNames(names.slice(0, NAMES_SHOWN))} ${t('text.and_more', { count: n(names.length - NAMES_SHOWN) })}`);
  // columns that hold data under no heading are not read: said once per file, the first 12 by number or letter
  if (outcome.unheadedColumns.length > 0) add('warn', t('import.unheaded', { file: outcome.file, columns: listed(outcome.unheadedColumns) }));
  const d = outcome.detected;
  if (d?.format === 'xlsx' && d.otherSheets !== undefined) add('info', t('import.other_sheets', { file: outcome.file, sheet: d.sheet, count: n(d.otherSheets.length), sheets: listed(d.otherSheets) }));
  if (d && verbose) {
    if (d.format === 'xlsx') add('detail', t('import.detected_workbook', { file: outcome.file, sheet: d.sheet }));
    else {
      add(
        'detail',
        t('import.detected', {
          file: outcome.file,
          encoding: d.encoding,
          encoding_source: t(FOUND_BY_WORDS[d.source.encoding]),
          delimiter: DELIMITER_NAMES[d.delimiter] ?? d.delimiter,
          delimiter_source: t(FOUND_BY_WORDS[d.source.delimiter]),
          line_ending: d.lineEnding.toUpperCase(),
        }),
      );
    }
  }
  if (outcome.status === 'unchanged' || (outcome.status === 'dry_run' && outcome.sameAs !== null)) {
    const { file, overlap } = outcome;
    add('info', overlap ? t('import.rows_already_stored', { file, batches: overlap.batches.join(', '), batch_count: overlap.batches.length }) : t('import.unchanged', { file, batch: outcome.sameAs ?? '?' }));
    return lines;
  }
  const counts = {
    file: outcome.file,
    kind: outcome.kind,
    read: n(outcome.rows.read),
    stored: n(outcome.status === 'stored' ? outcome.rows.stored : outcome.rows.valid),
    rejected: n(outcome.rows.rejected),
    batch: outcome.batch ?? '?',
    waves: outcome.waves.map((wave) => (wave === '*' ? t('import.all_waves') : wave)).join(', ') || '-',
    // "all waves" reads as a plural
    wave_count: outcome.waves.includes('*') ? 2 : outcome.waves.length,
  };
  if (outcome.status === 'stored') add('info', t('import.stored', counts));
  else if (outcome.status === 'dry_run') add('info', t('import.dry_run', counts));
  else if (outcome.limit === null || outcome.limit.option === '--strict') add('info', t('import.strict_not_stored', counts));
  else add('info', t('import.limit_not_stored', { ...counts, option: outcome.limit.option }));
  // rows left out for their age are said with their residents below, not as the mapping's skip rules
  const skippedByRules = outcome.rows.skipped - (outcome.figures?.rowsLeftOut ?? 0);
  // the example names what a survey's skip rules leave out; other kinds' rules say nothing of responses
  const skipped = outcome.kind === 'survey' ? 'import.skipped_responses' : 'import.skipped';
  if (skippedByRules > 0) add('info', `  ${t(skipped, { rows: n(skippedByRules) })}`);
  if (outcome.figures) for (const line of figuresLines(outcome.figures, t)) add('info', `  ${line}`);
  if (outcome.roundedCounts) add('info', `  ${t('import.counts_rounded', { count: outcome.roundedCounts.count, line: outcome.roundedCounts.line })}`);
  if (outcome.overlap) {
    const alike = t('import.rows_alike', { rows: n(outcome.overlap.rows), batches: outcome.overlap.batches.join(', '), batch_count: outcome.overlap.batches.length });
    add('warn', `  ${outcome.batch === null ? alike : `${alike} ${t('import.rows_alike_forget', { batch: outcome.batch })}`}`);
  }
  if (outcome.reasons.length > 0) {
    const reasons = outcome.reasons
      .slice(0, TOP_REASONS)
      .map((reason) => {
        // a ragged row's reason names its number of fields and the header's: `wrong number of fields` would not say which
        const words = { count: n(reason.count), reason: reason.code === 'ragged' ? reason.message : t(REASON_WORDS[reason.code]) };
        return reason.column === null ? t('import.reason_row', words) : t('import.reason', { ...words, column: reason.column });
      });
    add('warn', `  ${t('import.reasons')} ${reasons.join(t('text.separator'))}`);
  }
  if (outcome.rejectsFolderTightened) add('warn', `  ${t('import.rejects_folder_tightened', { folder: outcome.rejectsFolderTightened })}`);
  if (outcome.rejectsFile) add('warn', `  ${t('import.rejects_file', { path: outcome.rejectsFile })}`);
  if (outcome.rejectsFile && outcome.rejectsLeftOut > 0) {
    add('warn', `  ${t('import.rejects_left_out', { count: n(outcome.rejectsLeftOut), written: n(outcome.rows.rejected - outcome.rejectsLeftOut) })}`);
  }
  if (verbose) {
    for (const issue of outcome.issues.slice(0, ISSUES_SHOWN)) {
      add('detail', `  ${issue.file}:${issue.line}${issue.column ? ` [${issue.column}]` : ''}: ${issue.message}`);
    }
  }
  if (outcome.droppedColumns.length > 0) add('info', `  ${t('import.dropped', { columns: listed(outcome.droppedColumns) })}`);
  if (outcome.ignoredColumns.length > 0) add('info', `  ${t('import.ignored', { columns: listed(outcome.ignoredColumns) })}`);
  if (outcome.unusedRenames.length > 0) add('warn', `  ${t('import.unused_renames', { columns: listed(outcome.unusedRenames) })}`);
  for (const { column, values } of outcome.unmatchedKeep) add('warn', `  ${t('import.keep_unmatched', { column, values: listed(values) })}`);
  for (const column of outcome.monthFirstColumns) add('info', `  ${t('import.month_first', { column })}`);
  const far = submittedFarFromWave(outcome);
  if (far !== null) add('warn', `  ${t('import.submitted_far_from_wave', far)}`);
  const ages = outcome.outsideAgeGroups;
  if (ages && ages.younger.rows > 0) add('warn', `  ${t('import.respondents_younger', { rows: n(ages.younger.rows), age: String(ages.younger.age) })}`);
  if (ages && ages.older.rows > 0) add('warn', `  ${t('import.respondents_older', { rows: n(ages.older.rows), age: String(ages.older.age) })}`);
  if (outcome.areasLikeDistricts) {
    const areas = outcome.areasLikeDistricts.map(({ area, district }) => t('import.area_like_district', { area, district }));
    // a population import names the monitor areas stored before it (src/ingest/import.ts, storedAreasLikeDistricts)
    const key = outcome.kind === 'population' ? 'import.stored_areas_like_districts' : 'import.areas_like_districts';
    add('warn', `  ${t(key, { areas: areas.join(t('text.separator')), count: areas.length })}`);
  }
  if (outcome.uncheckedDistricts !== null) add('warn', `  ${t('import.districts_unchecked', { count: outcome.uncheckedDistricts })}`);
  const respelled = outcome.respelled;
  if (respelled && respelled.rows > 0) add('info', `  ${t('import.respelled', { rows: n(respelled.rows) })}`);
  if (respelled && respelled.unknownCount > 0) {
    const shown = respelled.unknown.map((unknown) => {
      const suggestion = unknown.suggestions.length > 0 ? t('import.did_you_mean', { names: unknown.suggestions.join(', ') }) : t('import.no_suggestion');
      return t('input.unknown_district', { district: unknown.district, rows: n(unknown.rows), suggestion });
    });
    const more = respelled.unknownCount - respelled.unknown.length;
    if (more > 0) shown.push(t('text.and_more', { count: n(more) }));
    add('warn', `  ${t('import.unplaced_districts', { count: respelled.unknownCount, districts: shown.join(t('text.separator')) })}`);
  }
  const replaced = outcome.replaced;
  // a file that stored nothing (beyond --strict or --max-rejects) replaced nothing: only a stored batch or a dry run says so
  if (replaced && (replaced.rows > 0 || replaced.batches.length > 0) && (outcome.status === 'stored' || outcome.status === 'dry_run')) {
    const words = { rows: n(replaced.rows), batches: replaced.batches.join(', ') || '-' };
    add('info', `  ${outcome.status === 'dry_run' ? t('import.would_replace', words) : t('import.replaced', words)}`);
  }
  return lines;
}

/** Population figures: the rows added up into one figure, and the residents outside the age groups left out. */
function figuresLines(figures: FiguresAccount, t: Translate): string[] {
  const n = (value: number) => formatCount(value, t);
  const lines: string[] = [];
  const { combined, younger, older } = figures;
  if (combined.rows > 0) lines.push(t('import.combined', { rows: n(combined.rows), figures: n(combined.figures) }));
  if (younger.residents > 0 || younger.rows > 0) lines.push(t('import.left_out_younger', { residents: n(younger.residents), rows: n(younger.rows), age: String(younger.age) }));
  if (older.residents > 0 || older.rows > 0) lines.push(t('import.left_out_older', { residents: n(older.residents), rows: n(older.rows), age: String(older.age) }));
  return lines;
}
