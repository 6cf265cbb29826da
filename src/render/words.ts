// The catalogue keys of the codes results carry (goal statuses, risk levels, reasons): one typed map per
// code family, so a code always has its words and a renamed key is a compile error.
import type { GoalReasonCode, GoalStatusCode } from '../goals/status.js';
import type { RiskLevel } from '../goals/risk.js';
import type { Lang, MessageKey, Translate } from '../i18n/index.js';
import { isKind, type Kind } from '../ingest/kinds/kind.js';
import type { DetectionSource } from '../ingest/detect.js';
import type { IssueCode } from '../ingest/issues.js';

export const STATUS_WORDS = {
  achieved: 'status.achieved',
  on_track: 'status.on_track',
  behind: 'status.behind',
  worsening: 'status.worsening',
  insufficient_evidence: 'status.insufficient_evidence',
  unmeasurable: 'status.unmeasurable',
} as const satisfies Record<GoalStatusCode, MessageKey>;

export const LANGUAGE_WORDS = { en: 'language.en', nl: 'language.nl', fr: 'language.fr' } as const satisfies Record<Lang, MessageKey>;

export const RISK_WORDS = { low: 'risk.low', medium: 'risk.medium', high: 'risk.high' } as const satisfies Record<RiskLevel, MessageKey>;

/** A goal's one-sentence reason: the parameters are data from the status, formatted by the renderer. */
export const GOAL_REASON_WORDS = {
  achieved: 'goal_reason.achieved',
  on_track_estimate: 'goal_reason.on_track_estimate',
  on_track_interval: 'goal_reason.on_track_interval',
  behind: 'goal_reason.behind',
  behind_after_deadline: 'goal_reason.behind_after_deadline',
  worsening: 'goal_reason.worsening',
  suppressed: 'goal_reason.suppressed',
  not_estimable: 'goal_reason.not_estimable',
  unreliable: 'goal_reason.unreliable',
  no_later_wave: 'goal_reason.no_later_wave',
  baseline_missing: 'goal_reason.baseline_missing',
  baseline_suppressed: 'goal_reason.baseline_suppressed',
  baseline_no_answers: 'goal_reason.baseline_no_answers',
  left_out: 'goal_reason.left_out',
  baseline_left_out: 'goal_reason.baseline_left_out',
  baseline_unreliable: 'goal_reason.baseline_unreliable',
  unmeasurable: 'goal_reason.unmeasurable',
  unmeasurable_new_baseline: 'goal_reason.unmeasurable_new_baseline',
} as const satisfies Record<GoalReasonCode, MessageKey>;

/** Why rows were rejected, short, for the import summary. */
export const REASON_WORDS = {
  required: 'reason.required',
  not_a_number: 'reason.not_a_number',
  not_integer: 'reason.not_integer',
  not_a_date: 'reason.not_a_date',
  out_of_range: 'reason.out_of_range',
  invalid_value: 'reason.invalid_value',
  interval_order: 'reason.interval_order',
  counts_conflict: 'reason.counts_conflict',
  interval_incomplete: 'reason.interval_incomplete',
  ragged: 'reason.ragged',
  duplicate: 'reason.duplicate',
  wave_mismatch: 'reason.wave_mismatch',
  age_conflict: 'reason.age_conflict',
  reserved_name: 'reason.reserved_name',
  total_name: 'reason.total_name',
  date_name: 'reason.date_name',
  placeholder_name: 'reason.placeholder_name',
  zone_name: 'reason.zone_name',
  personal_data: 'reason.personal_data',
  control_character: 'reason.control_character',
  mixed_script: 'reason.mixed_script',
  not_declared: 'reason.not_declared',
  spreadsheet_error: 'reason.spreadsheet_error',
  flag_value: 'reason.flag_value',
  flags_several: 'reason.flags_several',
  withheld_id: 'reason.withheld_id',
  foreign_id: 'reason.foreign_id',
} as const satisfies Record<IssueCode, MessageKey>;

/** How the importer decided a file's encoding or separator. */
export const FOUND_BY_WORDS = {
  bom: 'import.found_by.bom',
  sniffed: 'import.found_by.sniffed',
  option: 'import.found_by.option',
  'sep-line': 'import.found_by.sep-line',
  default: 'import.found_by.default',
} as const satisfies Record<DetectionSource, MessageKey>;

/** What each import kind holds, in words (status, summaries). */
export const KIND_WORDS = {
  survey: 'kind.survey',
  keyfigures: 'kind.keyfigures',
  monitor: 'kind.monitor',
  population: 'kind.population',
  signals: 'kind.signals',
} as const satisfies Record<Kind, MessageKey>;

/** A kind code in words; a code this version does not know (a newer store's) as it is. */
export function kindWords(kind: string, t: Translate): string {
  return isKind(kind) ? t(KIND_WORDS[kind]) : kind;
}
