// Survey respondents, column-wise in chunks: written while a file streams in, read back as typed arrays.
import type { Store } from './db.js';
import { StoreError } from '../errors.js';
import type { RowTarget, StoredKeys } from './write.js';
import { damagedStore, storedNames } from './failure.js';

export const CHUNK_ROWS = 65_536;
export const MISSING_CODE = -32768;
export const SEX_CODES = ['M', 'F', 'X'] as const;

/** A respondent as the import hands it over: answers are read by item name, codes or absent. */
export interface Respondent {
  readonly wave: string;
  readonly district: string;
  readonly sex?: string;
  readonly age?: number;
  readonly weight?: number;
  readonly [answer: string]: unknown;
}

/** A respondent's pseudonym: the first 64 bits of the keyed hash of its id. */
export interface RespondentKey {
  readonly hi: number;
  readonly lo: number;
}

/** One growing chunk of one wave. */
class ChunkBuilder {
  rows = 0;
  readonly keys = new Uint32Array(CHUNK_ROWS * 2);
  readonly districts = new Uint32Array(CHUNK_ROWS);
  readonly sex = new Int8Array(CHUNK_ROWS);
  readonly age = new Int16Array(CHUNK_ROWS);
  readonly weight = new Float64Array(CHUNK_ROWS);
  readonly items: Int16Array[];
  readonly districtNames: string[] = [];
  private readonly districtCodes = new Map<string, number>();
  hasWeight = false;

  constructor(itemCount: number) {
    this.items = Array.from({ length: itemCount }, () => new Int16Array(CHUNK_ROWS));
  }

  /** Empties the chunk for its next rows: add() writes every column of each row, so the arrays are reused as they are. */
  reset(): void {
    this.rows = 0;
    this.districtNames.length = 0;
    this.districtCodes.clear();
    this.hasWeight = false;
  }

  districtCode(name: string): number {
    let code = this.districtCodes.get(name);
    if (code === undefined) {
      code = this.districtNames.length;
      this.districtNames.push(name);
      this.districtCodes.set(name, code);
    }
    return code;
  }
}

function bytes(array: ArrayBufferView, count: number, width: number): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, count * width);
}

/** Streams validated respondents into chunks of the store, inside the caller's transaction. */
export class SurveyWriter {
  private readonly builders = new Map<string, ChunkBuilder>();
  private readonly chunkNumbers = new Map<string, number>();

  constructor(
    private readonly target: Pick<RowTarget, 'surveyChunk' | 'surveyColumn'>,
    private readonly batchId: number,
    private readonly items: string[],
  ) {}

  add(row: Respondent, key: RespondentKey): void {
    const wave = row.wave;
    let builder = this.builders.get(wave);
    if (!builder) {
      builder = new ChunkBuilder(this.items.length);
      this.builders.set(wave, builder);
    }
    const i = builder.rows;
    builder.keys[2 * i] = key.hi;
    builder.keys[2 * i + 1] = key.lo;
    builder.districts[i] = builder.districtCode(row.district);
    builder.sex[i] = row.sex === undefined ? -1 : SEX_CODES.indexOf(row.sex as 'M');
    builder.age[i] = row.age === undefined ? -1 : row.age;
    if (row.weight !== undefined) builder.hasWeight = true;
    builder.weight[i] = row.weight ?? NaN;
    for (let k = 0; k < this.items.length; k++) {
      const value = row[this.items[k]];
      builder.items[k][i] = typeof value === 'number' ? value : MISSING_CODE;
    }
    builder.rows++;
    if (builder.rows === CHUNK_ROWS) this.flushWave(wave, builder);
  }

  finish(): void {
    for (const [wave, builder] of this.builders) if (builder.rows > 0) this.flushWave(wave, builder);
  }

