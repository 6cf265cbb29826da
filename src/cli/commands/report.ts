// `safety-scan report`: district reports for the zonal safety plan, as HTML or Markdown.
import { dirname, join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import { refuseStoreFile } from '../../output-file.js';
import type { Translate } from '../../i18n/index.js';
import { REPORT_FORMATS } from '../../render/formats.js';
import { TOOL_VERSION } from '../../version.js';
import { collectDistricts, defineCommand, examples, formatOption, nonEmpty, type OptionsOf } from '../command.js';
import { warnAreasApart } from '../areas-apart.js';
import { withEvidence, type Context } from '../context.js';
import { warnLeftOut } from '../left-out.js';
import { leftOutWaves } from '../../indicators/left-out.js';
import { resolveDistricts, waveOption } from '../resolve.js';
import { goalsOfRun } from './check.js';
import { outputFolderPath } from '../output-path.js';
import { interruptible, pauseUnless } from '../interrupt.js';
import type { Pause } from '../../pace.js';
import { shownFilePath } from '../../shown-name.js';

function define(t: Translate) {
  return new Command('report')
    .description(t('help.report'))
    .option('--wave <wave>', t('help.opt_wave'))
    .option('--district <name>', t('help.opt_district_report'), collectDistricts)
    .addOption(formatOption(t, REPORT_FORMATS, 'help.opt_format_report'))
    .option('--out <dir>', t('help.opt_out'), nonEmpty, 'report')
    .option('--goals <file>', t('help.opt_goals'), nonEmpty)
    .option('--feedback <dir>', t('help.opt_feedback'), nonEmpty)
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan report', t('help.ex_report')],
        ['safety-scan report --lang fr --format md --district Oudegem', t('help.ex_report_md')],
        ['safety-scan report --out artefacts/report-2026', t('help.ex_report_out')],
      ]),
    );
}

export type ReportOptions = OptionsOf<typeof define>;

/** --feedback, else `feedback/` beside the configuration file, else in the working folder. */
function feedbackFolder(context: Context, flag: string | undefined): string {
  if (flag !== undefined) return context.path(flag);
  return join(context.settings.path ? dirname(context.settings.path) : context.cwd, 'feedback');
}

/**
 * The day the report is dated: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) when
 * set, so that a rebuilt report is byte for byte the same; else today (UTC).
 */
export function reportDate(context: Context): string {
  const epoch = context.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch.trim() === '') return context.now().slice(0, 10);
  const seconds = Number(epoch);
  if (!/^\d{1,12}$/.test(epoch.trim()) || !Number.isSafeInteger(seconds)) throw new UsageError('usage.bad_source_date', { value: epoch });
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** One warning per feedback file with lines that look like personal data: the file and the lines' numbers, never their text. */
function warnPersonalFeedback(context: Context, personal: ReadonlyArray<{ file: string; line: number }>, shown: (file: string) => string): void {
  const byFile = new Map<string, number[]>();
  for (const { file, line } of personal) {
    const lines = byFile.get(file);
    if (lines === undefined) byFile.set(file, [line]);
    else lines.push(line);
  }
  for (const [file, lines] of byFile) context.log.warn(context.t('report.feedback_personal', { file: shown(file), count: lines.length, lines: lines.join(', ') }));
}

/** The most district sections one report holds (README, report). */
export const MAX_REPORT_DISTRICTS = 25_000;

/**
 * Writes the report; prints the main file's path on stdout (for scripts). A stop signal ends the work at the next
 * pause (between district sections, pages and charts: src/pace.ts), nothing written, within moments even on
 * thousands of districts.
 */
export async function runReport(context: Context, options: ReportOptions): Promise<number> {
  return interruptible((interrupted) => writeReportOfRun(context, options, pauseUnless(interrupted)));
}

async function writeReportOfRun(context: Context, options: ReportOptions, pause: Pause): Promise<number> {
  const out = outputFolderPath(context, options.out);
  const goals = await goalsOfRun(context, options.goals);
  const { buildReport } = await import('../../report/model.js');
  const { reportDocument } = await import('../../report/sections.js');
  const { displayPath, writeReport } = await import('../../report/write.js');
  const built = await withEvidence(context, async (evidence) => {
    const report = await buildReport(evidence, { wave: await evidence.wave(waveOption(options.wave)), goals });
    // the report's wave, the one it compares with, and the goals' baselines (adversarial run r38, F4)
    await warnLeftOut(context, await leftOutWaves(evidence, [report.wave, report.comparison?.from ?? null, ...report.check.leftOut.map((entry) => entry.wave)]));
    return report;
  });
  // In a shared store the report sets the zone beside its peers, as `benchmark` does (publishing its own figures first).
  const model = context.location.engine === 'postgres' ? { ...built, peers: await (await import('../peers.js')).computeBenchmark(context, { wave: built.wave }) } : built;
  for (const apart of model.check.areasApart) warnAreasApart(context, apart);
  const all = model.profiles.districts.flatMap((view) => (view.district === null ? [] : [view.district]));
  const districts = options.district && options.district.length > 0 ? resolveDistricts(all, options.district, context) : all;
  // One section per district: past a sector-level table's size (Belgium has some 20,000 statistical sectors) a
  // report is no document anyone reads, and its memory grows with it; the districts to report are chosen then.
  if (districts.length > MAX_REPORT_DISTRICTS) throw new UsageError('usage.report_too_many_districts', { count: districts.length, max: MAX_REPORT_DISTRICTS });
  const { loadFeedback } = await import('../../report/feedback.js');
  const feedback = loadFeedback(feedbackFolder(context, options.feedback), all, context.lang, options.feedback !== undefined);
  // the folder shown as every path is (a folder named after a person withheld: adversarial run r32, B2)
  const shownFeedback = (file: string) => shownFilePath(displayPath(file, context.cwd));
  for (const file of feedback.unread ?? []) context.log.warn(context.t('report.feedback_other_language', { file: shownFeedback(file) }));
  warnPersonalFeedback(context, feedback.personal ?? [], shownFeedback);
  const doc = await reportDocument(model, districts, feedback, context.t, { version: TOOL_VERSION, date: reportDate(context) }, pause);
  refuseStoreFile(out, options.out, context.location.engine === 'sqlite' ? context.location.path : undefined);
  const { reportBaseName } = await import('../../report/document.js');
  const written = await writeReport(doc, options.format, out, reportBaseName(model.wave, context.lang, all, options.district && options.district.length > 0 ? districts : null), pause);
  context.out(`${written[0]}\n`);
  context.log.info(context.t('report.written', { path: displayPath(written[0], context.cwd) }));
  return 0;
}

export const reportCommand = defineCommand({ name: 'report', define, run: (context, _args, options) => runReport(context, options) });
