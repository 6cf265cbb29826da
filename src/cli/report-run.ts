// The work behind `safety-scan report`, loaded only when the command runs.
import { resolve } from 'node:path';
import { findGoalsFile } from '../goals/check.js';
import { checkWave } from '../indicators/engine.js';
import { buildReport } from '../report/model.js';
import { reportDocument } from '../report/sections.js';
import { displayPath, writeReport, type ReportFormat } from '../report/write.js';
import { Store } from '../store/db.js';
import { TOOL_VERSION } from '../version.js';
import type { Context } from './context.js';
import { resolveDistricts } from './indicators-run.js';

export interface ReportOptions {
  wave?: string;
  district?: string[];
  format?: ReportFormat;
  out?: string;
  goals?: string;
  includeNotes?: boolean;
}

/** Writes the report; prints the main file's path on stdout (for scripts) and returns the paths written. */
export async function runReport(context: Context, raw: Record<string, unknown>): Promise<number> {
  const options = raw as ReportOptions;
  const goals = findGoalsFile(options.goals, context.settings, context.cwd);
  if (!goals.found) context.log.warn(context.t('check.no_goals_file', { path: goals.path }));
  const model = Store.reading(context.store, (store) => {
    const wave = checkWave(store, options.wave);
    return buildReport(store, context.settings, { wave, goalsPath: goals.found ? goals.path : null, includeNotes: options.includeNotes === true, lang: context.lang });
  });
  const all = model.profiles.districts.map((view) => view.district!);
  const districts = options.district && options.district.length > 0 ? resolveDistricts(all, options.district) : all;
  const doc = reportDocument(model, districts, context.t, TOOL_VERSION);
  const format = options.format ?? 'html';
  const folder = resolve(context.cwd, options.out ?? 'report');
  const written = writeReport(doc, format, folder, `report-${model.wave}-${context.lang}`);
  context.out(`${written[0]}\n`);
  context.log.info(context.t('report.written', { path: displayPath(written[0], context.cwd) }));
  return 0;
}
