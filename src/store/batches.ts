// Batches: one per imported file, with its provenance; what `status` shows and `forget` removes.
import { KINDS, type Kind } from '../ingest/kinds/kind.js';
import type { Store } from './db.js';
import { damagedStore, storedCount, storedNames, storedObject } from './failure.js';
import { oneLine } from '../render/terminal.js';
import { keyedDigest } from './key.js';
import { storedFileName } from '../ingest/privacy.js';

/** Rows per kind and wave, as `status` and the report's methods appendix show them. */
export type RowCounts = Record<string, Record<string, number>>;

export interface BatchRecord {
  id: number;
  kind: Kind;
  file: string;
  sha256: string;
  waves: string[];
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** Rows of this batch still in the store (fewer after a later --replace). */
  rowsNow: number;
  toolVersion: string;
  importedAt: string;
  details: Record<string, unknown>;
}

/** Where each kind keeps its rows, and how to count them per batch and wave. */
export const ROWS: Record<Kind, { table: string; count: string; nullableWave: boolean }> = {
  survey: { table: 'survey_chunks', count: 'SUM(rows)', nullableWave: false },
  keyfigures: { table: 'keyfigures', count: 'COUNT(*)', nullableWave: false },
  monitor: { table: 'monitor', count: 'COUNT(*)', nullableWave: false },
  population: { table: 'population', count: 'COUNT(*)', nullableWave: true },
  signals: { table: 'signals', count: 'COUNT(*)', nullableWave: false },
};

/** A batch as both stores keep it. */
export interface BatchRow {
  id: number;
  kind: Kind;
  file_name: string;
  sha256: string;
  waves: string;
  rows_read: number;
  rows_stored: number;
  rows_rejected: number;
  tool_version: string;
  imported_at: string;
  details: string;
}

export const ALL_WAVES = '*';

/** The kinds whose rows carry a pseudonym, and so whose batches' digests are keyed. */
export const PSEUDONYMISED_KINDS: readonly Kind[] = ['survey', 'keyfigures'];

/** A batch's file digest and details with their plain digests keyed, both stores alike. */
export function keyedBatch(key: Buffer, sha256: string, details: Record<string, unknown>): [string, string] {
  const content = typeof details.content_sha256 === 'string' ? { content_sha256: keyedDigest(key, details.content_sha256) } : {};
  return [keyedDigest(key, sha256), JSON.stringify({ ...details, ...content, digests: 'keyed' })];
}

export class Batches {
  constructor(private readonly store: Store) {}

  findSame(kind: Kind, digests: readonly string[], optionsDigest: string): number | null {
    const id = this.store.db
      .prepare(`SELECT id FROM batches WHERE kind = ? AND sha256 IN (${digests.map(() => '?').join(', ')}) AND options_digest = ? ORDER BY id LIMIT 1`)
      .pluck()
      .get(kind, ...digests, optionsDigest) as number | undefined;
    return id ?? null;
  }

  /**
   * Keys the plain digests (file and content) of the batches of pseudonymised kinds (`keyedDigest`); returns how
   * many batches changed. A batch marks its digests keyed in its details (`digests: "keyed"`).
   */
  keyDigests(key: Buffer): number {
    const plain = this.store.db
      .prepare(`SELECT id, sha256, details FROM batches WHERE kind IN (${PSEUDONYMISED_KINDS.map(() => '?').join(', ')}) AND COALESCE(json_extract(details, '$.digests'), '') <> 'keyed'`)
      .all(...PSEUDONYMISED_KINDS) as Array<{ id: number; sha256: string; details: string }>;
    const update = this.store.db.prepare('UPDATE batches SET sha256 = ?, details = ? WHERE id = ?');
    this.store.db.transaction(() => {
      for (const batch of plain) update.run(...keyedBatch(key, batch.sha256, storedObject(this.store.path, `batches.details of batch ${batch.id}`, batch.details)), batch.id);
    })();
    return plain.length;
  }

  /**
   * A new batch, numbered after every batch this store ever held: the highest number given is kept in `meta`, so the
   * number of a forgotten batch is never given again (adversarial run r25, F4: a retried `forget 1` removed the next
   * import). PostgreSQL's sequence never gives a number twice either.
   */
  create(kind: Kind, file: string, sha256: string, optionsDigest: string, toolVersion: string, importedAt: string): number {
    const given = Number(this.store.meta('last_batch_id') ?? 0);
    const highest = Number(this.store.db.prepare('SELECT COALESCE(MAX(id), 0) FROM batches').pluck().get());
    const id = Math.max(Number.isSafeInteger(given) ? given : 0, highest) + 1;
    this.store.db
      .prepare(
        `INSERT INTO batches (id, kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
         VALUES (?, ?, ?, ?, ?, '[]', 0, 0, 0, ?, ?, '{}')`,
      )
      .run(id, kind, file, sha256, optionsDigest, toolVersion, importedAt);
    this.store.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_batch_id', ?)").run(String(id));
    return id;
  }

