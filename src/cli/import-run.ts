// The work behind `safety-scan import`, loaded only when the command runs.
import { existsSync, rmSync } from 'node:fs';
import { EXIT, FailedCheck } from '../errors.js';
import { importFile } from '../ingest/import.js';
import { presetMapping } from '../ingest/kinds/index.js';
import type { Kind } from '../ingest/kinds/kind.js';
import { combineMappings, loadMapping } from '../ingest/mapping.js';
import type { ImportOutcome, ImportRequest } from '../ingest/outcome.js';
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

/** What a run did: every file's outcome in order, and the file --strict refused (the run stopped there), if any. */
export interface ImportRun {
  outcomes: ImportOutcome[];
  strictFailure: ImportOutcome | null;
}

/** Imports files in order; a file-level error stops the run (files before it stay imported, re-running is safe). */
export async function importFiles(context: Context, files: string[], options: ImportOptions, report: (outcome: ImportOutcome) => void): Promise<ImportRun> {
  const wave = options.wave;
  const preset = options.preset ? presetMapping(options.kind, options.preset) : null;
  const mapping = combineMappings(preset, options.mapping ? loadMapping(options.mapping) : null);
  const dryRun = options.dryRun === true;
  const storeExists = existsSync(context.store);
  const store = dryRun && !storeExists ? null : Store.open(context.store, { mode: dryRun ? 'read' : 'write', busyTimeoutMs: busyTimeout(context.env), keys: { env: context.env }, notice: (notice) => context.log.warn(context.t.message(notice)) });
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
  const run: ImportRun = { outcomes: [], strictFailure: null };
  const refuse = (outcome: ImportOutcome): ImportRun => {
    context.log.clearProgress();
    report(outcome);
    return { ...run, strictFailure: outcome };
  };
  const importAll = async (): Promise<ImportRun> => {
    // With --strict and several files, every file is checked first so a bad one stores nothing at all.
    if (options.strict && !dryRun && files.length > 1) {
      for (const file of files) {
        const checked = await importFile(store, request(file, true));
        if (checked.status === 'strict_failed') return refuse(checked);
      }
    }
    for (const file of files) {
      const outcome = await importFile(store, request(file, dryRun));
      context.log.clearProgress();
      run.outcomes.push(outcome);
      if (outcome.status === 'strict_failed') return refuse(outcome);
      report(outcome);
    }
    return run;
  };
  let ended: ImportRun | null = null;
  try {
    ended = await importAll();
    return ended;
  } finally {
    store?.close();
    // A store this command created and then stored nothing in is removed again: the folder is left as it was.
    const failed = ended === null || ended.strictFailure !== null;
    if (failed && !storeExists && !run.outcomes.some((outcome) => outcome.status === 'stored')) removeStoreFiles(context.store);
  }
}

function removeStoreFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

export async function runImport(context: Context, files: string[], options: ImportOptions): Promise<number> {
  const run = await importFiles(context, files, options, (outcome) => {
    for (const line of renderImportSummary(outcome, context.t, context.log.verbosity === 'verbose')) {
      if (line.level === 'warn') context.log.warn(line.text);
      else if (line.level === 'detail') context.log.detail(line.text);
      else context.log.info(line.text);
    }
  });
  // The run ended as --strict asks: the failed check is reported (exit 1) like every other.
  const refused = run.strictFailure;
  if (refused) throw new FailedCheck('import.strict_failed', { rejected: refused.rows.rejected }, { location: { file: refused.file } });
  if (options.json) context.out(stableJson({ schema_version: 1, files: run.outcomes.map(outcomeJson) }));
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