  /**
   * Writes a chunk with its respondents sorted by their answers (byContent), every column permuted alike, and its
   * district names listed in the order they first occur in that sorted order: the stored order says nothing about
   * the export's row order (which, with sequential ids, would give each pseudonym's id and link each row to its
   * export line), and sums over respondents come out to the bit whatever the store's key.
   */
  private flushWave(wave: string, builder: ChunkBuilder): void {
    const chunk = this.chunkNumbers.get(wave) ?? 0;
    this.chunkNumbers.set(wave, chunk + 1);
    const n = builder.rows;
    const order = byContent(builder, n);
    const keys = new Uint32Array(n * 2);
    for (let i = 0; i < n; i++) {
      keys[2 * i] = builder.keys[2 * order[i]];
      keys[2 * i + 1] = builder.keys[2 * order[i] + 1];
    }
    const districtNames: string[] = [];
    const recode = new Int32Array(builder.districtNames.length).fill(-1);
    const districts = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const code = builder.districts[order[i]];
      if (recode[code] < 0) {
        recode[code] = districtNames.length;
        districtNames.push(builder.districtNames[code]);
      }
      districts[i] = recode[code];
    }
    this.target.surveyChunk(this.batchId, wave, chunk, n, JSON.stringify(districtNames), JSON.stringify(this.items));
    const column = (name: string, data: Buffer) => this.target.surveyColumn(this.batchId, wave, chunk, name, data);
    column('key', bytes(keys, n * 2, 4));
    column('district', bytes(districts, n, 4));
    column('sex', bytes(permuted(builder.sex, order, new Int8Array(n)), n, 1));
    column('age', bytes(permuted(builder.age, order, new Int16Array(n)), n, 2));
    if (builder.hasWeight) column('weight', bytes(permuted(builder.weight, order, new Float64Array(n)), n, 8));
    this.items.forEach((item, k) => {
      column(`item:${item}`, bytes(permuted(builder.items[k], order, new Int16Array(n)), n, 2));
    });
    builder.reset();
  }
}

/**
 * The chunk's first `n` respondents' positions ordered by what is stored of them: district (by name), sex, age,
 * weight (missing first), the answers in the file's item order, and last the pseudonym (hi, then lo). Not by
 * pseudonym first: its key differs per store, and a wave's sums taken in another order differ in their last bits,
 * so two stores of the same files would print different figures. Respondents alike in everything but the
 * pseudonym add the same to every sum, so their order never shows.
 */
function byContent(chunk: ChunkBuilder, n: number): Uint32Array {
  const names = chunk.districtNames;
  const rankOf = new Uint32Array(names.length);
  names
    .map((_, code) => code)
    .sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0))
    .forEach((code, rank) => {
      rankOf[code] = rank;
    });
  // district rank with sex (below 2^18) and age (below 2^16), by stable counting sorts of 16-bit digits, lowest
  // first: respondents alike in them stay in row order, and no comparison is made (a comparison sort took 3% of an import)
  const age = new Uint16Array(n);
  const group = new Uint32Array(n);
  const low = new Uint16Array(n);
  let wide = false;
  for (let i = 0; i < n; i++) {
    age[i] = chunk.age[i] + 32768;
    group[i] = rankOf[chunk.districts[i]] * 4 + chunk.sex[i] + 1;
    low[i] = group[i] & 0xffff;
    if (group[i] > 0xffff) wide = true;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const count = new Uint32Array(65537);
  const digits = wide ? [age, low, Uint16Array.from(group, (value) => value >>> 16)] : [age, low];
  for (const digit of digits) {
    countingPass(order, spare, digit, count);
    [order, spare] = [spare, order];
  }
  // respondents of one district, sex and age (a few each) are then ordered by weight, answers and pseudonym
  const { weight, items, keys } = chunk;
  const rest = (a: number, b: number) => {
    const wa = weight[a];
    const wb = weight[b];
    if (wa !== wb && !(Number.isNaN(wa) && Number.isNaN(wb))) return Number.isNaN(wa) ? -1 : Number.isNaN(wb) ? 1 : wa - wb;
    for (const item of items) if (item[a] !== item[b]) return item[a] - item[b];
    return keys[2 * a] - keys[2 * b] || keys[2 * a + 1] - keys[2 * b + 1];
  };
  let from = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && group[order[i]] === group[order[from]] && age[order[i]] === age[order[from]]) continue;
    if (i - from > 1) order.subarray(from, i).sort(rest);
    from = i;
  }
  return order;
}

/** One stable counting sort of `order` into `into` by a 16-bit digit of each row. */
function countingPass(order: Uint32Array, into: Uint32Array, digit: Uint16Array, count: Uint32Array): void {
  count.fill(0);
  for (let k = 0; k < order.length; k++) count[digit[order[k]] + 1]++;
  for (let d = 1; d < count.length; d++) count[d] += count[d - 1];
  for (let k = 0; k < order.length; k++) into[count[digit[order[k]]]++] = order[k];
}

