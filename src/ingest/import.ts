// Importing one file, in two steps. `checkFile`: the first pass (hash, encoding, header) and the plan of its
// columns, done for every file of a run before any is imported. `importChecked`: read -> validate ->
// pseudonymise -> deduplicate -> sink in one transaction, losing no row; a file none of whose rows can be
// used stores nothing. Everything that differs between kinds comes from the kind's handler.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { compareNames, DistrictSpelling, misspeltDistricts, unknownDistrict } from '../districts.js';
import type { PopulationLine } from '../store/population.js';
import { InputError } from '../errors.js';
import { message, type Phrase } from '../i18n/index.js';
import { ALL_WAVES } from '../store/batches.js';
import { Store } from '../store/db.js';
import { keyedDigest } from '../store/key.js';
import type { BatchReads, StoredRows, StoreWriter, SuppliedWeights, WriteTarget } from '../store/write.js';
import { SqliteWriter } from '../store/write-sqlite.js';
import { formatCount } from '../render/numbers.js';
import { TOOL_VERSION } from '../version.js';
import { ContentDigest } from './content.js';
import { checkPopulationFigures, figuresCollector, figuresWith } from './figures-check.js';
import { duplicateCheck, type DuplicateCheck, type RunDuplicates } from './duplicates.js';
import { NO_FIGURES, type KindHandler, type KindLayout, type Row, type RowAccount, type Sink } from './kinds/handler.js';
import { namesZone } from './kinds/columns.js';
import { handlerFor } from './kinds/index.js';
import type { Kind } from './kinds/kind.js';
import type { AreaLikeDistrict, ImportOutcome, ImportRequest, ImportStatus, OutsideAgeGroups, Overlap, Respelled, UnknownDistrict } from './outcome.js';
import { planColumns, type ColumnPlan } from './plan.js';
import { decideScales, scalesToDecide } from './percent-scale.js';
import { codeKey } from './kinds/partner-codes.js';
import { fileHeadingShown } from './headings.js';
import { keyedIdText, personalCode, Pseudonymiser, unreadableId, shownCell, shownHeading, shownMappingValue, storedFileName, storedSheetName, WITHHELD } from './privacy.js';
import { PseudonymQueue } from './pseudonym-queue.js';
import { type Inspected, inspect, openTable, type Table } from './read.js';
import { RejectsWriter, rejectsPlace } from './rejects.js';
import { refuseRespelledTwins, respellStored } from './respell.js';
import { Tally } from './tally.js';
import { RowValidator } from './validate.js';
import { type AgeGroup, closestNames, KnownNames } from './values.js';
import { decide, limitOf, noUsableRows } from './verdict.js';

/** The options that change what a file's rows become: with the same content, the same batch. */
function meaning(request: ImportRequest) {
  return { wave: request.wave ?? null, mapping: request.mapping?.digest ?? null, districts: request.districtRenames ?? {} };
}

/** The bytes' identity with every option: the same bytes read the same way are known to be stored before any row is read. */
function optionsDigest(request: ImportRequest): string {
  const options = { ...meaning(request), encoding: request.read.encoding ?? null, delimiter: request.read.delimiter ?? null, sheet: request.read.sheet ?? null };
  return createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
}

/** A file that passed the checks every file of a run passes before any is imported. */
export interface CheckedFile {
  request: ImportRequest;
  handler: KindHandler<Kind>;
  layout: KindLayout<Kind>;
  inspected: Inspected;
  plan: ColumnPlan;
  /** Several files in one command: the duplicate check they share where earlier files' rows are not in the store (src/ingest/duplicates.ts). */
  duplicates?: RunDuplicates;
}

/** Exists, is a regular file, decodes throughout, is of the kind asked for and has its columns: or an InputError. */
export async function checkFile(request: ImportRequest): Promise<CheckedFile> {
  const handler = handlerFor(request.kind);
  const layout = handler.layout(request.codebook);
  const inspected = await inspect({ file: request.file, path: request.path ?? request.file }, request.read);
  const table = await openTable(inspected);
  try {
    const planned = planColumns(table.header, layout, request.mapping, { wave: request.wave }, table.name);
    // a share's column without `units:` takes its scale from all its cells, before any row is stored (r28, item 7)
    const plan = scalesToDecide(planned) ? await decideScales(planned, new RowValidator(planned, layout, handler, request.wave), table.rows) : planned;
    return { request, handler, layout, inspected, plan };
  } finally {
    table.close();
  }
}

/** One file's rows, from the reader to the sink. */
interface Pass<K extends Kind> {
  handler: KindHandler<K>;
  table: Table;
  plan: ColumnPlan;
  validator: RowValidator<K>;
  pseudonyms: Pseudonymiser;
  /** The store's pseudonymiser when it has a key (null in a dry run before any store): what opens a sealed id. */
  keyedIds: Pseudonymiser | null;
  tally: Tally;
  rejects: RejectsWriter;
  content: ContentDigest;
  spelling: DistrictSpelling;
  /** The kind's own account of the rows (population figures: rows added up, residents left out). */
  account: RowAccount<K> | null;
  /** Survey: the respondents whose age lies outside the configured age groups. */
  ages: AgeScope<K> | null;
  /** Rows read so far and how far through the file that is (0 to 1; null for a workbook). */
  onProgress?: (rowsRead: number, done: number | null) => void;
  /** Checked between batches of rows: a run asked to stop stops there, and its transaction is rolled back. */
  interrupted?: AbortSignal;
  /** How the batch's file and content digests are stored and looked up (batchDigests). */
  digests: BatchDigests;
}

