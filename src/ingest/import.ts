// Importing one file: read, map, validate and store it in one transaction, losing no row.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Codebook } from '../config/codebook.js';
import { InputError } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { Batches, ALL_WAVES } from '../store/batches.js';
import type { Store } from '../store/db.js';
import { populationDistricts } from '../store/population.js';
import { SurveyWriter, storedSurveyKeys } from '../store/survey.js';
import { keyfiguresTable, monitorTable, populationTable, signalsTable, type RowTable } from '../store/tables.js';
import { TOOL_VERSION } from '../version.js';
import type { Detected } from './detect.js';
import { KeyIndex } from './key-index.js';
import { kindSpec, type Kind } from './kinds.js';
import type { Mapping } from './mapping.js';
import { planColumns } from './plan.js';
import { Pseudonymiser, pseudonymText } from './privacy.js';
import { openTable, type ReadOptions } from './read.js';
import { RejectsWriter, rejectsPath } from './rejects.js';
import { RowValidator, describeIssue, type IssueCode, type RowIssue } from './validate.js';
import { closestNames } from './values.js';

export interface ImportRequest {
  kind: Kind;
  file: string;
  codebook: Codebook;
  wave?: string;
  mapping: Mapping | null;
  strict: boolean;
  dryRun: boolean;
  replace: boolean;
  read: ReadOptions;
  /** The store path decides where the rejects file goes, even when a dry run has no store. */
  storePath: string;
  t: Translate;
  /** When the batch was imported (ISO); injected so tests never depend on the clock. */
  now: () => string;
  onProgress?: (rowsRead: number) => void;
}

export type ImportStatus = 'stored' | 'unchanged' | 'dry_run' | 'strict_failed';

export interface ReasonCount {
  code: IssueCode;
  column: string | null;
  count: number;
}

export interface UnknownDistrict {
  district: string;
  rows: number;
  suggestions: string[];
}

export interface ImportOutcome {
  file: string;
  kind: Kind;
  status: ImportStatus;
  batch: number | null;
  sameAs: number | null;
  sha256: string;
  detected: Detected | null;
  waves: string[];
  /** read = valid + rejected + skipped; stored = valid once the batch is committed, else 0. */
  rows: { read: number; valid: number; stored: number; rejected: number; skipped: number; blank: number };
  reasons: ReasonCount[];
  /** The first rejected rows' issues, rendered (for --verbose and --json). */
  issues: Array<{ file: string; line: number; column: string | null; code: IssueCode; message: string; value: string }>;
  rejectsFile: string | null;
  ignoredColumns: string[];
  droppedColumns: string[];
  unusedRenames: string[];
  unknownDistricts: UnknownDistrict[];
  replaced: { rows: number; batches: number[] } | null;
}

const ISSUES_KEPT = 100;

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function optionsDigest(request: ImportRequest): string {
  const options = {
    wave: request.wave ?? null,
    mapping: request.mapping?.digest ?? null,
    encoding: request.read.encoding ?? null,
    delimiter: request.read.delimiter ?? null,
  };
  return createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
}

class StrictFailure extends Error {}
class DryRunEnd extends Error {}

/** Duplicate detection within a wave: survey ids through a compact index, other kinds through a map and the store. */
interface Duplicates {
  /** The earlier occurrence of this row's identity, or null (and the row is remembered). */
  check(wave: string | null, row: Record<string, unknown>, line: number, key: [number, number] | null): { batch?: number; line: number } | null;
}

function surveyDuplicates(store: Store | null, replace: boolean): Duplicates {
  const perWave = new Map<string, { index: KeyIndex; lines: number[]; batches: number[] }>();
  const stateFor = (wave: string) => {
    let state = perWave.get(wave);
    if (state) return state;
    state = { index: new KeyIndex(), lines: [], batches: [] };
    if (store && !replace) {
      const stored = storedSurveyKeys(store, wave);
      for (let i = 0; i < stored.lines.length; i++) {
        state.index.add(stored.keys[2 * i], stored.keys[2 * i + 1], state.lines.length);
        state.lines.push(stored.lines[i]);
        state.batches.push(stored.batches[i]);
      }
    }
    perWave.set(wave, state);
    return state;
  };
  return {
    check(wave, _row, line, key) {
      const state = stateFor(wave!);
      const earlier = state.index.add(key![0], key![1], state.lines.length);
      if (earlier >= 0) {
        const batch = state.batches[earlier];
        return batch >= 0 ? { batch, line: state.lines[earlier] } : { line: state.lines[earlier] };
      }
      state.lines.push(line);
      state.batches.push(-1);
      return null;
    },
  };
}