/** A column's values in the given order (as many as the order has), written into `out`. */
function permuted<T extends Int8Array | Int16Array | Float64Array>(values: T, order: Uint32Array, out: T): T {
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

/** One stored chunk of a wave, as both stores keep it (src/store/pg/reader.ts reads the same columns). */
export interface ChunkRow {
  batch_id: number;
  wave: string;
  chunk: number;
  rows: number;
  districts: string;
  items: string;
}

/** One stored column of a chunk: its bytes, or undefined where the chunk has no such column. */
export type ColumnOf = (chunk: ChunkRow, name: string) => unknown;
/** The names of the columns a chunk holds. */
export type ColumnNamesOf = (chunk: ChunkRow) => readonly string[];

/** A survey batch and the waves it lists (`batches.waves`): each of them has its respondents in survey_chunks. */
export interface SurveyBatchWaves {
  id: number;
  waves: string;
}

/** The survey batches that list `wave` among their waves. */
export function listingBatches(storeName: string, batches: readonly SurveyBatchWaves[], wave: string): number[] {
  return batches.filter((batch) => storedNames(storeName, `batch ${batch.id}, waves`, batch.waves).includes(wave)).map((batch) => batch.id);
}

/**
 * A chunk holds at most CHUNK_ROWS respondents: any other count is a damaged store, not a size to allocate. A
 * batch's chunks of a wave are numbered from 0 without a gap, and a batch that lists the wave (`listing`) has
 * some: chunks deleted outside safety-scan are a damaged store, never a wave that silently lost respondents.
 */
export function checkedChunks(storeName: string, chunks: ChunkRow[], wave: string, listing: readonly number[]): ChunkRow[] {
  const damaged = chunks.find((chunk) => !Number.isInteger(chunk.rows) || chunk.rows < 1 || chunk.rows > CHUNK_ROWS);
  if (damaged) throw damagedStore(storeName, `batch ${damaged.batch_id}, wave ${damaged.wave}, chunk ${damaged.chunk}`);
  const numbers = new Map<number, number[]>();
  for (const chunk of chunks) numbers.set(chunk.batch_id, [...(numbers.get(chunk.batch_id) ?? []), chunk.chunk]);
  for (const batch of listing) if (!numbers.has(batch)) throw damagedStore(storeName, `batch ${batch}, wave ${wave}, no respondents in survey_chunks`);
  for (const [batch, held] of numbers) {
    const gap = held.findIndex((number, index) => number !== index);
    if (gap >= 0) throw damagedStore(storeName, `batch ${batch}, wave ${wave}, chunk ${gap} missing`);
  }
  return chunks;
}

/** The survey batches with the waves they list, to check a wave's chunks against. */
function surveyBatches(store: Store): SurveyBatchWaves[] {
  return store.db.prepare("SELECT id, waves FROM batches WHERE kind = 'survey' ORDER BY id").all() as SurveyBatchWaves[];
}

/** A wave's chunks ordered by their file's content hash, so the order files were imported in never matters. */
function chunksOf(store: Store, wave: string): ChunkRow[] {
  const chunks = store.db
    .prepare(
      `SELECT c.batch_id, c.wave, c.chunk, c.rows, c.districts, c.items FROM survey_chunks c JOIN batches b ON b.id = c.batch_id
       WHERE c.wave = ? ORDER BY b.sha256, c.batch_id, c.chunk`,
    )
    .all(wave) as ChunkRow[];
  return checkedChunks(store.path, chunks, wave, listingBatches(store.path, surveyBatches(store), wave));
}

/** Reads one column of a chunk from the SQLite store, a statement prepared once. */
function sqliteColumns(store: Store): ColumnOf {
  const select = store.db.prepare('SELECT data FROM survey_columns WHERE batch_id = ? AND wave = ? AND chunk = ? AND name = ?').pluck();
  return (chunk, name) => select.get(chunk.batch_id, chunk.wave, chunk.chunk, name);
}

function sqliteColumnNames(store: Store): ColumnNamesOf {
  const select = store.db.prepare('SELECT name FROM survey_columns WHERE batch_id = ? AND wave = ? AND chunk = ?').pluck();
  return (chunk) => select.all(chunk.batch_id, chunk.wave, chunk.chunk) as string[];
}

/**
 * Copies one stored column of every chunk into one typed array (byte-wise, so alignment never matters). A chunk
 * without the column gets `fill` where it may lack it (`optional`, by default every chunk), else the store is damaged.
 */
function gather<T extends Int8Array | Int16Array | Uint32Array | Float64Array>(
  storeName: string,
  column: ColumnOf,
  chunks: ChunkRow[],
  name: string,
  target: T,
  perRow: number,
  fill?: number,
  optional: (chunk: number) => boolean = () => fill !== undefined,
): T {
  const view = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
  let offset = 0;
  chunks.forEach((chunk, index) => {
    const data = column(chunk, name);
    const width = target.BYTES_PER_ELEMENT * perRow;
    if (data !== undefined && !(Buffer.isBuffer(data) && data.length === chunk.rows * width)) {
      throw damagedStore(storeName, `batch ${chunk.batch_id}, wave ${chunk.wave}, column ${name}`);
    }
    if (data === undefined && (fill === undefined || !optional(index))) {
      throw new StoreError('store.damaged_column', { store: storeName, column: name, batch: chunk.batch_id, wave: chunk.wave, chunk: chunk.chunk });
    }
    if (data) view.set(data, offset * width);
    else if (fill !== undefined) target.fill(fill as never, offset * perRow, (offset + chunk.rows) * perRow);
    offset += chunk.rows;
  });
  return target;
}

/** Answer codes per item of the codebook: stored codes off an item's scale are refused on reading. */
export type ItemScales = ReadonlyMap<string, readonly number[]>;

/** The largest age an import stores (the survey kind's bound; docs/methods.md section 19). */
const MAX_AGE = 120;

/** The codes an Int8 or Int16 column may hold, as a table indexed by code + 32768 (one lookup per respondent). */
function codeTable(codes: Iterable<number>): Uint8Array {
  const table = new Uint8Array(65536);
  for (const code of codes) if (Number.isInteger(code) && code >= -32768 && code <= 32767) table[code + 32768] = 1;
  return table;
}

/** The first respondent whose code the table does not allow, or -1. */
function firstOutside(values: Int8Array | Int16Array, allowed: Uint8Array): number {
  for (let i = 0; i < values.length; i++) if (allowed[values[i] + 32768] === 0) return i;
  return -1;
}

/** The first weight that is neither missing (NaN) nor a positive finite number, or -1. */
function firstBadWeight(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isNaN(value) && !(value > 0 && value < Number.POSITIVE_INFINITY)) return i;
  }
  return -1;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const SEX_TABLE = codeTable(range(-1, SEX_CODES.length - 1));