/**
 * How a batch's digests (of the file's bytes and of its rows) are kept: for a pseudonymised kind keyed with the
 * store's key (`keyedDigest`), since a plain SHA-256 of a file of one respondent gives away that respondent's id
 * to whoever tries ids against it (adversarial run r9, F10); a lookup also finds a digest an earlier version
 * kept plain, in a store no import has written since (a dry run keys nothing). Other kinds hold no ids: plain.
 */
interface BatchDigests {
  stored(hex: string): string;
  matching(hex: string): string[];
  /** What the batch's details say of its digests. */
  marked: { digests?: 'keyed' };
}

function batchDigests(key: Buffer | null): BatchDigests {
  if (key === null) return { stored: (hex) => hex, matching: (hex) => [hex], marked: {} };
  return { stored: (hex) => keyedDigest(key, hex), matching: (hex) => [keyedDigest(key, hex), hex], marked: { digests: 'keyed' } };
}

/** Every row through validation, pseudonymisation and the duplicate check, into the sink (none for a dry run). */
async function passRows<K extends Kind>(pass: Pass<K>, duplicates: DuplicateCheck<K>, sink: Sink<K> | null, target: WriteTarget | null = null): Promise<void> {
  const { handler, validator, tally, onProgress } = pass;
  const identity = handler.identity;
  // a kind whose rows are judged as a whole (signals) never refuses one row as a duplicate
  const duplicateColumn = handler.duplicates && handler.duplicates.by !== 'overlap' ? handler.duplicates.column : '';
  const queue = new PseudonymQueue<Row<K>>(pass.pseudonyms, identity && ((row) => identity.id(row)), {
    refused: (fields, issues) => tally.reject(fields, issues),
    valid: (row, line, fields, pseudonym) => {
      const unreadable = identity && unreadableId(identity.id(row), pass.keyedIds);
      if (identity && unreadable) {
        tally.reject(fields, [validator.issueAt(identity.column, unreadable, fields, line)]);
        return;
      }
      const earlier = duplicates.earlier(row, line, pseudonym);
      if (earlier) {
        const where: Record<string, number | string> = earlier.batch !== undefined ? { batch: earlier.batch } : 'file' in earlier ? { line: earlier.line, file: earlier.file } : { line: earlier.line };
        const detail = handler.duplicates?.by === 'columns' ? { ...where, ...handler.duplicates.about?.(row) } : where;
        tally.reject(fields, [validator.issueAt(duplicateColumn, 'duplicate', fields, line, detail)]);
        return;
      }
      tally.keep(row.wave ?? ALL_WAVES, handler.checkedDistrict?.(row) ?? null);
      pass.account?.kept(row);
      pass.ages?.kept(row);
      sink?.add(row, line, pseudonym);
    },
  });
  for await (const batch of pass.table.rows) {
    pass.interrupted?.throwIfAborted();
    // a store still sending earlier rows is waited for here, so what waits in memory stays bounded
    const behind = target?.behind();
    if (behind) await behind;
    pass.content.add(batch);
    for (const { line, fields, beyond } of batch) {
      tally.rows.read++;
      if ((tally.rows.read & 8191) === 0) onProgress?.(tally.rows.read, pass.table.done());
      if (validator.skipped(fields)) {
        tally.rows.skipped++;
        continue;
      }
      if (queue.add(line, fields, validator.validate(fields, line, beyond))) await queue.flush();
    }
  }
  await queue.end();
  onProgress?.(tally.rows.read, pass.table.done());
  if (tally.rows.read === 0) throw new InputError('input.no_rows', { location: { file: pass.table.name, line: pass.table.headerLine + 1 } });
  tally.rows.blank = pass.table.blankRows();
  sink?.finish();
}

const UNKNOWN_SHOWN = 10;

/**
 * The respondents of a file whose age lies outside the configured age groups (`0-14` when the groups start at 15):
 * stored, as their answers are data, but weighting leaves them out and `weighting: method: none` counts them, so the
 * import says how many there are (adversarial run r31, A1; docs/methods.md, section 2.1).
 */
class AgeScope<K extends Kind> {
  private readonly outside: OutsideAgeGroups;

  constructor(
    private readonly ageOf: (row: Row<K>) => number | undefined,
    groups: readonly AgeGroup[],
  ) {
    const youngest = Math.min(...groups.map((group) => group.min));
    const oldest = groups.some((group) => group.max === null) ? null : Math.max(...groups.map((group) => group.max ?? 0));
    this.outside = { younger: { age: youngest, rows: 0 }, older: { age: oldest, rows: 0 } };
  }

