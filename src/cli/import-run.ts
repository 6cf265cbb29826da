// The work behind `safety-scan import`, loaded only when the command runs.
import v8 from 'node:v8';
import { newKeyFromEnv } from '../store/key.js';
import { interruptible, workDone } from './interrupt.js';
import { oneLine } from '../render/terminal.js';
import { shownFilePath } from '../shown-name.js';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, FailedCheck } from '../errors.js';
import { RunDuplicates } from '../ingest/duplicates.js';
import { encodingsOfLetter } from '../ingest/decode.js';
import { type CheckedFile, checkFile, importChecked, wouldReplace } from '../ingest/import.js';
import type { Kind } from '../ingest/kinds/kind.js';
import { importMapping } from '../ingest/mapping-load.js';
import { districtRenames } from '../ingest/mapping.js';
import type { ImportOutcome, ImportRequest } from '../ingest/outcome.js';
import { rejectsLimit } from '../ingest/verdict.js';
import { Store } from '../store/db.js';
import type { StoreWriter } from '../store/write.js';
import { SqliteWriter } from '../store/write-sqlite.js';
import { type Context, openZoneWriter } from './context.js';
import { renderImportSummary } from '../render/import-summary.js';
import { progressText } from '../render/progress.js';
import { formatCount } from '../render/numbers.js';
import { stableJson } from '../render/json.js';

/** An import as the command (or the demo) asks for it: the kind, and the wave already checked to be a year. */
export interface ImportOptions {
  kind: Kind;
  wave?: string;
  mapping?: string;
  preset?: string;
  /** the survey's LimeSurvey structure file (.lss) */
  lss?: string;
  strict?: true;
  maxRejects?: string;
  dryRun?: true;
  replace?: true;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  json?: true;
}

/** What a run did: every file's outcome in order, and the file a rejects limit refused (the run stopped there), if any. */
export interface ImportRun {
  outcomes: ImportOutcome[];
  strictFailure: ImportOutcome | null;
}

/** Options that apply to one format only, given for a file of the other: said, not silently ignored. */
function formatWarnings(context: Context, checked: CheckedFile, options: ImportOptions): void {
  const { format } = checked.inspected.detected;
  const file = checked.request.file;
  if (format === 'csv' && options.sheet !== undefined) context.log.warn(context.t('import.sheet_ignored', { file }));
  if (format === 'xlsx' && (options.encoding !== undefined || options.delimiter !== undefined)) context.log.warn(context.t('import.text_options_ignored', { file }));
  for (const column of checked.plan.unappliedSkips) context.log.warn(context.t('import.skip_unapplied', { file, column }));
  // said before any row is read, so also when the file's rows are then refused (an unknown district `Sint-PiŽter`)
  const { detected } = checked.inspected;
  const foreign = detected.format === 'csv' ? detected.foreignLetter : undefined;
  if (foreign !== undefined) {
    const { shown, encodings } = encodingsOfLetter(foreign.byte);
    const place = `${file}:${foreign.line}`;
    // every byte decode.ts marks is a letter in one of them: said only with an encoding to name
    if (encodings.length > 0) context.log.warn(context.t('import.other_encoding', { place, shown, encodings: encodings.map((encoding) => `\`${encoding}\``).join(', '), first: encodings[0] }));
  }
}

/**
 * Imports files in order. Every file is checked first (it exists, is a regular file, decodes, is of the kind
 * asked for and has its columns), so a bad one stops the run before any is imported; with a rejects limit or
 * --replace and several files, every file is also validated first (a row repeating one of an earlier file of
 * the command is a duplicate there too), so one beyond the limit or without usable rows stores nothing at all.
 * With --replace, the files together replace what was stored before the command. A failure while importing
 * stops the run: the files before it stay imported (re-running is safe), the rest are named.
 */
export async function importFiles(context: Context, files: string[], options: ImportOptions, report: (outcome: ImportOutcome) => void): Promise<ImportRun> {
  return interruptible((interrupted) => importInterruptibly(context, files, options, report, interrupted));
}

