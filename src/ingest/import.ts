// Importing one file: read -> plan -> validate -> pseudonymise -> deduplicate -> sink, in one transaction,
// losing no row. Everything that differs between kinds comes from the kind's handler.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { ALL_WAVES, Batches } from '../store/batches.js';
import type { Store } from '../store/db.js';
import { populationDistricts } from '../store/population.js';
import { TOOL_VERSION } from '../version.js';
import { duplicateCheck, type DuplicateCheck } from './duplicates.js';
import type { KindHandler, Row, Sink } from './kinds/handler.js';
import { handlerFor } from './kinds/index.js';
import type { Kind } from './kinds/kind.js';
import type { ImportOutcome, ImportRequest, ImportStatus, UnknownDistrict } from './outcome.js';
import { planColumns, type ColumnPlan } from './plan.js';
import { Pseudonymiser } from './privacy.js';
import { PseudonymQueue } from './pseudonym-queue.js';
import { openTable, type Table } from './read.js';
import { RejectsWriter, rejectsPath } from './rejects.js';
import { Tally } from './tally.js';
import { RowValidator } from './validate.js';
import { closestNames } from './values.js';

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The options that change what a file's rows become: the same content with the same options is the same batch. */
function optionsDigest(request: ImportRequest): string {
  const options = {
    wave: request.wave ?? null,
    mapping: request.mapping?.digest ?? null,
    encoding: request.read.encoding ?? null,
    delimiter: request.read.delimiter ?? null,
  };
  return createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
}

export interface ImportDecision {
  status: Exclude<ImportStatus, 'unchanged'>;
  commit: boolean;
}

/** Whether the rows read may be kept: the one place --strict and --dry-run decide. */
export function decide(options: { strict: boolean; dryRun: boolean }, rejected: number): ImportDecision {
  if (options.strict && rejected > 0) return { status: 'strict_failed', commit: false };
  if (options.dryRun) return { status: 'dry_run', commit: false };
  return { status: 'stored', commit: true };
}

/** One file's rows, from the reader to the sink. */
interface Pass<K extends Kind> {
  handler: KindHandler<K>;
  table: Table;
  validator: RowValidator<K>;
  duplicates: DuplicateCheck<K>;
  pseudonyms: Pseudonymiser;
  tally: Tally;
  onProgress?: (rowsRead: number) => void;
}

/** Every row through validation, pseudonymisation and the duplicate check, into the sink (none for a dry run). */
async function passRows<K extends Kind>(pass: Pass<K>, sink: Sink<K> | null): Promise<void> {
  const { handler, validator, duplicates, tally, onProgress } = pass;
  const identity = handler.identity;
  const duplicateColumn = handler.duplicates?.column ?? '';
  const queue = new PseudonymQueue<Row<K>>(pass.pseudonyms, identity && ((row) => identity.id(row)), {
    refused: (fields, issues) => tally.reject(fields, issues),
    valid: (row, line, fields, pseudonym) => {
      const earlier = duplicates.earlier(row, line, pseudonym);
      if (earlier) {
        const detail: Record<string, number> = earlier.batch !== undefined ? { batch: earlier.batch } : { line: earlier.line };
        tally.reject(fields, [validator.issueAt(duplicateColumn, 'duplicate', fields, line, detail)]);
        return;
      }
      tally.keep(row.wave ?? ALL_WAVES, handler.checkedDistrict?.(row) ?? null);
      sink?.add(row, line, pseudonym);
    },
  });
  for await (const batch of pass.table.rows) {
    for (const { line, fields } of batch) {
      tally.rows.read++;
      if ((tally.rows.read & 8191) === 0) onProgress?.(tally.rows.read);
      if (validator.skipped(fields)) {
        tally.rows.skipped++;
        continue;
      }
      if (queue.add(line, fields, validator.validate(fields, line))) await queue.flush();
    }
  }
  await queue.end();
  onProgress?.(tally.rows.read);
  if (tally.rows.read === 0) throw new InputError('input.no_rows', { location: { file: pass.table.file, line: pass.table.headerLine + 1 } });
  tally.rows.blank = pass.table.blankRows();
  sink?.finish();
}

interface Written extends ImportDecision {
  batch: number | null;
  replaced: { rows: number; batches: number[] } | null;
}