  kept(row: Row<K>): void {
    const age = this.ageOf(row);
    if (age === undefined) return;
    const { younger, older } = this.outside;
    if (age < younger.age) younger.rows++;
    else if (older.age !== null && age > older.age) older.rows++;
  }

  result(): OutsideAgeGroups | null {
    return this.outside.younger.rows + this.outside.older.rows > 0 ? this.outside : null;
  }
}

/**
 * The districts of a file's valid rows that no population figures could check, as the store has none: such a name
 * is stored as it is written, a misspelling as a district of its own (said at import, README "Districts").
 */
function uncheckedDistricts<K extends Kind>(pass: Pass<K>): number | null {
  if (pass.handler.checkedDistrict === null || pass.spelling.known.length > 0 || pass.tally.districts.size === 0) return null;
  return pass.tally.districts.size;
}

/** Districts the population figures do not know, the most rows first, each as `unknownDistrict` shows it; suggestions only for those shown, so the cost stays bounded. */
function unknownDistricts(spelling: DistrictSpelling, seen: ReadonlyMap<string, number>): { shown: UnknownDistrict[]; count: number } {
  if (spelling.known.length === 0) return { shown: [], count: 0 };
  const unknown = [...seen.entries()].filter(([district]) => spelling.canonical(district) === null).sort(([a, m], [b, n]) => n - m || compareNames(a, b));
  const known = new KnownNames(spelling.known);
  const shown = unknown.slice(0, UNKNOWN_SHOWN).map(([district, rows]) => {
    const suggestions = closestNames(district, known);
    return { district: unknownDistrict(district, suggestions), rows, suggestions };
  });
  return { shown, count: unknown.length };
}

function unknownDistrictsError(file: string, found: { shown: UnknownDistrict[]; count: number }): InputError {
  const districts: Phrase = {
    render: (t) => {
      const listed = found.shown.map((unknown) => {
        const closest = unknown.suggestions.length > 0 ? t('import.did_you_mean', { names: unknown.suggestions.join(', ') }) : t('import.no_suggestion');
        return t('input.unknown_district', { district: unknown.district, rows: formatCount(unknown.rows, t), suggestion: closest });
      });
      const more = found.count - found.shown.length;
      return listed.join(t('text.separator')) + (more > 0 ? t('text.separator') + t('text.and_more', { count: formatCount(more, t) }) : '');
    },
  };
  return new InputError('input.unknown_districts', { count: found.count, districts }, { location: { file }, hint: message('hint.district_renames') });
}

/** What the rows read add up to, once every row has passed: a status, or an InputError for a file none of whose rows is usable. */
type Settled =
  | { status: 'unchanged'; sameAs: number; overlap: Overlap | null }
  | { status: Exclude<ImportStatus, 'unchanged'>; commit: boolean; overlap: Overlap | null };

/** The stored rows a file's rows equal (kinds without an identity), and the batches holding them. */
function overlapOf(shared: ReadonlyMap<number, number>): Overlap | null {
  if (shared.size === 0) return null;
  let rows = 0;
  for (const count of shared.values()) rows += count;
  return { rows, batches: [...shared.keys()].sort((a, b) => a - b) };
}

/**
 * A file that shares more than half of its rows, or of a stored batch's rows, with that batch is a new export of
 * it: importing it would count those rows twice, so it is refused (docs/methods.md, section 18.5).
 */
async function refuseNewExport(store: BatchReads, shared: ReadonlyMap<number, number>, file: string, valid: number): Promise<void> {
  const sizes = new Map((await store.batches()).map((batch) => [batch.id, batch.rowsNow]));
  const earlier = [...shared].filter(([batch, rows]) => 2 * rows > Math.min(valid, sizes.get(batch) ?? rows)).map(([batch]) => batch);
  if (earlier.length === 0) return;
  earlier.sort((a, b) => a - b);
  let rows = 0;
  for (const batch of earlier) rows += shared.get(batch) ?? 0;
  const batches = earlier.join(', ');
  throw new InputError('input.stored_before', { rows, total: valid, batches, batch_count: earlier.length }, { location: { file }, hint: message('hint.stored_before', { count: earlier.length, commands: earlier.map((batch) => `safety-scan forget ${batch}`).join(', ') }) });
}