const AGE_TABLE = codeTable(range(-1, MAX_AGE));

/**
 * Every stored code is one an import writes (sex -1..2, age -1..120, weights positive or absent, answers on
 * their item's scale); anything else is a damaged store (exit 5), never a crash, a NaN or a silently wrong
 * figure. The first bad value is named with its column, batch and wave. One table lookup per value.
 */
function checkCodes(storeName: string, chunks: ChunkRow[], wave: SurveyWave, scales: ItemScales): void {
  const chunkOf = (index: number): ChunkRow => {
    let offset = 0;
    for (const chunk of chunks) {
      if (index < offset + chunk.rows) return chunk;
      offset += chunk.rows;
    }
    return chunks[chunks.length - 1];
  };
  const fail = (key: 'store.damaged_code' | 'store.damaged_answer', column: string, value: number, index: number, allowed: string) => {
    const chunk = chunkOf(index);
    return new StoreError(key, { store: storeName, column, value: String(value), batch: chunk.batch_id, wave: chunk.wave, allowed });
  };
  const sex = firstOutside(wave.sex, SEX_TABLE);
  if (sex >= 0) throw fail('store.damaged_code', 'sex', wave.sex[sex], sex, `-1..${SEX_CODES.length - 1}`);
  const age = firstOutside(wave.age, AGE_TABLE);
  if (age >= 0) throw fail('store.damaged_code', 'age', wave.age[age], age, `-1..${MAX_AGE}`);
  if (wave.weight) {
    const weight = firstBadWeight(wave.weight);
    if (weight >= 0) {
      const chunk = chunkOf(weight);
      throw new StoreError('store.damaged_weight', { store: storeName, value: String(wave.weight[weight]), batch: chunk.batch_id, wave: chunk.wave });
    }
  }
  for (const [item, codes] of wave.items) {
    const scale = scales.get(item);
    if (!scale) continue; // an item the codebook no longer has is never read
    const off = firstOutside(codes, codeTable([MISSING_CODE, ...scale]));
    if (off >= 0) throw fail('store.damaged_answer', item, codes[off], off, scale.join(', '));
  }
}

/** Pseudonyms and batches of a wave's stored respondents, for duplicate checks. */
export function storedSurveyKeys(store: Store, wave: string): StoredKeys {
  const chunks = chunksOf(store, wave);
  const n = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
  const batches = new Int32Array(n);
  let offset = 0;
  for (const chunk of chunks) {
    batches.fill(chunk.batch_id, offset, offset + chunk.rows);
    offset += chunk.rows;
  }
  return {
    keys: gather(store.path, sqliteColumns(store), chunks, 'key', new Uint32Array(n * 2), 2),
    batches,
    store: store.path,
  };
}