async function importInterruptibly(context: Context, files: string[], options: ImportOptions, report: (outcome: ImportOutcome) => void, interrupted: AbortSignal): Promise<ImportRun> {
  const limit = rejectsLimit({ strict: options.strict, maxRejects: options.maxRejects });
  const mapping = importMapping(options.kind, {
    preset: options.preset,
    mapping: options.mapping === undefined ? undefined : context.path(options.mapping),
    lss: options.lss === undefined ? undefined : context.path(options.lss),
  });
  const dryRun = options.dryRun === true;
  const shared = context.location.engine === 'postgres';
  // A shared store's rejects files go to the working folder's rejects/, as they do beside a store file there.
  const storePath = shared ? join(context.cwd, 'safety-scan.db') : context.store;
  const storeExists = shared || existsSync(storePath);
  // the name messages, the summary and the batch show: a line break in it would forge a line of its own, and a
  // part of it the store withholds (`jan.peeters@telenet.be.csv`) is withheld here too (adversarial run r29, item 2)
  const shown = (file: string) => shownFilePath(oneLine(file));
  const request = (file: string, started = performance.now()): ImportRequest => ({
    kind: options.kind,
    file: shown(file),
    path: context.path(file),
    codebook: context.settings.codebook,
    minCell: context.settings.estimates.minCell,
    wave: options.wave,
    mapping,
    strict: options.strict === true,
    maxRejects: limit ?? undefined,
    dryRun,
    replace: options.replace === true,
    read: { encoding: options.encoding, delimiter: options.delimiter, sheet: options.sheet },
    districtRenames: districtRenames(context.settings.districts, mapping),
    zone: context.settings.zone,
    storePath,
    t: context.t,
    now: context.now,
    onProgress: (rows, done) => context.log.progress(progressText(shown(file), rows, done, (performance.now() - started) / 1000, context.t)),
    interrupted,
  });
  const notImported = (from: number) => {
    if (files.length > 1) context.log.warn(context.t('import.not_imported', { files: files.slice(from).map(shown).join(', ') }));
  };
  const checked: CheckedFile[] = [];
  for (const file of files) {
    try {
      checked.push(await checkFile(request(file)));
    } catch (error) {
      notImported(0);
      throw error;
    }
  }
  for (const file of checked) formatWarnings(context, file, options);

  const open = async (): Promise<StoreWriter> =>
    (await openZoneWriter(context, !dryRun)) ??
    new SqliteWriter(Store.open(storePath, { mode: dryRun ? 'read' : 'write', busyTimeoutMs: context.busyTimeoutMs, keys: { env: context.env }, notice: (notice) => context.log.warn(context.t.message(notice)) }));
  // a dry run into a store not made yet opens none, but refuses the key the import would refuse
  if (dryRun && !storeExists) newKeyFromEnv({ env: context.env });
  const store = dryRun && !storeExists ? null : await open();
  const run: ImportRun = { outcomes: [], strictFailure: null };
  const refuse = (outcome: ImportOutcome): ImportRun => {
    context.log.clearProgress();
    report(outcome);
    return { ...run, strictFailure: outcome };
  };
  const several = checked.length > 1;
  const replace = options.replace === true;
  /** A file whose bytes an earlier file of the command has too: it will be that file's batch, so no earlier file's rows are its duplicates. */
  const repeated = new Set<CheckedFile>();
  const hashes = new Set<string>();
  for (const file of checked) {
    if (hashes.has(file.inspected.sha256)) repeated.add(file);
    hashes.add(file.inspected.sha256);
  }
  const importAll = async (): Promise<ImportRun> => {
    // The rejects files the validation below wrote: the import after it does not write them again.
    const written = new Map<CheckedFile, string | null>();
    if ((limit !== null || replace) && !dryRun && several) {
      // one duplicate check for the whole command: nothing of it is stored yet
      const duplicates = new RunDuplicates();
      for (const file of checked) {
        if (repeated.has(file) && !replace) continue;
        let validated: ImportOutcome;
        try {
          validated = await importChecked(store, { ...file, duplicates, request: { ...file.request, dryRun: true } });
        } catch (error) {
          context.log.clearProgress();
          notImported(0);
          throw error;
        }
        if (validated.status === 'strict_failed') {
          notImported(0);
          return refuse(validated);
        }
        written.set(file, validated.rejectsFile);
      }
    }
    // Several files: a dry run checks them as one command (duplicates across them, what they together replace);
    // --replace removes only what was stored before the command, and its check sees the command's earlier files.
    const duplicates = several && (dryRun || replace) ? new RunDuplicates() : undefined;
    const replaceUpTo = several && replace && !dryRun && store ? Math.max(0, ...(await store.batches()).map((batch) => batch.id)) : undefined;
    const claimed = new Set<string>();
    for (const [index, file] of checked.entries()) {
      let outcome: ImportOutcome;
      try {
        const again = written.has(file);
        const command = { replaceUpTo, replaceClaimed: several && dryRun && replace ? [...claimed] : undefined };
        outcome = await importChecked(store, { ...file, duplicates: repeated.has(file) && !replace ? undefined : duplicates, request: { ...file.request, ...command, ...(again ? { writeRejects: false } : {}) } });
        if (again) outcome = { ...outcome, rejectsFile: written.get(file) ?? null };
      } catch (error) {
        context.log.clearProgress();
        notImported(index);
        throw error;
      }
      context.log.clearProgress();
      run.outcomes.push(outcome);
      if (outcome.status === 'strict_failed') {
        notImported(index + 1);
        return refuse(outcome);
      }
      report(outcome);
      for (const wave of outcome.waves) claimed.add(wave);
    }
    if (!dryRun && store && run.outcomes.some((outcome) => (outcome.replaced?.rows ?? 0) > 0) && (await store.removedStillLogged())) {
      context.log.warn(context.t('store.removed_still_logged'));
    }
    if (several && dryRun && replace && store) {
      const together = await wouldReplace(store, options.kind, [...claimed].sort());
      context.log.info(context.t('import.replace_together', { files: checked.length, rows: formatCount(together.rows, context.t), batches: together.batches.join(', ') || '-' }));
    }
    return run;
  };
  let ended: ImportRun | null = null;
  try {
    ended = await importAll();
    return ended;
  } finally {
    await store?.close();
    // A store this command created and then stored nothing in is removed again: the folder is left as it was.
    const failed = ended === null || ended.strictFailure !== null;
    if (failed && !storeExists && !run.outcomes.some((outcome) => outcome.status === 'stored')) removeStoreFiles(storePath);
  }
}

function removeStoreFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * V8 may start allocating an object site's objects straight in the old generation once many of them survived a
 * young-generation collection ("pretenuring"). An import's rows live for a batch (until their ids are hashed), so
 * whether that happened depended on the threads' timing: the same 1M-row import took 5.5 s and 240 MB, or 6.4 s and
 * 305 MB with three times the full collections (README, Performance). Turned off before an import allocates its rows,
 * every import takes the first path; V8 reads the flag as it allocates, so it holds from here on.
 */
function steadyImportHeap(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}

export async function runImport(context: Context, files: string[], options: ImportOptions): Promise<number> {
  steadyImportHeap();
  const run = await importFiles(context, files, options, (outcome) => {
    for (const line of renderImportSummary(outcome, context.t, context.log.verbosity === 'verbose')) {
      if (line.level === 'warn') context.log.warn(line.text);
      else if (line.level === 'detail') context.log.detail(line.text);
      else context.log.info(line.text);
    }
  });
  // Every file is stored, or none is (a failed check): a signal from now on leaves the outcome as it is.
  workDone();
  // The run ended as --strict or --max-rejects asks: the failed check is reported (exit 1) like every other,
  // and --json still says what each file came to, the refused one with its status `strict_failed` (r18, F7).
  const refused = run.strictFailure;
  if (options.json && refused) {
    const outcomes = run.outcomes.includes(refused) ? run.outcomes : [...run.outcomes, refused];
    context.out(stableJson({ schema_version: 1, files: outcomes.map(outcomeJson) }));
  }
  if (refused) {
    const location = { location: { file: refused.file } };
    if (refused.limit && refused.limit.option !== '--strict') {
      throw new FailedCheck('import.max_rejects_failed', { rejected: refused.rows.rejected, option: refused.limit.option }, location);
    }
    throw new FailedCheck('import.strict_failed', { rejected: refused.rows.rejected }, location);
  }
  if (options.json) context.out(stableJson({ schema_version: 1, files: run.outcomes.map(outcomeJson) }));
  return EXIT.ok;
}

function detectedJson(outcome: ImportOutcome) {
  const detected = outcome.detected;
  if (detected === null) return null;
  if (detected.format === 'xlsx') return { format: 'xlsx', sheet: detected.sheet, encoding: null, delimiter: null, line_ending: null, sep_line: false };
  return { format: 'csv', encoding: detected.encoding, delimiter: detected.delimiter, line_ending: detected.lineEnding, sep_line: detected.sepLine };
}

function outcomeJson(outcome: ImportOutcome) {
  return {
    file: outcome.file,
    kind: outcome.kind,
    status: outcome.status,
    batch: outcome.batch,
    same_as: outcome.sameAs,
    overlap: outcome.overlap,
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
    rejects_left_out: outcome.rejectsLeftOut,
    ignored_columns: outcome.ignoredColumns,
    dropped_columns: outcome.droppedColumns,
    unheaded_columns: outcome.unheadedColumns,
    replaced: outcome.replaced,
    respelled: outcome.respelled && { rows: outcome.respelled.rows, unknown_districts: outcome.respelled.unknownCount, unknown: outcome.respelled.unknown },
    unchecked_districts: outcome.uncheckedDistricts,
    month_first_columns: outcome.monthFirstColumns,
    unmatched_keep: outcome.unmatchedKeep,
    outside_age_groups: outcome.outsideAgeGroups,
    counts_rounded: outcome.roundedCounts ?? null,
    submitted: outcome.submitted ?? null,
    areas_like_districts: outcome.areasLikeDistricts ?? null,
    figures: outcome.figures && {
      rows_combined: outcome.figures.combined.rows,
      figures_combined: outcome.figures.combined.figures,
      left_out_younger: outcome.figures.younger,
      left_out_older: outcome.figures.older,
      rows_left_out: outcome.figures.rowsLeftOut,
    },
    detected: detectedJson(outcome),
  };
}