async function settle<K extends Kind>(store: BatchReads | null, pass: Pass<K>, request: ImportRequest, digest: string, duplicates: DuplicateCheck<K>): Promise<Settled> {
  const { tally } = pass;
  const rejectsFile = pass.rejects.finish();
  // the batch already holding this content (the same rows with the same meaning), looked up inside the write transaction
  const same = store && !request.replace ? await store.sameContent(pass.handler.kind, pass.digests.matching(digest)) : null;
  if (same !== null) {
    pass.rejects.discard();
    return { status: 'unchanged', sameAs: same, overlap: null };
  }
  // every row already stored (in another order, or spread over earlier files): nothing to add
  const overlap = overlapOf(duplicates.shared());
  if (overlap && overlap.rows === tally.rows.valid && tally.rows.rejected === 0) {
    pass.rejects.discard();
    return { status: 'unchanged', sameAs: overlap.batches[0], overlap };
  }
  const unknown = unknownDistricts(pass.spelling, tally.districts);
  if (unknown.count > 0) throw unknownDistrictsError(pass.table.name, unknown);
  if (tally.rows.valid === 0) {
    const percentColumns = new Set(pass.plan.columns.filter((column) => column.spec.type === 'proportion').map((column) => shownHeading(column.header)));
    const leftOut = rejectsFile === null ? 0 : pass.rejects.leftOut;
    const reasons = tally.reasons();
    const ownScale = new Set(reasons.filter((reason) => tally.ownScale(reason)));
    throw noUsableRows(pass.table.name, tally.rows, reasons, { rejectsFile, leftOut, percentColumns, ownScale, storedIn: [...tally.duplicateOf].sort((a, b) => a - b), ages: pass.account?.result() ?? null });
  }
  if (overlap && store) await refuseNewExport(store, duplicates.shared(), pass.table.name, tally.rows.valid);
  return { ...decide({ limit: limitOf(request), dryRun: request.dryRun }, tally.rows), overlap };
}

/**
 * A survey file whose respondents all have a supplied weight (it has a `weight` column, filled on every row)
 * joins no wave stored without one, nor the other way round: such a wave could not be weighted (src/indicators/
 * engine.ts refuses it) and its rows would wait unseen until the next command failed (adversarial run r19, F1).
 * `stored`: each wave's respondents with and without a weight, this file's own included or not.
 */
function refuseMixedWeights(file: string, plan: ColumnPlan, stored: readonly SuppliedWeights[], waves: readonly string[]): void {
  const weighted = plan.columns.some((column) => column.spec.name === 'weight');
  for (const wave of stored.filter((entry) => waves.includes(entry.wave))) {
    const other = weighted ? wave.unweighted : wave.weighted;
    if (other === 0) continue;
    const key = weighted ? 'input.weights_into_unweighted_wave' : 'input.unweighted_into_weighted_wave';
    throw new InputError(key, { wave: wave.wave, count: other }, { location: { file }, hint: message('hint.mixed_weights') });
  }
}

interface Written {
  status: ImportStatus;
  batch: number | null;
  sameAs: number | null;
  overlap: Overlap | null;
  replaced: { rows: number; batches: number[] } | null;
  respelled: Respelled | null;
  /** Population figures stored: the stored monitor areas that read as one of their districts misspelt (storedAreasLikeDistricts). */
  areasLikeDistricts?: AreaLikeDistrict[] | null;
}

/** The batch's rows written and, if they may be kept, the batch completed; else everything rolled back. */
async function writeBatch<K extends Kind>(store: StoreWriter, pass: Pass<K>, request: ImportRequest, sha256: string, shared?: RunDuplicates): Promise<Written> {
  const kind = pass.handler.kind;
  const result = await store.importing(kind, async (tx) => {
    const batch = await tx.createBatch(kind, storedFileName(basename(request.file)), pass.digests.stored(sha256), optionsDigest(request), TOOL_VERSION, request.now());
    // --replace with several files: the command's earlier files are seen, the rows they replace are not
    const duplicates = shared ? await shared.next(pass.handler, request.file, async () => null) : duplicateCheck(pass.handler, request.replace ? null : tx);
    await passRows(pass, duplicates, pass.handler.sink(tx, batch, pass.plan), tx);
    await tx.flush();
    const digest = pass.content.hex();
    const settled = await settle(tx, pass, request, digest, duplicates);
    const { overlap } = settled;
    if (settled.status === 'unchanged') return { commit: false, status: settled.status, batch: null, sameAs: settled.sameAs, overlap, replaced: null, respelled: null };
    if (!settled.commit) return { commit: false, status: settled.status, batch: null, sameAs: null, overlap, replaced: null, respelled: null };
    const { rows, waves } = pass.tally;
    const sorted = [...waves].sort();
    const replaced = request.replace ? await tx.replaceWaves(kind, sorted, batch, request.replaceUpTo ?? null) : null;
    if (kind === 'population') checkPopulationFigures(pass.table.name, await tx.populationLines(batch), await tx.summedPopulation());
    if (kind === 'survey') refuseMixedWeights(pass.table.name, pass.plan, await tx.suppliedWeights(), sorted);
    const detected = pass.table.detected;
    await tx.finishBatch(batch, sorted, rows.read, rows.valid, rows.rejected, {
      format: detected.format,
      ...(detected.format === 'csv' ? { encoding: detected.encoding, delimiter: detected.delimiter } : { sheet: storedSheetName(detected.sheet) }),
      skipped: rows.skipped,
      dropped_columns: pass.plan.dropped.map(shownHeading),
      // its name as a data file's is kept: no folders, a part that looks like personal data withheld
      mapping: request.mapping ? storedFileName(basename(request.mapping.source.file)) : null,
      content_sha256: pass.digests.stored(digest),
      ...pass.digests.marked,
    });
    // New population figures set the spelling: what was stored before them follows it.
    const respelled = kind === 'population' ? await respellStored(tx, await districtSpelling(tx, request, true)) : null;
    const areasLike = kind === 'population' ? await storedAreasLikeDistricts(tx) : null;
    return { commit: true, status: settled.status, batch, sameAs: null, overlap, replaced, respelled, areasLikeDistricts: areasLike };
  });
  const { commit: _commit, ...written } = result;
  return written;
}