function rowDuplicates(table: RowTable | null, replace: boolean, keyOf: ((row: Record<string, unknown>) => string) | null): Duplicates {
  const seen = new Map<string, number>();
  return {
    check(wave, row, line) {
      if (!keyOf) return null;
      const key = `${wave ?? ALL_WAVES}\u0000${keyOf(row)}`;
      const first = seen.get(key);
      if (first !== undefined) return { line: first };
      if (table && !replace) {
        const stored = table.find(wave, row);
        if (stored) return stored;
      }
      seen.set(key, line);
      return null;
    },
  };
}

/** One row on its way through the import: valid (row) or refused (issues), kept in file order. */
interface Entry {
  line: number;
  fields: string[];
  row: Record<string, unknown> | null;
  issues: RowIssue[] | null;
}

/** Rows are hashed in batches; a full batch hashes on the worker while the next one is parsed. */
const BATCH_ROWS = 1024;

function tableFor(kind: Kind, store: Store): RowTable | null {
  switch (kind) {
    case 'population':
      return populationTable(store);
    case 'keyfigures':
      return keyfiguresTable(store);
    case 'monitor':
      return monitorTable(store);
    case 'signals':
      return signalsTable(store);
    default:
      return null;
  }
}

/**
 * Imports one file. `store` is null for a dry run against a store that does not exist yet.
 * File-level problems throw InputError before anything is written.
 */