  finish(id: number, waves: string[], read: number, stored: number, rejected: number, details: Record<string, unknown>): void {
    this.store.db
      .prepare('UPDATE batches SET waves = ?, rows_read = ?, rows_stored = ?, rows_rejected = ?, details = ? WHERE id = ?')
      .run(JSON.stringify(waves), read, stored, rejected, JSON.stringify(details), id);
  }

  /**
   * Removes rows of `kind` for these waves held by other batches (for --replace); returns rows and batches removed.
   * `upTo`: only batches up to this id (those stored before the command, whose files together replace their waves).
   */
  replaceWaves(kind: Kind, waves: string[], keepBatch: number, upTo: number | null = null): { rows: number; batches: number[] } {
    const spec = ROWS[kind];
    const before = upTo === null ? '' : ' AND id <= ?';
    const bound = upTo === null ? [] : [upTo];
    let rows = 0;
    for (const wave of waves) {
      const where = wave === ALL_WAVES && spec.nullableWave ? 'wave IS NULL' : 'wave = ?';
      const params = wave === ALL_WAVES && spec.nullableWave ? [] : [wave];
      const inKind = `batch_id IN (SELECT id FROM batches WHERE kind = ? AND id != ?${before})`;
      rows += (this.store.db.prepare(`SELECT COALESCE(${spec.count}, 0) FROM ${spec.table} WHERE ${where} AND ${inKind}`).pluck().get(...params, kind, keepBatch, ...bound) as number);
      this.store.db.prepare(`DELETE FROM ${spec.table} WHERE ${where} AND ${inKind}`).run(...params, kind, keepBatch, ...bound);
    }
    return { rows, batches: this.prune(kind, keepBatch, before, bound) };
  }

  /** Batches of `kind` left without rows are removed; the others get their remaining waves. */
  private prune(kind: Kind, keepBatch: number, before: string, bound: number[]): number[] {
    const spec = ROWS[kind];
    const removed: number[] = [];
    const ids = this.store.db.prepare(`SELECT id FROM batches WHERE kind = ? AND id != ?${before}`).pluck().all(kind, keepBatch, ...bound) as number[];
    for (const id of ids) {
      const waves = this.store.db
        .prepare(`SELECT DISTINCT COALESCE(wave, '${ALL_WAVES}') FROM ${spec.table} WHERE batch_id = ? ORDER BY 1`)
        .pluck()
        .all(id) as string[];
      if (waves.length === 0) {
        this.store.db.prepare('DELETE FROM batches WHERE id = ?').run(id);
        removed.push(id);
      } else {
        this.store.db.prepare('UPDATE batches SET waves = ? WHERE id = ?').run(JSON.stringify(waves), id);
      }
    }
    return removed;
  }

  forget(id: number): boolean {
    return this.store.db.prepare('DELETE FROM batches WHERE id = ?').run(id).changes > 0;
  }

  rowsOf(kind: Kind, id: number): number {
    const spec = ROWS[kind];
    return (this.store.db.prepare(`SELECT COALESCE(${spec.count}, 0) FROM ${spec.table} WHERE batch_id = ?`).pluck().get(id) as number) ?? 0;
  }

  list(): BatchRecord[] {
    const rows = this.store.db.prepare('SELECT * FROM batches ORDER BY id').all() as BatchRow[];
    for (const row of rows) checkedKind(this.store.path, row);
    return rows.map((row) => batchRecord(this.store.path, row, this.rowsOf(row.kind, row.id)));
  }

  /** Rows per kind and wave (population without a wave counts under "*"). */
  counts(): Record<Kind, Record<string, number>> {
    const counts = {} as Record<Kind, Record<string, number>>;
    for (const kind of KINDS) {
      const spec = ROWS[kind];
      const rows = this.store.db
        .prepare(`SELECT COALESCE(wave, '${ALL_WAVES}') AS wave, ${spec.count} AS n FROM ${spec.table} GROUP BY 1 ORDER BY 1`)
        .all() as { wave: string; n: number }[];
      counts[kind] = Object.fromEntries(rows.map((row) => [row.wave, row.n]));
    }
    return counts;
  }
}

/** A batch of a kind no version of safety-scan writes is a damaged store. */
export function checkedKind(storeName: string, row: BatchRow): BatchRow {
  if (!Object.hasOwn(ROWS, row.kind)) throw damagedStore(storeName, `batch ${row.id}`);
  return row;
}

/** A stored batch as status and the report show it, with the rows it still has. */
export function batchRecord(storeName: string, row: BatchRow, rowsNow: number): BatchRecord {
  const where = `batch ${row.id}`;
  return {
    id: row.id,
    kind: row.kind,
    // a name stored by an earlier version may hold a line break (it would start a line of its own in `status`) or an identifier
    file: oneLine(storedFileName(row.file_name)),
    sha256: row.sha256,
    waves: storedNames(storeName, where, row.waves),
    rowsRead: storedCount(storeName, `${where}, rows_read`, row.rows_read),
    rowsStored: storedCount(storeName, `${where}, rows_stored`, row.rows_stored),
    rowsRejected: storedCount(storeName, `${where}, rows_rejected`, row.rows_rejected),
    rowsNow,
    toolVersion: row.tool_version,
    importedAt: row.imported_at,
    details: storedObject(storeName, where, row.details),
  };
}