/**
 * What --replace would remove in a dry run: the rows of the file's waves and the batches left without rows.
 * `claimed`: the waves earlier files of the same command replace already (their rows and batches are theirs).
 */
export async function wouldReplace(store: BatchReads, kind: Kind, waves: readonly string[], claimed: readonly string[] = []): Promise<{ rows: number; batches: number[] }> {
  const counts = (await store.counts())[kind];
  const rows = waves.filter((wave) => !claimed.includes(wave)).reduce((sum, wave) => sum + (counts[wave] ?? 0), 0);
  const all = [...claimed, ...waves];
  const emptiedBy = (replaced: readonly string[]) => (batch: { waves: string[] }) => batch.waves.every((wave) => replaced.includes(wave));
  const emptied = (await store.batches()).filter((batch) => batch.kind === kind && batch.rowsNow > 0 && emptiedBy(all)(batch) && !(claimed.length > 0 && emptiedBy(claimed)(batch)));
  return { rows, batches: emptied.map((batch) => batch.id) };
}

/**
 * The checks a kind's sink makes as its rows are written, for a dry run (KindHandler.drySink): against the stored
 * figures, none in a store not made yet (the import into it stops at the same row); null for a kind without them.
 */
async function drySink<K extends Kind>(stored: (() => Promise<StoredRows>) | null, pass: Pass<K>): Promise<Sink<K> | null> {
  if (pass.handler.drySink === undefined) return null;
  return pass.handler.drySink(stored ? await stored() : NO_FIGURES, pass.plan);
}

/**
 * A dry run's signals file that shares more than half of its rows, or of an earlier file's of the command, with that
 * file: the import stores the earlier file first and then refuses this one as a new export of it (refuseNewExport),
 * so the dry run refuses it too (r34, F4); a file whose every row is in earlier files is left alone, as the import
 * finds nothing to add.
 */
function refuseEarlierFileOverlap(file: string, shared: RunDuplicates, rows: { valid: number; rejected: number }): void {
  const earlier = shared.sharedWithEarlier();
  if (rows.rejected === 0 && earlier.reduce((sum, one) => sum + one.shared, 0) === rows.valid) return;
  const over = earlier.find((one) => 2 * one.shared > Math.min(rows.valid, one.rows));
  if (over) throw new InputError('input.earlier_file_overlap', { rows: over.shared, total: rows.valid, earlier: over.file }, { location: { file } });
}

/** The run over a dry run's rows: everything checked, nothing written but the rejects file. */
async function dryPass<K extends Kind>(store: StoreWriter | null, pass: Pass<K>, request: ImportRequest, shared?: RunDuplicates): Promise<Written> {
  // read once, for the duplicate check and the sink's checks alike
  let read: Promise<StoredRows> | undefined;
  const stored = store ? () => (read ??= store.stored(pass.handler.kind)) : null;
  const storedRows = async () => (stored && !request.replace ? await stored() : null);
  const duplicates = shared ? await shared.next(pass.handler, request.file, storedRows) : duplicateCheck(pass.handler, await storedRows());
  // population figures are kept in memory, as an import reads its batch's back, to run the same checks on them
  const figures = pass.handler.kind === 'population' ? figuresCollector() : null;
  await passRows(pass, duplicates, figures ? pass.handler.sink(figures.target, 0, pass.plan) : await drySink(stored, pass));
  const settled = await settle(store, pass, request, pass.content.hex(), duplicates);
  const { overlap } = settled;
  if (settled.status === 'unchanged') return { status: 'dry_run', batch: null, sameAs: settled.sameAs, overlap, replaced: null, respelled: null };
  if (shared) refuseEarlierFileOverlap(pass.table.name, shared, pass.tally.rows);
  if (figures && settled.status === 'dry_run') {
    // the figures the command's earlier files would have stored count too (a multi-file dry run: r34, F4)
    const earlier = shared?.earlierFigures() ?? [];
    const replacedWaves = request.replace ? [...(request.replaceClaimed ?? []), ...earlier.map((line) => line.wave ?? ALL_WAVES), ...pass.tally.waves] : [];
    const before = figuresWith(figuresWith(store ? await store.summedPopulation() : [], [], replacedWaves), earlier, []);
    checkPopulationFigures(pass.table.name, figures.lines, figuresWith(before, figures.lines, []));
    // the respell the import would make of what is stored, as it checks it (respellStored)
    if (store) refuseRespelledTwins(await store.keyfigureKeys(), await spellingAfter(store, request, [...earlier, ...figures.lines]));
  }
  shared?.passed(pass.table.name, pass.tally.rows.valid, figures?.lines ?? null);
  if (store && pass.handler.kind === 'survey' && settled.status === 'dry_run') {
    const replacedWaves = request.replace ? [...(request.replaceClaimed ?? []), ...pass.tally.waves] : [];
    refuseMixedWeights(pass.table.name, pass.plan, (await store.suppliedWeights()).filter((stored) => !replacedWaves.includes(stored.wave)), [...pass.tally.waves].sort());
  }
  // a file beyond --strict or --max-rejects would store nothing, so it would replace nothing either (r18, F6)
  const replaced = request.replace && store && settled.status === 'dry_run' ? await wouldReplace(store, pass.handler.kind, [...pass.tally.waves].sort(), request.replaceClaimed) : null;
  return { status: settled.status, batch: null, sameAs: null, overlap, replaced, respelled: null };
}

