// The work behind `safety-scan import`, loaded only when the command runs.
import { existsSync, rmSync } from 'node:fs';
import { EXIT, FailedCheck, UsageError } from '../errors.js';
import { importFile, type ImportOutcome, type ImportRequest } from '../ingest/import.js';
import type { Kind } from '../ingest/kinds.js';
import { combineMappings, loadMapping, presetMapping } from '../ingest/mapping.js';
import { Store } from '../store/db.js';
import { busyTimeout, type Context } from './context.js';
import { renderImportSummary } from '../render/import-summary.js';
import { stableJson } from '../render/json.js';

/** An import as the command (or the demo) asks for it: the kind, and the wave already checked to be a year. */
export interface ImportOptions {
  kind: Kind;
  wave?: string;
  mapping?: string;
  preset?: string;
  strict?: true;
  dryRun?: true;
  replace?: true;
  encoding?: string;
  delimiter?: string;
  json?: true;
}

/** Imports files in order; a file-level error stops the run (files before it stay imported, re-running is safe). */
export async function importFiles(context: Context, files: string[], options: ImportOptions, report: (outcome: ImportOutcome) => void): Promise<ImportOutcome[]> {
  const wave = options.wave;
  if (options.preset && options.kind !== 'survey') throw new UsageError('usage.preset_kind', { preset: options.preset, kind: options.kind });
  const mapping = combineMappings(options.preset ? presetMapping(options.preset) : null, options.mapping ? loadMapping(options.mapping) : null);
  const dryRun = options.dryRun === true;
  const storeExists = existsSync(context.store);
  const store = dryRun && !storeExists ? null : Store.open(context.store, { mode: dryRun ? 'read' : 'write', busyTimeoutMs: busyTimeout(context.env) });
  const request = (file: string, dry: boolean): ImportRequest => ({
    kind: options.kind,
    file,
    codebook: context.settings.codebook,
    wave,
    mapping,
    strict: options.strict === true,
    dryRun: dry,
    replace: options.replace === true,
    read: { encoding: options.encoding, delimiter: options.delimiter },
    storePath: context.store,
    t: context.t,
    now: context.now,
    onProgress: (rows) => context.log.progress(context.t('import.progress', { file, rows })),
  });
  const outcomes: ImportOutcome[] = [];
  let failed = true;
  try {
    // With --strict and several files, every file is checked first so a bad one stores nothing at all.
    if (options.strict && !dryRun && files.length > 1) {
      for (const file of files) {
        const checked = await importFile(store, request(file, true));
        if (checked.rows.rejected > 0) strictFailure(context, { ...checked, status: 'strict_failed' }, report);
      }
    }
    for (const file of files) {
      const outcome = await importFile(store, request(file, dryRun));
      context.log.clearProgress();
      outcomes.push(outcome);
      if (outcome.status === 'strict_failed') strictFailure(context, outcome, report);
      report(outcome);
    }
    failed = false;
  } finally {
    store?.close();
    // A store this command created and then stored nothing in is removed again: the folder is left as it was.
    if (failed && !storeExists && !outcomes.some((outcome) => outcome.status === 'stored')) removeStoreFiles(context.store);
  }
  return outcomes;
}

function removeStoreFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function strictFailure(context: Context, outcome: ImportOutcome, report: (outcome: ImportOutcome) => void): never {
  context.log.clearProgress();
  report(outcome);
  throw new FailedCheck('import.strict_failed', { rejected: outcome.rows.rejected }, { location: { file: outcome.file } });
}

export async function runImport(context: Context, files: string[], options: ImportOptions): Promise<number> {
  const outcomes = await importFiles(context, files, options, (outcome) => {
    for (const line of renderImportSummary(outcome, context.t, context.log.verbosity === 'verbose')) {
      if (line.level === 'warn') context.log.warn(line.text);
      else if (line.level === 'detail') context.log.detail(line.text);
      else context.log.info(line.text);
    }
  });
  if (options.json) context.out(stableJson({ schema_version: 1, files: outcomes.map(outcomeJson) }));
  return EXIT.ok;
}

function outcomeJson(outcome: ImportOutcome) {
  return {
    file: outcome.file,
    kind: outcome.kind,
    status: outcome.status,
    batch: outcome.batch,
    same_as: outcome.sameAs,
    sha256: outcome.sha256,
    waves: outcome.waves,
    rows_read: outcome.rows.read,
    rows_valid: outcome.rows.valid,
    rows_stored: outcome.rows.stored,
    rows_rejected: outcome.rows.rejected,
    rows_skipped: outcome.rows.skipped,
    reasons: outcome.reasons,
    issues: outcome.issues,
    rejects_file: outcome.rejectsFile,
    ignored_columns: outcome.ignoredColumns,
    dropped_columns: outcome.droppedColumns,
    unknown_districts: outcome.unknownDistricts,
    detected: outcome.detected && {
      encoding: outcome.detected.encoding,
      delimiter: outcome.detected.delimiter,
      line_ending: outcome.detected.lineEnding,
      sep_line: outcome.detected.sepLine,
    },
  };
}
