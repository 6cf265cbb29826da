// Validated rows wait here, in file order, until their ids are pseudonymised: a full batch is hashed on the
// worker thread while the next one is parsed, a short one (the last, or a small file) right here.
import type { RowIssue } from './issues.js';
import type { Pseudonym } from './kinds/handler.js';
import type { Pseudonymiser } from './privacy.js';
import { refused } from './validate.js';

export const BATCH_ROWS = 1024;

/** Where rows go once their batch is hashed, one call per row in file order. */
export interface SettledRows<R> {
  refused(fields: string[], issues: RowIssue[]): void;
  /** `pseudonym` is null for kinds without identity, and is only valid during the call. */
  valid(row: R, line: number, fields: string[], pseudonym: Pseudonym | null): void;
}

/** One batch in parallel arrays: no object per row. */
class RowBatch<R> {
  readonly lines: number[] = [];
  readonly fields: string[][] = [];
  readonly results: Array<R | RowIssue[]> = [];
}

export class PseudonymQueue<R> {
  private pending = new RowBatch<R>();
  private inflight: { batch: RowBatch<R>; keys: Promise<Uint32Array> } | null = null;
  private readonly pseudonym: Pseudonym = { hi: 0, lo: 0 };

  /** `idOf` is null for kinds whose rows name no person: they are handed on unhashed. */
  constructor(
    private readonly pseudonyms: Pseudonymiser,
    private readonly idOf: ((row: R) => string) | null,
    private readonly out: SettledRows<R>,
  ) {}

  /** Queues a validated row (or its issues); true when the batch is full and `flush()` must be awaited. */
  add(line: number, fields: string[], result: R | RowIssue[]): boolean {
    const batch = this.pending;
    batch.lines.push(line);
    batch.fields.push(fields);
    batch.results.push(result);
    return batch.lines.length === BATCH_ROWS;
  }

  /** Hands on the batch hashed before once its keys are ready, and starts on the queued one. */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new RowBatch();
    if (this.inflight) {
      const previous = this.inflight;
      this.inflight = null;
      this.settle(previous.batch, await previous.keys);
    }
    if (!this.idOf) this.settle(batch, null);
    else if (batch.lines.length < BATCH_ROWS) this.settle(batch, this.pseudonyms.keysNow(this.ids(batch, this.idOf)));
    else {
      const keys = this.pseudonyms.keysLater(this.ids(batch, this.idOf));
      keys.catch(() => undefined); // awaited at the next flush; this only stops an early failure counting as unhandled
      this.inflight = { batch, keys };
    }
  }

  /** Hands on every row still queued. */
  async end(): Promise<void> {
    await this.flush();
    if (this.inflight) {
      const last = this.inflight;
      this.inflight = null;
      this.settle(last.batch, await last.keys);
    }
  }

  private ids(batch: RowBatch<R>, idOf: (row: R) => string): string[] {
    const ids: string[] = [];
    for (const result of batch.results) if (!refused(result)) ids.push(idOf(result));
    return ids;
  }

  private settle(batch: RowBatch<R>, keys: Uint32Array | null): void {
    const pseudonym = keys ? this.pseudonym : null;
    let k = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const result = batch.results[i];
      if (refused(result)) {
        this.out.refused(batch.fields[i], result);
        continue;
      }
      if (keys) {
        this.pseudonym.hi = keys[2 * k];
        this.pseudonym.lo = keys[2 * k + 1];
        k++;
      }
      this.out.valid(result, batch.lines[i], batch.fields[i], pseudonym);
    }
  }
}