/**
 * The population figures' districts, over every wave: the spelling every other source is stored under, and later
 * population figures too (`checked` false: without the `districts:` renames, which do not apply to figures; with
 * --replace the new figures spell their districts as they write them). A
 * later file's `BAASRODE` is stored as the `Baasrode` stored before, so one place stays one district and figures
 * for the same cells are caught as duplicates, never added up twice nor spelt anew in earlier batches
 * (adversarial runs r19, F5, and r22, F2).
 */
async function districtSpelling(store: BatchReads | null, request: ImportRequest, checked: boolean): Promise<DistrictSpelling> {
  const renames = checked ? request.districtRenames : undefined;
  // figures that replace the stored ones set the spelling themselves, and what was stored before follows them
  // population figures spell a district the file writes two ways as it first wrote it (r31, A2)
  if (!store || (!checked && request.replace)) return new DistrictSpelling([], renames, !checked);
  return new DistrictSpelling(await store.populationDistricts(await store.populationWaves()), renames, !checked);
}

/** The population figures' spelling once these figures (and a command's earlier files) are stored, as respellStored uses it. */
async function spellingAfter(store: BatchReads, request: ImportRequest, lines: readonly PopulationLine[]): Promise<DistrictSpelling> {
  const stored = request.replace ? [] : await store.populationDistricts(await store.populationWaves());
  return new DistrictSpelling([...new Set([...stored, ...lines.map((line) => line.district)])], request.districtRenames, false);
}

/** The plan with district columns stored in the canonical spelling, a district named as the configured zone refused. */
function spelled(plan: ColumnPlan, spelling: DistrictSpelling, zone: string | undefined, areas: DistrictSpelling | null): ColumnPlan {
  const zoned = zone === undefined ? {} : { namesZone: (name: string) => namesZone(name, zone) };
  return {
    ...plan,
    columns: plan.columns.map((column) => {
      if (column.spec.type === 'district') return { ...column, spell: (name: string) => spelling.spell(name), ...zoned };
      if (areas && column.spec.name === 'area') return { ...column, spell: (name: string) => areas.spell(name) };
      return column;
    }),
  };
}

/**
 * A monitor's areas spelt as the store already spells them, a district's as the population figures do, and any
 * other as its file first writes it: `oudegem`, `OUDEGEM` and `Oudegem`, `BELGIUM` beside a stored `Belgium`, were
 * areas of their own, so that the duplicate check of an area's result missed them and `profile` showed two
 * benchmarks for one district (adversarial run r35, F1). Names that differ by more than case, accents, hyphens and
 * spaces stay apart, as districts do.
 */
async function areaSpelling(store: BatchReads | null): Promise<AreaSpelling> {
  if (!store) return { spelling: new DistrictSpelling([], {}, true), districts: [] };
  const districts = await store.populationDistricts(await store.populationWaves());
  return { spelling: new DistrictSpelling([...new Set([...districts, ...(await store.monitorAreas())])], {}, true), districts };
}

/** A monitor's area spelling, with the population figures' districts it knows. */
interface AreaSpelling {
  spelling: DistrictSpelling;
  districts: readonly string[];
}

/** Misspelt districts said by name; the rest counted. */
const MISSPELT_AREAS_SHOWN = 8;

/**
 * The areas a monitor file wrote first (neither a district nor a stored area) that read as a district misspelt:
 * each benchmarks every district and the whole area (README, monitor), which a typo must not do without a word
 * (adversarial run r36, A1). Said, not refused: a benchmark area may be spelt close to a district (`Hamme`, `Hamont`).
 */
function areasLikeDistricts(areas: AreaSpelling | null): AreaLikeDistrict[] | null {
  if (areas === null || areas.districts.length === 0) return null;
  return areasLike(areas.spelling.learnedNames(), areas.districts);
}

/** `areas` that read as one of `districts` misspelt, at most MISSPELT_AREAS_SHOWN, each with that district; null for none. */
function areasLike(areas: readonly string[], districts: readonly string[]): AreaLikeDistrict[] | null {
  const found = misspeltDistricts(areas, districts, MISSPELT_AREAS_SHOWN);
  return found.length === 0 ? null : found.map(({ name, district }) => ({ area: name, district }));
}

/**
 * The same for monitor areas stored before the population figures (adversarial run r38, F6): the monitor import
 * had no district to compare them with, so the population figures that bring the districts say them.
 */