/** The batch's rows written and, if the decision is to keep them, the batch completed; else everything rolled back. */
async function writeBatch<K extends Kind>(store: Store, pass: Pass<K>, plan: ColumnPlan, request: ImportRequest, sha256: string): Promise<Written> {
  const batches = new Batches(store);
  const kind = pass.handler.kind;
  return store.transaction(async (): Promise<Written> => {
    const batch = batches.create(kind, basename(request.file), sha256, optionsDigest(request), TOOL_VERSION, request.now());
    await passRows(pass, pass.handler.sink(store, batch, plan));
    const decision = decide(request, pass.tally.rows.rejected);
    if (!decision.commit) return { ...decision, batch: null, replaced: null };
    const { rows, waves } = pass.tally;
    const sorted = [...waves].sort();
    const replaced = request.replace ? batches.replaceWaves(kind, sorted, batch) : null;
    batches.finish(batch, sorted, rows.read, rows.valid, rows.rejected, {
      encoding: pass.table.detected.encoding,
      delimiter: pass.table.detected.delimiter,
      skipped: rows.skipped,
      dropped_columns: plan.dropped,
      mapping: request.mapping?.source.file ?? null,
    });
    return { ...decision, batch, replaced };
  });
}

/**
 * Imports one file. `store` is null only for a dry run against a store that does not exist yet.
 * File-level problems throw InputError before anything is written.
 */
export async function importFile(store: Store | null, request: ImportRequest): Promise<ImportOutcome> {
  return importWith(handlerFor(request.kind), store, request);
}

async function importWith<K extends Kind>(handler: KindHandler<K>, store: Store | null, request: ImportRequest): Promise<ImportOutcome> {
  const { file } = request;
  const layout = handler.layout(request.codebook);
  const table = await openTable(file, request.read);
  const plan = planColumns(table.header, layout, request.mapping, { wave: request.wave }, file);
  const sha256 = await hashFile(file);
  const read = {
    file,
    kind: handler.kind,
    sha256,
    detected: table.detected,
    ignoredColumns: plan.ignored,
    droppedColumns: plan.dropped,
    unusedRenames: plan.unusedRenames,
  };
  const same = store && !request.replace ? new Batches(store).findSame(handler.kind, sha256, optionsDigest(request)) : null;
  if (same !== null) {
    await table.rows.return(undefined);
    return {
      ...read,
      status: request.dryRun ? 'dry_run' : 'unchanged',
      batch: null,
      sameAs: same,
      waves: [],
      rows: { read: 0, valid: 0, stored: 0, rejected: 0, skipped: 0, blank: 0 },
      reasons: [],
      issues: [],
      rejectsFile: null,
      unknownDistricts: [],
      replaced: null,
    };
  }

  const rejects = new RejectsWriter(rejectsPath(request.storePath, file, handler.kind), table.header, table.detected.delimiter, plan.droppedIndexes);
  const pass: Pass<K> = {
    handler,
    table,
    validator: new RowValidator(plan, layout, handler, request.wave),
    duplicates: duplicateCheck(handler, request.replace ? null : store),
    pseudonyms: new Pseudonymiser(store ? store.secret() : Buffer.alloc(32)),
    tally: new Tally(file, request.t, rejects),
    onProgress: request.onProgress,
  };
  let written: Written;
  let rejectsFile: string | null;
  try {
    if (store && !request.dryRun) written = await writeBatch(store, pass, plan, request, sha256);
    else {
      await passRows(pass, null);
      written = { ...decide({ strict: request.strict, dryRun: true }, pass.tally.rows.rejected), batch: null, replaced: null };
    }
  } finally {
    rejectsFile = rejects.close();
    await pass.pseudonyms.close();
  }
  const { tally } = pass;
  const waves = [...tally.waves].sort();
  return {
    ...read,
    status: written.status,
    batch: written.batch,
    sameAs: null,
    waves,
    rows: { ...tally.rows, stored: written.commit ? tally.rows.valid : 0 },
    reasons: tally.reasons(),
    issues: tally.issues,
    rejectsFile,
    unknownDistricts: store && handler.checkedDistrict ? unknownDistricts(store, tally.districts, waves) : [],
    replaced: written.replaced,
  };
}

/** Districts of the file that the population figures do not know, with the closest known names. */
function unknownDistricts(store: Store, seen: Map<string, number>, waves: string[]): UnknownDistrict[] {
  const known = populationDistricts(store, waves);
  if (known.length === 0) return [];
  const knownSet = new Set(known);
  return [...seen.entries()]
    .filter(([district]) => !knownSet.has(district))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([district, rows]) => ({ district, rows, suggestions: closestNames(district, known) }));
}
