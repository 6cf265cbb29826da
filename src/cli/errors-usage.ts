// Which exit-2 errors are mistakes on the command line itself, and so end with "See `safety-scan --help`": an
// unknown command or option (commander's own), a bad option value, a missing argument, options that do not go
// together. An output place that cannot take a file, the store given as --out, a read-only file system, a demo
// folder that is not the demo's, a store of the wrong sort: exit 2 as well, but --help does not say how to fix them.
import { UsageError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';

/** The UsageError keys about the command line: its words, option values and their combinations. */
export const COMMAND_LINE_KEYS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'usage.bad_batch',
  'usage.bad_count',
  'usage.bad_delimiter',
  'usage.bad_detect',
  'usage.bad_encoding',
  'usage.bad_lang',
  'usage.bad_max_rejects',
  'usage.bad_wave',
  'usage.excel_needs_csv',
  'usage.explain_without_model',
  'usage.explain_format',
  'usage.help_unknown_command',
  'usage.missing_option',
  'usage.plan_range',
  'usage.report_too_many_districts',
  'usage.plan_share_indicator',
  'usage.plan_target',
  'usage.plan_test_option',
  'usage.plan_targets',
  'usage.power_below_alpha',
  'usage.preset_for_kind',
  'usage.lss_for_survey',
  'usage.same_wave',
  'usage.strict_and_max_rejects',
  'usage.unknown_batch',
  'usage.unknown_district',
  'usage.unknown_indicator',
  'usage.unknown_preset',
  'usage.unknown_wave',
  'usage.workbook_needs_out',
  'usage.workbook_name',
  'usage.out_folder',
  'usage.out_extension',
  'usage.out_extension_rename',
  'usage.out_stdout_folder',
  'admin.bad_zone_name',
  'admin.zone_personal',
  'admin.migrate_no_from',
  'admin.migrate_no_name',
  'admin.migrate_from_url',
  'admin.option_not_for',
  'admin.unknown_action',
  'admin.zone_name_missing',
]);

/**
 * The UsageError keys about something else than the command line (exit 2 all the same): an output place, the
 * store or a zone, an environment variable, a file that is there already. Every UsageError key is in one of the
 * two sets (test/unit/usage-hint.test.ts), so a new one is decided, not defaulted.
 */
export const OTHER_USAGE_KEYS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'output.store_file',
  'output.unusable',
  'output.would_replace',
  'rejects.folder_unusable',
  'rejects.read_only_fs',
  'usage.outside_out',
  'usage.out_not_utf8',
  'usage.config_exists',
  'usage.demo_dir_not_empty',
  'usage.demo_dir_not_folder',
  'usage.demo_file_changed',
  'usage.demo_store_not_demo',
  'usage.demo_store_no_key',
  'usage.benchmark_needs_shared',
  'usage.pg_not_yet',
  'usage.bad_source_date',
  'key.env_invalid',
  'usage.bad_busy_timeout',
  'key.env_weak',
  'store.pg_bad_url',
  'usage.store_not_postgres_url',
  'usage.store_keywords',
  'zone.not_named',
  'zone.not_this_login',
  'zone.unknown',
  'admin.migrate_to_postgres',
  'admin.needs_postgres',
  'admin.role_taken',
  'admin.unknown_zone',
  'admin.zone_exists',
  'migrate.zone_not_empty',
]);

/** True when the failure is a mistake on the command line, which `safety-scan --help` helps to put right. */
export function aboutCommandLine(failure: unknown): boolean {
  return failure instanceof UsageError && COMMAND_LINE_KEYS.has(failure.detail.key);
}