async function storedAreasLikeDistricts(reads: BatchReads): Promise<AreaLikeDistrict[] | null> {
  const districts = await reads.populationDistricts(await reads.populationWaves());
  const known = new Set(districts);
  return areasLike((await reads.monitorAreas()).filter((area) => !known.has(area)), districts);
}

/**
 * How the rejects file writes, in every row, the cells of the columns that may hold personal data whichever
 * cell made the row refused (adversarial run r9, F1): an id (respondent, interview) by the refused-cell rule, as it
 * may be a name or an e-mail address and is never stored; a district or area as written when the population
 * figures know it, else `***` when it reads as a name, an address or an identifier (`personalCode`); a code
 * with a list of its codes (a signal's source, an organisation type) as written only when it is one of them.
 */
function guardedColumns(plan: ColumnPlan, spelling: DistrictSpelling, keyedIds: Pseudonymiser | null): Map<number, (cell: string) => string> {
  const guarded = new Map<number, (cell: string) => string>();
  const personal = (cell: string) => (personalCode(cell) ? WITHHELD : shownCell(cell));
  for (const { spec, index } of plan.columns) {
    if (index < 0) continue;
    // an id is written keyed, as the store will keep it, so that the rejects folder links no id to a pseudonym
    // (adversarial run r29, D1); without the store's key (a dry run before the store exists) never shown: a short id
    // (`17`) beside the row's district, sex and age linked the row to its pseudonym once the export was imported (r31, D)
    if (spec.type === 'id') guarded.set(index, keyedIds ? (cell) => keyedIdText(cell, keyedIds) : () => WITHHELD);
    // a code column with its codes (a signal's source, an organisation type): one of them as written, else `***`
    else if (spec.codes) guarded.set(index, (cell) => (spec.codes?.byKey.has(codeKey(cell)) ? cell : WITHHELD));
    else if (spec.type === 'district' || (spec.type === 'text' && !spec.choices)) guarded.set(index, (cell) => (spelling.isStored(cell) ? cell : personal(cell)));
    else if ((spec.type === 'theme' || spec.type === 'indicator') && !spec.choices) guarded.set(index, personal);
  }
  return guarded;
}

function usedColumns(plan: ColumnPlan): number[] {
  const used = new Set<number>();
  for (const column of plan.columns) if (column.index >= 0) used.add(column.index);
  for (const rule of plan.skip) used.add(rule.index);
  for (const index of plan.droppedIndexes) used.delete(index);
  return [...used].sort((a, b) => a - b);
}

/** Every clean-up runs, whatever failed before it or fails in it; the first failure is the one reported. */
async function releaseAll(steps: Array<() => unknown>): Promise<void> {
  let failure: unknown = null;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== null) throw failure;
}

/**
 * Imports one file. `store` is null only for a dry run against a store that does not exist yet; a SQLite
 * store may be given as it is opened. File-level problems throw InputError before anything is written.
 */
export async function importFile(store: Store | StoreWriter | null, request: ImportRequest): Promise<ImportOutcome> {
  return importChecked(store, await checkFile(request));
}

export async function importChecked(store: Store | StoreWriter | null, checked: CheckedFile): Promise<ImportOutcome> {
  return importWith(checked.handler, store instanceof Store ? new SqliteWriter(store) : store, checked);
}