export interface SurveyWave {
  wave: string;
  n: number;
  districts: string[];
  /** Index into `districts` per respondent. */
  district: Int32Array;
  /** 0 = M, 1 = F, 2 = X, -1 missing. */
  sex: Int8Array;
  /** Age in years, -1 missing. */
  age: Int16Array;
  /** A supplied weight column, or null. */
  weight: Float64Array | null;
  /** Answer codes per item, MISSING_CODE where not answered (or not asked in that file). */
  items: Map<string, Int16Array>;
}

/** Loads one wave column-wise: a few blob reads, whatever the number of respondents; its codes are checked. */
export function loadSurveyWave(store: Store, wave: string, scales: ItemScales = new Map()): SurveyWave {
  const hasWeight = (store.db
    .prepare("SELECT COUNT(*) FROM survey_columns WHERE wave = ? AND name = 'weight'")
    .pluck()
    .get(wave) as number) > 0;
  return assembleWave(store.path, wave, chunksOf(store, wave), sqliteColumns(store), sqliteColumnNames(store), hasWeight, scales);
}

/**
 * One wave's respondents from its chunks (in the order read) and their columns, whichever store holds them:
 * district names made one list across chunks, items the union of the chunks' items (missing where not asked),
 * every code checked against what an import writes and the items' scales.
 */
export function assembleWave(storeName: string, wave: string, chunks: ChunkRow[], column: ColumnOf, columnNames: ColumnNamesOf, hasWeight: boolean, scales: ItemScales = new Map()): SurveyWave {
  const n = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
  const districts: string[] = [];
  const codes = new Map<string, number>();
  const district = new Int32Array(n);
  const local = gather(storeName, column, chunks, 'district', new Uint32Array(n), 1);
  let offset = 0;
  const itemNames = new Set<string>();
  const chunkItems: Set<string>[] = [];
  for (const chunk of chunks) {
    const where = `batch ${chunk.batch_id}, wave ${chunk.wave}`;
    const names = storedNames(storeName, where, chunk.districts);
    const remap = names.map((name) => {
      let code = codes.get(name);
      if (code === undefined) {
        code = districts.length;
        districts.push(name);
        codes.set(name, code);
      }
      return code;
    });
    for (let i = offset; i < offset + chunk.rows; i++) {
      if (local[i] >= remap.length) throw damagedStore(storeName, where);
      district[i] = remap[local[i]];
    }
    const stored = storedNames(storeName, where, chunk.items);
    for (const item of stored) itemNames.add(item);
    const listed = new Set(stored);
    // an answer column its chunk does not list would be read as not asked: every answer silently missing (r10, F1)
    const unlisted = columnNames(chunk).find((name) => name.startsWith('item:') && !listed.has(name.slice(5)));
    if (unlisted !== undefined) throw damagedStore(storeName, `${where}, column ${unlisted} not in survey_chunks.items`);
    chunkItems.push(listed);
    offset += chunk.rows;
  }
  const items = new Map<string, Int16Array>();
  for (const item of [...itemNames].sort()) {
    // a chunk lacks the column of an item its file did not have; one it lists is always written
    items.set(item, gather(storeName, column, chunks, `item:${item}`, new Int16Array(n), 1, MISSING_CODE, (index) => !chunkItems[index].has(item)));
  }
  const loaded: SurveyWave = {
    wave,
    n,
    districts,
    district,
    sex: gather(storeName, column, chunks, 'sex', new Int8Array(n), 1),
    age: gather(storeName, column, chunks, 'age', new Int16Array(n), 1),
    weight: hasWeight ? gather(storeName, column, chunks, 'weight', new Float64Array(n), 1, NaN) : null,
    items,
  };
  checkCodes(storeName, chunks, loaded, scales);
  return loaded;
}

/** The survey waves: those with respondents, and those a batch lists (whose respondents are then checked to be there). */
export function knownSurveyWaves(storeName: string, withChunks: readonly string[], batches: readonly SurveyBatchWaves[]): string[] {
  const waves = new Set(withChunks);
  for (const batch of batches) for (const wave of storedNames(storeName, `batch ${batch.id}, waves`, batch.waves)) waves.add(wave);
  return [...waves].sort();
}

export function surveyWaves(store: Store): string[] {
  return knownSurveyWaves(store.path, store.db.prepare('SELECT DISTINCT wave FROM survey_chunks ORDER BY wave').pluck().all() as string[], surveyBatches(store));
}