export async function importFile(store: Store | null, request: ImportRequest): Promise<ImportOutcome> {
  const { kind, file, t } = request;
  const name = basename(file);
  const spec = kindSpec(kind, request.codebook);
  const table = await openTable(file, request.read);
  const plan = planColumns(table.header, spec, request.mapping, { wave: request.wave }, file);
  const sha256 = await hashFile(file);
  const digest = optionsDigest(request);
  const outcome: ImportOutcome = {
    file,
    kind,
    status: request.dryRun ? 'dry_run' : 'stored',
    batch: null,
    sameAs: null,
    sha256,
    detected: table.detected,
    waves: [],
    rows: { read: 0, valid: 0, stored: 0, rejected: 0, skipped: 0, blank: 0 },
    reasons: [],
    issues: [],
    rejectsFile: null,
    ignoredColumns: plan.ignored,
    droppedColumns: plan.dropped,
    unusedRenames: plan.unusedRenames,
    unknownDistricts: [],
    replaced: null,
  };
  const batches = store ? new Batches(store) : null;
  if (batches && !request.replace) {
    const same = batches.findSame(kind, sha256, digest);
    if (same !== null) {
      await table.rows.return(undefined);
      return { ...outcome, status: request.dryRun ? 'dry_run' : 'unchanged', sameAs: same };
    }
  }

  const validator = new RowValidator(plan, spec, request.wave);
  const rejects = new RejectsWriter(rejectsPath(request.storePath, file, kind), table.header, table.detected.delimiter, plan.droppedIndexes);
  const pseudonyms = new Pseudonymiser(store ? store.secret() : Buffer.alloc(32));
  const reasons = new Map<string, ReasonCount>();
  const waves = new Set<string>();
  const districts = new Map<string, number>();
  const idColumn = kind === 'survey' ? 'respondent_id' : kind === 'keyfigures' ? 'interview_id' : null;

  const reject = (fields: string[], issues: RowIssue[]) => {
    outcome.rows.rejected++;
    const messages = issues.map((issue) => describeIssue(issue, t));
    for (const [i, issue] of issues.entries()) {
      const key = `${issue.code}\u0000${issue.column}`;
      const reason = reasons.get(key) ?? { code: issue.code, column: issue.column, count: 0 };
      reason.count++;
      reasons.set(key, reason);
      if (outcome.issues.length < ISSUES_KEPT) {
        outcome.issues.push({ file, line: issue.line, column: issue.column, code: issue.code, message: messages[i], value: issue.value });
      }
    }
    const first = issues[0];
    const column = first.column === null ? '' : first.columnNumber ? `${first.column} (${first.columnNumber})` : first.column;
    rejects.write(fields, first.line, column, messages.join('; '));
  };

  const run = async (write: boolean) => {
    const batchId = write && batches ? batches.create(kind, name, sha256, digest, TOOL_VERSION, request.now()) : -1;
    // One set of statements serves the duplicate lookups and, when writing, the inserts.
    const statements = store ? tableFor(kind, store) : null;
    const rowTable = write ? statements : null;
    const surveyItems = spec.columns.filter((c) => c.type === 'item' && plan.columns.some((p) => p.spec.name === c.name)).map((c) => c.name);
    const duplicates = kind === 'survey' ? surveyDuplicates(store, request.replace) : rowDuplicates(statements, request.replace, spec.duplicateKey);
    const writer = write && store && kind === 'survey' ? new SurveyWriter(store, batchId, surveyItems) : null;

    const keep = (entry: Entry, key: [number, number] | null) => {
      const row = entry.row!;
      const wave = (row.wave as string | undefined) ?? null;
      if (kind === 'keyfigures') row.interview_id = pseudonymText(key![0], key![1]);
      const earlier = duplicates.check(wave, row, entry.line, key);
      if (earlier) {
        const detail: Record<string, number> = earlier.batch !== undefined ? { batch: earlier.batch, line: earlier.line } : { line: earlier.line };
        const column = idColumn ?? (kind === 'monitor' ? 'indicator' : 'district');
        reject(entry.fields, [validator.issueAt(column, 'duplicate', entry.fields, entry.line, detail)]);
        return;
      }
      waves.add(wave ?? ALL_WAVES);
      if (typeof row.district === 'string') districts.set(row.district, (districts.get(row.district) ?? 0) + 1);
      outcome.rows.valid++;
      if (writer) {
        writer.add(wave!, {
          key: key!,
          line: entry.line,
          district: row.district as string,
          sex: row.sex as string | undefined,
          age: row.age as number | undefined,
          weight: row.weight as number | undefined,
          answers: row,
        });
      } else if (rowTable) {
        rowTable.insert(batchId, entry.line, wave, row);
      }
    };
    const settle = (entries: Entry[], keys: Uint32Array | null) => {
      let k = 0;
      for (const entry of entries) {
        if (entry.issues) reject(entry.fields, entry.issues);
        else {
          keep(entry, keys ? [keys[2 * k], keys[2 * k + 1]] : null);
          k++;
        }
      }
    };
    const idsOf = (entries: Entry[]) => entries.filter((entry) => entry.row).map((entry) => String(entry.row![idColumn!]));
    let pending: Entry[] = [];
    let inflight: { entries: Entry[]; keys: Promise<Uint32Array> } | null = null;
    const flush = async () => {
      const entries = pending;
      pending = [];
      if (inflight) {
        const previous = inflight;
        inflight = null;
        settle(previous.entries, await previous.keys);
      }
      if (!idColumn) settle(entries, null);
      else if (entries.length < BATCH_ROWS) settle(entries, pseudonyms.keysNow(idsOf(entries)));
      else {
        const keys = pseudonyms.keysLater(idsOf(entries));
        keys.catch(() => undefined); // awaited at the next flush; this only stops an early failure counting as unhandled
        inflight = { entries, keys };
      }
    };

    for await (const batch of table.rows) {
      for (const { line, fields } of batch) {
        outcome.rows.read++;
        if ((outcome.rows.read & 8191) === 0) request.onProgress?.(outcome.rows.read);
        if (validator.skipped(fields)) {
          outcome.rows.skipped++;
          continue;
        }
        const result = validator.validate(fields, line);
        pending.push(result.ok ? { line, fields, row: result.row, issues: null } : { line, fields, row: null, issues: result.issues });
        if (pending.length === BATCH_ROWS) await flush();
      }
    }
    await flush();
    if (inflight) {
      const last: { entries: Entry[]; keys: Promise<Uint32Array> } = inflight;
      settle(last.entries, await last.keys);
    }
    request.onProgress?.(outcome.rows.read);
    if (outcome.rows.read === 0) throw new InputError('input.no_rows', { location: { file, line: table.headerLine + 1 } });
    writer?.finish();
    outcome.rows.blank = table.blankRows();
    outcome.waves = [...waves].sort();
    if (request.strict && outcome.rows.rejected > 0) throw new StrictFailure();
    if (!write) throw new DryRunEnd();
    if (request.replace && batches) {
      outcome.replaced = batches.replaceWaves(kind, outcome.waves, batchId);
    }
    outcome.rows.stored = outcome.rows.valid;
    batches?.finish(batchId, outcome.waves, outcome.rows.read, outcome.rows.stored, outcome.rows.rejected, {
      encoding: table.detected.encoding,
      delimiter: table.detected.delimiter,
      skipped: outcome.rows.skipped,
      dropped_columns: plan.dropped,
      mapping: request.mapping?.source.file ?? null,
    });
    outcome.batch = batchId;
  };

  try {
    if (request.dryRun || !store) await run(false);
    else await store.transaction(() => run(true));
  } catch (error) {
    if (error instanceof StrictFailure) outcome.status = 'strict_failed';
    else if (!(error instanceof DryRunEnd)) {
      rejects.close();
      throw error;
    }
  } finally {
    outcome.rejectsFile = rejects.close();
    await pseudonyms.close();
  }
  outcome.reasons = [...reasons.values()].sort((a, b) => b.count - a.count || String(a.column).localeCompare(String(b.column)));
  if (store && (kind === 'survey' || kind === 'keyfigures' || kind === 'signals')) outcome.unknownDistricts = unknownDistricts(store, districts, outcome.waves);
  return outcome;
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