async function importWith<K extends Kind>(handler: KindHandler<K>, store: StoreWriter | null, checked: CheckedFile): Promise<ImportOutcome> {
  const { request, inspected, layout } = checked;
  // the columns ignored are listed as `map` lists a file's columns (withheldHeadings)
  const shownColumn = fileHeadingShown(checked.plan.header, new Set(layout.columns.map((column) => column.name)));
  // a pseudonymised kind's digests are keyed (batchDigests); an import first keys those stored plain by earlier versions
  const key = handler.identity && store ? await store.secret() : null;
  if (key && store && !request.dryRun) await store.keyDigests(key);
  const digests = batchDigests(key);
  const read = {
    file: request.file,
    kind: handler.kind,
    // the digest the store keeps of the file, never a plain SHA-256 of a file with respondents in it (r11, 12)
    sha256: handler.identity && key === null ? null : digests.stored(inspected.sha256),
    // a sheet's name may be an identifier: shown as the store keeps it
    detected: inspected.detected.format === 'xlsx' ? { ...inspected.detected, sheet: storedSheetName(inspected.detected.sheet) } : inspected.detected,
    ignoredColumns: checked.plan.ignored.map(shownColumn),
    // a dropped column's heading names an identifier (`E-mail`): a heading, never a respondent's cell
    droppedColumns: checked.plan.dropped.map(shownHeading),
    unusedRenames: checked.plan.unusedRenames,
    unmatchedKeep: [] as Array<{ column: string; values: string[] }>,
    // a date column its cells showed to write the month first is read so: said, never silent (percent-scale.ts)
    monthFirstColumns: checked.plan.columns.filter((column) => column.monthFirst).map((column) => shownHeading(column.header)),
    unheadedColumns: [] as string[],
    limit: null,
  };
  const same = store && !request.replace ? await store.findSame(handler.kind, digests.matching(inspected.sha256), optionsDigest(request)) : null;
  if (same !== null) {
    return {
      ...read,
      status: request.dryRun ? 'dry_run' : 'unchanged',
      batch: null,
      sameAs: same,
      overlap: null,
      waves: [],
      rows: { read: 0, valid: 0, stored: 0, rejected: 0, skipped: 0, blank: 0 },
      reasons: [],
      issues: [],
      rejectsFile: null,
      rejectsLeftOut: 0,
      replaced: null,
      respelled: null,
      uncheckedDistricts: null,
      outsideAgeGroups: null,
      figures: null,
    };
  }

  const table = await openTable(inspected);
  const spelling = await districtSpelling(store, request, handler.checkedDistrict !== null);
  const areas = handler.kind === 'monitor' ? await areaSpelling(store) : null;
  const plan = spelled(checked.plan, spelling, request.zone, areas?.spelling ?? null);
  const delimiter = table.detected.format === 'csv' ? table.detected.delimiter : ';';
  const account = handler.account?.(layout as KindLayout<K>, request.codebook) ?? null;
  const secret = key ?? (store ? await store.secret() : null);
  const pseudonyms = new Pseudonymiser(secret ?? Buffer.alloc(32));
  // without the store's key (a dry run before any store), a rejects file cannot key ids as the store would
  const keyedIds = secret === null ? null : pseudonyms;
  const rejects = new RejectsWriter(rejectsPlace(request.storePath, request.path ?? request.file, handler.kind), table.header, usedColumns(plan), delimiter, request.writeRejects !== false, request.rejectsWritten, guardedColumns(plan, spelling, keyedIds));
  const pass: Pass<K> = {
    handler,
    table,
    plan,
    validator: new RowValidator(plan, account ? { ...(layout as KindLayout<K>), leftOut: account.leftOut } : (layout as KindLayout<K>), handler, request.wave),
    pseudonyms,
    keyedIds,
    digests,
    tally: new Tally(table.name, request.t, rejects, table.columnLabel, request.minCell),
    rejects,
    content: new ContentDigest(table.header, meaning(request)),
    spelling,
    account,
    ages: handler.ageOf && request.codebook.ageGroups.length > 0 ? new AgeScope(handler.ageOf, request.codebook.ageGroups) : null,
    onProgress: request.onProgress,
    interrupted: request.interrupted,
  };
  let written: Written;
  try {
    written = store && !request.dryRun ? await writeBatch(store, pass, request, inspected.sha256, checked.duplicates) : await dryPass(store, pass, request, checked.duplicates);
  } finally {
    await releaseAll([() => rejects.release(), () => table.close(), () => pass.pseudonyms.close()]);
  }
  const { tally } = pass;
  const limit = written.status === 'strict_failed' ? limitOf(request) : null;
  return {
    ...read,
    unheadedColumns: table.unheaded(),
    // a mapping's values (codes, districts): an identifier among them withheld, as a cell shown anywhere is
    unmatchedKeep: pass.validator.unmatchedKeep().map(({ column, values }) => ({ column: shownHeading(column), values: values.map(shownMappingValue) })),
    status: written.status,
    batch: written.batch,
    sameAs: written.sameAs,
    overlap: written.overlap,
    waves: written.sameAs === null ? [...tally.waves].sort() : [],
    rows: { ...tally.rows, stored: written.status === 'stored' ? tally.rows.valid : 0 },
    reasons: tally.reasons(),
    issues: tally.issues,
    rejectsFile: written.sameAs === null ? rejects.finish() : null,
    rejectsLeftOut: written.sameAs === null ? rejects.leftOut : 0,
    rejectsFolderTightened: rejects.tightened,
    replaced: written.replaced,
    respelled: written.respelled,
    uncheckedDistricts: written.sameAs === null ? uncheckedDistricts(pass) : null,
    outsideAgeGroups: written.sameAs === null ? (pass.ages?.result() ?? null) : null,
    figures: written.sameAs === null ? (account?.result() ?? null) : null,
    roundedCounts: roundedCounts(pass.validator.rounded, written.sameAs),
    submitted: written.sameAs === null ? submittedDays(pass.validator.submitted) : null,
    areasLikeDistricts: written.sameAs === null ? (areasLikeDistricts(areas) ?? written.areasLikeDistricts ?? null) : null,
    limit,
  };
}

/** The days the answers were submitted (RowValidator.submitted), when the file wrote any. */
function submittedDays({ first, last }: { first: string | null; last: string | null }): { first: string; last: string } | null {
  return first !== null && last !== null ? { first, last } : null;
}

/** The counts read as whole numbers (RowValidator.rounded) as the outcome says them: none for a file stored before. */
function roundedCounts(rounded: { count: number; line: number | null }, sameAs: number | null): ImportOutcome['roundedCounts'] {
  return sameAs === null && rounded.count > 0 && rounded.line !== null ? { count: rounded.count, line: rounded.line } : null;
}
